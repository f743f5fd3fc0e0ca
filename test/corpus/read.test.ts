// Every workbook of the shared corpus (poi/, wps/, defects/): the bin reads it or refuses it with a
// precise reason, and never crashes; in process, the texts of every sheet are SheetJS CE's, every
// difference explained by a named rule (rules.ts).
import { relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAll, type BinOutcome } from './outcomes.js';
import { CORPUS, corpusFiles, corpusPresent, record } from './env.js';
import { IsolatedPool, type TaskOutcome } from './isolate.js';
import { imprecision, reasonOf } from './refusals.js';
import { CELL_RULES, DIAGNOSES, SHEET_RULES } from './rules.js';
import type { ReadComparison } from './worker.js';

const files = corpusFiles();
if (!corpusPresent()) process.stderr.write(`perf-score corpus: ${CORPUS} not found: skipped the corpus read checks\n`);

interface FileResult {
  file: string;
  bin: BinOutcome;
  inProcess: TaskOutcome<ReadComparison>;
}

describe.skipIf(!corpusPresent())('the corpus: every workbook read, or refused with a precise reason', () => {
  const results: FileResult[] = [];
  const batchFailures: { files: number; first: string; why: string }[] = [];
  const imprecise: string[] = [];
  const pool = new IsolatedPool({ size: 2, cpuCapMs: 60_000 });

  beforeAll(async () => {
    const byFolder = (folder: string) => files.filter((f) => f.folder === folder).map((f) => f.path);
    const onBatchFailure = (batch: string[], why: string) => batchFailures.push({ files: batch.length, first: relative(CORPUS, batch[0]!), why });
    const [bin, inProcess] = await Promise.all([
      (async () => {
        const out = new Map<string, BinOutcome>();
        for (const folder of ['poi', 'wps', 'defects']) for (const [k, v] of await checkAll(byFolder(folder), { onBatchFailure })) out.set(k, v);
        return out;
      })(),
      Promise.all(files.map((f) => pool.run('readCompare', f.path))),
    ]);
    files.forEach((f, i) => results.push({ file: f.rel, bin: bin.get(f.path) ?? { kind: 'crashed', how: 'no outcome recorded' }, inProcess: inProcess[i]! }));
    for (const r of results) {
      if (r.bin.kind !== 'refused') continue;
      const facts = r.inProcess.ok ? r.inProcess.value.facts : null;
      const why = facts ? imprecision(reasonOf(r.bin.message, files.find((f) => f.rel === r.file)!.path), r.file, facts) : null;
      if (why) imprecise.push(`${r.file}: ${why}`);
    }
    record('read', { results, batchFailures, imprecise, rules: { cells: CELL_RULES.map(({ id, says }) => ({ id, says })), sheets: SHEET_RULES.map(({ id, says }) => ({ id, says })) }, diagnoses: DIAGNOSES.map(({ id, says }) => ({ id, says })) });
  }, 60 * 60_000);

  afterAll(() => pool.close());

  it('the bin never crashes: exit 0, 1 or 2, no signal, no stack trace, no internal error, an outcome within 60 s of CPU time', () => {
    const crashed = results.flatMap((r) => (r.bin.kind === 'crashed' ? [`${r.file}: ${r.bin.how}`] : []));
    expect(crashed).toEqual([]);
  });

  it('a batch is never ended by one of its files (every file of a batch gets its outcome)', () => {
    expect(batchFailures.map((b) => `batch of ${b.files} from ${b.first}: ${b.why}`)).toEqual([]);
  });

  it('in process (the adapter’s reader, in a child process): no crash, no hang, no heap exhaustion', () => {
    const failed = results.flatMap((r) => {
      const o = r.inProcess;
      if (!o.ok) return [`${r.file}: ${o.kind}: ${o.message.split('\n')[0]}`];
      if (o.value.ours.kind === 'crashed') return [`${r.file}: crashed: ${o.value.ours.message}`];
      return [];
    });
    expect(failed).toEqual([]);
  });

  it('every refusal has a precise reason (held against jszip’s CRC checks and SheetJS CE)', () => {
    expect(imprecise).toEqual([]);
  });

  it('the texts of every sheet equal SheetJS CE’s, every difference explained by a named rule', () => {
    const unexplained = results.flatMap((r) => {
      if (!r.inProcess.ok) return [];
      const n = r.inProcess.value.byRule.unexplained ?? 0;
      if (n === 0) return [];
      const causes = Object.entries(r.inProcess.value.byDiagnosis).map(([d, k]) => `${d} ×${k}`).join(', ');
      const ex = r.inProcess.value.examples.find((e) => e.rule === null)?.difference as { sheet: string; cell?: string; ours?: unknown; theirs?: unknown } | undefined;
      const example = ex ? ` e.g. ${ex.sheet}!${ex.cell ?? ''} ours ${JSON.stringify(ex.ours)} SheetJS ${JSON.stringify(ex.theirs)}` : '';
      return [`${r.file}: ${n} unexplained (${causes})${example}`];
    });
    expect(unexplained).toEqual([]);
  });
});
