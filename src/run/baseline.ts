// A baseline: the findings a repository has accepted (in workbooks that can no longer change), so
// that CI fails only on new ones. `--write-baseline FILE` records every finding of a run; `--baseline
// FILE` accepts those recorded. A finding is matched by its file (relative to the working directory,
// with `/`), code, cell and indicator, one-for-one: a key recorded twice accepts two findings.
//
// The file (JSON, one finding per line so that a review shows what changed):
//   { "perfScoreBaseline": 1,
//     "findings": [
//       { "file": "材料/a.xlsx", "code": "missing-reason", "cell": "自评表!H25", "indicator": "预算执行率", "count": 1 },
//       … ] }
// ordered by file (code-unit order), then as the report orders a file's findings.
import { relative, resolve, sep } from 'node:path';
import { cellName } from '../cells.js';
import { readSettingsFile, RunError } from '../errors.js';
import type { FileReport, Finding } from '../model.js';
import { compareText } from '../order.js';

export const BASELINE_VERSION = 1;

/** One recorded finding, and how many times it was recorded. Plain data: it crosses to worker threads. */
export interface BaselineEntry {
  file: string;
  code: string;
  cell: string | null;
  indicator: string | null;
  count: number;
}

/** What the baseline did to one file's findings. Plain data: it crosses back from a worker thread. */
export interface BaselineOutcome {
  /** Findings taken out of the report, accepted. */
  accepted: number;
  /** The file's entries (with what is left of their count) that no finding matched. */
  stale: BaselineEntry[];
  /** Every finding of the file, as entries, when the run records a baseline; else empty. */
  recorded: BaselineEntry[];
}

/** A file as a baseline names it: relative to the working directory, with `/`. */
export function baselinePath(file: string, cwd: string): string {
  return relative(cwd, resolve(cwd, file)).split(sep).join('/');
}

function keyOf(e: { code: string; cell: string | null; indicator: string | null }): string {
  return JSON.stringify([e.code, e.cell, e.indicator]);
}

function entryOf(file: string, f: Finding): BaselineEntry {
  return { file, code: f.code, cell: cellName(f.ref), indicator: f.indicator, count: 1 };
}

/**
 * Reads a baseline into its entries by file. A file that is missing or is not a baseline stops the
 * run (exit 2), before any workbook is read.
 */
export function readBaseline(path: string, cwd: string): Map<string, BaselineEntry[]> {
  const text = readSettingsFile(path, cwd);
  const invalid = (why: string) => new RunError((ui) => ui.baselineInvalid(path, why));
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : String(err));
  }
  if (typeof doc !== 'object' || doc === null || (doc as { perfScoreBaseline?: unknown }).perfScoreBaseline !== BASELINE_VERSION) {
    throw invalid(`"perfScoreBaseline": ${BASELINE_VERSION}`);
  }
  const findings = (doc as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) throw invalid('"findings"');
  const byFile = new Map<string, BaselineEntry[]>();
  const isText = (v: unknown) => typeof v === 'string';
  const textOrNull = (v: unknown) => v === null || typeof v === 'string';
  findings.forEach((raw: unknown, i) => {
    const e = raw as Partial<BaselineEntry> | null;
    const count = e?.count ?? 1;
    if (e === null || typeof e !== 'object' || !isText(e.file) || !isText(e.code) || !textOrNull(e.cell ?? null) || !textOrNull(e.indicator ?? null) || !Number.isInteger(count) || count < 1) {
      throw invalid(`findings[${i}]`);
    }
    const entry: BaselineEntry = { file: e.file!, code: e.code!, cell: e.cell ?? null, indicator: e.indicator ?? null, count };
    byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry]);
  });
  return byFile;
}

/**
 * Takes the findings a file's baseline entries accept out of its report (one-for-one, in the report's
 * order), and, when `record`, accepts and records every finding. Returns the report as it is to be
 * formatted and counted, and what the baseline did.
 */
export function applyBaseline(report: FileReport, file: string, accept: readonly BaselineEntry[], record: boolean): { report: FileReport; outcome: BaselineOutcome; taken: Set<Finding> } {
  const left = new Map<string, number>();
  for (const e of accept) left.set(keyOf(e), (left.get(keyOf(e)) ?? 0) + e.count);
  const recorded: BaselineEntry[] = [];
  const taken = new Set<Finding>();
  let accepted = 0;
  const keep = (findings: Finding[]): Finding[] =>
    findings.filter((f) => {
      // Information (提示) never fails a run: it is neither recorded nor accepted, and always shown.
      if (f.severity === 'info') return true;
      const entry = entryOf(file, f);
      if (record) {
        recorded.push(entry);
        taken.add(f);
        accepted += 1;
        return false;
      }
      const key = keyOf(entry);
      const n = left.get(key) ?? 0;
      if (n === 0) return true;
      left.set(key, n - 1);
      taken.add(f);
      accepted += 1;
      return false;
    });
  const filtered: FileReport = { ...report, findings: keep(report.findings), tables: report.tables.map((t) => ({ ...t, findings: keep(t.findings) })) };
  const stale: BaselineEntry[] = [];
  if (!record) {
    const seen = new Set<string>();
    for (const e of accept) {
      const key = keyOf(e);
      if (seen.has(key)) continue;
      seen.add(key);
      const n = left.get(key) ?? 0;
      if (n > 0) stale.push({ ...e, count: n });
    }
  }
  return { report: filtered, outcome: { accepted, stale, recorded: merge(recorded) }, taken };
}

/** Entries of one key made one, with their counts added, in the order of their first. */
function merge(entries: readonly BaselineEntry[]): BaselineEntry[] {
  const byKey = new Map<string, BaselineEntry>();
  for (const e of entries) {
    const key = JSON.stringify([e.file, keyOf(e)]);
    const have = byKey.get(key);
    if (have) have.count += e.count;
    else byKey.set(key, { ...e });
  }
  return [...byKey.values()];
}

/** The baseline file's text: entries ordered by file (code-unit order), each file's in the order given. */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const sorted = merge(entries)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compareText(a.e.file, b.e.file) || a.i - b.i)
    .map(({ e }) => `    ${JSON.stringify({ file: e.file, code: e.code, cell: e.cell, indicator: e.indicator, count: e.count })}`);
  const body = sorted.length === 0 ? '[]' : `[\n${sorted.join(',\n')}\n  ]`;
  return `{\n  "perfScoreBaseline": ${BASELINE_VERSION},\n  "findings": ${body}\n}\n`;
}

/** A stale entry as one short phrase: `a.xlsx 自评表!H25 missing-reason`. */
export function describeEntry(e: BaselineEntry): string {
  return [e.file, e.cell, e.code].filter((x) => x !== null).join(' ') + (e.count > 1 ? ` ×${e.count}` : '');
}
