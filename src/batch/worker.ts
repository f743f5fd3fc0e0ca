// A worker thread of a batch (bundled as dist/worker.js): scores and formats the files the main
// thread sends, one at a time, and posts each result back with its index. Results are plain data
// (text and a digest entry), so they cross without conversion.
import { parentPort, workerData } from 'node:worker_threads';
import { formatFor } from '../report/registry.js';
import { processFile, type FileJob, type ScoreSettings } from './score-file.js';

const settings = workerData as ScoreSettings;
const format = formatFor(settings.format);

parentPort!.on('message', async ({ index, job }: { index: number; job: FileJob }) => {
  const result = await processFile(job, settings, format);
  parentPort!.postMessage({ index, result });
});
