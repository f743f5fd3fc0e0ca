// Fuzzing perf-score with mutants of its own fixtures (test/fuzz/mutate.ts: the zip, the XML, the
// content), a fixed seed and a few hundred mutants per run; FUZZ=5000 for thousands, FUZZ_SEED=N for
// another seed, FUZZ_ONLY=i,j to rerun some, FUZZ_KEEP=1 to keep the mutants (the folder is printed).
// Each mutant is read, scored and written in process (through the adapter, in a child process with a
// 60 s CPU cap and a heap limit, so a hang or a runaway is caught and reported), and a sample through
// the real bin. Whatever the mutant: no crash, no hang, the input unchanged, nothing half-written
// left behind, and a scored copy, when one is written, reads back (our reader; openpyxl on a sample).
// Failing mutants are printed with their seed and index, so that anyone can rerun them.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, uncleanEnd } from './corpus/bin.js';
import { FIXTURES, cleanTemp, openpyxlPython, record, sayMissing, tempDir } from './corpus/env.js';
import { check, staleEntries } from './corpus/expected.js';
import { IsolatedPool, type TaskOutcome } from './corpus/isolate.js';
import { openpyxlLoads } from './corpus/openpyxl.js';
import type { ScoreOutcome } from './corpus/adapter.js';
import { baseOf, mutant, type Mutant } from './fuzz/mutate.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const COUNT = Number(process.env.FUZZ ?? 300);
const ONLY = process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',').map(Number) : null;
const BASES = ['seed-000.xlsx', 'two-tables.xlsx', 'project-split.xlsx', 'seed-004.xlsx'];
/** Every BIN_EVERY-th mutant also goes through the real bin; the copy of every OPENPYXL_EVERY-th through openpyxl. */
const BIN_EVERY = 20;
const OPENPYXL_EVERY = 3;
const INTERNAL = /internal error|内部错误/;

const python = openpyxlPython();
if (!python) sayMissing('openpyxl (python3-openpyxl)', 'the fuzz test’s openpyxl check of a sample of scored copies');

