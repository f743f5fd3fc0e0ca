// Writing the scored copy: the original sheets with computed columns beside each table, flagged
// cells filled and noted, empty 得分 / 偏差度 cells filled in, and a 评分结果 summary sheet.
// The copy is the input's own package with those parts patched as text (sheet-patch.ts, styles.ts,
// notes.ts): everything else in it (charts, pictures, dropdowns, macros …) is copied as stored.
// Written whole or not at all (atomic.ts), so a failed run leaves nothing behind.
import { realpathSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Decimal } from 'decimal.js';
import { writeFileAtomic } from '../atomic.js';
import { RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import { cellName } from '../cells.js';
import type { CellRef, Finding, Lang, TableReport } from '../model.js';
import { addNotes, NoteIds, type Note } from './notes.js';
import { CONTENT_TYPES, folderOf, PackageEdit } from './package.js';
import type { OpenedWorkbook } from './read.js';
import { SheetPatch } from './sheet-patch.js';
import { EMPTY_STYLES, Styles, type StylePatch } from './styles.js';
import type { WorkbookParts } from './values.js';
import { escapeAttr, xmlText } from './xml.js';

export const SUMMARY_SHEET = '评分结果';

const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', header: 'FFDDEBF7' } as const;
/** Built-in number formats: `0.00` and `0.00%`. */
const NUMFMT = { score: 2, percent: 10 } as const;

/** `<dir>/<name>.scored.xlsx` beside the input. */
export function defaultOutputPath(input: string): string {
  return join(dirname(input), `${basename(input, extname(input))}.scored.xlsx`);
}

type Cells = { patch: SheetPatch; notes: Map<string, Note> };

function note(cells: Cells, row: number, col: number, text: string): void {
  cells.notes.set(`${row},${col}`, { row, col, text });
}

function markFindings(cells: Cells, sheet: string, findings: Finding[]): void {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.ref && f.ref.sheet === sheet) byCell.set(f.ref.address, [...(byCell.get(f.ref.address) ?? []), f]);
  }
  for (const list of byCell.values()) {
    const { row, col } = list[0]!.ref!;
    cells.patch.style(row, col, { fill: list.some((f) => f.severity === 'error') ? FILL.error : FILL.warning });
    note(cells, row, col, list.map((f) => `[${f.code}] ${f.message}`).join('\n'));
  }
}

function num(d: Decimal | null): number | null {
  return d === null ? null : d.toNumber();
}

function addComputedColumns(cells: Cells, report: TableReport, lang: Lang): void {
  const ui = uiFor(lang);
  const { table } = report;
  const { patch } = cells;
  const first = table.lastColumn + 1;
  [ui.computedScore, ui.computedDeviation, ui.checkResult].forEach((text, i) => {
    patch.set(table.headerRow, first + i, text, { bold: true, fill: FILL.header, alignment: { wrapText: true, vertical: 'center', horizontal: 'center' } });
  });
  patch.minWidth(first, 10);
  patch.minWidth(first + 1, 12);
  patch.minWidth(first + 2, 40);

  const rowFindings = (row: number) => report.findings.filter((f) => f.ref?.sheet === table.sheet && f.ref.row === row);
  for (const ind of report.indicators) {
    const row = ind.raw.name.ref.row;
    patch.set(row, first, num(ind.score), { numFmtId: NUMFMT.score });
    if (ind.explanation) note(cells, row, first, ind.explanation);
    patch.set(row, first + 1, ind.deviation === null ? null : ind.deviation.div(100).toNumber(), { numFmtId: NUMFMT.percent });
    patch.set(row, first + 2, rowFindings(row).map((f) => f.message).join('\n') || null, { alignment: { wrapText: true, vertical: 'center' } });

    // Empty cells get the computed value; a declared value is never overwritten.
    const fillIn = (ref: CellRef | undefined, value: number | null, numFmtId: number) => {
      if (ref && value !== null) patch.set(ref.row, ref.col, value, { numFmtId }, true);
    };
    if (ind.raw.score.text === null) fillIn(ind.raw.score.ref, num(ind.score), NUMFMT.score);
    if (ind.raw.deviation && ind.raw.deviation.text === null && ind.deviation !== null) {
      fillIn(ind.raw.deviation.ref, ind.deviation.div(100).toNumber(), NUMFMT.percent);
    }
  }
  markFindings(cells, table.sheet, report.findings);
}

type SummaryCell = string | number | null;

/** The rows of the summary sheet: each a list of values, bold or not, and the fill of its first cell. */
function summaryRows(reports: TableReport[], lang: Lang, converted: OpenedWorkbook['converted'] = null): { cells: SummaryCell[]; bold?: boolean; fill?: string }[] {
  const ui = uiFor(lang);
  const rows: { cells: SummaryCell[]; bold?: boolean; fill?: string }[] = [{ cells: [ui.summarySheetTitle], bold: true }];
  if (converted) rows.push({ cells: [ui.convertedFrom(ui.formatName(converted.from))] });
  const add = (cells: SummaryCell[], bold = false) => rows.push({ cells, bold });
  for (const r of reports) {
    add([]);
    add([ui.department, r.department]);
    add([ui.sheet, r.sheet]);
    add([ui.profile, r.profile]);
    add(['', ui.computed, ui.declared], true);
    add([ui.total, r.total.toNumber(), num(r.declaredTotal)]);
    add([ui.grade, r.grade, r.declaredGrade]);
    if (r.budget) {
      add([ui.budgetRate, r.budget.rate === null ? null : `${r.budget.rate.toFixed(2)}%`, r.budget.declaredRate === null ? null : `${r.budget.declaredRate.toFixed(2)}%`]);
      add([ui.budgetScore, num(r.budget.score), num(r.budget.declaredScore)]);
    }
    add([]);
    add([ui.level, ui.weight, `${ui.score}（${ui.computed}）`, `${ui.score}（${ui.declared}）`], true);
    for (const level of r.levels) add([level.name, level.weight.toNumber(), level.score.toNumber(), num(level.declaredScore)]);
    add([]);
    add([ui.severity, ui.cell, ui.indicator, ui.message], true);
    if (r.findings.length === 0) add([ui.noFindings]);
    for (const f of r.findings) {
      rows.push({ cells: [f.severity === 'error' ? ui.error : ui.warning, cellName(f.ref) ?? '', f.indicator ?? '', f.message], fill: f.severity === 'error' ? FILL.error : FILL.warning });
    }
  }
  return rows;
}

