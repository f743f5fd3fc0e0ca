// The bench's baselines (see scripts/bench.mjs): plain exceljs over every .xlsx of a folder,
// sequentially, in this one process:
//
//   node scripts/bench/baseline.mjs open DIR          (a1) open each workbook
//   node scripts/bench/baseline.mjs write DIR OUTDIR  (a2) open each workbook, write it back to OUTDIR
//
// Opening reads the file's bytes and loads them (`workbook.xlsx.load(buffer)`), which is also how
// perf-score opens a workbook, so the two are compared on the same exceljs path. `--read-file`
// uses exceljs's own streaming `xlsx.readFile(path)` instead.
//
// At exit it writes `{"files":N,"maxRSS":KiB}` to the file named by PERF_SCORE_BENCH_RSS, if set.
import ExcelJS from 'exceljs';
import { appendFileSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const args = process.argv.slice(2);
const readFileMode = args.includes('--read-file');
const [mode, dir, outDir] = args.filter((a) => !a.startsWith('--'));
if ((mode !== 'open' && mode !== 'write') || !dir || (mode === 'write' && !outDir)) {
  process.stderr.write('usage: node scripts/bench/baseline.mjs open DIR | write DIR OUTDIR [--read-file]\n');
  process.exit(2);
}

let files = 0;
process.on('exit', () => {
  const out = process.env.PERF_SCORE_BENCH_RSS;
  if (out) appendFileSync(out, `${JSON.stringify({ files, maxRSS: process.resourceUsage().maxRSS })}\n`);
});

const names = readdirSync(dir)
  .filter((f) => f.toLowerCase().endsWith('.xlsx'))
  .sort();
if (mode === 'write') mkdirSync(outDir, { recursive: true });
for (const name of names) {
  const workbook = new ExcelJS.Workbook();
  if (readFileMode) await workbook.xlsx.readFile(join(dir, name));
  else await workbook.xlsx.load(await readFile(join(dir, name)));
  if (mode === 'write') await writeFile(join(outDir, name), Buffer.from(await workbook.xlsx.writeBuffer()));
  files++;
}
