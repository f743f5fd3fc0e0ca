// The values of a workbook's sheets, read from the XML parts of its package into grids: what the
// table finder and the engine work on. Only the parts that carry values are read (workbook, its
// relationships, shared strings, the number formats of the styles, the sheets); a cell's text is
// what Excel shows for it, under the conventions of `cellText`.
//
// The rules follow exceljs's reading, which perf-score used before (test/values.test.ts checks
// that both give the same grids), used range included. Where exceljs does not read what Excel
// shows, this reader does: a `str` value is decoded once (exceljs decodes entities twice), `_x000D_`
// escapes are decoded in inline strings too, `date1904="true"` counts, relationship targets are
// resolved (so a worksheet need not be named sheetN.xml), and a shared-string index past the end is
// an empty cell rather than a failure.
import { columnNumber } from '../cells.js';
import { cellText, Grid, type CellValue } from './grid.js';
import { attr, attrPattern, xmlText } from './xml.js';
import { folderOf, type Package, relsPartOf } from './package.js';
import { ZipError } from './zip.js';

/** Where a workbook's parts are in its package. */
export interface WorkbookParts {
  /** The workbook part (`xl/workbook.xml`). */
  main: string;
  /** The styles part, which may not exist yet (`xl/styles.xml`). */
  styles: string;
  /** The worksheets, in workbook order, with their parts (`xl/worksheets/sheet1.xml`). */
  sheets: { name: string; part: string }[];
}

/** A read workbook: where its parts are, and the grid of every worksheet's values, in workbook order. */
export interface WorkbookValues {
  workbook: WorkbookParts;
  grids: Grid[];
}

/**
 * Format codes of the built-in number formats an xlsx refers to by id only (ECMA-376 Part 1,
 * 18.8.30), with the Chinese (zh-CN) ones; ids not listed are General.
 */
export const BUILTIN_FORMATS: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Whether a format shows a date or time (outside quoted text and brackets). */
function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const R = attrPattern('r');
const S = attrPattern('s');
const T = attrPattern('t');
const ID = attrPattern('Id');
const TARGET = attrPattern('Target');
const TYPE = attrPattern('Type');
const NAME = attrPattern('name');
const RID = attrPattern('r:id');
const REF = attrPattern('ref');
const NUMFMTID = attrPattern('numFmtId');
const FORMATCODE = attrPattern('formatCode');
const DATE1904 = attrPattern('date1904');

/** `_x000D_`: how Excel writes a character XML cannot hold in a string. */
function unescapeExcel(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/**
 * The text of a string item (`<si>`, or a cell's `<is>`): its `<t>` elements, directly or in rich
 * text runs, without the phonetic guides (`<rPh>`) Excel does not show.
 */
function stringItem(xml: string): string {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let text = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)/g)) if (m[1]) text += unescapeExcel(xmlText(m[1]));
  return text;
}

function sharedStrings(xml: string | null): string[] {
  if (xml === null) return [];
  return Array.from(xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g), (m) => stringItem(m[1] ?? ''));
}

