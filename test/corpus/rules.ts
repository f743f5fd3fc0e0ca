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
];

/** Likely causes of differences no rule explains: perf-score's failures, named for the report. Not explanations. */
export const DIAGNOSES: Rule<CellDifference>[] = [
  {
    id: 'iso-date-cell',
    says: 'a t="d" cell (ISO 8601 date) read as the number before its first dash (values.ts cellValue parseFloat)',
    explains: (_d, f) => f.xml !== null && /\st="d"/.test(f.xml),
  },
  {
    id: 'lowercase-escape',
    says: 'an _x000d_ escape written in lower case is not decoded (values.ts unescapeExcel matches [0-9A-F] only)',
    explains: (d) => d.ours !== null && /_x[0-9a-fA-F]{4}_/.test(d.ours) && /[a-f]/.test(/_x([0-9a-fA-F]{4})_/.exec(d.ours)![1]!),
  },
  {
    id: 'prefixed-namespace',
    says: 'a worksheet written with a namespace prefix (<x:c>) yields no cells (README: not handled)',
    explains: (d, f) => d.ours === null && f.sheetXml !== null && /<\w+:sheetData\b/.test(f.sheetXml),
  },
  {
    id: 'pre-standard-namespace',
    says: 'an Office 2007 beta package (namespace …/office/excel/2006/2, <sstItem> strings): strings not read, silently',
    explains: (d, f) => d.ours === null && f.sheetXml !== null && f.sheetXml.includes('schemas.microsoft.com/office/excel/2006/2'),
  },
  {
    id: 'duplicate-entry',
    says: 'the package holds two entries of one name: perf-score takes the last (zip.ts readZip), SheetJS the first; damage not reported',
    explains: (_d, f) => new Set(f.entries).size !== f.entries.length,
  },
  {
    id: 'truncated-sheet',
    says: 'a sheet part cut short (no </sheetData> or </worksheet>): read as far as it goes, damage not reported',
    explains: (_d, f) => f.sheetXml !== null && !/<\/(?:\w+:)?worksheet>\s*$/.test(f.sheetXml),
  },
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
