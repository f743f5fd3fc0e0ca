// `perf-score explain FILE [--row NAME|CELL]`: how each score of a workbook was reached.
import { cellName } from '../cells.js';
import { analyzeTable } from '../engine/analyze.js';
import { EXIT, RunError } from '../errors.js';
import type { IndicatorResult } from '../model.js';
import { selectProfile } from '../profiles/index.js';
import { formatExplanation } from '../report/explain.js';
import { openWorkbook } from '../workbook/read.js';
import { cwdOf, type Io } from './io.js';
import type { ExplainRequest } from './request.js';

/** Whether a row is the one asked for: by a part of its name, or by any of its cells (`D27`, `自评表!D27`). */
function matches(row: IndicatorResult, wanted: string): boolean {
  const w = wanted.trim().toUpperCase();
  const cells = [row.raw.name, row.raw.target, row.raw.actual, row.raw.weight, row.raw.score, row.raw.deviation, row.raw.reason];
  return (
    row.name.includes(wanted.trim()) ||
    cells.some((c) => c !== null && (c.ref.address === w || cellName(c.ref).toUpperCase() === w))
  );
}

export async function runExplain(request: ExplainRequest, io: Io): Promise<number> {
  const { file, row, lang } = request;
  const cwd = cwdOf(io);
  const profile = selectProfile({ ...request, cwd });
  const opened = await openWorkbook(file, { cwd });
  const reports = opened.tables.map((t) => analyzeTable(t, profile));
  const filter = row === undefined ? null : (r: IndicatorResult) => matches(r, row);
  if (filter && !reports.some((r) => r.indicators.some(filter))) throw new RunError((ui) => ui.noSuchRow(file, row!));
  io.stdout.write(formatExplanation({ file, tables: reports, findings: [] }, { lang, filter }));
  return EXIT.clean;
}
