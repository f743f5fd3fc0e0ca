// The one place the corpus harness and the fuzz test import perf-score's own modules. Everything
// else drives the tool through the bin, or through the two functions here (readGrids, scoreInProcess). When the reader and
// writer move (src/workbook → src/ooxml, SheetJS for .xls/.et/.ods), re-point these imports and keep
// the shapes below: the tests depend on them only.
import { scoreFile } from '../../src/run/score-file.js';
import { RunError } from '../../src/errors.js';
import { renderFinding } from '../../src/i18n/findings.js';
import { uiFor } from '../../src/i18n/messages.js';
import type { Finding } from '../../src/model.js';
import { loadProfile } from '../../src/profiles/index.js';
import { openWorkbook } from '../../src/workbook/read.js';

/** One worksheet as the tool reads it: the text it shows at each cell (see CellText.text in src/model.ts). */
export interface SheetGrid {
  name: string;
  rowCount: number;
  colCount: number;
  /** The text shown at a cell, 1-based; a cell inside a merge shows its master's text. */
  text(row: number, col: number): string | null;
  /** Non-empty cells, row by row: every cell with a text not covered by a merge (a merge's text is at its top-left cell). */
  cells(): Iterable<{ row: number; col: number; text: string }>;
  /** Whether the sheet holds an indicator table. */
  hasTable: boolean;
}

export type ReadOutcome =
  | { kind: 'read'; sheets: SheetGrid[] }
  /** Refused with a message of the tool's own (a RunError), in English. */
  | { kind: 'refused'; message: string }
  /** Anything else thrown: a bug. */
  | { kind: 'crashed'; message: string; stack: string };

/** Reads every sheet of a workbook in process, as `inspect` does (no indicator table needed). */
export async function readGrids(path: string): Promise<ReadOutcome> {
  try {
    const opened = await openWorkbook(path, { requireTable: false });
    return {
      kind: 'read',
      sheets: opened.sheets.map((s) => ({
        name: s.name,
        rowCount: s.rowCount,
        colCount: s.colCount,
        hasTable: s.tables.length > 0,
        text: (r, c) => s.text(r, c),
        cells: () => listed(s.cells()),
      })),
    };
  } catch (err) {
    if (err instanceof RunError) return { kind: 'refused', message: err.render(uiFor('en')) };
    const e = err instanceof Error ? err : new Error(String(err));
    return { kind: 'crashed', message: e.message, stack: e.stack ?? '' };
  }
}

function* listed(cells: { text: string | null; ref: { row: number; col: number } }[]) {
  for (const c of cells) if (c.text !== null) yield { row: c.ref.row, col: c.ref.col, text: c.text };
}


/** The outcome of scoring one file in process, as one file of `eval` is. */
export interface ScoreOutcome {
  /** The `unreadable-file` message (English), or null when the file was read. */
  unreadable: string | null;
  /** Each table's sheet and computed total (2 decimals). */
  tables: { sheet: string; total: string; findings: string[] }[];
  /** The scored copy written, or null. */
  written: string | null;
  /** Why the copy could not be written, or null. */
  writeError: string | null;
}

/** A finding's message in English, or null when there is none. */
function renderOf(f: Finding | undefined): string | null {
  return f === undefined ? null : renderFinding(f, 'en');
}

/** Scores one file with a built-in profile and writes its scored copy to `out` (null: none), in process. */
export async function scoreInProcess(input: string, out: string | null, profile = 'mof'): Promise<ScoreOutcome> {
  const { report, written, writeError } = await scoreFile({ file: input, out }, { profile: loadProfile(profile), format: { name: 'json', lang: 'en', color: false, width: 100 } });
  return {
    unreadable: renderOf(report.findings.find((f) => f.code === 'unreadable-file')),
    tables: report.tables.map((t) => ({ sheet: t.sheet, total: t.total.toFixed(2), findings: t.findings.map((f) => `${f.code} ${f.ref?.address ?? ''}`.trim()) })),
    written,
    writeError,
  };
}
