// The child process of IsolatedPool (isolate.ts): runs one task at a time for the test and sends
// back plain data. Bundled by esbuild; reaches perf-score only through the adapter.
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { readGrids, scoreInProcess } from './adapter.js';
import { compareWorkbook, type CellDifference, type SheetDifference } from './compare.js';
import { Pkg } from './pkg.js';
import type { FileFacts } from './refusals.js';
import { classify, type Classified } from './rules.js';
import { readWithSheetJs } from './sheetjs.js';

/** At most this many differences of a file are sent back as examples (all are counted). */
const EXAMPLES = 12;

export interface ReadComparison {
  ours: { kind: 'read'; sheets: string[]; tables: number } | { kind: 'refused'; message: string } | { kind: 'crashed'; message: string; stack: string };
  sheetjs: { ok: true; sheets: string[]; cells: number } | { ok: false; error: string };
  facts: FileFacts | null;
  /** Cells compared (either reader holds text there). */
  compared: number;
  /** Differences by rule id; `unexplained` for none. */
  byRule: Record<string, number>;
  /** Unexplained differences by diagnosis (`unknown` for none). */
  byDiagnosis: Record<string, number>;
  examples: Classified<CellDifference | SheetDifference>[];
  ms: { ours: number; sheetjs: number };
  /** CPU time (user + system) of each read, in ms: what a busy machine does not inflate. */
  cpu: { ours: number; sheetjs: number };
}

async function facts(path: string, sheetjsSheets: number | null, sheetjsCells: number): Promise<FileFacts> {
  const bytes = readFileSync(path);
  const ole2 = bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  const encrypted = ole2 && bytes.includes(Buffer.from('EncryptionInfo', 'utf16le'));
  let zipIntact: boolean | null = null;
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    try {
      const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
      for (const f of Object.values(zip.files)) if (!f.dir) await f.async('nodebuffer');
      zipIntact = true;
    } catch {
      zipIntact = false;
    }
  }
  return { ole2, encrypted, zipIntact, sheetjsSheets, sheetjsCells };
}

async function readCompare(path: string): Promise<ReadComparison> {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const [t0, c0] = [Date.now(), cpu()];
  const ours = await readGrids(path);
  const [t1, c1] = [Date.now(), cpu()];
  const theirs = readWithSheetJs(path);
  const [t2, c2] = [Date.now(), cpu()];
  const sheetjsCells = theirs.ok ? theirs.sheets.reduce((n, s) => n + s.texts.size, 0) : 0;
  const result: ReadComparison = {
    ours:
      ours.kind === 'read'
        ? { kind: 'read', sheets: ours.sheets.map((s) => s.name), tables: ours.sheets.filter((s) => s.hasTable).length }
        : ours.kind === 'refused'
          ? { kind: 'refused', message: ours.message }
          : { kind: 'crashed', message: ours.message, stack: ours.stack },
    sheetjs: theirs.ok ? { ok: true, sheets: theirs.sheets.map((s) => s.name), cells: sheetjsCells } : { ok: false, error: theirs.error },
    facts: null,
    compared: 0,
    byRule: {},
    byDiagnosis: {},
    examples: [],
    ms: { ours: t1 - t0, sheetjs: t2 - t1 },
    cpu: { ours: Math.round(c1 - c0), sheetjs: Math.round(c2 - c1) },
  };
  if (ours.kind !== 'read') result.facts = await facts(path, theirs.ok ? theirs.sheets.length : null, sheetjsCells);
  if (ours.kind === 'read' && theirs.ok) {
    const diff = compareWorkbook(ours.sheets, theirs.sheets);
    result.compared = diff.compared;
    if (diff.cells.length + diff.sheets.length > 0) {
      const classified = await classify(await Pkg.open(path), diff.cells, diff.sheets);
      const all: Classified<CellDifference | SheetDifference>[] = [...classified.sheets, ...classified.cells];
      for (const c of all) {
        const rule = c.rule ?? 'unexplained';
        result.byRule[rule] = (result.byRule[rule] ?? 0) + 1;
        if (c.rule === null) result.byDiagnosis[c.diagnosis ?? 'unknown'] = (result.byDiagnosis[c.diagnosis ?? 'unknown'] ?? 0) + 1;
      }
      // Unexplained first, then one example of each rule.
      const seen = new Set<string>();
      result.examples = [...all.filter((c) => c.rule === null).slice(0, EXAMPLES), ...all.filter((c) => c.rule !== null && !seen.has(c.rule) && seen.add(c.rule))];
    }
  }
  return result;
}

/** Reads a written copy back with perf-score's own reader: its sheets, or why not. */
async function readBack(path: string): Promise<{ ok: boolean; sheets: string[]; message: string | null }> {
  const r = await readGrids(path);
  if (r.kind === 'read') return { ok: true, sheets: r.sheets.map((s) => s.name), message: null };
  return { ok: false, sheets: [], message: r.kind === 'crashed' ? `crashed: ${r.message}` : r.message };
}

const tasks = { readCompare, score: scoreInProcess, readBack };
export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;

process.on('message', async (m: { id: number; task: TaskName; args: unknown[] }) => {
  try {
    const fn = tasks[m.task] as (...args: unknown[]) => Promise<unknown>;
    process.send!({ id: m.id, value: await fn(...m.args) });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    process.send!({ id: m.id, error: `${e.message}\n${e.stack ?? ''}` });
  }
});
