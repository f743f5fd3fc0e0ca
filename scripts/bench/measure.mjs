// Runs the real perf-score CLI (dist/cli.js, as bin/perf-score.js does) and, at exit, appends
// `{"exitCode":N,"maxRSS":KiB}` to the file named by PERF_SCORE_BENCH_RSS, so that the bench
// (scripts/bench.mjs) can report the peak memory of the whole run, worker threads included. A batch
// runs this script again in a second Node (src/run/batch-heap.ts), which appends its own line.
//
//   PERF_SCORE_BENCH_RSS=/tmp/rss.jsonl node scripts/bench/measure.mjs check DIR --format json …
import { appendFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.on('exit', (code) => {
  const out = process.env.PERF_SCORE_BENCH_RSS;
  if (out) appendFileSync(out, `${JSON.stringify({ exitCode: code, maxRSS: process.resourceUsage().maxRSS })}\n`);
});

const cli = pathToFileURL(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))).href;
const { main } = await import(cli);
// main() takes the whole argv, node and script included (bin/perf-score.js passes process.argv).
try {
  process.exitCode = await main(process.argv);
} catch (err) {
  process.stderr.write(`perf-score: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
