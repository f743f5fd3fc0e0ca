// The batch ranking: one row per indicator table, best computed total first. Shared by the CSV
// summary, the console ranking table and the summary workbook.
import type { Decimal } from 'decimal.js';
import type { FileReport } from '../model.js';
import { compareText, countFindings } from './common.js';

/** One table's line in the ranking. */
export interface RankRow {
  /**
   * 1-based; equal computed totals share a rank and the next rank skips (1, 2, 2, 4), as a
   * 并列 ranking does.
   */
  rank: number;
  file: string;
  sheet: string;
  /** 部门（单位）名称, null when not found. */
  department: string | null;
  total: Decimal;
  declaredTotal: Decimal | null;
  grade: string;
  declaredGrade: string | null;
  errors: number;
  warnings: number;
}

/** Ranks every table of the run: computed total descending, ties by file then sheet (code-unit order). */
export function rankTables(files: readonly FileReport[]): RankRow[] {
  const rows = files.flatMap((f) =>
    f.tables.map((t) => ({
      rank: 0,
      file: f.file,
      sheet: t.sheet,
      department: t.department,
      total: t.total,
      declaredTotal: t.declaredTotal,
      grade: t.grade,
      declaredGrade: t.declaredGrade,
      ...countFindings(t.findings),
    })),
  );
  rows.sort((a, b) => b.total.cmp(a.total) || compareText(a.file, b.file) || compareText(a.sheet, b.sheet));
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    row.rank = prev && prev.total.eq(row.total) ? prev.rank : i + 1;
  });
  return rows;
}
