// Cell texts of perf-score against SheetJS CE's, sheet by sheet: every difference, before rules.
import type { SheetGrid } from './adapter.js';
import type { SheetJsSheet } from './sheetjs.js';

export interface CellDifference {
  sheet: string;
  /** A1 address. */
  cell: string;
  row: number;
  col: number;
  ours: string | null;
  theirs: string | null;
}

export interface SheetDifference {
  /** A sheet only one reader lists, or sheets in another order. */
  sheet: string;
  ours: boolean;
  theirs: boolean;
}

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The text SheetJS shows at each cell of a sheet, as perf-score's text() does: a cell covered by a merge shows its master's (small merges indexed cell by cell, big ones such as whole columns searched). */
function shower(sheet: SheetJsSheet): (row: number, col: number) => string | null {
  const covered = new Map<string, string>();
  const big: SheetJsSheet['merges'] = [];
  for (const m of sheet.merges) {
    if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > 10_000) {
      big.push(m);
      continue;
    }
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) covered.set(`${r},${c}`, `${m.top},${m.left}`);
  }
  return (row, col) => {
    let master = covered.get(`${row},${col}`);
    if (master === undefined) {
      const m = big.find((b) => row >= b.top && row <= b.bottom && col >= b.left && col <= b.right);
      master = m ? `${m.top},${m.left}` : `${row},${col}`;
    }
    return sheet.texts.get(master) ?? null;
  };
}

/** Every cell whose text differs, over the cells either reader holds; sheets matched by name. */
export function compareWorkbook(ours: SheetGrid[], theirs: SheetJsSheet[]): { cells: CellDifference[]; sheets: SheetDifference[]; compared: number } {
  let compared = 0;
  const cells: CellDifference[] = [];
  const sheets: SheetDifference[] = [];
  const byName = new Map(theirs.map((s) => [s.name, s]));
  const ourNames = new Set(ours.map((s) => s.name));
  for (const t of theirs) if (!ourNames.has(t.name)) sheets.push({ sheet: t.name, ours: false, theirs: true });
  for (const o of ours) {
    const t = byName.get(o.name);
    if (!t) {
      sheets.push({ sheet: o.name, ours: true, theirs: false });
      continue;
    }
    const shown = shower(t);
    const positions = new Set<string>();
    for (const c of o.cells()) positions.add(`${c.row},${c.col}`);
    for (const key of t.texts.keys()) positions.add(key);
    compared += positions.size;
    for (const key of positions) {
      const [row, col] = key.split(',').map(Number) as [number, number];
      const a = o.text(row, col);
      const b = shown(row, col);
      if (a !== b) cells.push({ sheet: o.name, cell: `${columnLetters(col)}${row}`, row, col, ours: a, theirs: b });
    }
  }
  cells.sort((x, y) => (x.sheet < y.sheet ? -1 : x.sheet > y.sheet ? 1 : x.row - y.row || x.col - y.col));
  return { cells, sheets, compared };
}
