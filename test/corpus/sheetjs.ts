// The reference reader of the corpus checks: SheetJS CE (@e965/xlsx), a reader we did not write,
// turned into the texts perf-score promises (CellText.text in src/model.ts, cellText in
// src/workbook/grid.ts): numbers in plain decimal from the stored value, a percent-formatted number
// as a percentage, dates the Chinese way (2022年7月20日, 2022年7月, 7月20日, 14:30), text trimmed, an
// empty text as no text, booleans TRUE / FALSE, errors as written, a formula's cached result, and a
// cell covered by a merge showing its master's text.
import * as XLSX from '@e965/xlsx';
import { Decimal } from 'decimal.js';
import { readFileSync } from 'node:fs';

/**
 * The built-in number formats of the zh-CN locale (ECMA-376 Part 1, 18.8.30), which a file refers to
 * by id only. SheetJS CE's table has the locale-independent ones only; without these a cell in
 * `yyyy"年"m"月"d"日"` (id 31) would be a plain number to it, while Excel and WPS on Chinese
 * Windows show a date. Loaded into SheetJS before any file is read.
 */
export const ZH_CN_BUILTIN_FORMATS: Record<number, string> = {
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
for (const [id, code] of Object.entries(ZH_CN_BUILTIN_FORMATS)) XLSX.SSF.load(code, Number(id));

/** The options the corpus reads with: values and number formats, no formulas, styles or HTML. */
export const SHEETJS_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer',
  cellDates: false, // dates stay serial numbers with their format; turned into text below
  cellNF: true, // each cell's number format (z), for percentages and dates
  cellText: true, // the formatted text (w), used for error values
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  sheetStubs: false,
  dense: false,
};

export interface SheetJsSheet {
  name: string;
  /** The text of every non-empty cell, by `row,col` (1-based). */
  texts: Map<string, string>;
  /** Merged ranges, 1-based and inclusive. */
  merges: { top: number; left: number; bottom: number; right: number }[];
}

export type SheetJsOutcome = { ok: true; sheets: SheetJsSheet[] } | { ok: false; error: string };

/** Runs `fn` with SheetJS's console chatter (`Bad compressed size …`) silenced. */
function quietly<T>(fn: () => T): T {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  console.log = console.warn = console.error = () => {};
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
  }
}

/** Reads a workbook with SheetJS CE into texts under perf-score's conventions. Worksheets only (no chart sheets). */
export function readWithSheetJs(path: string): SheetJsOutcome {
  let wb: XLSX.WorkBook;
  try {
    wb = quietly(() => XLSX.read(readFileSync(path), SHEETJS_OPTIONS));
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: SheetJsSheet[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    // Chart sheets and dialog sheets hold no cells; perf-score lists worksheets only.
    const kind = (wb.Workbook?.Sheets?.[i] as { Type?: string } | undefined)?.Type;
    if (!ws || (ws as { '!type'?: string })['!type'] === 'chart' || kind === 'chart') return;
    const texts = new Map<string, string>();
    for (const [address, cell] of Object.entries(ws)) {
      if (address.startsWith('!')) continue;
      const at = XLSX.utils.decode_cell(address);
      const text = cellText(cell as XLSX.CellObject, date1904);
      if (text !== null) texts.set(`${at.r + 1},${at.c + 1}`, text);
    }
    const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
    sheets.push({ name, texts, merges });
  });
  return { ok: true, sheets };
}

/** A format code without its quoted text, escapes and bracketed parts (colours, conditions, locales). */
function bare(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

/** A date the Chinese way, by what the format shows: full date, year and month, month and day, or time of day. */
function dateText(serial: number, format: string, date1904: boolean): string | null {
  const d = XLSX.SSF.parse_date_code(serial, { date1904 }) as { y: number; m: number; d: number; H: number; M: number } | null;
  if (!d) return null;
  const f = bare(format);
  const hasYear = /y/i.test(f);
  const hasDay = /d/i.test(f);
  if (/h/i.test(f) && !hasYear && !hasDay) return `${String(d.H).padStart(2, '0')}:${String(d.M).padStart(2, '0')}`;
  if (hasYear && !hasDay && /m/i.test(f)) return `${d.y}年${d.m}月`;
  if (hasDay && !hasYear) return `${d.m}月${d.d}日`;
  return `${d.y}年${d.m}月${d.d}日`;
}

/** A number in plain decimal notation, never an exponent. */
function plainNumber(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? new Decimal(n).toFixed() : s;
}

/** One SheetJS cell as the text perf-score promises to show for it; null for an empty cell. */
export function cellText(cell: XLSX.CellObject, date1904: boolean): string | null {
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v.trim() || null : null;
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? null;
    case 'n': {
      const v = cell.v as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      const z = typeof cell.z === 'string' ? cell.z : 'General';
      if (XLSX.SSF.is_date(z)) return dateText(v, z, date1904);
      if (bare(z).includes('%')) return `${new Decimal(v).times(100).toFixed()}%`;
      return plainNumber(v);
    }
    case 'd': {
      const v = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      if (Number.isNaN(v.getTime())) return null;
      return `${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日`;
    }
    default:
      return null; // 'z': a stub
  }
}