interface Trial {
  m: Omit<Mutant, 'bytes'>;
  input: string;
  out: string;
  outcome: TaskOutcome<ScoreOutcome>;
  inputChanged: boolean;
  leftovers: string[];
  readBack?: { ok: boolean; message: string | null };
  /** openpyxl's load error (or null) and the malformed XML parts, of the copy and of the mutant itself. */
  openpyxl?: { copy: string | null; input: string | null };
  bin?: { unclean: string | null; inputChanged: boolean; leftovers: string[] };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const section = 'fuzz';
const titles: string[] = [];
/** The expected failures are those of the default run; another seed, count or subset is held to every promise. */
const DEFAULT_RUN = !process.env.FUZZ && !process.env.FUZZ_SEED && !process.env.FUZZ_ONLY;
function promise(title: string, fn: () => void, skip = false): void {
  titles.push(title);
  check(section, title, fn, { skip, expectations: DEFAULT_RUN });
}

describe('fuzz: mutants of the fixtures never crash, hang, change their input or leave a broken file', () => {
  const trials: Trial[] = [];
  let dir = '';

  beforeAll(async () => {
    dir = tempDir('perf-score-fuzz-');
    const bases = BASES.map((name) => baseOf(name, readFileSync(join(FIXTURES, name))));
    const indices = ONLY ?? Array.from({ length: COUNT }, (_, i) => i);
    const pool = new IsolatedPool({ size: 2, cpuCapMs: 60_000, heapMb: 1024, ceilingMb: 2000 });
    await Promise.all(
      indices.map(async (index) => {
        const m = mutant(SEED, index, bases);
        const folder = join(dir, `m${index}`);
        mkdirSync(folder);
        const input = join(folder, `m${index}.xlsx`);
        const out = join(folder, `m${index}.scored.xlsx`);
        writeFileSync(input, m.bytes);
        const before = sha(input);
        const outcome = await pool.run('score', input, out, 'mof');
        const { bytes: _bytes, ...meta } = m;
        const trial: Trial = { m: meta, input, out, outcome, inputChanged: sha(input) !== before, leftovers: readdirSync(folder).filter((f) => f !== `m${index}.xlsx` && f !== `m${index}.scored.xlsx`) };
        if (outcome.ok && outcome.value.written) {
          const back = await pool.run('readBack', out);
          trial.readBack = back.ok ? { ok: back.value.ok, message: back.value.message } : { ok: false, message: `${back.kind}: ${back.message}` };
        }
        trials.push(trial);
      }),
    );
    await pool.close();
    trials.sort((a, b) => a.m.index - b.m.index);

    const written = trials.filter((t) => t.outcome.ok && t.outcome.value.written);
    const sample = written.filter((t) => t.m.index % OPENPYXL_EVERY === 0);
    if (python && sample.length > 0) {
      const loads = openpyxlLoads(sample.flatMap((t) => [t.out, t.input]))!;
      const problem = (f: string) => {
        const r = loads[f];
        if (!r) return 'not checked';
        return [r.load, ...r.malformed.map((m) => `${m.part} not well-formed: ${m.error}`)].filter((x) => x !== null).join('; ') || null;
      };
      for (const t of sample) t.openpyxl = { copy: problem(t.out), input: problem(t.input) };
    }

    const binSample = trials.filter((t) => t.m.index % BIN_EVERY === 0);
    let next = 0;
    const lane = async () => {
      while (next < binSample.length) {
        const t = binSample[next++]!;
        const folder = join(dir, `bin${t.m.index}`);
        mkdirSync(folder);
        const input = join(folder, `m${t.m.index}.xlsx`);
        writeFileSync(input, readFileSync(t.input));
        const before = sha(input);
        const run = await runBin(['eval', input, '-o', join(folder, 'out.xlsx'), '--format', 'json', '--lang', 'en'], { timeoutMs: 60_000 });
        t.bin = { unclean: uncleanEnd(run), inputChanged: sha(input) !== before, leftovers: readdirSync(folder).filter((f) => f !== `m${t.m.index}.xlsx` && f !== 'out.xlsx') };
      }
    };
    await Promise.all([lane(), lane()]);
    report();
  }, 60 * 60_000);

  afterAll(() => {
    if (process.env.FUZZ_KEEP) process.stderr.write(`fuzz: mutants kept in ${dir}\n`);
    else cleanTemp();
  });

  const line = (t: Trial, what: string) => `#${t.m.index} ${t.m.base} ${t.m.level}/${t.m.mutator} (${t.m.detail.slice(0, 160)}): ${what.split('\n')[0]!.slice(0, 300)}`;

  const failures = {
    crash: () =>
      trials.flatMap((t) => {
        const o = t.outcome;
        if (!o.ok) return o.kind === 'error' || o.kind === 'exit' ? [line(t, `${o.kind}: ${o.message}`)] : [];
        const msg = [o.value.unreadable, o.value.writeError].find((x) => x !== null && INTERNAL.test(x));
        return msg ? [line(t, msg)] : [];
      }),
    hang: () => trials.flatMap((t) => (!t.outcome.ok && (t.outcome.kind === 'hang' || t.outcome.kind === 'heap') ? [line(t, `${t.outcome.kind}: ${t.outcome.message}`)] : [])),
    input: () => trials.flatMap((t) => (t.inputChanged ? [line(t, 'the input changed')] : [])),
    leftovers: () => trials.flatMap((t) => (t.leftovers.length ? [line(t, `left behind: ${t.leftovers.join(', ')}`)] : [])),
    readBack: () => trials.flatMap((t) => (t.readBack && !t.readBack.ok ? [line(t, `the copy does not read back: ${t.readBack.message}`)] : [])),
    openpyxl: () => trials.flatMap((t) => (t.openpyxl && t.openpyxl.input === null && t.openpyxl.copy !== null ? [line(t, `openpyxl loads the mutant (every part well-formed) but not its copy: ${t.openpyxl.copy}`)] : [])),
    bin: () =>
      trials.flatMap((t) => {
        if (!t.bin) return [];
        const bad = [t.bin.unclean, t.bin.inputChanged ? 'the input changed' : null, t.bin.leftovers.length ? `left behind: ${t.bin.leftovers.join(', ')}` : null].filter((x) => x !== null);
        return bad.length ? [line(t, `bin: ${bad.join('; ')}`)] : [];
      }),
  };

  function report(): void {
    const counts = {
      mutants: trials.length,
      read: trials.filter((t) => t.outcome.ok && t.outcome.value.unreadable === null).length,
      refused: trials.filter((t) => t.outcome.ok && t.outcome.value.unreadable !== null && !INTERNAL.test(t.outcome.value.unreadable)).length,
      copies: trials.filter((t) => t.outcome.ok && t.outcome.value.written).length,
      openpyxlSample: trials.filter((t) => t.openpyxl).length,
      binSample: trials.filter((t) => t.bin).length,
    };
    const failing = Object.fromEntries(Object.entries(failures).map(([k, f]) => [k, f()]));
    record('fuzz', { seed: SEED, counts, failing });
    const lines = Object.entries(failing).flatMap(([k, list]) => list.map((l) => `  ${k}: ${l}`));
    const indices = [...new Set(Object.values(failing).flatMap((list) => list.map((l) => Number(/^#(\d+)/.exec(l)![1]))))].sort((a, b) => a - b);
    process.stderr.write(
      `fuzz: seed ${SEED}, ${counts.mutants} mutants: ${counts.read} read, ${counts.refused} refused, ${counts.copies} copies written; bin on ${counts.binSample}, openpyxl on ${counts.openpyxlSample}\n` +
        (lines.length ? `${lines.join('\n')}\nfuzz: rerun the failing mutants with FUZZ_SEED=${SEED} FUZZ_ONLY=${indices.join(',')} FUZZ_KEEP=1 npx vitest run test/fuzz.test.ts\n` : 'fuzz: no failing mutant\n'),
    );
  }

  it('makes the mutants it was asked for', () => {
    expect(trials.length).toBe(ONLY?.length ?? COUNT);
  });

  promise('no mutant crashes the tool: no internal error, no uncaught exception, no dead process', () => {
    expect(failures.crash()).toEqual([]);
  });

  promise('no mutant hangs it (60 s of CPU) or exhausts its heap', () => {
    expect(failures.hang()).toEqual([]);
  });

  promise('no input is changed (sha256 before and after)', () => {
    expect(failures.input()).toEqual([]);
  });

  promise('no temporary or half-written file is left beside the copy', () => {
    expect(failures.leftovers()).toEqual([]);
  });

  promise('every scored copy written reads back with our reader', () => {
    expect(failures.readBack()).toEqual([]);
  });

  promise(
    'a sample of scored copies loads in openpyxl, every XML part well-formed (wherever the mutant itself does)',
    () => {
      expect(failures.openpyxl()).toEqual([]);
    },
    !python,
  );

  promise('the bin, on a sample: exit 0, 1 or 2, no signal, no stack trace, no internal error; input unchanged, nothing left behind', () => {
    expect(failures.bin()).toEqual([]);
  });

  it('the expected-failures list names only checks of this file', () => {
    expect(staleEntries(section, titles)).toEqual([]);
  });
});
