// Writing the scored copy: the original sheets with computed columns beside each table, flagged
// cells filled and noted, empty 得分 / 偏差度 cells filled in, and a 评分结果 summary sheet. The copy is
// the input's own package with those parts patched by structure (src/ooxml): everything else in it
// (charts, pictures, dropdowns, macros …) is copied byte for byte. Nothing of the user's is
// overwritten: the computed columns go right of everything the sheet uses (values, formulas, notes,
// merges, dropdowns, tables), past one empty column; a note on a cell that has one is added to it; a
// print area is widened to take the new columns in. The copy is a document to print and forward: the
// columns framed like the table, the sheet one page wide, 评分结果 a one-page A4 report.
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
import { SEVERITIES, type CellRef, type Finding, type IndicatorResult, type Lang, type TableReport } from '../model.js';
import { addNotes, NoteIds, type Note } from '../ooxml/comments.js';
import { PackageError } from '../ooxml/errors.js';
import { isRelType, PackageEdit } from '../ooxml/package.js';
import { indexSheet, SheetPatch, type Formula, type SheetIndex } from '../ooxml/sheet-patch.js';
import { columnLetters, flavorOf, MAIN_NS, MAX_COLS, parseRange, parseRef, type Flavor } from '../ooxml/spreadsheet.js';
import { emptyStyles, Styles, type StylePatch } from '../ooxml/styles.js';
import { attributeName, child, children } from '../ooxml/tree.js';
import { attrOf } from '../ooxml/xml.js';
import { addLocalName, addSheet, quotedSheet, widenPrintArea } from '../ooxml/workbook-patch.js';
import type { OpenedWorkbook } from './read.js';
import { heightFor, linesIn } from './print.js';
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
    // The message first, in the run's language; the code last, in brackets (a name to look up, not words).
    const lines = list.map((f) => ui.withCode(renderFinding(f, lang), f.code));
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

const WRAP = { wrapText: true, vertical: 'center' } as const;

function addComputedColumns(cells: Cells, report: TableReport, first: number | null, lang: Lang): void {
  const ui = uiFor(lang);
  const { table } = report;
  const { patch } = cells;
  if (first !== null) {
    // The label over the whole header: merged over its rows when the header has two.
    const tall = table.headerTop < table.headerRow;
    [ui.computedScore, ui.computedDeviation, ui.checkResult].forEach((text, i) => {
      const head = { bold: true, fill: FILL.header, border: 'thin', alignment: { wrapText: true, vertical: 'center', horizontal: 'center' } } as const;
      patch.set(table.headerTop, first + i, text, head);
      for (let r = table.headerTop + 1; r <= table.headerRow; r++) patch.set(r, first + i, null, head);
      if (tall) patch.merge(`${columnLetters(first + i)}${table.headerTop}:${columnLetters(first + i)}${table.headerRow}`);
    });
    COLUMN_WIDTHS.forEach((w, i) => patch.minWidth(first + i, w));
    // Every row of the table bordered, as the table is; rows other than indicators (subtotals, the total) left empty.
    for (let r = table.headerRow + 1; r <= table.lastRow; r++) {
      for (let i = 0; i < COLUMN_WIDTHS.length; i++) patch.style(r, first + i, { border: 'thin' });
    }
    // The computed total on the total row, when the table has one.
    const total = table.declaredTotal?.ref;
    if (total && total.sheet === table.sheet && total.row > table.headerRow && total.row <= table.lastRow) {
      patch.set(total.row, first, num(report.total), { numFmtId: NUMFMT.score, bold: true });
      addNote(cells, total.row, first, renderExplanation(report.totalExplanation, lang));
    }
  }
  // Errors and warnings; 提示 (a missed target with its reason) is listed on 评分结果's 偏差说明.
  const rowFindings = (row: number) => report.findings.filter((f) => f.severity !== 'info' && f.ref?.sheet === table.sheet && f.ref.row === row);
  for (const ind of report.indicators) {
    const row = ind.raw.name.ref.row;
    if (first !== null) {
      patch.set(row, first, num(ind.score), { numFmtId: NUMFMT.score });
      if (ind.explanation) addNote(cells, row, first, renderExplanation(ind.explanation, lang));
      patch.set(row, first + 1, ind.deviation === null ? null : num(ind.deviation.div(100)), { numFmtId: NUMFMT.percent });
      const text = rowFindings(row).map((f) => renderFinding(f, lang)).join('\n');
      patch.set(row, first + 2, text || null, { alignment: WRAP });
      // Tall enough for its findings: several in one cell do not print over each other.
      if (text) patch.minHeight(row, heightFor(linesIn(text, COLUMN_WIDTHS[2]!)));
    }
    // Empty cells get the computed value, and a note saying so; a declared value is never overwritten.
    const fillIn = (ref: CellRef | undefined, value: number | string | null, numFmtId: number) => {
      if (ref && value !== null) {
        patch.set(ref.row, ref.col, value, { numFmtId }, true);
        addNote(cells, ref.row, ref.col, ui.filledIn);
      }
    };
    if (ind.raw.score.text === null) fillIn(ind.raw.score.ref, num(ind.score), NUMFMT.score);
    if (ind.raw.deviation && ind.raw.deviation.text === null && ind.deviation !== null) {
      fillIn(ind.raw.deviation.ref, num(ind.deviation.div(100)), NUMFMT.percent);
    }
  }
  markFindings(cells, table.sheet, report.findings, lang);
}

