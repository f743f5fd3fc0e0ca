// A worksheet as a plain grid of texts with its merges: what the table finder works on.
// Built once per sheet by values.ts.
import { Decimal } from 'decimal.js';
import { columnLetters } from '../cells.js';
import type { CellRef, CellText } from '../model.js';

/** A cell position, 1-based. */
export interface Pos {
  row: number;
  col: number;
}

export class Grid {
  /** Text of every non-empty master cell, by key. */
  private readonly texts = new Map<number, string>();
  /** For every cell inside a merge: its master's key. */
  private readonly masters = new Map<number, number>();
  /** For every master of a merge: its bottom-right corner. */
  private readonly extents = new Map<number, Pos>();

  constructor(
    readonly sheet: string,
    readonly rowCount: number,
    readonly colCount: number,
  ) {}

  private static key(row: number, col: number): number {
    return row * 20000 + col;
  }

  setText(row: number, col: number, text: string | null): void {
    if (text !== null) this.texts.set(Grid.key(row, col), text);
  }

  addMerge(top: number, left: number, bottom: number, right: number): void {
    const master = Grid.key(top, left);
    this.extents.set(master, { row: bottom, col: right });
    // Cells past the used range can hold nothing we read: do not map them (whole-column merges).
    for (let r = top; r <= Math.min(bottom, this.rowCount); r++) {
      for (let c = left; c <= Math.min(right, this.colCount); c++) this.masters.set(Grid.key(r, c), master);
    }
  }

  /** The top-left cell of the merge holding (row, col), or the cell itself. */
  master(row: number, col: number): Pos {
    const m = this.masters.get(Grid.key(row, col));
    return m === undefined ? { row, col } : { row: Math.floor(m / 20000), col: m % 20000 };
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
