// The batch ranking: one row per indicator table, best computed total first. Shared by the console
// ranking table, the CSV summary and the summary workbook.
import type { TableRow } from './digest.js';
import { compareText } from '../order.js';

/** One table's line in the ranking. */
export interface RankRow extends TableRow {
  /**
   * 1-based; equal computed totals share a rank and the next rank skips (1, 2, 2, 4), as a
   * 并列 ranking does.
   */
  rank: number;
}

/** Ranks tables: computed total descending, ties by file then sheet (code-unit order). */
export function rankTables(tables: readonly TableRow[]): RankRow[] {
  const rows = tables.map((t) => ({ ...t, rank: 0 }));
  rows.sort((a, b) => b.total.cmp(a.total) || compareText(a.file, b.file) || compareText(a.sheet, b.sheet));
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    row.rank = prev && prev.total.eq(row.total) ? prev.rank : i + 1;
  });
  return rows;
}
