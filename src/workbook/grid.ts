// A worksheet as a plain grid of texts with its merges: what the table finder works on. Built once
// per sheet by values.ts. It holds only the cells that exist: every question it answers costs what
// the sheet holds, never its rows × columns (a value at XFD1048576, a merge over whole columns).
import { Decimal } from 'decimal.js';
import { columnLetters } from '../cells.js';
import type { CellRef, CellText } from '../model.js';

/** A cell position, 1-based. */
export interface Pos {
  row: number;
  col: number;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A run of cells of one row that shows one text: a cell, or the part of a merge in that row. */
export interface Segment {
  left: number;
  right: number;
  /** The cell holding the text (the merge's top-left). */
  master: Pos;
}

/** A merge larger than this is not mapped cell by cell, but looked up among the large ones. */
const MAPPED_AREA = 4096;
/** Cells mapped to their merge's master, at most; merges past it are looked up among the large ones. */
const MAPPED_CELLS = 2_000_000;
/** Large merges a sheet may have: each one is looked at for every cell the table finder reads. */
export const MAX_LARGE_MERGES = 1000;
/** Row entries of merges crossing rows, at most (see rowIndex). */
const SEGMENT_ROWS = 5_000_000;

export class Grid {
  /** For every cell inside a small merge: its master's key. */
  private readonly masters = new Map<number, number>();
  /** Merges too large to map cell by cell (whole columns, whole rows). */
  private readonly large: Merge[] = [];
  /** For every master of a merge: its bottom-right corner. */
  private readonly extents = new Map<number, Pos>();
  private mapped = 0;
  /** By row: the columns of its cells with text, and the masters (keys) of merges with text that cross it from above. */
  private index: { cols: Map<number, number[]>; crossing: Map<number, number[]>; rows: number[] } | null = null;

  constructor(
    readonly sheet: string,
    readonly rowCount: number,
    readonly colCount: number,
    /** Text of every non-empty master cell, by key (see hideMerged for a map that has others). */
    private readonly texts = new Map<number, string>(),
  ) {}

  /** Drops the texts of cells a merge hides (all but its top-left): for texts given before the merges. */
  hideMerged(): void {
    if (this.extents.size === 0) return;
    for (const key of this.texts.keys()) {
      const row = Math.floor(key / 20000);
      const col = key % 20000;
      if (!this.isMaster(row, col)) this.texts.delete(key);
    }
    this.index = null;
  }

  /** The key of a cell in the grid's maps (columns stop at 16,384). */
  static key(row: number, col: number): number {
    return row * 20000 + col;
  }

  setText(row: number, col: number, text: string | null): void {
    if (text !== null) this.texts.set(Grid.key(row, col), text);
    this.index = null;
  }

  addMerge(top: number, left: number, bottom: number, right: number): void {
    const master = Grid.key(top, left);
    const merge = { top, left, bottom, right };
    this.extents.set(master, { row: bottom, col: right });
    const area = (bottom - top + 1) * (right - left + 1);
    if (area > MAPPED_AREA || this.mapped + area > MAPPED_CELLS) {
      this.large.push(merge);
      if (this.large.length > MAX_LARGE_MERGES) throw new RangeError(`more than ${MAX_LARGE_MERGES} large merged ranges`);
    } else {
      this.mapped += area;
      for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) this.masters.set(Grid.key(r, c), master);
    }
    this.index = null;
  }

  /** The top-left cell of the merge holding (row, col), or the cell itself. */
  master(row: number, col: number): Pos {
    const m = this.masters.get(Grid.key(row, col));
    if (m !== undefined) return { row: Math.floor(m / 20000), col: m % 20000 };
    for (const g of this.large) if (row >= g.top && row <= g.bottom && col >= g.left && col <= g.right) return { row: g.top, col: g.left };
    return { row, col };
  }

  /** The text shown at (row, col): a merged cell shows its master's text. */
  text(row: number, col: number): string | null {
    const m = this.master(row, col);
    return this.texts.get(Grid.key(m.row, m.col)) ?? null;
  }

  /** Whether (row, col) is the top-left cell of its merge, or not merged at all. */
  isMaster(row: number, col: number): boolean {
    const m = this.master(row, col);
    return m.row === row && m.col === col;
  }

