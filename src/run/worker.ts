// A worker thread of a batch (bundled as dist/worker.js): scores and formats the files the main
// thread sends, one at a time in the order sent, and posts each result back with its index. The main
// thread sends the next file before this one is done, so the worker never waits for it. Results are
// plain data (text and a digest entry), so they cross without conversion.
import { parentPort, workerData } from 'node:worker_threads';
import { processFile, type FileJob, type ScoreSettings } from './score-file.js';

const settings = workerData as ScoreSettings;
const queue: { index: number; job: FileJob }[] = [];
let busy = false;

async function work(): Promise<void> {
  busy = true;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const result = await processFile(next.job, settings);
    parentPort!.postMessage({ index: next.index, result });
  }
  busy = false;
}

parentPort!.on('message', (message: { index: number; job: FileJob }) => {
  queue.push(message);
  if (!busy) void work();
});
