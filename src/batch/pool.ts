// Scoring a list of files across the main thread and worker threads, one file per thread at a time,
// and handing the results back in input order whatever the order they finish in. One file, or one
// job, runs in the main thread alone: a worker's start-up (loading exceljs again) would cost more
// than it saves.
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
  // The main thread scores files too, taking the next one whenever it is free: on a 2-core machine,
  // one worker thread and the main one keep both cores busy and load exceljs twice, not three times.
  const inMain = async () => {
    while (next < jobs.length) {
      const index = next++;
      finish(index, await processFile(jobs[index]!, settings, format));
    }
  };
  const workers = Math.min(opts.jobs, jobs.length) - 1;
  if (workers <= 0 || opts.workerUrl === null) return inMain();
  const workerUrl = opts.workerUrl;
  const inWorkers = new Promise<void>((resolveAll) => {
    let running = 0;
    // A worker that dies (out of memory, a bug) fails its file, not the run; a new one takes its place.
    const start = () => {
      const worker = new Worker(workerUrl, { workerData: settings });
      running += 1;
      let current: number | null = null;
      const feed = () => {
        if (next >= jobs.length) {
          current = null;
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, job: jobs[current] });
      };
      worker.on('message', ({ index, result }: { index: number; result: FileResult }) => {
        finish(index, result);
        feed();
      });
      const lost = (why: string) => {
        if (current === null) return;
        const index = current;
        current = null;
        const file = jobs[index]!.file;
        const report = unreadableFile(file, uiFor(settings.lang).crashed(`${file}: ${why}`), settings.profile);
        finish(index, { part: format.file(report), entry: digestEntry(report), written: null, writeError: null });
        if (next < jobs.length) start();
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
