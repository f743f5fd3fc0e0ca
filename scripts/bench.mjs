// perf-score bench (`npm run bench`): how fast, and in how much memory, perf-score scores a folder
// of workbooks, against plain exceljs doing the least the same job needs.
//
// It generates N realistic 部门整体绩效自评表 workbooks (scripts/bench/generate.mjs) into a temporary
// folder, then runs, each in a fresh child process, one after the other:
//   a1  exceljs open, a loop over the files in ONE process       (scripts/bench/baseline.mjs open)
//   a2  exceljs open + write back to an output folder            (scripts/bench/baseline.mjs write)
//   b   perf-score check DIR --format json --output-file F        (scripts/bench/measure.mjs)
//   c   perf-score eval DIR --out-dir D --format json --output-file F
// and prints, for each, the wall time (spawn to exit, Node start-up included for every phase),
// files per second and peak memory (the child's own maxRSS at exit, worker threads included; for
// perf-score, whose batch runs in a second Node started with heap flags (src/run/batch-heap.ts), the
// sum of both processes' maxRSS: an upper bound, as the pages of the node binary they share count twice).
//
// Why: perf-score reads a whole folder in one process and scores files on worker threads, so on a
// batch it should beat the naive one-file-after-the-other exceljs loop even though it does more
// (finding the table, scoring, reporting; for eval also writing scored copies). The targets are
//   b / a1 ≥ 1.25   (check: files/s of perf-score check ÷ files/s of exceljs open)
//   c / a2 ≥ 1.25   (eval:  files/s of perf-score eval --out-dir ÷ files/s of exceljs open + write)
// and peak memory must stay flat as N grows (try --files 5000). Before and after the phases it
// measures how much work `cores` threads of a plain CPU loop do compared with one (calibrate.mjs): on a
// shared VM the second core often gives far less than a second core's worth, which bounds the ratios. The bench only prints
// figures; nothing here asserts on them. It fails (exit 1) only when a phase could not run
// (a baseline crashed, or perf-score exited 2).
//
//   node scripts/bench.mjs [--files N] [--only a1,b] [--keep] [--json] [--no-build]
//
//   --files N    workbooks to generate (default 500)
//   --only LIST  run only these phases (a1, a2, b, c), e.g. --only a1,b
//   --keep       keep the temporary folder (workbooks, reports, scored copies) and print its path
//   --json       print the results as one JSON object instead of the table
//   --no-build   measure dist/ as it is (by default `node scripts/build.mjs` runs first, so that the
//                figures are those of the current source; dist/ missing always builds)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parallelSpeedup } from './bench/calibrate.mjs';
import { generate } from './bench/generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET = 1.25;
const PHASES = {
  a1: 'a1 exceljs open (1 process)',
  a2: 'a2 exceljs open+write',
  b: 'b  perf-score check',
  c: 'c  perf-score eval --out-dir',
};

function usage(message) {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write('usage: node scripts/bench.mjs [--files N] [--only a1,a2,b,c] [--keep] [--json] [--no-build]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { files: 500, only: Object.keys(PHASES), keep: false, json: false, build: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--files') {
      opts.files = Number(value());
      if (!Number.isInteger(opts.files) || opts.files < 1) usage('--files takes a positive whole number');
    } else if (flag === '--only') {
      opts.only = value().split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = opts.only.filter((p) => !(p in PHASES));
      if (unknown.length || !opts.only.length) usage(`--only takes a list of ${Object.keys(PHASES).join(', ')}`);
    } else if (flag === '--keep') opts.keep = true;
    else if (flag === '--json') opts.json = true;
    else if (flag === '--no-build') opts.build = false;
    else if (flag === '--help' || flag === '-h') usage();
    else usage(`unknown option ${argv[i]}`);
  }
  return opts;
}

/** Runs node with `args` in its own process; resolves with wall time, exit code, stderr and the reported maxRSS. */
function runPhase(name, args, tmp) {
  const rssFile = join(tmp, `${name}.rss.jsonl`);
  const out = openSync(join(tmp, `${name}.stdout.txt`), 'w');
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', out, 'pipe'],
      env: { ...process.env, PERF_SCORE_BENCH_RSS: rssFile, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      stderr = (stderr + s).slice(-8000);
    });
    child.on('error', (err) => {
      stderr += String(err);
    });
    child.on('close', (code, signal) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      closeSync(out);
      let maxRSS = null;
      try {
        // One line per process: a perf-score batch runs in a second Node while the first waits for it.
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        maxRSS = lines.reduce((sum, line) => sum + JSON.parse(line).maxRSS, 0);
      } catch {
        // the child died before its exit handler ran
      }
      resolve({ wall, code: code ?? (signal ? `signal ${signal}` : null), stderr, maxRSS });
    });
  });
}

/** How many workbooks a phase actually handled: output files, or the report's entries. */
function processedBy(name, tmp) {
  try {
    if (name === 'a2') return countXlsx(join(tmp, 'a2-out'));
    if (name === 'c') return countXlsx(join(tmp, 'c-out'));
    if (name === 'b') {
      const report = JSON.parse(readFileSync(join(tmp, 'b.json'), 'utf8'));
      return Array.isArray(report.files) ? report.files.length : null;
    }
  } catch {
    return null;
  }
  return null;
}

function countXlsx(dir) {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countXlsx(join(dir, e.name));
    else if (e.name.endsWith('.xlsx')) n++;
  }
  return n;
}