/** Paper sizes (inches, portrait) by their code; A4 where a sheet names none or one not here. */
const PAPER: Record<number, [number, number]> = { 1: [8.5, 11], 9: [8.27, 11.69], 8: [11.69, 16.54], 11: [5.83, 8.27] };

/**
 * Whether a sheet must turn to landscape to print one page wide: when, in its own orientation
 * (portrait unless it says so), the printed columns would shrink below 60% of their size and
 * landscape shrinks them less. Widths as Excel converts them: a column `w` characters wide is w × 7
 * + 5 pixels at 96 per inch.
 */
function needsLandscape(index: SheetIndex, right: number, added: ReadonlyMap<number, number>): boolean {
  const setup = index.children.find((c) => c.local === 'pageSetup')?.tag;
  if (setup && attrOf(setup, 'orientation') === 'landscape') return false;
  const margins = index.children.find((c) => c.local === 'pageMargins')?.tag;
  const side = (name: string) => Number((margins && attrOf(margins, name)) ?? 0.7) || 0;
  const [w, h] = PAPER[Number((setup && attrOf(setup, 'paperSize')) ?? 9)] ?? PAPER[9]!;
  let inches = 0;
  for (let c = 1; c <= right; c++) {
    const col = index.cols.find((r) => r.min <= c && c <= r.max);
    const hidden = col && (/^(1|true)$/.test(attrOf(col.tag, 'hidden') ?? '') || Number(attrOf(col.tag, 'width') ?? 1) === 0);
    if (hidden) continue;
    const own = col ? Number(attrOf(col.tag, 'width') ?? index.defaultColWidth) : index.defaultColWidth;
    const width = Math.max(own, added.get(c) ?? 0);
    inches += (width * 7 + 5) / 96;
  }
  const usable = (paper: number) => paper - side('left') - side('right');
  const portrait = usable(w) / inches;
  return portrait < 0.6 && usable(h) > usable(w);
}

type SummaryValue = string | number | Formula | null;

/** A cell of the summary sheet: a value, its style, and how many columns right of it it spans. */
interface SummaryCell {
  value: SummaryValue;
  bold?: boolean;
  size?: number;
  fill?: string;
  border?: boolean;
  wrap?: boolean;
  center?: boolean;
  link?: boolean;
  percent?: boolean;
  span?: number;
}

/** The summary sheet's columns: label or cell, indicator, target, actual, deviation, reason or message. */
const SUMMARY_WIDTHS = [16, 24, 14, 14, 10, 40];
const LAST = SUMMARY_WIDTHS.length;

