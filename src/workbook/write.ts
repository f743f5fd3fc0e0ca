// Writing the scored copy: the original sheets with computed columns beside each table, flagged
// cells filled and noted, empty 得分 / 偏差度 cells filled in, and a 评分结果 summary sheet. The copy is
// the input's own package with those parts patched by structure (src/ooxml): everything else in it
// (charts, pictures, dropdowns, macros …) is copied byte for byte. Nothing of the user's is
// overwritten: the computed columns go right of everything the sheet uses (values, formulas, notes,
// merges, dropdowns, tables), past one empty column; a note on a cell that has one is added to it; a
// print area is widened to take the new columns in.
// Written whole or not at all (atomic.ts), so a failed run leaves nothing behind.
import { extname, resolve } from 'node:path';
import type { Decimal } from 'decimal.js';
import { writeFileAtomic } from '../atomic.js';
import { samePath } from '../paths.js';
import { cellName } from '../cells.js';
import { RunError } from '../errors.js';
import { renderExplanation } from '../i18n/explain.js';
import { renderFinding } from '../i18n/findings.js';
import { severityWord } from '../i18n/labels.js';
import { uiFor } from '../i18n/messages.js';
import type { CellRef, Finding, Lang, TableReport } from '../model.js';
import { addNotes, NoteIds, type Note } from '../ooxml/comments.js';
import { PackageError } from '../ooxml/errors.js';
import { isRelType, PackageEdit } from '../ooxml/package.js';
import { indexSheet, SheetPatch, type SheetIndex } from '../ooxml/sheet-patch.js';
import { flavorOf, MAIN_NS, MAX_COLS, parseRange, parseRef, type Flavor } from '../ooxml/spreadsheet.js';
import { emptyStyles, Styles, type StylePatch } from '../ooxml/styles.js';
import { attributeName, child, children } from '../ooxml/tree.js';
import { attrOf } from '../ooxml/xml.js';
import { addSheet, widenPrintArea } from '../ooxml/workbook-patch.js';
import type { OpenedWorkbook } from './read.js';
import type { SourceFormat } from './sniff.js';

export const SUMMARY_SHEET = '评分结果';
/** The author of the notes the copy adds. */
export const NOTE_AUTHOR = 'perf-score';

const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFE2EFDA', header: 'FFDDEBF7' } as const;
/** Built-in number formats: `0.00` and `0.00%`. */
const NUMFMT = { score: 2, percent: 10 } as const;
/** The computed columns: 计算得分, 计算偏差度, 检查结果, and their widths. */
const COLUMN_WIDTHS = [10, 12, 40];

/** What the copy could not do as usual, for its summary sheet and for the caller. */
export interface CopyRemarks {
  /** The format the workbook was converted from (its formatting is not in the copy), or null. */
  converted: SourceFormat | null;
  /** Sheets whose table has no free columns to its right (the sheet uses its last columns). */
  noRoom: string[];
  /** Sheets whose notes could not be added (their drawing of notes is not XML). */
  noNotes: string[];
}

type Cells = { patch: SheetPatch; notes: Map<string, Note>; conditional: SheetIndex['conditional'] };

function addNote(cells: Cells, row: number, col: number, text: string): void {
  const key = `${row},${col}`;
  const before = cells.notes.get(key);
  cells.notes.set(key, { row, col, text: before ? `${before.text}\n${text}` : text });
}

/** Whether a conditional format covers a cell: its fill may hide ours when its condition holds. */
function underConditionalFormat(cells: Cells, row: number, col: number): boolean {
  return cells.conditional.some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right);
}

