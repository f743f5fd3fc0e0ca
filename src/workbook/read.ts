// Opening a workbook: check what the file is, load it with exceljs, find its indicator tables.
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { RunError } from '../errors.js';
import type { RawTable } from '../model.js';
import { findTable } from './find-table.js';
import { gridOf } from './grid.js';

/** A loaded workbook and the tables found in it; the writer adds to the same workbook. */
export interface OpenedWorkbook {
  path: string;
  tables: RawTable[];
  /** The exceljs workbook, for the writer only. */
  workbook: ExcelJS.Workbook;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const OLD_FORMATS = new Set(['.xls', '.et', '.csv', '.ods', '.wps', '.xlsb']);

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RunError((ui) => ui.notFound(path));
    if (code === 'EISDIR') throw new RunError((ui) => ui.isDirectory(path));
    if (code === 'EACCES' || code === 'EPERM') throw new RunError((ui) => ui.noPermission(path));
    throw new RunError((ui) => ui.unreadableFile(path, code ?? String(err)));
  }
}

/** Reads a workbook and finds its indicator tables; a RunError (exit code 2) for anything else. */
export async function openWorkbook(path: string): Promise<OpenedWorkbook> {
  const bytes = await readBytes(path);
  const ext = extname(path).toLowerCase();
  if (!bytes.subarray(0, 4).equals(ZIP)) {
    if (bytes.subarray(0, 4).equals(OLE) || OLD_FORMATS.has(ext)) throw new RunError((ui) => ui.oldFormat(path, OLD_FORMATS.has(ext) ? ext : '.xls'));
    throw new RunError((ui) => ui.notXlsx(path));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new RunError((ui) => ui.damaged(path));
  }
  // exceljs opens any zip (a renamed .docx, an archive) as a workbook without sheets.
  if (workbook.worksheets.length === 0) throw new RunError((ui) => ui.notXlsx(path));
  const tables: RawTable[] = [];
  workbook.eachSheet((ws) => {
    const table = findTable(gridOf(ws));
    if (table) tables.push(table);
  });
  if (tables.length === 0) throw new RunError((ui) => ui.noTable(path));
  return { path, tables, workbook };
}
