// Opening a workbook: check what the file is, read its package (src/ooxml) and the values of its
// sheets (values.ts), check every other part of it, find its indicator tables. The writer makes the
// scored copy from the same package (write.ts).
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { RunError } from '../errors.js';
import type { CellText, NearHeader, RawTable, SheetRead } from '../model.js';
import { PackageError } from '../ooxml/errors.js';
import { Package } from '../ooxml/package.js';
import { CELL_PART_TYPES, NotSpreadsheet, type WorkbookInfo } from '../ooxml/spreadsheet.js';
import { findTables, nearestHeader } from './find-table.js';
import { refusal, sniff, type SourceFormat } from './sniff.js';
import { readWorkbook, type WorkbookValues } from './values.js';

/** A read workbook and the tables found in it; the writer makes its copy from the same package. */
export interface OpenedWorkbook {
  /** The file as the user named it (in messages). */
  path: string;
  /** The folder `path` is relative to: the run's working directory. */
  cwd: string;
  tables: RawTable[];
  /** Every worksheet, in workbook order. */
  sheets: SheetRead[];
  /** The package as read, and where the workbook's parts are in it: for the writer only. */
  package: Package;
  workbook: WorkbookInfo;
  /** The format the workbook was converted from into the package read (convert.ts); null for an xlsx. */
  converted: { from: SourceFormat } | null;
}

function readBytes(path: string, cwd: string): Buffer {
  try {
    // Synchronous: a workbook is small, and a batch spends less on one read than on the event-loop
    // round trips of an asynchronous one.
    return readFileSync(resolve(cwd, path));
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
  /** Where a relative `path` starts; the process's working directory by default. */
  cwd?: string;
}

/**
 * The xlsx package of a file, from what its bytes say it is (sniff.ts): an xlsx as it is, another
 * workbook format converted in memory (convert.ts, loaded only then); a RunError saying what the
 * file is for anything else.
 */
async function packageBytes(path: string, bytes: Buffer): Promise<{ bytes: Buffer; converted: OpenedWorkbook['converted'] }> {
  const sniffed = sniff(bytes, path);
  if (sniffed.kind === 'xlsx') return { bytes, converted: null };
  if (sniffed.kind !== 'convert') throw refusal(path, sniffed);
  const { convertToXlsx } = await import('./convert.js');
  return { bytes: await convertToXlsx(path, bytes, sniffed.family, sniffed.from), converted: { from: sniffed.from } };
}

/** Reads a workbook and finds its indicator tables; a RunError (exit code 2) for anything else. */
export async function openWorkbook(path: string, options: OpenOptions = {}): Promise<OpenedWorkbook> {
  const cwd = options.cwd ?? process.cwd();
  const { bytes, converted } = await packageBytes(path, readBytes(path, cwd));
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
    if (err instanceof NotSpreadsheet) {
      const { part, uri } = err;
      throw new RunError((ui) => (part && uri ? ui.otherVocabulary(path, part, uri) : ui.notXlsx(path)));
    }
    throw err;
  }
  if (values.sheets.length === 0) throw new RunError((ui) => ui.notXlsx(path));
  const sheets: SheetRead[] = values.sheets.map(({ grid }) => {
    const cells = (): CellText[] => grid.rows().flatMap((r) => grid.segments(r).flatMap((s) => (s.master.row === r ? [grid.cell(r, s.left)] : [])));
    return { name: grid.sheet, rowCount: grid.rowCount, colCount: grid.colCount, tables: findTables(grid), cells, text: (r, c) => grid.text(r, c) };
  });
  const tables = sheets.flatMap((s) => s.tables);
  if (tables.length === 0 && options.requireTable !== false) {
    // What the nearest thing to a header lacks (a table without a 分值 column), when a sheet has one.
    let near: NearHeader | null = null;
    for (const { grid } of values.sheets) if ((near = nearestHeader(grid))) break;
    throw new RunError((ui) => ui.noTable(path, near));
  }
  return { path, cwd, tables, sheets, package: pkg, workbook: values.workbook, converted };
}
