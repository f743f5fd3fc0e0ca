// The batch summary as a workbook (`--summary FILE.xlsx`): a ranking sheet, one row per table (files
// that could not be read last, with why), and a sheet of every finding, each with its file, sheet and
// cell. Both print as they are: A4 landscape, one page wide, the header row on every page, long
// texts wrapped in rows as tall as they need.
import ExcelJS from 'exceljs';
import type { Decimal } from 'decimal.js';
import { writeFileAtomic } from '../atomic.js';
import type { Lang } from '../model.js';
import { reportLabels, severityWord } from '../i18n/labels.js';
import type { RunDigest } from '../report/digest.js';
import { rankTables } from '../report/ranking.js';
import { heightFor, linesIn } from './print.js';

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

/**
 * A sheet with a bold, filled, frozen and filtered header row, and the given column widths; set to
 * print on A4 landscape, one page wide, its header row repeated on every page.
 */
function addSheet(wb: ExcelJS.Workbook, name: string, columns: [string, number][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', horizontalCentered: true },
  });
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/**
 * Rows as tall as their wrapped texts: Excel does not fit a row's height to its text when it opens a
 * file, so a row of several lines is given its height.
 */
function fitRows(ws: ExcelJS.Worksheet, wrapped: number[]): void {
  ws.eachRow((row, n) => {
    if (n === 1) return;
    // Every cell of a row at its top, as its wrapped texts are.
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.alignment = { ...cell.alignment, vertical: 'top' };
    });
    let lines = 1;
    for (const key of wrapped) {
      const value = row.getCell(key).value;
      if (typeof value !== 'string') continue;
      lines = Math.max(lines, linesIn(value, ws.getColumn(key).width ?? 10));
    }
    if (lines > 1) row.height = heightFor(lines);
  });
}

/** A score as a number cell shown with 2 decimals; the Decimal is already rounded to 2. */
function score(d: Decimal | null): number | null {
  return d === null ? null : Number(d.toFixed(2));
}

export async function writeSummaryWorkbook(path: string, digest: RunDigest, lang: Lang): Promise<void> {
  const l = reportLabels(lang);
  const wb = new ExcelJS.Workbook();
  const ranking = addSheet(wb, l.rankingSheet, [
    [l.rank, 6], [l.department, 30], [l.file, 40], [l.sheet, 20], [l.total, 10], [l.declaredTotal, 10],
    [l.grade, 8], [l.declaredGrade, 10], [l.errors, 8], [l.warnings, 8], [l.message, 40],
  ]);
  for (const r of rankTables(digest.tables)) {
    ranking.addRow([r.rank, r.department, r.file, r.sheet, score(r.total), score(r.declaredTotal), r.grade, r.declaredGrade, r.errors, r.warnings]);
  }
  for (const u of digest.unreadable) {
    // Not scored: the reason in words, in the last column.
    ranking.addRow([null, null, u.file, null, null, null, null, null, u.severity === 'error' ? 1 : 0, u.severity === 'error' ? 0 : 1, u.message]);
  }
  for (const key of [5, 6]) ranking.getColumn(key).numFmt = '0.00';
  for (const key of [2, 3, 4, 11]) ranking.getColumn(key).alignment = { wrapText: true, vertical: 'top' };

  const findings = addSheet(wb, l.findingsSheet, [
    [l.file, 40], [l.sheet, 20], [l.cell, 12], [l.severity, 8], [l.code, 22], [l.indicator, 30], [l.message, 80],
  ]);
  for (const f of digest.findings) {
    findings.addRow([f.file, f.sheet, f.cell, severityWord(f.severity, lang), f.code, f.indicator, f.message]);
  }
  // Long texts wrap (a row as tall as its text when the reader fits it, as Excel and LibreOffice do for rows without a set height).
  for (const key of [1, 2, 6, 7]) findings.getColumn(key).alignment = { wrapText: true, vertical: 'top' };
  fitRows(ranking, [2, 3, 4, 11]);
  fitRows(findings, [1, 2, 6, 7]);
  for (const ws of [ranking, findings]) ws.getRow(1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  writeFileAtomic(path, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}
