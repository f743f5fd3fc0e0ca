// `perf-score explain FILE [--row NAME|CELL]`: how each score of a workbook was reached.
import { analyzeTable } from '../engine/analyze.js';
import { EXIT, RunError } from '../errors.js';
import type { IndicatorResult } from '../model.js';
import { selectProfile } from '../profiles/index.js';
import { formatExplanation } from '../report/explain.js';
import { openWorkbook } from '../workbook/read.js';
import type { RuleOptions } from './eval.js';
import type { Io } from './main.js';
import { cellName } from '../cells.js';

export interface ExplainOptions extends RuleOptions {
  row?: string;
}

/** Whether a row is the one asked for: by a part of its name, or by any of its cells (`D27`, `自评表!D27`). */
function matches(row: IndicatorResult, wanted: string): boolean {
  const w = wanted.trim().toUpperCase();
  const cells = [row.raw.name, row.raw.target, row.raw.actual, row.raw.weight, row.raw.score, row.raw.deviation, row.raw.reason];
  return (
    row.name.includes(wanted.trim()) ||
    cells.some((c) => c !== null && (c.ref.address === w || cellName(c.ref).toUpperCase() === w))
  );
}

export async function runExplain(file: string, opts: ExplainOptions, io: Io): Promise<number> {
  const profile = selectProfile({ ...opts, cwd: io.cwd ?? process.cwd() });
  const opened = await openWorkbook(file);
  const reports = opened.tables.map((t) => analyzeTable(t, profile));
  const filter = opts.row === undefined ? null : (row: IndicatorResult) => matches(row, opts.row!);
  if (filter && !reports.some((r) => r.indicators.some(filter))) throw new RunError((ui) => ui.noSuchRow(file, opts.row!));
  io.stdout.write(formatExplanation({ file, tables: reports, findings: [] }, { lang: opts.lang, filter }));
  return EXIT.clean;
}
