// How much a second core gives on this machine right now: the same fixed CPU loop run on one
// thread, then on `threads` threads at once. On a shared or hyper-threaded VM this is often well
// below `threads`, and it bounds any speed-up perf-score's worker threads can show against a
// one-process baseline (b/a1, c/a2).
import { Worker } from 'node:worker_threads';

const LOOP = 'let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003; return x;';
const spin = new Function(LOOP);

/** Work done by `threads` threads at once, as a multiple of one thread's: ideally `threads`. */
export async function parallelSpeedup(threads) {
  spin(); // warm up
  let t = performance.now();
  spin();
  const one = performance.now() - t;
  t = performance.now();
  const code = `const spin = new Function(${JSON.stringify(LOOP)}); spin(); require('node:worker_threads').parentPort.postMessage(0);`;
  await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => new Worker(code, { eval: true }).once('message', resolve).once('error', reject))));
  const all = performance.now() - t;
  return (threads * one) / all;
}