const opts = parseArgs(process.argv.slice(2));
const wantsCli = opts.only.some((p) => p === 'b' || p === 'c');
if (wantsCli && (opts.build || !existsSync(join(ROOT, 'dist/cli.js')))) {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write('bench: node scripts/build.mjs failed\n');
    process.exit(1);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'perf-score-bench-'));
const cleanUp = () => {
  if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanUp();
    process.exit(130);
  });
}

const inDir = join(tmp, 'workbooks');
const cores = availableParallelism();
const log = (s) => {
  if (!opts.json) process.stderr.write(s);
};

log(`generating ${opts.files} workbooks … `);
const genStart = performance.now();
await generate(inDir, opts.files, { workers: cores });
const generateSeconds = (performance.now() - genStart) / 1000;
const bytes = readdirSync(inDir).reduce((s, f) => s + statSync(join(inDir, f)).size, 0);
log(`${generateSeconds.toFixed(1)} s\n`);

const commands = {
  a1: ['scripts/bench/baseline.mjs', 'open', inDir],
  a2: ['scripts/bench/baseline.mjs', 'write', inDir, join(tmp, 'a2-out')],
  b: ['scripts/bench/measure.mjs', 'check', inDir, '--format', 'json', '--output-file', join(tmp, 'b.json')],
  c: ['scripts/bench/measure.mjs', 'eval', inDir, '--out-dir', join(tmp, 'c-out'), '--format', 'json', '--output-file', join(tmp, 'c.json')],
};

// Measured before and after the phases: the machine's parallel capacity bounds b/a1 and c/a2.
const speedups = [await parallelSpeedup(cores)];
const results = {};
let failed = false;
for (const name of Object.keys(PHASES).filter((p) => opts.only.includes(p))) {
  if (name === 'a2') mkdirSync(join(tmp, 'a2-out'), { recursive: true });
  log(`${PHASES[name]} … `);
  const r = await runPhase(name, commands[name], tmp);
  // perf-score: 0 clean, 1 error findings (the generated files have some), 2 could not run.
  const ok = name === 'b' || name === 'c' ? r.code === 0 || r.code === 1 : r.code === 0;
  const processed = processedBy(name, tmp);
  results[name] = {
    phase: PHASES[name],
    ok,
    exitCode: r.code,
    wallSeconds: round(r.wall, 3),
    filesPerSecond: round(opts.files / r.wall, 1),
    peakMiB: r.maxRSS === null ? null : round(r.maxRSS / 1024, 1),
    processed,
  };
  log(`${r.wall.toFixed(1)} s\n`);
  if (!ok) {
    failed = true;
    process.stderr.write(`bench: ${PHASES[name].replace(/\s+/, ' ')} failed (exit ${r.code})\n${r.stderr}\n`);
  } else if (processed !== null && processed !== opts.files) {
    process.stderr.write(`bench: ${PHASES[name].replace(/\s+/, ' ')} handled ${processed} of ${opts.files} workbooks\n`);
  }
}

speedups.push(await parallelSpeedup(cores));

function round(x, d) {
  return Math.round(x * 10 ** d) / 10 ** d;
}

function ratio(num, den) {
  const a = results[num];
  const b = results[den];
  if (!a?.ok || !b?.ok) return null;
  const value = round(a.filesPerSecond / b.filesPerSecond, 2);
  return { value, target: TARGET, reached: value >= TARGET };
}

const ratios = {};
if (results.b && results.a1) ratios['b/a1'] = ratio('b', 'a1');
if (results.c && results.a2) ratios['c/a2'] = ratio('c', 'a2');

const summary = {
  files: opts.files,
  avgKB: round(bytes / opts.files / 1024, 1),
  node: process.version,
  cores,
  generateSeconds: round(generateSeconds, 1),
  parallelSpeedup: speedups.map((x) => round(x, 2)),
  phases: results,
  ratios,
  ok: !failed,
  ...(opts.keep ? { dir: tmp } : {}),
};

if (opts.json) {
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  const lines = [];
  lines.push(`perf-score bench: ${opts.files} workbooks (avg ${Math.round(bytes / opts.files / 1024)} KB, generated in ${generateSeconds.toFixed(1)} s), node ${process.version}, ${cores} cores`);
  lines.push(`${'phase'.padEnd(30)}${'wall s'.padStart(8)}${'files/s'.padStart(10)}${'peak MiB'.padStart(10)}`);
  for (const r of Object.values(results)) {
    const cells = r.ok
      ? [r.wallSeconds.toFixed(2), r.filesPerSecond.toFixed(1), r.peakMiB === null ? '?' : r.peakMiB.toFixed(0)]
      : ['failed', `exit ${r.exitCode}`, ''];
    lines.push(`${r.phase.padEnd(30)}${cells[0].padStart(8)}${cells[1].padStart(10)}${cells[2].padStart(10)}`);
  }
  const shown = Object.entries(ratios).map(([k, v]) =>
    v === null ? `${k} = n/a` : `${k} = ${v.value.toFixed(2)} (target ≥ ${TARGET}: ${v.reached ? 'reached' : 'NOT reached'})`,
  );
  if (shown.length) lines.push(shown.join('   '));
  lines.push(`${cores} threads of a CPU loop did ${speedups.map((x) => x.toFixed(2)).join(' / ')}× the work of one (before / after): the ceiling of any gain from threads here`);
  if (opts.keep) lines.push(`kept: ${tmp}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

cleanUp();
process.exitCode = failed ? 1 : 0;
