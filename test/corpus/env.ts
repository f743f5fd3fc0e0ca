// Where the corpus is, which outside readers this machine has (LibreOffice, openpyxl), and where
// results go for the report (`npm run corpus`). Every check that needs a reader the machine lacks is
// skipped, and the run says which, plainly, once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(REPO, 'bin/perf-score.js');
export const FIXTURES = join(REPO, 'fixtures');
/** The shared corpus, beside the repository (`../shared/corpus`), or where CORPUS_DIR says. */
export const CORPUS = process.env.CORPUS_DIR ? resolve(process.env.CORPUS_DIR) : resolve(REPO, '../shared/corpus');
export const CORPUS_FOLDERS = ['poi', 'wps', 'defects'] as const;
/** Where each test file leaves its figures for `npm run corpus` (gitignored). */
export const RESULTS = process.env.CORPUS_RESULTS ? resolve(process.env.CORPUS_RESULTS) : join(REPO, 'tmp/corpus-results');

export function corpusPresent(): boolean {
  return existsSync(CORPUS) && statSync(CORPUS).isDirectory();
}

/** Every workbook of the corpus (not its READMEs, licence or .sh reproducers), as `folder/name`, sorted. */
export function corpusFiles(): { rel: string; path: string; folder: string }[] {
  if (!corpusPresent()) return [];
  const out: { rel: string; path: string; folder: string }[] = [];
  for (const folder of CORPUS_FOLDERS) {
    const dir = join(CORPUS, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (/\.(md|txt|sh)$/i.test(name)) continue;
      out.push({ rel: `${folder}/${name}`, path: join(dir, name), folder });
    }
  }
  return out;
}

function works(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0;
}

let python: string | null | undefined;
/**
 * A Python that imports openpyxl: PERF_SCORE_PYTHON, else Debian's /usr/bin/python3 (python3-openpyxl),
 * else the first python3 on the PATH; null when none does (or PERF_SCORE_PYTHON=none).
 */
export function openpyxlPython(): string | null {
  if (python !== undefined) return python;
  if (process.env.PERF_SCORE_PYTHON === 'none') return (python = null);
  const candidates = [process.env.PERF_SCORE_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  python = candidates.find((c) => works(c, ['-c', 'import openpyxl'])) ?? null;
  return python;
}

let office: string | null | undefined;
/** LibreOffice's command: PERF_SCORE_SOFFICE, else `soffice` or `libreoffice`; null when none runs (or PERF_SCORE_SOFFICE=none). */
export function libreOffice(): string | null {
  if (office !== undefined) return office;
  if (process.env.PERF_SCORE_SOFFICE === 'none') return (office = null);
  office = [process.env.PERF_SCORE_SOFFICE, 'soffice', 'libreoffice'].filter((c): c is string => !!c).find((c) => works(c, ['--version'])) ?? null;
  return office;
}

/** Says once, on stderr, which checks this run skips and why. */
const said = new Set<string>();
export function sayMissing(what: string, checks: string): void {
  const line = `perf-score corpus: ${what} is not installed here: skipped ${checks}`;
  if (said.has(line)) return;
  said.add(line);
  process.stderr.write(`${line}\n`);
}

/** A fresh temporary directory, removed by `cleanTemp`. */
const temps: string[] = [];
export function tempDir(prefix = 'perf-score-corpus-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function cleanTemp(): void {
  if (process.env.CORPUS_KEEP) return;
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Leaves a section's figures for the report (`npm run corpus` reads every file of RESULTS). */
export function record(section: string, data: unknown): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${section}.json`), `${JSON.stringify(data, null, 1)}\n`);
}
