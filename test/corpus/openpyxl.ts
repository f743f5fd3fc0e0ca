// openpyxl, through python/dump_workbook.py: one Python process for many workbooks.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO, openpyxlPython } from './env.js';
import type { WorkbookDump } from './preserve.js';

const SCRIPT = join(REPO, 'test/corpus/python/dump_workbook.py');

function runPython(python: string, args: string[]): string {
  const r = spawnSync(python, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 20 * 60_000 });
  if (r.status !== 0) throw new Error(`dump_workbook.py failed (${r.status ?? r.signal}): ${(r.stderr || r.error?.message || '').slice(-2000)}`);
  return r.stdout;
}

/** Full dumps (openpyxl, CRC, well-formedness) of each file, by path; null when openpyxl is not installed. */
export function dumpWorkbooks(files: string[]): Record<string, WorkbookDump> | null {
  const python = openpyxlPython();
  if (!python || files.length === 0) return python ? {} : null;
  return JSON.parse(runPython(python, files)) as Record<string, WorkbookDump>;
}

/** Whether openpyxl loads each file (null, or its error) and which XML parts are not well-formed; null overall when openpyxl is not installed. */
export function openpyxlLoads(files: string[]): Record<string, { load: string | null; malformed: { part: string; error: string }[] }> | null {
  const python = openpyxlPython();
  if (!python || files.length === 0) return python ? {} : null;
  return JSON.parse(runPython(python, ['--load-only', ...files])) as Record<string, { load: string | null; malformed: { part: string; error: string }[] }>;
}
