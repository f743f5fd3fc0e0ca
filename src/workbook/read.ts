// Opening a workbook: check what the file is, read its package (src/ooxml) and the values of its
// sheets (values.ts), check every other part of it, find its indicator tables. The writer makes the
// scored copy from the same package (write.ts).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { RunError } from '../errors.js';
import type { CellText, RawTable, SheetRead } from '../model.js';
import { PackageError } from '../ooxml/errors.js';
import { Package } from '../ooxml/package.js';
import { CELL_PART_TYPES, NotSpreadsheet, type WorkbookInfo } from '../ooxml/spreadsheet.js';
import { findTable } from './find-table.js';
import { readWorkbook, type WorkbookValues } from './values.js';

/** A read workbook and the tables found in it; the writer makes its copy from the same package. */
export interface OpenedWorkbook {
  path: string;
  tables: RawTable[];
  /** Every worksheet, in workbook order. */
  sheets: SheetRead[];
  /** The package as read, where the workbook's parts are in it, and each worksheet's part: for the writer only. */
  package: Package;
  workbook: WorkbookInfo;
  parts: Map<string, string>;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const OLD_FORMATS = new Set(['.xls', '.et', '.csv', '.ods', '.wps', '.xlsb']);

function readBytes(path: string): Buffer {
  try {
    // Synchronous: a workbook is small, and a batch spends less on one read than on the event-loop
    // round trips of an asynchronous one.
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RunError((ui) => ui.notFound(path));
    if (code === 'EISDIR') throw new RunError((ui) => ui.isDirectory(path));
    if (code === 'EACCES' || code === 'EPERM') throw new RunError((ui) => ui.noPermission(path));
    throw new RunError((ui) => ui.unreadableFile(path, code ?? String(err)));
  }
}

export interface OpenOptions {
  /** A workbook without any indicator table is an error (exit 2); `inspect` lists its sheets instead. */
  requireTable?: boolean;
}

/** Reads a workbook and finds its indicator tables; a RunError (exit code 2) for anything else. */
export async function openWorkbook(path: string, options: OpenOptions = {}): Promise<OpenedWorkbook> {
  const bytes = readBytes(path);
  const ext = extname(path).toLowerCase();
  if (!bytes.subarray(0, 4).equals(ZIP)) {
    if (bytes.subarray(0, 4).equals(OLE) || OLD_FORMATS.has(ext)) throw new RunError((ui) => ui.oldFormat(path, OLD_FORMATS.has(ext) ? ext : '.xls'));
    throw new RunError((ui) => ui.notXlsx(path));
  }
  let pkg: Package;
  let values: WorkbookValues;
  try {
    pkg = new Package(bytes);
    values = readWorkbook(pkg);
    // Every other part too: damage is reported, never scored around or copied on.
    pkg.verify(CELL_PART_TYPES);
  } catch (err) {
    if (err instanceof PackageError) throw new RunError((ui) => ui.damagedPart(path, err));
    // Any zip (a renamed .docx, an archive) is a package, but not a workbook with sheets.
    if (err instanceof NotSpreadsheet) throw new RunError((ui) => ui.notXlsx(path));
    throw err;
  }
  if (values.sheets.length === 0) throw new RunError((ui) => ui.notXlsx(path));
  const sheets: SheetRead[] = values.sheets.map(({ grid }) => {
    const table = findTable(grid);
    const cells = (): CellText[] => (table ? [] : grid.rows().flatMap((r) => grid.segments(r).flatMap((s) => (s.master.row === r ? [grid.cell(r, s.left)] : []))));
    return { name: grid.sheet, rowCount: grid.rowCount, colCount: grid.colCount, table, cells, text: (r, c) => grid.text(r, c) };
  });
  const tables = sheets.flatMap((s) => (s.table ? [s.table] : []));
  if (tables.length === 0 && options.requireTable !== false) throw new RunError((ui) => ui.noTable(path));
  return { path, tables, sheets, package: pkg, workbook: values.workbook, parts: new Map(values.sheets.map((s) => [s.name, s.part])) };
}
