// Scoring a list of files on worker threads and handing the results back in input order, whatever
// the order they finish in. A batch (more than one file) is scored in worker threads only, each with
// a bounded heap: a file that exhausts one fails that file alone (`unreadable-file`), and the main
// thread, which only hands out files and takes their results, keeps every other file's result. One
// file runs in the main thread: a worker's start-up would cost more than it saves.
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { removeTempsBeside } from '../atomic.js';
import { unreadableFile } from '../engine/analyze.js';
import { isInterrupted, onInterrupt } from '../interrupt.js';
import type { UnreadableCause } from '../model.js';
import { processFile, resultOf, type FileJob, type FileResult, type ScoreSettings } from './score-file.js';

export interface PoolOptions {
  /** How many files are scored at once: worker threads (never more than files). */
  jobs: number;
  /** The worker script (dist/worker.js); null runs everything in the main thread. */
  workerUrl: URL | null;
  /** The run's environment (PERF_SCORE_WORKER_HEAP_MB); the process's by default. */
  env?: Record<string, string | undefined>;
  /** Called as each file finishes, in completion order (progress). */
  onDone?: (done: number, file: string) => void;
  /** Called with each file's result, in input order. */
  onResult: (result: FileResult, index: number) => void;
}

/**
 * Each worker thread's heap, in MB. A real 自评表 is read in a few MB; the old generation's cap is
 * there for a file that is not one (a zip bomb, a sheet of millions of cells), and it also keeps V8
 * from letting the heap grow far past what is live (README → Speed). The young generation is kept
 * small: a batch allocates a workbook's worth per file and keeps next to nothing.
 */
export const WORKER_HEAP = { oldMb: 1024, youngMb: 24 } as const;

/**
 * The worker threads' resource limits. `PERF_SCORE_WORKER_HEAP_MB` lowers the old generation's cap,
 * for tests only: they run out of memory on a small file instead of making a big one.
 */
export function workerLimits(env: Record<string, string | undefined> = process.env): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  const asked = Number(env.PERF_SCORE_WORKER_HEAP_MB);
  const oldMb = Number.isInteger(asked) && asked > 0 ? asked : WORKER_HEAP.oldMb;
  return { maxOldGenerationSizeMb: oldMb, maxYoungGenerationSizeMb: Math.min(WORKER_HEAP.youngMb, oldMb) };
}

/** Delivers results in input order: holds each until those before it have come. */
function inOrder(deliver: (result: FileResult, index: number) => void) {
  const waiting = new Map<number, FileResult>();
  let next = 0;
  return (index: number, result: FileResult) => {
    waiting.set(index, result);
    for (let o = waiting.get(next); o !== undefined; o = waiting.get(next)) {
      waiting.delete(next);
      deliver(o, next);
      next += 1;
    }
  };
}

/** One file in the main thread, or every file when there is no worker script (tests). */
async function inMain(jobs: readonly FileJob[], settings: ScoreSettings, finish: (index: number, result: FileResult) => void): Promise<void> {
  for (const [index, job] of jobs.entries()) {
    const result = await processFile(job, settings);
    if (isInterrupted()) return;
    // Kept for the whole run, the digest entry is copied as a worker's would be: texts read from the
    // workbook are slices of its XML, and would keep all of it alive until the run ends.
    finish(index, { ...result, entry: structuredClone(result.entry) });
  }
}

export async function scoreFiles(jobs: readonly FileJob[], settings: ScoreSettings, opts: PoolOptions): Promise<void> {
  const deliver = inOrder(opts.onResult);
  let done = 0;
  const finish = (index: number, result: FileResult) => {
    done += 1;
    opts.onDone?.(done, jobs[index]!.file);
    deliver(index, result);
  };
  if (jobs.length <= 1 || opts.workerUrl === null) return inMain(jobs, settings, finish);
  return inWorkers(jobs, settings, opts.workerUrl, Math.max(1, Math.min(opts.jobs, jobs.length)), workerLimits(opts.env), finish);
}

/** Why a worker stopped, for the file it was on. */
function lostCause(err: Error | null, file: string, code: number | null): UnreadableCause {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return { kind: 'out-of-memory' };
  return { kind: 'crashed', detail: `${file}: ${err?.message ?? `worker exited with code ${code}`}` };
}

function inWorkers(
  jobs: readonly FileJob[],
  settings: ScoreSettings,
  workerUrl: URL,
  count: number,
  limits: ReturnType<typeof workerLimits>,
  finish: (index: number, result: FileResult) => void,
): Promise<void> {
  // What a worker had begun writing, named from the run's working directory.
  const outOf = (index: number): string[] => (jobs[index]!.out === null ? [] : [resolve(settings.cwd ?? process.cwd(), jobs[index]!.out!)]);
  const workers = new Set<Worker>();
  // Files sent to each worker and not yet back, in the order sent (a worker takes them in that order).
  const inFlight = new Map<Worker, number[]>();
  let next = 0;
  // Files sent to a worker that died before starting them, to be taken again first.
  const again: number[] = [];
  const take = (): number | null => again.pop() ?? (next < jobs.length ? next++ : null);
  let stopped = false;

  /** Stops every worker, then removes what those on a file had begun writing. */
  const stopAll = async () => {
    stopped = true;
    const outs = [...inFlight.values()].flat().flatMap(outOf);
    await Promise.all([...workers].map((w) => w.terminate()));
    for (const out of outs) removeTempsBeside(out);
  };
  const forget = onInterrupt(stopAll);

  return new Promise<void>((resolveAll, rejectAll) => {
    // An error of the caller's (the report cannot be written) ends the run: nothing more is scored.
    const fail = (err: unknown) => {
      if (stopped) return;
      void stopAll().then(() => {
        forget();
        rejectAll(err);
      });
    };
    const deliver = (index: number, result: FileResult) => {
      if (stopped) return;
      try {
        finish(index, result);
      } catch (err) {
        fail(err);
      }
    };
    const start = () => {
      const worker = new Worker(workerUrl, { workerData: settings, resourceLimits: limits });
      workers.add(worker);
      const sent: number[] = [];
      inFlight.set(worker, sent);
      // Two at a time: the next file is already there when one is done.
      const feed = () => {
        while (sent.length < 2 && !stopped) {
          const index = take();
          if (index === null) break;
          sent.push(index);
          worker.postMessage({ index, job: jobs[index] });
        }
        if (sent.length === 0) void worker.terminate();
      };
      worker.on('message', ({ index, result }: { index: number; result: FileResult }) => {
        sent.splice(sent.indexOf(index), 1);
        deliver(index, result);
        feed();
      });
      // A worker that dies (out of memory, a bug) fails the file it was on, not the run: what it began
      // writing is removed, the files it had not started go to the others, and a new worker takes its place.
      let why: Error | null = null;
      const lost = (code: number | null) => {
        const index = sent.shift();
        if (index === undefined || stopped) return;
        again.push(...sent.splice(0).reverse());
        const job = jobs[index]!;
        for (const out of outOf(index)) removeTempsBeside(out);
        const report = unreadableFile(job.file, lostCause(why, job.file, code), settings.profile);
        deliver(index, { ...resultOf(report, job, settings), written: null, writeError: null });
        if (!stopped && (again.length > 0 || next < jobs.length)) start();
      };
      worker.on('error', (err) => {
        why = err;
      });
      worker.on('exit', (code) => {
        lost(code);
        workers.delete(worker);
        inFlight.delete(worker);
        if (workers.size === 0 && !stopped) {
          forget();
          resolveAll();
        }
      });
      feed();
    };
    for (let i = 0; i < count; i++) start();
  });
}