/** The number format of every cell style (`s` of a cell), by its index. */
function cellFormats(xml: string | null): (string | undefined)[] {
  if (xml === null) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)>/g)) {
    const id = attr(m[1]!, NUMFMTID);
    const code = attr(m[1]!, FORMATCODE);
    if (id !== undefined && code !== undefined) custom.set(Number(id), code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return Array.from(xfs.matchAll(/<xf\b([^>]*)>/g), (m) => {
    const id = Number(attr(m[1]!, NUMFMTID) ?? 0);
    return id ? (custom.get(id) ?? BUILTIN_FORMATS[id]) : undefined;
  });
}

/** The relationships of a part, by id: their targets resolved to part names. */
export function relationships(xml: string | null, base: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  if (xml === null) return rels;
  for (const m of xml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attr(m[1]!, ID);
    const target = attr(m[1]!, TARGET);
    if (id !== undefined && target !== undefined) rels.set(id, { type: attr(m[1]!, TYPE) ?? '', target: resolvePart(base, target) });
  }
  return rels;
}

/** A relationship's target as a part name: `worksheets/sheet1.xml` from `xl/` is `xl/worksheets/sheet1.xml`. */
export function resolvePart(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of target.trim().split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

interface Context {
  strings: string[];
  /** The number format of each cell style, and whether it shows a date. */
  formats: (string | undefined)[];
  dates: boolean[];
  date1904: boolean;
}

/** The value a cell holds: the cached result of a formula, a shared string resolved. */
function cellValue(t: string | undefined, v: string, style: number, ctx: Context): CellValue {
  switch (t) {
    case 's':
      return ctx.strings[parseInt(v, 10)] ?? null;
    case 'str':
    case 'inlineStr':
      return xmlText(v);
    case 'b':
      return parseInt(v, 10) !== 0;
    case 'e':
      return { error: xmlText(v) };
    default: {
      const n = parseFloat(v);
      if (!ctx.dates[style]) return n;
      return new Date(Math.round((n - 25569 + (ctx.date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
    }
  }
}

const CELL = /<row\b([^>]*)>|<c(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const CELL_REF = /^([A-Z]{1,3})(\d+)$/;

/** Reads one worksheet's values into a grid. */
function sheetGrid(name: string, xml: string, ctx: Context): Grid {
  // The used range as exceljs counts it: every row element and every merge; for columns, every cell
  // with a value or a style of its own, in rows that hold a value or a merge.
  const cells: { row: number; col: number; value: CellValue; format: string | undefined }[] = [];
  const rowEnd = new Map<number, number>();
  const rowsWithValues = new Set<number>();
  let rowCount = 0;
  let row = 0;
  let col = 0;
  const start = xml.indexOf('<sheetData');
  const end = xml.indexOf('</sheetData>', start);
  const data = start < 0 ? '' : xml.slice(start, end < 0 ? undefined : end);
  for (const m of data.matchAll(CELL)) {
    if (m[1] !== undefined) {
      const r = attr(m[1], R);
      row = r !== undefined ? parseInt(r, 10) : row + 1;
      col = 0;
      rowCount = Math.max(rowCount, row);
      continue;
    }
    const attrs = m[2]!;
    const ref = attr(attrs, R);
    const at = ref === undefined ? null : CELL_REF.exec(ref);
    col = at ? columnNumber(at[1]!) : col + 1;
    const r = at ? parseInt(at[2]!, 10) : row;
    const body = m[3] ?? '';
    const style = Number(attr(attrs, S) ?? 0);
    const t = attr(attrs, T);
    const format = style ? ctx.formats[style] : undefined;
    const f = body.includes('<f') ? /<f\b([^>]*?)(?:\/>|>([^<]*)<\/f>)/.exec(body) : null;
    const isFormula = f !== null && (!!f[2] || attr(f[1]!, T) !== undefined);
    let value: CellValue | undefined;
    const v = body.includes('<v') ? /<v\b[^>]*>([^<]*)<\/v>/.exec(body)?.[1] : undefined;
    if (isFormula) value = v ? cellValue(t, v, style, ctx) : null;
    else if (t === 'inlineStr' && body.includes('<is')) value = stringItem(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
    else if (v) value = cellValue(t, v, style, ctx);
    if (value === undefined && !style) continue;
    rowEnd.set(r, Math.max(rowEnd.get(r) ?? 0, col));
    if (value === undefined) continue;
    rowsWithValues.add(r);
    cells.push({ row: r, col, value, format });
  }
  const merges: [number, number, number, number][] = [];
  if (xml.includes('<mergeCell')) {
    for (const m of xml.matchAll(/<mergeCell\b([^>]*)>/g)) {
      const ref = attr(m[1]!, REF);
      const range = ref === undefined ? null : /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.trim());
      if (!range) continue;
      const [top, left] = [parseInt(range[2]!, 10), columnNumber(range[1]!)];
      const [bottom, right] = range[3] ? [parseInt(range[4]!, 10), columnNumber(range[3])] : [top, left];
      const [t, b] = [Math.min(top, bottom), Math.max(top, bottom)];
      const [l, rt] = [Math.min(left, right), Math.max(left, right)];
      if (t === b && l === rt) continue;
      merges.push([t, l, b, rt]);
      rowCount = Math.max(rowCount, b);
      for (let r = t; r <= b; r++) {
        rowEnd.set(r, Math.max(rowEnd.get(r) ?? 0, rt));
        rowsWithValues.add(r);
      }
    }
  }
  let colCount = 0;
  for (const r of rowsWithValues) colCount = Math.max(colCount, rowEnd.get(r) ?? 0);
  const grid = new Grid(name, rowCount, colCount);
  for (const [t, l, b, r] of merges) grid.addMerge(t, l, b, r);
  for (const c of cells) if (grid.isMaster(c.row, c.col)) grid.setText(c.row, c.col, cellText(c.value, c.format));
  return grid;
}

/**
 * Every worksheet of the package with its values, in workbook order; chart sheets and dialog sheets
 * have none and are left out. Throws ZipError when the package is not a workbook we can read.
 */
export function readWorkbook(pkg: Package): WorkbookValues {
  const root = relationships(pkg.text('_rels/.rels'), '');
  const main = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const book = pkg.text(main);
  if (book === null) throw new ZipError('no workbook part');
  const folder = folderOf(main);
  const rels = relationships(pkg.text(relsPartOf(main)), folder);
  const relOfType = (type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;
  const strings = relOfType('sharedStrings') ?? `${folder}sharedStrings.xml`;
  const styles = relOfType('styles') ?? `${folder}styles.xml`;
  const formats = cellFormats(pkg.text(styles));
  const ctx: Context = {
    strings: sharedStrings(pkg.text(strings)),
    formats,
    dates: formats.map(isDateFormat),
    date1904: /^(1|true)$/.test(attr(/<workbookPr\b([^>]*)>/.exec(book)?.[1] ?? '', DATE1904) ?? ''),
  };
  const workbook: WorkbookParts = { main, styles, sheets: [] };
  const grids: Grid[] = [];
  for (const m of book.matchAll(/<sheet\b([^>]*)>/g)) {
    const name = attr(m[1]!, NAME);
    const rel = rels.get(attr(m[1]!, RID) ?? '');
    if (name === undefined || !rel || !rel.type.endsWith('/worksheet')) continue;
    const xml = pkg.text(rel.target);
    if (xml === null) continue;
    workbook.sheets.push({ name, part: rel.target });
    grids.push(sheetGrid(name, xml, ctx));
  }
  return { workbook, grids };
}