  /** Bottom-right corner of the merge whose master is at (row, col), or the cell itself. */
  extent(row: number, col: number): Pos {
    const m = this.master(row, col);
    return this.extents.get(Grid.key(m.row, m.col)) ?? m;
  }

  ref(row: number, col: number): CellRef {
    const m = this.master(row, col);
    return { sheet: this.sheet, address: `${columnLetters(m.col)}${m.row}`, row: m.row, col: m.col };
  }

  cell(row: number, col: number): CellText {
    return { text: this.text(row, col), ref: this.ref(row, col) };
  }

  /**
   * Where each row shows text: its cells with text, and the merges with text that cross it from
   * above. A merge's rows past the last cell holding text anywhere are left out: they show only
   * what the merge shows above them.
   */
  private rowIndex(): NonNullable<Grid['index']> {
    if (this.index) return this.index;
    const cols = new Map<number, number[]>();
    const crossing = new Map<number, number[]>();
    let lastTextRow = 0;
    for (const key of this.texts.keys()) {
      const row = Math.floor(key / 20000);
      lastTextRow = Math.max(lastTextRow, row);
      const list = cols.get(row);
      if (list) list.push(key % 20000);
      else cols.set(row, [key % 20000]);
    }
    let budget = SEGMENT_ROWS;
    for (const [key, extent] of this.extents) {
      if (!this.texts.has(key)) continue;
      // A pathological sheet (thousands of merges over whole columns) stops showing merges' text lower down.
      for (let r = Math.floor(key / 20000) + 1; r <= Math.min(extent.row, lastTextRow) && budget > 0; r++, budget--) {
        const list = crossing.get(r);
        if (list) list.push(key);
        else crossing.set(r, [key]);
      }
    }
    const rows = [...new Set([...cols.keys(), ...crossing.keys()])].sort((a, b) => a - b);
    this.index = { cols, crossing, rows };
    return this.index;
  }

  /** The rows that show any text, in order. */
  rows(): readonly number[] {
    return this.rowIndex().rows;
  }

  /** Where a row shows text, ordered by column: its cells with text, and the parts of merges with text that cross it. */
  segments(row: number): Segment[] {
    const { cols, crossing } = this.rowIndex();
    const segs: Segment[] = [];
    for (const col of cols.get(row) ?? []) segs.push({ left: col, right: this.extents.get(Grid.key(row, col))?.col ?? col, master: { row, col } });
    for (const key of crossing.get(row) ?? []) {
      const col = key % 20000;
      segs.push({ left: col, right: this.extents.get(key)!.col, master: { row: Math.floor(key / 20000), col } });
    }
    return segs.sort((a, b) => a.left - b.left);
  }

  /** The columns of a row where a text starts: its cells with text, and where a merge crossing it begins. */
  starts(row: number): number[] {
    return this.segments(row).map((s) => s.left);
  }
}

function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && /%/.test(numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/**
 * A date as the cell shows it, the Chinese way: `2022年7月20日`; `2022年7月` for a year-and-month
 * format, `7月20日` for a month-and-day one, `14:30` for a time of day.
 */
function dateText(date: Date, numFmt: string | undefined): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const f = (numFmt ?? '').replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  const hasYear = /y/i.test(f);
  const hasDay = /d/i.test(f);
  if (/h/i.test(f) && !hasYear && !hasDay) {
    return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  }
  if (hasYear && !hasDay && /m/i.test(f)) return `${y}年${m}月`;
  if (hasDay && !hasYear) return `${m}月${d}日`;
  return `${y}年${m}月${d}日`;
}

/** A cell's value as read: a formula's cached result, a shared string resolved, a date when its format shows one. */
export type CellValue = number | string | boolean | Date | { error: string } | null;

/** A cell's value as the text the user sees (see CellText.text for the conventions). */
export function cellText(value: CellValue, numFmt: string | undefined): string | null {
  if (value === null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (isPercentFormat(numFmt)) return `${new Decimal(value).times(100).toFixed()}%`;
    // The shortest text of the stored number; through Decimal only when JavaScript would write an exponent.
    const plain = String(value);
    return /e/i.test(plain) ? new Decimal(value).toFixed() : plain;
  }
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateText(value, numFmt);
  return value.error;
}
