// Why perf-score and SheetJS CE may show different texts for the same cell, when neither breaks
// perf-score's promise. Each rule names one difference, says it in a sentence and checks that a
// difference really is of its kind (from the cell's own XML where that decides). A difference no
// rule explains is counted as unexplained; the target is 0.
//
// Differences that are perf-score's failures are not rules: they stay unexplained. `DIAGNOSES` only
// names their likely cause for the report, so that a developer knows where to look.
import type { CellDifference, SheetDifference } from './compare.js';
import { decode, type Pkg } from './pkg.js';

export interface CellFacts {
  /** The cell's XML element in its sheet part (`<c r="A1" …>…</c>`), or null when it has none. */
  xml: string | null;
  /** Its sheet part's XML, for rules about the whole sheet. */
  sheetXml: string | null;
  /** Entry names of the package, as in its central directory. */
  entries: string[];
}

export interface Rule<D> {
  id: string;
  /** One sentence: what differs and why that is not a broken promise. */
  says: string;
  explains(d: D, facts: CellFacts): boolean;
}

const DATE_TEXT = /^(\d+年\d+月(\d+日)?|\d+月\d+日|\d\d:\d\d)$/;
const valueOf = (xml: string | null) => (xml ? (/<(?:\w+:)?v\b[^>]*>([^<]*)</.exec(xml)?.[1] ?? null) : null);

export const CELL_RULES: Rule<CellDifference>[] = [
  {
    id: 'excel-1900-calendar',
    says:
      'A date serial below 61 (before 1 March 1900) in a date format: SheetJS CE follows Excel’s 1900 calendar, with its day 0 (1900年1月0日) and its fictitious 29 February 1900, and shows nothing for a negative serial (Excel shows ####); perf-score counts days from 1899-12-30, which agrees with Excel from 1 March 1900 on.',
    explains: (d, f) => {
      const v = Number(valueOf(f.xml));
      return Number.isFinite(v) && v < 61 && d.ours !== null && DATE_TEXT.test(d.ours) && (d.theirs === null || DATE_TEXT.test(d.theirs) || /年1月0日$|^1月0日$/.test(d.theirs));
    },
  },
  {
    id: 'formula-inline-string-result',
    says:
      'A formula cell typed inlineStr whose cached result is a <v> (as LibreOffice 4 wrote them): SheetJS CE reads no value; perf-score reads the cached text, as it reads a t="str" result.',
    explains: (d, f) =>
      d.theirs === null && f.xml !== null && /<(?:\w+:)?f\b/.test(f.xml) && /\st="inlineStr"/.test(f.xml) && d.ours === decode(valueOf(f.xml) ?? '').trim(),
  },
  {
    id: 'iso-date-as-date',
    says:
      'A t="d" cell (an ISO 8601 date): perf-score shows the date it holds (2022年12月31日) whatever its number format, as a target or an actual is read; SheetJS CE applies the cell’s number format to its serial (4492600% under a percent format).',
    explains: (d, f) => f.xml !== null && /\st="d"/.test(f.xml) && d.ours !== null && DATE_TEXT.test(d.ours),
  },
  {
    id: 'xml-comment',
    says:
      'The cell’s value differs from one written inside an XML comment (<!-- <c r="G20"><v>99</v></c> -->): SheetJS CE reads the sheet with regular expressions that see inside comments; perf-score skips comments, as XML requires.',
    explains: (d, f) => f.sheetXml !== null && [...f.sheetXml.matchAll(/<!--([\s\S]*?)-->/g)].some((m) => new RegExp(`\\sr="${d.cell}"`).test(m[1]!)),
  },
  {
    id: 'cell-text-limit',
    says:
      'A text longer than 32,767 characters, the most an Excel cell holds, in a workbook converted from another format: the conversion to .xlsx cuts it to 32,767; SheetJS CE reading the original keeps all of it.',
    explains: (d) => d.ours !== null && d.theirs !== null && d.ours.length === 32_767 && d.theirs.startsWith(d.ours),
  },
  {
    id: 'astral-character-reference',
    says: 'A character reference above U+FFFF (&#x1f61c;): SheetJS CE keeps only its low 16 bits (U+F61C); perf-score decodes the character.',
    explains: (d) =>
      d.ours !== null && d.theirs !== null && /[\u{10000}-\u{10FFFF}]/u.test(d.ours) && d.theirs === d.ours.replace(/[\u{10000}-\u{10FFFF}]/gu, (c) => String.fromCharCode(c.codePointAt(0)! & 0xffff)),
  },
];