function markFindings(cells: Cells, sheet: string, findings: Finding[], lang: Lang): void {
  const ui = uiFor(lang);
  const byCell = new Map<string, Finding[]>();
  // Information (a missed target with its reason) is listed on the summary sheet, not marked on the cell.
  for (const f of findings) {
    if (f.severity !== 'info' && f.ref && f.ref.sheet === sheet) byCell.set(f.ref.address, [...(byCell.get(f.ref.address) ?? []), f]);
  }
  for (const list of byCell.values()) {
    const { row, col } = list[0]!.ref!;
    cells.patch.style(row, col, { fill: list.some((f) => f.severity === 'error') ? FILL.error : FILL.warning });
    const lines = list.map((f) => `[${f.code}] ${renderFinding(f, lang)}`);
    if (underConditionalFormat(cells, row, col)) lines.push(ui.conditionalFormatNote);
    addNote(cells, row, col, lines.join('\n'));
  }
}

/** A number a cell can hold: a Decimal past what a double holds is written as its text. */
function num(d: Decimal | null): number | string | null {
  if (d === null) return null;
  const n = d.toNumber();
  return Number.isFinite(n) ? n : d.toFixed(2);
}

/**
 * The first of `count` visible columns right of `used`, past one empty column; null when the sheet
 * has no such room before its last column.
 */
function freeColumns(index: SheetIndex, used: number, count: number): number | null {
  const hidden = (c: number) => index.hiddenCols.some((h) => c >= h.min && c <= h.max);
  let first = used + 2;
  for (let c = first; c < first + count; c++) {
    if (c > MAX_COLS) return null;
    if (hidden(c)) first = c + 1;
  }
  return first + count - 1 <= MAX_COLS ? first : null;
}

/** The last column a sheet's notes and tables reach (the sheet's index has the rest). */
function usedByParts(edit: PackageEdit, part: string, index: SheetIndex): number {
  let right = 0;
  const rels = edit.relationships(part);
  for (const rel of rels) {
    if (rel.external || !rel.exists) continue;
    if (isRelType(rel.type, 'comments')) {
      const tree = edit.tree(rel.target);
      const list = tree ? child(tree.root, MAIN_NS, 'commentList') : undefined;
      for (const c of list ? children(list, MAIN_NS, 'comment') : []) right = Math.max(right, parseRef(attrOf(c.tag, 'ref') ?? '')?.col ?? 0);
    } else if (isRelType(rel.type, 'table') && index.tableParts.includes(rel.id)) {
      const tree = edit.tree(rel.target);
      right = Math.max(right, parseRange(tree ? (attrOf(tree.root.tag, 'ref') ?? '') : '')?.right ?? 0);
    }
  }
  return right;
}

/** The rows of a sheet the copy changes: header, indicator rows, and the cells of its findings. */
function rowsTouched(reports: TableReport[]): Set<number> {
  const rows = new Set<number>();
  for (const r of reports) {
    rows.add(r.table.headerRow);
    for (const ind of r.indicators) {
      rows.add(ind.raw.name.ref.row);
      rows.add(ind.raw.score.ref.row);
      if (ind.raw.deviation) rows.add(ind.raw.deviation.ref.row);
    }
    for (const f of r.findings) if (f.ref) rows.add(f.ref.row);
  }
  return rows;
}

function addComputedColumns(cells: Cells, report: TableReport, first: number | null, lang: Lang): void {
  const ui = uiFor(lang);
  const { table } = report;
  const { patch } = cells;
  if (first !== null) {
    [ui.computedScore, ui.computedDeviation, ui.checkResult].forEach((text, i) => {
      patch.set(table.headerRow, first + i, text, { bold: true, fill: FILL.header, alignment: { wrapText: true, vertical: 'center', horizontal: 'center' } });
    });
    COLUMN_WIDTHS.forEach((w, i) => patch.minWidth(first + i, w));
  }
  const rowFindings = (row: number) => report.findings.filter((f) => f.ref?.sheet === table.sheet && f.ref.row === row);
  for (const ind of report.indicators) {
    const row = ind.raw.name.ref.row;
    if (first !== null) {
      patch.set(row, first, num(ind.score), { numFmtId: NUMFMT.score });
      if (ind.explanation) addNote(cells, row, first, renderExplanation(ind.explanation, lang));
      patch.set(row, first + 1, ind.deviation === null ? null : num(ind.deviation.div(100)), { numFmtId: NUMFMT.percent });
      patch.set(row, first + 2, rowFindings(row).map((f) => renderFinding(f, lang)).join('\n') || null, { alignment: { wrapText: true, vertical: 'center' } });
    }
    // Empty cells get the computed value; a declared value is never overwritten.
    const fillIn = (ref: CellRef | undefined, value: number | string | null, numFmtId: number) => {
      if (ref && value !== null) patch.set(ref.row, ref.col, value, { numFmtId }, true);
    };
    if (ind.raw.score.text === null) fillIn(ind.raw.score.ref, num(ind.score), NUMFMT.score);
    if (ind.raw.deviation && ind.raw.deviation.text === null && ind.deviation !== null) {
      fillIn(ind.raw.deviation.ref, num(ind.deviation.div(100)), NUMFMT.percent);
    }
  }
  markFindings(cells, table.sheet, report.findings, lang);
}

