// The batch summary as a workbook (`--summary FILE.xlsx`): a ranking sheet, one row per table (files
// that could not be read last), and a sheet of every finding, each with its file, sheet and cell.
import ExcelJS from 'exceljs';
import type { Decimal } from 'decimal.js';
import { writeFileAtomic } from '../atomic.js';
import type { Lang } from '../model.js';
import { reportLabels, severityWord } from '../i18n/labels.js';
import type { RunDigest } from '../report/digest.js';
import { rankTables } from '../report/ranking.js';

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

/** A sheet with a bold, filled, frozen and filtered header row, and the given column widths. */
function addSheet(wb: ExcelJS.Workbook, name: string, columns: [string, number][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
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
    [l.grade, 8], [l.declaredGrade, 10], [l.errors, 8], [l.warnings, 8],
  ]);
  for (const r of rankTables(digest.tables)) {
    ranking.addRow([r.rank, r.department, r.file, r.sheet, score(r.total), score(r.declaredTotal), r.grade, r.declaredGrade, r.errors, r.warnings]);
  }
  for (const u of digest.unreadable) {
    ranking.addRow([null, null, u.file, null, null, null, null, null, u.severity === 'error' ? 1 : 0, u.severity === 'error' ? 0 : 1]);
  }
  for (const key of [5, 6]) ranking.getColumn(key).numFmt = '0.00';

  const findings = addSheet(wb, l.findingsSheet, [
    [l.file, 40], [l.sheet, 20], [l.cell, 12], [l.severity, 8], [l.code, 22], [l.indicator, 30], [l.message, 80],
  ]);
  for (const f of digest.findings) {
    findings.addRow([f.file, f.sheet, f.cell, severityWord(f.severity, lang), f.code, f.indicator, f.message]);
  }
  findings.getColumn(7).alignment = { wrapText: true, vertical: 'top' };
  writeFileAtomic(path, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}