export const SHEET_RULES: Rule<SheetDifference & { type: string }>[] = [
  {
    id: 'macro-or-dialog-sheet',
    says:
      'An Excel 4.0 macro sheet or a dialog sheet (a macrosheet / dialogsheet relationship): SheetJS CE lists it among the sheets; perf-score reads worksheets only, and no indicator table is kept in one.',
    explains: (d) => d.theirs && !d.ours && /macrosheet|dialogsheet/i.test(d.type),
  },
  {
    id: 'sheet-name-made-valid',
    says:
      'A sheet name Excel does not allow (over 31 characters, or holding [ ] : * ? / \\), in a workbook converted from another format: the conversion to .xlsx gives the sheet a valid name (its first 31 characters); SheetJS CE reading the original lists it under the name as written.',
    explains: (d) => (d.theirs && !d.ours && (d.sheet.length > 31 || /[[\]:*?/\\]/.test(d.sheet))) || (d.ours && !d.theirs && d.sheet.length === 31),
  },
];

/** Likely causes of differences no rule explains: perf-score's failures, named for the report. Not explanations. */
export const DIAGNOSES: Rule<CellDifference>[] = [
  // None known today: the causes named here before (t="d" read as a number, prefixed namespaces,
  // duplicate entries, sheets cut short, lower-case escapes) are read or reported since.
];

export interface Classified<D> {
  difference: D;
  /** The rule that explains it, or null. */
  rule: string | null;
  /** For an unexplained difference: its likely cause, if one is named. */
  diagnosis: string | null;
}

/** Each difference with the rule that explains it, or with a diagnosis when none does. */
export async function classify(pkg: Pkg | null, cells: CellDifference[], sheets: SheetDifference[]): Promise<{ cells: Classified<CellDifference>[]; sheets: Classified<SheetDifference>[] }> {
  const entries = pkg?.names ?? [];
  const sheetList = pkg ? await pkg.sheets() : [];
  const sheetXml = new Map<string, { xml: string | null; cells: Map<string, string> }>();
  const sheetOf = async (sheet: string) => {
    if (!sheetXml.has(sheet)) {
      const xml = pkg ? await pkg.sheetXml(sheet) : null;
      const index = new Map<string, string>();
      for (const m of (xml ?? '').matchAll(/<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g)) index.set(m[1]!, m[0]);
      sheetXml.set(sheet, { xml, cells: index });
    }
    return sheetXml.get(sheet)!;
  };
  const outCells: Classified<CellDifference>[] = [];
  for (const d of cells) {
    const sheet = await sheetOf(d.sheet);
    const facts: CellFacts = { xml: sheet.cells.get(d.cell) ?? null, sheetXml: sheet.xml, entries };
    const rule = CELL_RULES.find((r) => r.explains(d, facts))?.id ?? null;
    const diagnosis = rule ? null : (DIAGNOSES.find((r) => r.explains(d, facts))?.id ?? null);
    outCells.push({ difference: d, rule, diagnosis });
  }
  const outSheets = sheets.map((d) => {
    const type = sheetList.find((s) => s.name === d.sheet)?.type ?? '';
    const facts: CellFacts = { xml: null, sheetXml: null, entries };
    const rule = SHEET_RULES.find((r) => r.explains({ ...d, type }, facts))?.id ?? null;
    return { difference: d, rule, diagnosis: rule ? null : `sheet listed by ${d.ours ? 'perf-score' : 'SheetJS CE'} only (${type || 'no relationship'})` };
  });
  return { cells: outCells, sheets: outSheets };
}
