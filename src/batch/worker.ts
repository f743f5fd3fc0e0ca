// A worker thread of a batch (bundled as dist/worker.js): scores the files the main thread sends,
// one at a time, and posts each outcome back with its index.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeDecimals } from './codec.js';
import { scoreFile, type FileJob, type ScoreSettings } from './score-file.js';

const settings = workerData as ScoreSettings;

parentPort!.on('message', async ({ index, job }: { index: number; job: FileJob }) => {
  const outcome = await scoreFile(job, settings);
  parentPort!.postMessage({ index, outcome: encodeDecimals(outcome) });
});
