// Measures start-up, as reported in README.md: a bare `node -e 0`, loading exceljs alone,
// `perf-score --help`, and one `eval` of a seed workbook, interleaved round by round so that
// a noisy machine slows them alike. Prints the median of each in milliseconds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.argv[2] ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'perf-score-startup-'));
const node = process.execPath;
const cases = {
  'node -e 0': [node, ['-e', '0']],
  "node -e \"require('exceljs')\"": [node, ['-e', "require('exceljs')"]],
  'perf-score --help': [node, ['bin/perf-score.js', '--help']],
  'perf-score eval seed-000 --no-write': [node, ['bin/perf-score.js', 'eval', 'fixtures/seed-000.xlsx', '--no-write']],
  'perf-score eval seed-000 (writes the copy)': [node, ['bin/perf-score.js', 'eval', 'fixtures/seed-000.xlsx', '-o', join(dir, 'out.xlsx')]],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < rounds; i++) {
  for (const [name, [cmd, args]] of Object.entries(cases)) {
    const start = process.hrtime.bigint();
    try {
      execFileSync(cmd, args, { stdio: 'ignore' });
    } catch {
      // eval exits 1 on error findings; only the time matters here
    }
    times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| command | median of ${rounds} (ms) |\n| --- | --- |`);
for (const [name, xs] of Object.entries(times)) console.log(`| \`${name}\` | ${median(xs).toFixed(0)} |`);