type SummaryCell = string | number | null;

/** The rows of the summary sheet: each a list of values, bold or not, and the fill of its first cell. */
function summaryRows(reports: TableReport[], remarks: CopyRemarks, lang: Lang): { cells: SummaryCell[]; bold?: boolean; fill?: string }[] {
  const ui = uiFor(lang);
  const rows: { cells: SummaryCell[]; bold?: boolean; fill?: string }[] = [{ cells: [ui.summarySheetTitle], bold: true }];
  const add = (cells: SummaryCell[], bold = false) => rows.push({ cells, bold });
  if (remarks.converted) add([ui.convertedFrom(ui.formatName(remarks.converted))]);
  for (const sheet of remarks.noRoom) add([ui.remark, ui.noRoomForColumns(sheet)]);
  for (const sheet of remarks.noNotes) add([ui.remark, ui.notesNotAdded(sheet)]);
  for (const r of reports) {
    add([]);
    add([ui.department, r.department]);
    add([ui.sheet, r.sheet]);
    add([ui.profile, r.profile]);
    add(['', ui.computed, ui.declared], true);
    add([ui.total, num(r.total), num(r.declaredTotal)]);
    add([ui.grade, r.grade, r.declaredGrade]);
    if (r.budget) {
      add([ui.budgetRate, r.budget.rate === null ? null : `${r.budget.rate.toFixed(2)}%`, r.budget.declaredRate === null ? null : `${r.budget.declaredRate.toFixed(2)}%`]);
      add([ui.budgetScore, num(r.budget.score), num(r.budget.declaredScore)]);
    }
    add([]);
    add([ui.level, ui.weight, `${ui.score}（${ui.computed}）`, `${ui.score}（${ui.declared}）`], true);
    for (const level of r.levels) add([level.name, num(level.weight), num(level.score), num(level.declaredScore)]);
    add([]);
    add([ui.severity, ui.cell, ui.indicator, ui.message], true);
    if (r.findings.length === 0) add([ui.noFindings]);
    for (const f of r.findings) {
      rows.push({ cells: [severityWord(f.severity, lang), cellName(f.ref) ?? '', f.indicator ?? '', renderFinding(f, lang)], fill: FILL[f.severity] });
    }
  }
  return rows;
}

const SUMMARY_WIDTHS = [16, 22, 26, 60];

