// The values of a workbook's sheets, read from its package (src/ooxml) into grids: what the table
// finder and the engine work on. A cell's text is what Excel shows for it, under the conventions of
// `cellText`.
//
// The used range follows exceljs's reading, which perf-score used before (test/values.test.ts checks
// that both give the same grids). Where exceljs does not read what Excel shows, this reader does: a
// `str` value is decoded once (exceljs decodes entities twice), `_x000D_` escapes are decoded in
// inline strings too, `date1904="true"` counts, relationship targets are resolved (so a worksheet
// need not be named sheetN.xml), a `t="d"` cell is the date it writes (ISO 8601), and prefixed or
// strict SpreadsheetML reads like any other. What Excel would call damage is damage here too, and
// is reported rather than read around: a cell pointing past the shared strings or the cell formats,
// a number cell holding no number, a part a relationship names that is not there.
import { PackageError } from '../ooxml/errors.js';
import type { Package } from '../ooxml/package.js';
import { columnLetters, readCellFormats, readSharedStrings, readWorkbookInfo, readWorksheet, type StoredCell, type WorkbookInfo } from '../ooxml/spreadsheet.js';
import { cellText, Grid, type CellValue } from './grid.js';

/** A read workbook: where its parts are, and the grid of every worksheet's values, in workbook order. */
export interface WorkbookValues {
  workbook: WorkbookInfo;
  /** The worksheets (sheets holding cells), in workbook order, with their grids. */
  sheets: { name: string; part: string; grid: Grid }[];
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

/** A number as xsd:double writes it (finite): `12`, `-0.5`, `1E-3`. */
const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
/** An ISO 8601 date, time or date and time (`t="d"`). */
const ISO_DATE = /^\s*(\d{4}-\d{2}-\d{2})?(?:T?(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?\s*$/;

interface Context {
  part: string;
  strings: string[] | null;
  formats: (string | undefined)[];
  dates: boolean[];
  date1904: boolean;
}

function damage(ctx: Context, cell: StoredCell, what: string): PackageError {
  const at = `${columnLetters(cell.col)}${cell.row}`;
  return new PackageError('content', ctx.part, `cell ${at}: ${what}`, { cell: at });
}

/** The value a stored cell holds: the cached result of a formula, a shared string resolved, a date where its format shows one. */
function cellValue(cell: StoredCell, ctx: Context): CellValue {
  const v = cell.value;
  if (v === null) return null;
  switch (cell.type) {
    case 's': {
      const index = /^\s*\d+\s*$/.test(v) ? Number(v) : -1;
      const text = ctx.strings?.[index];
      if (text === undefined) throw damage(ctx, cell, `shared string ${v.trim()}, which the shared strings part does not hold`);
      return text;
    }
    case 'str':
    case 'inlineStr':
      return v;
    case 'b':
      if (/^\s*(1|true)\s*$/.test(v)) return true;
      if (/^\s*(0|false)\s*$/.test(v)) return false;
      throw damage(ctx, cell, `a boolean "${v}"`);
    case 'e':
      return { error: v };
    case 'd': {
      const m = ISO_DATE.exec(v);
      if (!m || (!m[1] && !m[2])) throw damage(ctx, cell, `a date "${v}"`);
      const date = new Date(`${m[1] ?? '1899-12-30'}T${m[2] ?? '00:00:00'}${m[3] === undefined ? 'Z' : m[3]}`);
      if (Number.isNaN(date.getTime())) throw damage(ctx, cell, `a date "${v}"`);
      return date;
    }
    case undefined:
    case 'n': {
      if (!NUMBER.test(v)) {
        if (v.trim() === '') return null;
        throw damage(ctx, cell, `a number "${v}"`);
      }
      const n = Number(v);
      if (!Number.isFinite(n)) throw damage(ctx, cell, `a number "${v}" beyond any Excel holds`);
      if (!ctx.dates[cell.style]) return n;
      return new Date(Math.round((n - 25569 + (ctx.date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
    }
    default:
      throw damage(ctx, cell, `a cell of type "${cell.type}"`);
  }
}

/** Reads one worksheet's values into a grid. */
function sheetGrid(name: string, xml: string, ctx: Context): Grid {
  // The used range as exceljs counts it: every row element and every merge; for columns, every cell
  // with a value or a style of its own, in rows that hold a value or a merge.
  const texts = new Map<number, string>();
  const rowEnd = new Map<number, number>();
  const rowsWithValues = new Set<number>();
  const extras = readWorksheet(ctx.part, xml, (cell) => {
    if (cell.style > 0 && cell.style >= ctx.formats.length) throw damage(ctx, cell, `style ${cell.style}, which the styles part does not define`);
    const value = cell.value === null ? (cell.formula ? null : undefined) : cellValue(cell, ctx);
    if (value === undefined && !cell.style) return;
    rowEnd.set(cell.row, Math.max(rowEnd.get(cell.row) ?? 0, cell.col));
    if (value === undefined) return;
    rowsWithValues.add(cell.row);
    const text = cellText(value, cell.style ? ctx.formats[cell.style] : undefined);
    const key = Grid.key(cell.row, cell.col);
    if (text === null) texts.delete(key);
    else texts.set(key, text);
  });
  let rowCount = extras.lastRow;
  for (const m of extras.merges) {
    rowCount = Math.max(rowCount, m.bottom);
    // Rows of a merge count for the used range's columns; a tall one is counted by its corners only.
    for (const r of m.bottom - m.top < 10_000 ? Array.from({ length: m.bottom - m.top + 1 }, (_v, i) => m.top + i) : [m.top, m.bottom]) {
      rowEnd.set(r, Math.max(rowEnd.get(r) ?? 0, m.right));
      rowsWithValues.add(r);
    }
  }
  let colCount = 0;
  for (const r of rowsWithValues) colCount = Math.max(colCount, rowEnd.get(r) ?? 0);
  const grid = new Grid(name, rowCount, colCount, texts);
  try {
    for (const m of extras.merges) grid.addMerge(m.top, m.left, m.bottom, m.right);
  } catch (err) {
    if (err instanceof RangeError) throw new PackageError('limits', ctx.part, err.message);
    throw err;
  }
  // Only a merge's top-left cell shows its value.
  grid.hideMerged();
  return grid;
}

/**
 * Every worksheet of the package with its values, in workbook order; chart sheets and dialog sheets
 * have none and are left out. Throws PackageError for damage, NotSpreadsheet for a package that is
 * not a workbook.
 */
export function readWorkbook(pkg: Package): WorkbookValues {
  const workbook = readWorkbookInfo(pkg);
  const formats = workbook.styles === null ? [] : readCellFormats(workbook.styles, pkg, BUILTIN_FORMATS);
  const strings = workbook.sharedStrings === null ? null : readSharedStrings(workbook.sharedStrings, pkg.text(workbook.sharedStrings)!);
  if (workbook.sharedStrings !== null) pkg.markParsed(workbook.sharedStrings);
  const base = { strings, formats, dates: formats.map(isDateFormat), date1904: workbook.date1904 };
  const sheets: WorkbookValues['sheets'] = [];
  for (const sheet of workbook.sheets) {
    if (sheet.kind !== 'worksheet') continue;
    sheets.push({ name: sheet.name, part: sheet.part, grid: sheetGrid(sheet.name, pkg.text(sheet.part)!, { ...base, part: sheet.part }) });
    pkg.markParsed(sheet.part);
  }
  return { workbook, sheets };
}