const SUMMARY_WIDTHS = [16, 22, 26, 60];

function summarySheetXml(reports: TableReport[], lang: Lang, styles: Styles, converted: OpenedWorkbook['converted'] = null): string {
  const patch = new SheetPatch();
  summaryRows(reports, lang, converted).forEach((row, i) => {
    row.cells.forEach((value, c) => {
      if (value === null || value === '') return;
      const style: StylePatch = {};
      if (row.bold) style.bold = true;
      if (typeof value === 'number') style.numFmtId = NUMFMT.score;
      if (c === 0 && row.fill) style.fill = row.fill;
      if (c === 3 && row.fill) style.alignment = { wrapText: true };
      patch.set(i + 1, c + 1, value, style);
    });
  });
  SUMMARY_WIDTHS.forEach((w, i) => patch.minWidth(i + 1, w));
  const empty = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  return patch.apply(empty, styles);
}

/** Adds the summary sheet, last, under a name no sheet has (评分结果, 评分结果2 …). */
function addSummarySheet(edit: PackageEdit, workbook: WorkbookParts, reports: TableReport[], lang: Lang, styles: Styles, converted: OpenedWorkbook['converted'] = null): void {
  const book = edit.text(workbook.main)!;
  const taken = new Set(Array.from(book.matchAll(/<sheet\b[^>]*?\bname="([^"]*)"/g), (m) => xmlText(m[1]!).toLowerCase()));
  let name = SUMMARY_SHEET;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${SUMMARY_SHEET}${i}`;
  const part = edit.freeName(`${folderOf(workbook.main)}worksheets/sheet`, 'xml');
  edit.set(part, summarySheetXml(reports, lang, styles, converted));
  edit.addContentType('Override', part, CONTENT_TYPES.worksheet);
  const id = edit.addRelationship(workbook.main, 'worksheet', part);
  const sheetIds = Array.from(book.matchAll(/<sheet\b[^>]*?\bsheetId="(\d+)"/g), (m) => Number(m[1]));
  const prefix = /<sheet\b[^>]*?\s([\w.-]+):id=/.exec(book)?.[1];
  const rid = prefix ? `${prefix}:id="${id}"` : `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${id}"`;
  const sheet = `<sheet name="${escapeAttr(name)}" sheetId="${Math.max(0, ...sheetIds) + 1}" ${rid}/>`;
  edit.set(workbook.main, /<sheets\s*\/>/.test(book) ? book.replace(/<sheets\s*\/>/, `<sheets>${sheet}</sheets>`) : book.replace('</sheets>', `${sheet}</sheets>`));
}

/** The scored copy's bytes: the input's package with the sheets of its tables patched and a summary sheet added. */
export function scoredCopy(opened: OpenedWorkbook, reports: TableReport[], lang: Lang): Buffer {
  const edit = new PackageEdit(opened.package);
  const { workbook } = opened;
  const styles = new Styles(edit.text(workbook.styles) ?? EMPTY_STYLES);
  const ids = new NoteIds(edit);
  for (const sheet of opened.workbook.sheets) {
    const tables = reports.filter((r) => r.sheet === sheet.name);
    if (tables.length === 0) continue;
    const cells: Cells = { patch: new SheetPatch(), notes: new Map() };
    for (const report of tables) addComputedColumns(cells, report, lang);
    const xml = cells.patch.apply(edit.text(sheet.part)!, styles);
    edit.set(sheet.part, addNotes(edit, sheet.part, xml, [...cells.notes.values()], ids));
  }
  addSummarySheet(edit, workbook, reports, lang, styles, opened.converted);
  // The order Excel last calculated formulas in: optional, rebuilt by Excel when missing, and wrong
  // once a cell that held a formula holds a computed value instead.
  edit.remove(`${folderOf(workbook.main)}calcChain.xml`, workbook.main);
  if (!edit.has(workbook.styles)) {
    edit.addRelationship(workbook.main, 'styles', workbook.styles);
    edit.addContentType('Override', workbook.styles, CONTENT_TYPES.styles);
  }
  edit.set(workbook.styles, styles.toXml());
  return edit.toBuffer();
}

/** A path with its links and `..` resolved, or just made absolute when it does not exist (yet). */
export function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Whether two paths name the same file (through links and `..`), so an output never replaces its input. */
function samePath(a: string, b: string): boolean {
  return realPath(a) === realPath(b);
}

/** Writes the scored copy to `out`, whole or not at all. Never writes over the input. */
export async function writeScoredCopy(opened: OpenedWorkbook, reports: TableReport[], out: string, lang: Lang): Promise<void> {
  if (samePath(opened.path, out)) throw new RunError((ui) => ui.sameAsInput(out));
  writeFileAtomic(out, scoredCopy(opened, reports, lang));
}