function summarySheetXml(reports: TableReport[], remarks: CopyRemarks, lang: Lang, styles: Styles, flavor: Flavor): string {
  const patch = new SheetPatch();
  summaryRows(reports, remarks, lang).forEach((row, i) => {
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
  const empty = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${flavor.main}" xmlns:r="${flavor.rel}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  return patch.apply(indexSheet('summary', empty, patch.rows()), styles);
}

const MAIN_TYPES = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  macro: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
};

/**
 * The scored copy's bytes: the input's package with the sheets of its tables patched and a summary
 * sheet added. `ext` is the copy's extension: a template's workbook becomes a workbook, and a
 * macro-enabled one stays macro-enabled only in an `.xlsm`.
 */
export function scoredCopy(opened: OpenedWorkbook, reports: TableReport[], lang: Lang, ext = '.xlsx'): { bytes: Buffer; remarks: CopyRemarks } {
  const edit = new PackageEdit(opened.package);
  const { workbook } = opened;
  const flavor = flavorOf(workbook.strict);
  const stylesPart = workbook.styles ?? `${workbook.main.slice(0, workbook.main.lastIndexOf('/') + 1)}styles.xml`;
  const styles = new Styles(stylesPart, edit.text(stylesPart) ?? emptyStyles(flavor.main));
  const ids = new NoteIds(edit);
  const remarks: CopyRemarks = { converted: opened.converted?.from ?? null, noRoom: [], noNotes: [] };
  workbook.sheets.forEach((sheet, position) => {
    const tables = reports.filter((r) => r.sheet === sheet.name);
    if (tables.length === 0 || sheet.kind !== 'worksheet') return;
    const index = indexSheet(sheet.part, edit.text(sheet.part)!, rowsTouched(tables));
    const used = Math.max(index.usedRight, usedByParts(edit, sheet.part, index), ...tables.map((t) => t.table.lastColumn));
    const first = freeColumns(index, used, COLUMN_WIDTHS.length);
    if (first === null) remarks.noRoom.push(sheet.name);
    const cells: Cells = { patch: new SheetPatch(), notes: new Map(), conditional: index.conditional };
    for (const report of tables) addComputedColumns(cells, report, first, lang);
    const notes = addNotes(edit, sheet.part, index.legacyDrawing, [...cells.notes.values()], ids, NOTE_AUTHOR, flavor);
    if (!notes.added) remarks.noNotes.push(sheet.name);
    if (notes.legacyDrawing !== null) {
      const id = notes.legacyDrawing;
      cells.patch.addChild('legacyDrawing', (name, decl, scope) => {
        const rid = attributeName(scope, flavor.rel, 'id', 'r');
        return `<${name}${decl}${rid.decl} ${rid.name}="${id}"/>`;
      });
    }
    edit.set(sheet.part, cells.patch.apply(index, styles));
    if (first !== null) for (const t of tables) widenPrintArea(edit, workbook, position, t.table.lastColumn, first + COLUMN_WIDTHS.length - 1);
  });
  addSheet(edit, workbook, flavor, SUMMARY_SHEET, summarySheetXml(reports, remarks, lang, styles, flavor));
  if (!workbook.styles) {
    edit.addRelationship(workbook.main, `${flavor.rel}/styles`, stylesPart);
    edit.addContentType('Override', stylesPart, 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml');
  }
  if (styles.changed() || !workbook.styles) edit.set(stylesPart, styles.toXml());
  // A template opens as a new workbook, and a macro-enabled package only from a macro extension.
  const mainType = opened.package.contentType(workbook.main) ?? '';
  const wanted = ext.toLowerCase() === '.xlsm' && /macroEnabled/i.test(mainType) ? MAIN_TYPES.macro : MAIN_TYPES.workbook;
  if (mainType !== wanted && (/template/i.test(mainType) || /macroEnabled/i.test(mainType))) edit.setContentType(workbook.main, wanted);
  return { bytes: edit.toBuffer(), remarks };
}

/** Writes the scored copy to `out`, whole or not at all. Never writes over the input. */
export async function writeScoredCopy(opened: OpenedWorkbook, reports: TableReport[], out: string, lang: Lang): Promise<void> {
  // `out`, like the input's path, is relative to the run's working directory.
  const target = resolve(opened.cwd, out);
  if (samePath(resolve(opened.cwd, opened.path), target)) throw new RunError((ui) => ui.sameAsInput(out));
  let bytes: Buffer;
  try {
    bytes = scoredCopy(opened, reports, lang, extname(out)).bytes;
  } catch (err) {
    // A part only the writer reads (a comments part, a table) that turns out damaged.
    if (err instanceof PackageError) throw new RunError((ui) => ui.damagedPart(opened.path, err));
    throw err;
  }
  writeFileAtomic(target, bytes, undefined, out);
}
