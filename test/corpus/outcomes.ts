// What the bin makes of each file: read (with or without an indicator table), refused with a
// reason, or crashed (a signal, a stack trace, an internal error, no outcome within the cap). Files
// are checked in batches for speed; a batch that does not end cleanly is run again file by file, so
// that the file responsible is named and the others still get their outcome.
import { firstLine, runBin, uncleanEnd, type BinRun } from './bin.js';

export type BinOutcome =
  | { kind: 'read'; tables: number }
  | { kind: 'no-table' }
  | { kind: 'refused'; message: string }
  | { kind: 'crashed'; how: string };

interface JsonDoc {
  files: { file: string; sheet: string; total: number | null }[];
  unreadable: { file: string; message: string }[];
  summary: { files: number };
}

const NO_TABLE = /no indicator table found/;
const INTERNAL = /internal error|内部错误/;

function fromJson(doc: JsonDoc, files: string[]): Map<string, BinOutcome> {
  const out = new Map<string, BinOutcome>();
  for (const f of files) {
    const tables = doc.files.filter((e) => e.file === f).length;
    const bad = doc.unreadable.find((u) => u.file === f);
    if (bad) out.set(f, INTERNAL.test(bad.message) ? { kind: 'crashed', how: bad.message } : NO_TABLE.test(bad.message) ? { kind: 'no-table' } : { kind: 'refused', message: bad.message });
    else if (tables > 0) out.set(f, { kind: 'read', tables });
  }
  return out;
}

function parse(run: BinRun): JsonDoc | null {
  try {
    return JSON.parse(run.stdout) as JsonDoc;
  } catch {
    return null;
  }
}

/** One file alone: `check FILE --format json --lang en`. */
export async function checkAlone(file: string, timeoutMs = 60_000): Promise<{ outcome: BinOutcome; run: BinRun }> {
  const run = await runBin(['check', file, '--format', 'json', '--lang', 'en'], { timeoutMs });
  const unclean = uncleanEnd(run);
  const doc = parse(run);
  if (doc) {
    const o = fromJson(doc, [file]).get(file);
    if (o && (o.kind === 'crashed' || unclean === null)) return { outcome: o, run };
  }
  if (unclean !== null) return { outcome: { kind: 'crashed', how: unclean }, run };
  // Exit 2 ("could not run"): the one line on stderr is the reason.
  if (run.code === 2) return { outcome: { kind: 'refused', message: firstLine(run.stderr) }, run };
  return { outcome: { kind: 'crashed', how: `no JSON report (exit ${run.code}): ${firstLine(run.stderr) || firstLine(run.stdout)}` }, run };
}

/** Every file's outcome, by batches of `size`; a batch that fails is rerun file by file (two at a time). */
export async function checkAll(files: string[], opts: { size?: number; batchTimeoutMs?: number; onBatchFailure?: (files: string[], why: string) => void } = {}): Promise<Map<string, BinOutcome>> {
  const size = opts.size ?? 50;
  const out = new Map<string, BinOutcome>();
  const alone: string[] = [];
  for (let i = 0; i < files.length; i += size) {
    const batch = files.slice(i, i + size);
    const run = await runBin(['check', ...batch, '--format', 'json', '--lang', 'en'], { timeoutMs: opts.batchTimeoutMs ?? 120_000 });
    const doc = parse(run);
    const unclean = uncleanEnd(run);
    const whole = doc !== null && doc.summary?.files === batch.length && (unclean === null || INTERNAL.test(unclean));
    if (whole) {
      for (const [f, o] of fromJson(doc, batch)) out.set(f, o);
      for (const f of batch) if (!out.has(f)) alone.push(f);
    } else {
      opts.onBatchFailure?.(batch, unclean ?? 'no complete JSON report');
      alone.push(...batch);
    }
  }
  let next = 0;
  const lane = async () => {
    while (next < alone.length) {
      const f = alone[next++]!;
      out.set(f, (await checkAlone(f)).outcome);
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}