/**
 * The year of a table, from a short cell above its header that names it (`2022年度…`, `（2021 年度）`,
 * `年度：2022`):
 * a title, not the narrative of the goals block; null when none says one.
 */
function yearOf(opened: OpenedWorkbook | null, report: TableReport): number | null {
  const sheet = opened?.sheets.find((s) => s.name === report.sheet);
  if (!sheet) return null;
  const { table } = report;
  for (let r = 1; r < Math.min(table.headerTop, 40); r++) {
    for (let c = table.firstColumn; c <= table.lastColumn; c++) {
      const text = sheet.text(r, c) ?? '';
      const m = text.length <= 40 ? /((?:19|20)\d{2})\s*年度|年度\s*[:：]?\s*((?:19|20)\d{2})(?!\d)/.exec(text) : null;
      if (m) return Number(m[1] ?? m[2]);
    }
  }
  return null;
}

/** The rows whose actual misses their target (as the console's 偏差说明 lists them). */
function missedRows(report: TableReport): IndicatorResult[] {
  return report.indicators.filter((ind) => ind.met === false);
}

/** A link to a finding's cell, as a HYPERLINK formula to `'sheet'!A1` (its text the address). */
function cellLink(ref: CellRef): Formula {
  const target = `#${quotedSheet(ref.sheet)}!${ref.address}`;
  return { formula: `HYPERLINK("${target.replace(/"/g, '""')}","${ref.address}")`, result: ref.address };
}

export interface CopyAbout {
  /** The rule profile's description, its Chinese name; the code alone when absent. */
  profileDescription?: string;
}

