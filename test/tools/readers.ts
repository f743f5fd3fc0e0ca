// Readers we did not write, for checking what we write: openpyxl (Debian's python3-openpyxl) and
// LibreOffice (libreoffice-calc-nogui). When one is missing, the checks that need it are skipped,
// and the run says so plainly (once per reader).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A Python that can import openpyxl: Debian's, else the first on PATH. */
export const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0) ?? null;

export const SOFFICE = ['soffice', 'libreoffice'].find((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0) ?? null;

const said = new Set<string>();

/** Whether a reader is here; says once, on stderr, which checks are skipped when it is not. */
export function have(reader: 'openpyxl' | 'libreoffice'): boolean {
  const ok = reader === 'openpyxl' ? PYTHON !== null : SOFFICE !== null;
  if (!ok && !said.has(reader)) {
    said.add(reader);
    const pkg = reader === 'openpyxl' ? 'python3-openpyxl' : 'libreoffice-calc-nogui';
    process.stderr.write(`\n[perf-score tests] ${reader} is not installed (Debian package ${pkg}): the checks that read copies with it are SKIPPED.\n`);
  }
  return ok;
}

/** What openpyxl reads of a workbook (test/tools/dump.py): sheets, cells, formats, notes, merges, dropdowns, conditional formats, names. */
export interface Dump {
  sheets: string[];
  cells: Record<string, Record<string, { v: unknown; f: string }>>;
  comments: Record<string, Record<string, { text: string; author: string | null }>>;
  merges: Record<string, string[]>;
  validations: Record<string, { sqref: string; type: string | null; formula1: string | null }[]>;
  conditional: Record<string, { sqref: string; rules: string[] }[]>;
  names: Record<string, string>;
  printAreas: Record<string, string | null>;
}

/** The workbook as openpyxl loads it; throws with openpyxl's own message when it cannot. */
export function openpyxlDump(path: string): Dump {
  const r = spawnSync(PYTHON!, [join(HERE, 'dump.py'), path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl cannot load ${path}: ${r.stderr.trim().split('\n').pop()}`);
  return JSON.parse(r.stdout) as Dump;
}

/** Whether LibreOffice opens a workbook: it converts it to a workbook of its own (headless). */
export function libreofficeOpens(path: string): boolean {
  const out = mkdtempSync(join(tmpdir(), 'perf-score-lo-'));
  try {
    const profile = join(out, 'profile');
    const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'ods', '--outdir', out, path], { encoding: 'utf8', timeout: 180_000 });
    return r.status === 0 && readdirSync(out).some((f) => f.endsWith('.ods')) && existsSync(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
