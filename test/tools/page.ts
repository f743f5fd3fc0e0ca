// How a workbook prints and looks, as openpyxl reads it (test/tools/page.py): page setup, print
// titles, merges, row heights, framed cells, formulas, fonts, wrapped cells, autofilter.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON } from './readers.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface PageDump {
  orientation: string | null;
  paperSize: number | null;
  fitToWidth: number | null;
  fitToHeight: number | null;
  fitToPage: boolean;
  printTitleRows: string | null;
  heights: Record<string, number>;
  merges: string[];
  framed: string[];
  formulas: Record<string, string>;
  fonts: Record<string, { b: boolean; u: string | null; sz: number | null }>;
  wrapped: string[];
  autoFilter: string | null;
}

/** Each sheet of a workbook as it prints, read by openpyxl; throws with openpyxl's message when it cannot. */
export function pageDump(path: string): Record<string, PageDump> {
  const r = spawnSync(PYTHON!, [join(HERE, 'page.py'), path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl cannot load ${path}: ${r.stderr.trim().split('\n').pop()}`);
  return JSON.parse(r.stdout) as Record<string, PageDump>;
}
