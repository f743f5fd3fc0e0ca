// The `explain` format: per table, the budget block, each indicator and the total, one line each.
import { renderExplanation } from '../i18n/explain.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, IndicatorResult, Lang } from '../model.js';
import { cellName } from '../cells.js';

export interface ExplainFormatOptions {
  lang: Lang;
  /** Only these rows; with a filter, the budget and total lines are left out. */
  filter: ((row: IndicatorResult) => boolean) | null;
}

export function formatExplanation(report: FileReport, o: ExplainFormatOptions): string {
  const ui = uiFor(o.lang);
  const out: string[] = [];
  for (const t of report.tables) {
    const rows = o.filter ? t.indicators.filter(o.filter) : t.indicators;
    if (rows.length === 0) continue;
    out.push(`${t.department ?? report.file} · ${t.table.label} · ${ui.profile} ${t.profile}`);
    if (!o.filter && t.budget?.explanation) out.push(`  ${renderExplanation(t.budget.explanation, o.lang)}`);
    for (const row of rows) {
      const where = cellName(row.raw.score.ref);
      out.push(`  ${row.explanation ? renderExplanation(row.explanation, o.lang) : `${row.name}: ${ui.notScored}`}  [${where}]`);
    }
    if (!o.filter) out.push(`  ${renderExplanation(t.totalExplanation, o.lang)}`);
    out.push('');
  }
  return out.join('\n');
}