/** The rows of the summary sheet, a one-page report: each a list of cells, and a height when its text wraps. */
function summaryRows(opened: OpenedWorkbook | null, reports: TableReport[], remarks: CopyRemarks, lang: Lang, about: CopyAbout): { cells: (SummaryCell | null)[]; height?: number }[] {
  const ui = uiFor(lang);
  const rows: { cells: (SummaryCell | null)[]; height?: number }[] = [];
  const line = (cells: (SummaryCell | null)[], height?: number) => rows.push(height === undefined ? { cells } : { cells, height });
  const blank = () => line([]);
  /** A text over the whole width, wrapped, its row as tall as it needs. */
  const wide = (text: string, style: Partial<SummaryCell> = {}) => {
    const width = SUMMARY_WIDTHS.reduce((a, b) => a + b, 0);
    line([{ value: text, span: LAST, wrap: true, ...style }], heightFor(linesIn(text, width)));
  };
  const heading = (text: string) => line([{ value: text, bold: true, size: 12 }]);
  // A label heading a column or a group, capitalised where the language has capitals (computed → Computed).
  const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
  const head = (texts: string[], spans: number[] = []) => line(texts.map((t, i) => ({ value: cap(t), bold: true, fill: FILL.header, border: true, center: true, wrap: true, span: spans[i] ?? 1 })));
  const pct = (d: Decimal | null) => (d === null ? null : `${d.toFixed(2)}%`);

  line([{ value: ui.summarySheetTitle, bold: true, size: 16, center: true, span: LAST }], 27);
  if (remarks.converted) wide(ui.convertedFrom(ui.formatName(remarks.converted)));
  for (const sheet of remarks.noRoom) wide(`${ui.remark}：${ui.noRoomForColumns(sheet)}`);
  for (const sheet of remarks.noNotes) wide(`${ui.remark}：${ui.notesNotAdded(sheet)}`);
  for (const r of reports) {
    blank();
    if (reports.length > 1) heading(ui.ofSheet(r.table.label));
    const fact = (label: string, value: string | null) => line([{ value: label, bold: true, border: true }, { value, border: true, wrap: true, span: LAST - 1 }], value ? heightFor(linesIn(value, SUMMARY_WIDTHS.slice(1).reduce((a, b) => a + b, 0))) : undefined);
    fact(ui.department, r.department);
    const year = yearOf(opened, r);
    if (year !== null) fact(ui.year, ui.yearValue(year));
    fact(ui.sheet, r.sheet);
    fact(ui.profile, ui.profileNamed(about.profileDescription ?? '', r.profile));

    blank();
    heading(ui.comparison);
    head(['', ui.computed, ui.declared, ui.weight]);
    const compare = (label: string, computed: SummaryValue, declared: SummaryValue, weight: SummaryValue = null, strong = false) =>
      line([{ value: label, bold: strong, border: true }, { value: computed, bold: strong, border: true, center: true }, { value: declared, border: true, center: true }, { value: weight, border: true, center: true }]);
    compare(ui.total, num(r.total), num(r.declaredTotal), 100, true);
    compare(ui.grade, r.grade, r.declaredGrade, null, true);
    if (r.budget) {
      compare(ui.budgetRate, pct(r.budget.rate), pct(r.budget.declaredRate));
      compare(ui.budgetScore, num(r.budget.score), num(r.budget.declaredScore), num(r.budget.weight));
    }
    for (const level of r.levels) compare(level.name, num(level.score), num(level.declaredScore), num(level.weight));

    blank();
    heading(ui.deviationList);
    const missed = missedRows(r);
    // Said only when every row could be judged: an unfilled row, or one the rules cannot read, meets nothing.
    const unjudged = r.indicators.filter((ind) => ind.met === null).length;
    if (missed.length === 0) wide(unjudged === 0 ? ui.noDeviations : ui.deviationsUnjudged(unjudged));
    else {
      wide(ui.deviationListNote, { size: 9 });
      head([ui.cell, ui.indicator, ui.target, ui.actual, ui.deviation, ui.reason]);
      for (const ind of missed) {
        const reason = ind.raw.reason?.text ?? null;
        const texts = [ind.name, ind.raw.target.text ?? '', ind.raw.actual.text ?? '', reason ?? ui.noReason];
        const lines = Math.max(...texts.map((t, i) => linesIn(t, SUMMARY_WIDTHS[[1, 2, 3, 5][i]!]!)));
        line(
          [
            { value: cellLink(ind.raw.name.ref), link: true, border: true },
            { value: ind.name, border: true, wrap: true },
            { value: ind.raw.target.text, border: true, wrap: true, center: true },
            { value: ind.raw.actual.text, border: true, wrap: true, center: true },
            { value: ind.deviation === null ? null : num(ind.deviation.div(100)), border: true, percent: true, center: true },
            { value: reason ?? ui.noReason, border: true, wrap: true },
          ],
          lines > 1 ? heightFor(lines) : undefined,
        );
      }
    }

    blank();
    heading(ui.findingsList);
    // 提示 (info) findings are the rows 偏差说明 lists above, as on the console.
    const listed = r.findings.filter((f) => f.severity !== 'info');
    if (listed.length === 0) wide(ui.noFindings);
    for (const severity of SEVERITIES) {
      const list = listed.filter((f) => f.severity === severity);
      if (list.length === 0) continue;
      const label = severityWord(severity, lang);
      const fill = FILL[severity];
      line([{ value: ui.findingCount(cap(label), list.length), bold: true, fill, border: true, span: LAST }]);
      head([ui.cell, ui.indicator, ui.message], [1, 1, LAST - 2]);
      const messageWidth = SUMMARY_WIDTHS.slice(2).reduce((a, b) => a + b, 0);
      for (const f of list) {
        const message = ui.withCode(renderFinding(f, lang), f.code);
        const lines = Math.max(linesIn(message, messageWidth), linesIn(f.indicator ?? '', SUMMARY_WIDTHS[1]!));
        line(
          [
            f.ref ? { value: cellLink(f.ref), link: true, border: true } : { value: null, border: true },
            { value: f.indicator ?? null, border: true, wrap: true },
            { value: message, border: true, wrap: true, span: LAST - 2 },
          ],
          lines > 1 ? heightFor(lines) : undefined,
        );
      }
    }
  }
  return rows;
}

