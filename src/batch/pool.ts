// Scoring a list of files across the main thread and worker threads, one file per thread at a time,
// and handing the results back in input order whatever the order they finish in. One file, or one
// job, runs in the main thread alone: a worker's start-up would cost more than it saves.
import { Worker } from 'node:worker_threads';
import { unreadableFile } from '../engine/analyze.js';
import { uiFor } from '../i18n/messages.js';
import { digestEntry } from '../report/digest.js';
import { formatFor } from '../report/registry.js';
import { processFile, type FileJob, type FileResult, type ScoreSettings } from './score-file.js';

export interface PoolOptions {
  /** How many files are scored at once: the main thread and jobs - 1 worker threads (never more than files). */
  jobs: number;
  /** The worker script (dist/worker.js); null runs everything in the main thread. */
  workerUrl: URL | null;
  /** Called as each file finishes, in completion order (progress). */
  onDone?: (done: number, file: string) => void;
  /** Called with each file's result, in input order. */
  onResult: (result: FileResult, index: number) => void;
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

export async function scoreFiles(jobs: readonly FileJob[], settings: ScoreSettings, opts: PoolOptions): Promise<void> {
  const deliver = inOrder(opts.onResult);
  const format = formatFor(settings.format);
  let done = 0;
  const finish = (index: number, result: FileResult) => {
    done += 1;
    opts.onDone?.(done, jobs[index]!.file);
    deliver(index, result);
  };
  let next = 0;
  // Files sent to a worker that died before starting them, to be taken again first.
  const again: number[] = [];
  const take = (): number | null => again.pop() ?? (next < jobs.length ? next++ : null);
  // The main thread scores files too, taking the next one whenever it is free: on a 2-core machine,
  // one worker thread and the main one keep both cores busy.
  const inMain = async () => {
    for (let index = take(); index !== null; index = take()) {
      const result = await processFile(jobs[index]!, settings, format);
      // Kept for the whole run, the digest entry is copied as a worker's would be: texts read from the
      // workbook are slices of its XML, and would keep all of it alive until the run ends.
      finish(index, { ...result, entry: structuredClone(result.entry) });
      // Reading a file never waits on anything, so without this the main thread would take every
      // file before it heard from a worker that it wants the next.
      await new Promise(setImmediate);
    }
  };
  const workers = Math.min(opts.jobs, jobs.length) - 1;
  if (workers <= 0 || opts.workerUrl === null) return inMain();
  const workerUrl = opts.workerUrl;
  const inWorkers = new Promise<void>((resolveAll) => {
    let running = 0;
    const start = () => {
      const worker = new Worker(workerUrl, { workerData: settings });
      running += 1;
      // Sent and not yet back, in the order sent (the worker takes them in that order). Two at a
      // time: the next file is already there when one is done, even while the main thread is busy.
      const sent: number[] = [];
      const feed = () => {
        while (sent.length < 2) {
          const index = take();
          if (index === null) break;
          sent.push(index);
          worker.postMessage({ index, job: jobs[index] });
        }
        if (sent.length === 0) void worker.terminate();
      };
      worker.on('message', ({ index, result }: { index: number; result: FileResult }) => {
        sent.splice(sent.indexOf(index), 1);
        finish(index, result);
        feed();
      });
      // A worker that dies (out of memory, a bug) fails the file it was on, not the run: the files
      // it had not started go to the others, and a new worker takes its place.
      const lost = (why: string) => {
        const index = sent.shift();
        if (index === undefined) return;
        again.push(...sent.splice(0).reverse());
        const file = jobs[index]!.file;
        const report = unreadableFile(file, uiFor(settings.lang).crashed(`${file}: ${why}`), settings.profile);
        finish(index, { part: format.file(report), entry: digestEntry(report), written: null, writeError: null });
        if (again.length > 0 || next < jobs.length) start();
      };
      worker.on('error', (err) => lost(err.message));
      worker.on('exit', (code) => {
        lost(`worker exited with code ${code}`);
        running -= 1;
        if (running === 0) resolveAll();
      });
      feed();
    };
    for (let i = 0; i < workers; i++) start();
  });
  await Promise.all([inMain(), inWorkers]);
}
