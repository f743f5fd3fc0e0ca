// The fixtures scored in process, and their results as plain arrays for the layout tests
// (test/layouts.test.ts, test/real-layouts.test.ts) to compare with hand-computed values.
import { expect } from 'vitest';
import { analyzeTable } from '../../src/engine/analyze.js';
import type { TableReport } from '../../src/model.js';
import { loadProfile } from '../../src/profiles/index.js';
import { openWorkbook } from '../../src/workbook/read.js';

/** Every table of a fixture, scored under a built-in profile. */
export async function scoreAll(file: string, profile = 'mof'): Promise<TableReport[]> {
  const opened = await openWorkbook(`fixtures/${file}`);
  return opened.tables.map((t) => analyzeTable(t, loadProfile(profile)));
}

/** The one table of a fixture, scored. */
export async function score(file: string, profile = 'mof'): Promise<TableReport> {
  const tables = await scoreAll(file, profile);
  expect(tables).toHaveLength(1);
  return tables[0]!;
}

/** Name, weight, declared weight, score of each first level. */
export const levels = (r: TableReport) => r.levels.map((l) => [l.name, l.weight.toFixed(), l.declaredWeight?.toFixed() ?? null, l.score.toFixed(2)]);
/** The errors and warnings of a table; the rows that miss their target with a reason (information) are `missed`. */
export const findings = (r: TableReport) => r.findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.ref ? f.ref.address : null, f.indicator]);
export const missed = (r: TableReport) => r.findings.filter((f) => f.code === 'missed-target').map((f) => [f.ref!.address, f.indicator]);
/** Row, name, target as read, weight, computed score. */
export const rows = (r: TableReport) => r.indicators.map((i) => [i.raw.name.ref.row, i.name, i.raw.target.text, i.weight?.toFixed() ?? null, i.score?.toFixed(2) ?? null]);
/** Budget (adjusted, else initial), executed, rate, score of the budget block as scored. */
export const budget = (r: TableReport) => [r.budget?.adjusted?.toFixed() ?? null, r.budget?.executed?.toFixed() ?? null, r.budget?.rate?.toFixed(2) ?? null, r.budget?.score?.toFixed(2) ?? null];
