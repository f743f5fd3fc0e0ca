// Writing the scored copy: the original sheets with computed columns beside each table, flagged
// cells filled and noted, empty 得分 / 偏差度 cells filled in, and a 评分结果 summary sheet.
// Written whole or not at all (atomic.ts), so a failed run leaves nothing behind.
import type ExcelJS from 'exceljs';
import { realpathSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Decimal } from 'decimal.js';
import { writeFileAtomic } from '../atomic.js';
import { RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import type { CellRef, DroppedPart, Finding, Lang, TableReport } from '../model.js';
import type { OpenedWorkbook } from './read.js';
import { cellName } from '../cells.js';
import { preparePackage } from './package.js';

export const SUMMARY_SHEET = '评分结果';

const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', header: 'FFDDEBF7' } as const;

/** `<dir>/<name>.scored.xlsx` beside the input. */
export function defaultOutputPath(input: string): string {
  return join(dirname(input), `${basename(input, extname(input))}.scored.xlsx`);
}

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Sets a style property on one cell only: exceljs shares style objects between cells read with the same format. */
function restyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...patch };
}

function num(d: Decimal | null): number | null {
  return d === null ? null : d.toNumber();
}

function markFindings(ws: ExcelJS.Worksheet, findings: Finding[]): void {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.ref && f.ref.sheet === ws.name) byCell.set(f.ref.address, [...(byCell.get(f.ref.address) ?? []), f]);
  }
  for (const [address, list] of byCell) {
    const cell = ws.getCell(address);
    restyle(cell, { fill: fill(list.some((f) => f.severity === 'error') ? FILL.error : FILL.warning) });
    cell.note = list.map((f) => `[${f.code}] ${f.message}`).join('\n');
  }
}

function addComputedColumns(ws: ExcelJS.Worksheet, report: TableReport, lang: Lang): void {
  const ui = uiFor(lang);
  const { table } = report;
  const first = table.lastColumn + 1;
  const headers = [ui.computedScore, ui.computedDeviation, ui.checkResult];
  headers.forEach((text, i) => {
    const cell = ws.getCell(table.headerRow, first + i);
    cell.value = text;
    restyle(cell, { font: { bold: true }, fill: fill(FILL.header), alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } });
  });
  ws.getColumn(first).width = Math.max(ws.getColumn(first).width ?? 0, 10);
  ws.getColumn(first + 1).width = Math.max(ws.getColumn(first + 1).width ?? 0, 12);
  ws.getColumn(first + 2).width = Math.max(ws.getColumn(first + 2).width ?? 0, 40);

  const rowFindings = (row: number) => report.findings.filter((f) => f.ref?.sheet === table.sheet && f.ref.row === row);
  for (const ind of report.indicators) {
    const row = ind.raw.name.ref.row;
    const score = ws.getCell(row, first);
    score.value = num(ind.score);
    score.numFmt = '0.00';
    if (ind.explanation) score.note = ind.explanation;
    const deviation = ws.getCell(row, first + 1);
    deviation.value = ind.deviation === null ? null : ind.deviation.div(100).toNumber();
    deviation.numFmt = '0.00%';
    const notes = ws.getCell(row, first + 2);
    notes.value = rowFindings(row).map((f) => f.message).join('\n') || null;
    notes.alignment = { wrapText: true, vertical: 'middle' };

    // Empty cells get the computed value; a declared value is never overwritten.
    const fillIn = (ref: CellRef | undefined, value: number | null, numFmt: string) => {
      if (!ref || value === null) return;
      const cell = ws.getCell(ref.address);
      if (cell.value !== null && cell.value !== undefined && cell.value !== '') return;
      cell.value = value;
      cell.numFmt = numFmt;
    };
    if (ind.raw.score.text === null) fillIn(ind.raw.score.ref, num(ind.score), '0.00');
    if (ind.raw.deviation && ind.raw.deviation.text === null && ind.deviation !== null) {
      fillIn(ind.raw.deviation.ref, ind.deviation.div(100).toNumber(), '0.00%');
    }
  }
  markFindings(ws, report.findings);
}

function addSummarySheet(workbook: ExcelJS.Workbook, reports: TableReport[], lang: Lang, dropped: DroppedPart[]): void {
  const ui = uiFor(lang);
  let name = SUMMARY_SHEET;
  for (let i = 2; workbook.getWorksheet(name); i++) name = `${SUMMARY_SHEET}${i}`;
  const ws = workbook.addWorksheet(name);
  ws.columns = [{ width: 16 }, { width: 22 }, { width: 26 }, { width: 60 }];
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };
  bold(ws.addRow([ui.summarySheetTitle]));
  // What this copy lacks of the original (charts, shapes, WPS cell images …).
  if (dropped.length > 0) ws.addRow([ui.droppedContent, dropped.map((p) => ui.droppedParts[p]).join(lang === 'zh' ? '、' : ', ')]);
  for (const r of reports) {
    ws.addRow([]);
    ws.addRow([ui.department, r.department ?? '']);
    ws.addRow([ui.sheet, r.sheet]);
    ws.addRow([ui.profile, r.profile]);
    bold(ws.addRow(['', ui.computed, ui.declared]));
    ws.addRow([ui.total, r.total.toNumber(), num(r.declaredTotal)]);
    ws.addRow([ui.grade, r.grade, r.declaredGrade]);
    if (r.budget) {
      ws.addRow([ui.budgetRate, r.budget.rate === null ? null : `${r.budget.rate.toFixed(2)}%`, r.budget.declaredRate === null ? null : `${r.budget.declaredRate.toFixed(2)}%`]);
      ws.addRow([ui.budgetScore, num(r.budget.score), num(r.budget.declaredScore)]);
    }
    ws.addRow([]);
    bold(ws.addRow([ui.level, ui.weight, `${ui.score}（${ui.computed}）`, `${ui.score}（${ui.declared}）`]));
    for (const level of r.levels) ws.addRow([level.name, level.weight.toNumber(), level.score.toNumber(), num(level.declaredScore)]);
    ws.addRow([]);
    bold(ws.addRow([ui.severity, ui.cell, ui.indicator, ui.message]));
    if (r.findings.length === 0) ws.addRow([ui.noFindings]);
    for (const f of r.findings) {
      const row = ws.addRow([f.severity === 'error' ? ui.error : ui.warning, cellName(f.ref) ?? '', f.indicator ?? '', f.message]);
      row.getCell(1).fill = fill(f.severity === 'error' ? FILL.error : FILL.warning);
      row.getCell(4).alignment = { wrapText: true };
    }
  }
  ws.eachRow((row) => row.eachCell((cell) => {
    if (typeof cell.value === 'number') cell.numFmt = '0.00';
  }));
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
  // Loaded here, so that reading and checking never pay for exceljs.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(preparePackage(opened.package).bytes as unknown as ArrayBuffer);
  } catch {
    throw new RunError((ui) => ui.damaged(opened.path));
  }
  for (const report of reports) {
    const ws = workbook.getWorksheet(report.sheet);
    if (ws) addComputedColumns(ws, report, lang);
  }
  addSummarySheet(workbook, reports, lang, opened.dropped);
  writeFileAtomic(out, new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
}
