// Helpers of the CLI tests: spawning the built bin, temporary work directories, and reading what
// the bin printed or wrote.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(REPO, 'bin/perf-score.js');
export const FIXTURES = join(REPO, 'fixtures');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory of the bin; the repository by default. */
  cwd?: string;
  /** Replaces the environment (by default the process's, with NO_COLOR=1 and without FORCE_COLOR, which would win over it). */
  env?: Record<string, string | undefined>;
}

/** Runs the real bin (which runs dist/cli.js, built by the global setup) and waits for it. */
export function run(args: string[], opts: RunOptions = {}): RunResult {
  const { FORCE_COLOR: _force, ...machine } = process.env;
  const env = opts.env ?? { ...machine, NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, encoding: 'utf8', env });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Temporary directories made by `workdir`, removed by `cleanWorkdirs`. */
const made: string[] = [];

/** A fresh temporary directory holding copies of the named fixtures (optionally under a subdirectory). */
export function workdir(fixtures: string[] = [], sub = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'perf-score-'));
  made.push(dir);
  if (sub) mkdirSync(join(dir, sub), { recursive: true });
  for (const name of fixtures) copyFileSync(join(FIXTURES, name), join(dir, sub, name));
  return dir;
}

export function cleanWorkdirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, as sorted relative paths (directories end with `/`). */
export function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => {
      const rel = join(e.parentPath ?? e.path, e.name).slice(dir.length + 1);
      return e.isDirectory() ? `${rel}/` : rel;
    })
    .sort();
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The merged ranges of a sheet, sorted. */
export function merges(ws: ExcelJS.Worksheet): string[] {
  return [...ws.model.merges].sort();
}

/** A cell note as plain text, whichever form exceljs read it in. */
export function noteText(note: string | ExcelJS.Comment | undefined): string {
  if (note === undefined) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => (typeof t === 'string' ? t : t.text)).join('');
}

/** Columns a code point takes in a terminal: 2 for East Asian wide and full-width forms, else 1. */
function columnsOf(cp: number): number {
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += columnsOf(ch.codePointAt(0)!);
  return w;
}

/** The box-drawn tables of console output: each starts at a `┌` line and runs while lines start with a border. */
export function tablesIn(output: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | null = null;
  for (const line of output.split('\n')) {
    if (/^[┌│├└]/.test(line)) {
      if (!current || line.startsWith('┌')) tables.push((current = []));
      current.push(line);
    } else {
      current = null;
    }
  }
  return tables;
}

/**
 * Relative imports of a bundled ES module: static ones (top-level `import … from "./x.js"`,
 * `import "./x.js"`, `export … from "./x.js"`) and dynamic ones (`import("./x.js")`, as esbuild
 * writes them: double quotes, a .js file; JSDoc types such as `import('./get')` are not imports).
 */
export function importsOf(source: string): { static: string[]; dynamic: string[] } {
  const stat = [...source.matchAll(/^(?:import|export)\b(?!\s*[(.])[^;]*?["'](\.{1,2}\/[^"']+)["']/gm)].map((m) => m[1]!);
  const dynamic = [...source.matchAll(/\bimport\(\s*"(\.{1,2}\/[^"]+\.js)"\s*\)/g)].map((m) => m[1]!);
  return { static: stat, dynamic };
}