function summarySheetXml(opened: OpenedWorkbook | null, reports: TableReport[], remarks: CopyRemarks, lang: Lang, about: CopyAbout, styles: Styles, flavor: Flavor): string {
  const patch = new SheetPatch();
  summaryRows(opened, reports, remarks, lang, about).forEach((row, i) => {
    let c = 1;
    for (const cell of row.cells) {
      if (cell === null) {
        c++;
        continue;
      }
      const span = cell.span ?? 1;
      const style: StylePatch = {};
      if (cell.bold) style.bold = true;
      if (cell.size) style.size = cell.size;
      if (cell.link) style.link = true;
      if (cell.fill) style.fill = cell.fill;
      if (cell.border) style.border = 'thin';
      if (typeof cell.value === 'number') style.numFmtId = cell.percent ? NUMFMT.percent : NUMFMT.score;
      // A table's cells centred vertically, beside a neighbour's wrapped text.
      if (cell.wrap || cell.center || cell.border) style.alignment = { vertical: 'center', ...(cell.wrap ? { wrapText: true } : {}), ...(cell.center ? { horizontal: 'center' } : {}) };
      patch.set(i + 1, c, cell.value === '' ? null : cell.value, style);
      // The covered cells of a merge take its border, so the merge prints framed.
      for (let k = 1; k < span; k++) patch.set(i + 1, c + k, null, style.border ? { border: 'thin' } : {});
      if (span > 1) patch.merge(`${columnLetters(c)}${i + 1}:${columnLetters(c + span - 1)}${i + 1}`);
      c += span;
    }
    if (row.height !== undefined) patch.minHeight(i + 1, row.height);
  });
  SUMMARY_WIDTHS.forEach((w, i) => patch.minWidth(i + 1, w));
  // A4 portrait, one page wide.
  patch.printSetup({ fitToWidth: true, orientation: 'portrait', paperSize: 9 });
  const empty = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${flavor.main}" xmlns:r="${flavor.rel}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  const sheet = indexSheet('summary', empty, patch.rows());
  return patch.apply(sheet, styles);
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
export function scoredCopy(opened: OpenedWorkbook, reports: TableReport[], lang: Lang, ext = '.xlsx', about: CopyAbout = {}): { bytes: Buffer; remarks: CopyRemarks } {
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
    // One page wide, the added columns in it; the user's orientation unless the table cannot be read so.
    if (first !== null) {
      const right = first + COLUMN_WIDTHS.length - 1;
      const added = new Map(COLUMN_WIDTHS.map((w, i) => [first + i, w]));
      cells.patch.printSetup({ fitToWidth: true, ...(needsLandscape(index, right, added) ? { orientation: 'landscape' } : {}) });
    }
    edit.set(sheet.part, cells.patch.apply(index, styles));
    if (first !== null) for (const t of tables) widenPrintArea(edit, workbook, position, t.table.lastColumn, first + COLUMN_WIDTHS.length - 1);
    // The header repeated on every page, when the sheet has no print titles of its own.
    const t = tables[0]!.table;
    addLocalName(edit, workbook, position, '_xlnm.Print_Titles', `${quotedSheet(sheet.name)}!$${t.headerTop}:$${t.headerRow}`);
  });
  const given = addSheet(edit, workbook, flavor, SUMMARY_SHEET, summarySheetXml(opened, reports, remarks, lang, about, styles, flavor));
  addLocalName(edit, workbook, workbook.sheets.length, '_xlnm.Print_Titles', `${quotedSheet(given)}!$1:$1`);
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
export async function writeScoredCopy(opened: OpenedWorkbook, reports: TableReport[], out: string, lang: Lang, about: CopyAbout = {}): Promise<void> {
  // `out`, like the input's path, is relative to the run's working directory.
  const target = resolve(opened.cwd, out);
  if (samePath(resolve(opened.cwd, opened.path), target)) throw new RunError((ui) => ui.sameAsInput(out));
  let bytes: Buffer;
  try {
    bytes = scoredCopy(opened, reports, lang, extname(out), about).bytes;
  } catch (err) {
    // A part only the writer reads (a comments part, a table) that turns out damaged.
    if (err instanceof PackageError) throw new RunError((ui) => ui.damagedPart(opened.path, err));
    throw err;
  }
  writeFileAtomic(target, bytes, undefined, out);
}
