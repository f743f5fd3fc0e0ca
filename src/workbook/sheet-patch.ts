// Changes to one worksheet part of the scored copy: cells given a value or a style, columns widened.
// The part is patched as text: rows and cells not changed come back byte for byte, and everything
// else the sheet holds (merges, dropdowns, conditional formats, drawings, comments) stays as it was.
import { columnLetters, columnNumber } from '../cells.js';
import type { StylePatch, Styles } from './styles.js';
import { attr, attrPattern, escapeText, removeAttr, setAttr } from './xml.js';

/** A cell's new content: a value (null empties it), or undefined to keep what it holds. */
type Value = number | string | null | undefined;

interface CellChange {
  value: Value;
  /** Only when the cell holds nothing: a declared value is never overwritten. */
  ifEmpty: boolean;
  patch: StylePatch;
}

const R = attrPattern('r');
const S = attrPattern('s');
const MIN = attrPattern('min');
const MAX = attrPattern('max');
const WIDTH = attrPattern('width');
const STYLE = attrPattern('style');
const CUSTOM_FORMAT = attrPattern('customFormat');
const CELL = /<c(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;

/** A `<col>` range of the sheet: its columns and its attributes as written. */
interface ColRange {
  min: number;
  max: number;
  attrs: string;
}

export class SheetPatch {
  private readonly changes = new Map<number, Map<number, CellChange>>();
  private readonly widths = new Map<number, number>();

  /** Gives a cell a value and a style patch (on top of its own style). */
  set(row: number, col: number, value: Value, patch: StylePatch = {}, ifEmpty = false): void {
    let cells = this.changes.get(row);
    if (!cells) this.changes.set(row, (cells = new Map()));
    const before = cells.get(col);
    cells.set(col, {
      value: value === undefined ? before?.value : value,
      ifEmpty: value === undefined ? (before?.ifEmpty ?? false) : ifEmpty,
      patch: { ...before?.patch, ...patch },
    });
  }

  /** Patches a cell's style only. */
  style(row: number, col: number, patch: StylePatch): void {
    this.set(row, col, undefined, patch);
  }

  /** Makes a column at least this wide (in characters, as Excel counts them). */
  minWidth(col: number, width: number): void {
    this.widths.set(col, Math.max(this.widths.get(col) ?? 0, width));
  }

  /** The sheet's XML with the changes. */
  apply(xml: string, styles: Styles): string {
    const cols = colRanges(xml);
    let out = this.patchRows(xml, styles, cols);
    if (this.widths.size > 0) out = this.patchCols(out, cols);
    return patchDimension(out, this.changes);
  }

  private patchRows(xml: string, styles: Styles, cols: ColRange[]): string {
    const open = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
    if (!open) throw new Error('worksheet without sheetData');
    const start = open.index + open[0].length;
    const end = open[1] ? start : xml.indexOf('</sheetData>', start);
    const inner = xml.slice(start, end);
    const pending = [...this.changes.keys()].sort((a, b) => a - b);
    let p = 0;
    let out = '';
    let last = 0;
    let row = 0;
    for (const m of inner.matchAll(ROW)) {
      const r = attr(m[1]!, R);
      row = r !== undefined ? parseInt(r, 10) : row + 1;
      for (; p < pending.length && pending[p]! < row; p++) out += inner.slice(last, m.index) + this.newRow(pending[p]!, styles, cols);
      if (p < pending.length && pending[p] === row) {
        out += inner.slice(last, m.index) + this.changedRow(row, m[1]!, m[2] ?? '', styles, cols);
        p++;
      } else out += inner.slice(last, m.index) + m[0];
      last = m.index + m[0].length;
    }
    out += inner.slice(last);
    for (; p < pending.length; p++) out += this.newRow(pending[p]!, styles, cols);
    const head = open[1] ? xml.slice(0, open.index) + open[0].replace(/\/>$/, '>') : xml.slice(0, start);
    return `${head}${out}</sheetData>${xml.slice(open[1] ? start : end + '</sheetData>'.length)}`;
  }

  private newRow(row: number, styles: Styles, cols: ColRange[]): string {
    return this.changedRow(row, ` r="${row}"`, '', styles, cols).replace(/^<row([^>]*)><\/row>$/, '<row$1/>');
  }

  private changedRow(row: number, attrs: string, body: string, styles: Styles, cols: ColRange[]): string {
    const changes = this.changes.get(row)!;
    const rowStyle = attr(attrs, CUSTOM_FORMAT) === '1' ? Number(attr(attrs, S) ?? 0) : null;
    const cells: { col: number; xml: string }[] = [];
    let col = 0;
    for (const m of body.matchAll(CELL)) {
      const ref = attr(m[1]!, R);
      const at = ref === undefined ? null : /^([A-Z]{1,3})\d+$/.exec(ref);
      col = at ? columnNumber(at[1]!) : col + 1;
      const change = changes.get(col);
      const cellAttrs = ref === undefined ? ` r="${columnLetters(col)}${row}"${m[1]}` : m[1]!;
      const content = m[2] ?? '';
      if (!change || (change.ifEmpty && /<(v|f|is)\b/.test(content))) {
        cells.push({ col, xml: ref === undefined ? `<c${cellAttrs}${m[2] === undefined ? '/>' : `>${content}</c>`}` : m[0] });
        continue;
      }
      const base = Number(attr(cellAttrs, S) ?? 0);
      if (change.value === undefined) {
        const s = styles.xf(base, change.patch);
        cells.push({ col, xml: `<c${setAttr(cellAttrs, 's', s)}${m[2] === undefined ? '/>' : `>${content}</c>`}` });
      } else cells.push({ col, xml: cellXml(row, col, change.value, styles.xf(base, change.patch)) });
    }
    const present = new Set(cells.map((c) => c.col));
    for (const [c, change] of changes) {
      if (present.has(c)) continue;
      const base = rowStyle ?? colStyle(cols, c);
      cells.push({ col: c, xml: cellXml(row, c, change.value ?? null, styles.xf(base, change.patch)) });
    }
    cells.sort((a, b) => a.col - b.col);
    // `spans` is a hint of the row's columns, no longer true.
    return `<row${removeAttr(attrs, 'spans')}>${cells.map((c) => c.xml).join('')}</row>`;
  }

  private patchCols(xml: string, cols: ColRange[]): string {
    const ranges = cols.map((c) => ({ ...c }));
    for (const [col, width] of [...this.widths].sort((a, b) => a[0] - b[0])) {
      const i = ranges.findIndex((r) => r.min <= col && col <= r.max);
      if (i < 0) {
        ranges.push({ min: col, max: col, attrs: ` min="${col}" max="${col}" width="${width}" customWidth="1"` });
        continue;
      }
      const range = ranges[i]!;
      if (Number(attr(range.attrs, WIDTH) ?? 0) >= width) continue;
      const split: ColRange[] = [];
      if (range.min < col) split.push({ ...range, max: col - 1 });
      split.push({ min: col, max: col, attrs: setAttr(setAttr(range.attrs, 'width', width), 'customWidth', 1) });
      if (col < range.max) split.push({ ...range, min: col + 1 });
      ranges.splice(i, 1, ...split);
    }
    ranges.sort((a, b) => a.min - b.min);
    const body = ranges.map((r) => `<col${setAttr(setAttr(r.attrs, 'min', r.min), 'max', r.max)}/>`).join('');
    if (/<cols\b/.test(xml)) return xml.replace(/<cols\b[^>]*?(?:\/>|>[\s\S]*?<\/cols>)/, `<cols>${body}</cols>`);
    return xml.replace(/<sheetData\b/, `<cols>${body}</cols><sheetData`);
  }
}

function colRanges(xml: string): ColRange[] {
  const cols = /<cols\b[^>]*>([\s\S]*?)<\/cols>/.exec(xml)?.[1] ?? '';
  return Array.from(cols.matchAll(/<col\b([^>]*?)\/?>/g), (m) => ({
    min: Number(attr(m[1]!, MIN) ?? 0),
    max: Number(attr(m[1]!, MAX) ?? 0),
    attrs: m[1]!,
  }));
}

/** The style a new cell of a column takes from it. */
function colStyle(cols: ColRange[], col: number): number {
  const range = cols.find((r) => r.min <= col && col <= r.max);
  return range ? Number(attr(range.attrs, STYLE) ?? 0) : 0;
}

function cellXml(row: number, col: number, value: number | string | null, s: number): string {
  const head = `<c r="${columnLetters(col)}${row}"${s ? ` s="${s}"` : ''}`;
  if (value === null) return `${head}/>`;
  if (typeof value === 'number') return `${head}><v>${value}</v></c>`;
  return `${head} t="inlineStr"><is><t xml:space="preserve">${escapeText(value)}</t></is></c>`;
}

/** `<dimension ref="A1:H30"/>` grown to hold the changed cells. */
function patchDimension(xml: string, changes: Map<number, Map<number, CellChange>>): string {
  const m = /<dimension\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(xml);
  if (!m) return xml;
  let [top, left] = [Number(m[2]), columnNumber(m[1]!)];
  let [bottom, right] = m[3] ? [Number(m[4]), columnNumber(m[3])] : [top, left];
  for (const [row, cells] of changes) {
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    for (const col of cells.keys()) {
      left = Math.min(left, col);
      right = Math.max(right, col);
    }
  }
  const ref = `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`;
  return xml.replace(m[0], m[0].replace(/ref="[^"]*"/, `ref="${ref}"`));
}
