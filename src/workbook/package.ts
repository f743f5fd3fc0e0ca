// The xlsx package (a zip of XML parts) as government templates and WPS write it, prepared before
// exceljs loads it: what exceljs gets wrong is fixed in the XML, what it cannot keep is listed.
import { columnLetters } from '../cells.js';
import type { DroppedPart } from '../model.js';
import { BUILTIN_FORMATS } from './values.js';
import { entryText, newEntry, readZip, writeZip, type ZipEntry } from './zip.js';

export interface PreparedPackage {
  /** The package for exceljs: the input itself when nothing needed fixing. */
  bytes: Buffer;
  /** Kinds of content exceljs cannot keep, so the scored copy lacks them; in the order of DroppedPart. */
  dropped: DroppedPart[];
  /** Data validations (dropdowns) whose ranges were cut to the cells in use. */
  trimmedValidations: number;
  /** Chinese built-in number formats (numFmtId 27–36, 50–58) given their format codes. */
  dateFormats: number[];
}

/** The Chinese (zh-CN) built-in number formats (ECMA-376 Part 1, 18.8.30), which exceljs knows none of. */
const CHINESE_DATE_FORMAT_IDS = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58];

/** Parts exceljs does not read, so does not write back: by path. */
const DROPPED_PATHS: [DroppedPart, RegExp][] = [
  ['chart', /^xl\/(charts\/chart[^/]*\.xml|chartsheets\/)/],
  ['cell-image', /^xl\/(cellimages\.xml|richData\/)/],
  ['custom-xml', /^customXml\/[^/]+\.xml$/],
  ['macro', /^xl\/vbaProject\.bin$/],
  ['pivot-table', /^xl\/pivotTables\//],
  ['embedded-object', /^xl\/(embeddings|activeX)\//],
  ['form-control', /^xl\/ctrlProps\//],
  ['external-link', /^xl\/externalLinks\//],
  ['threaded-comment', /^xl\/threadedComments\//],
  ['slicer', /^xl\/(slicers|slicerCaches|timelines)\//],
];
const ORDER: DroppedPart[] = ['chart', 'shape', 'cell-image', 'dropdown', 'custom-xml', 'macro', 'pivot-table', 'embedded-object', 'form-control', 'external-link', 'threaded-comment', 'slicer'];

/** Shapes, text boxes and connectors in a drawing: exceljs keeps only its pictures. */
const SHAPE = /<xdr:(?:sp|grpSp|cxnSp)[\s>]/;

const MAX_ROW = 1048576;
const MAX_COL = 16384;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The last row and column holding a value (a cell with `<v>`, `<is>` or `<f>`); styled empty cells do not count. */
export function usedRange(sheetXml: string): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  let rowNumber = 0;
  for (const row of sheetXml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = /\br="(\d+)"/.exec(row[1]!);
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    let colNumber = 0;
    for (const cell of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /\br="([A-Z]+)\d+"/.exec(cell[1]!);
      colNumber = ref ? columnNumber(ref[1]!) : colNumber + 1;
      if (!/<(?:v|is|f)\b/.test(cell[2] ?? '')) continue;
      rows = Math.max(rows, rowNumber);
      cols = Math.max(cols, colNumber);
    }
  }
  return { rows, cols };
}

/**
 * Cuts a sqref (`H12:H1048576 J12:J1048576`, `H:H`) to the cells in use: a range running past the
 * last used row or column ends there (a range wholly past it keeps its first row or column).
 */
export function trimSqref(sqref: string, used: { rows: number; cols: number }): string {
  return sqref
    .trim()
    .split(/\s+/)
    .map((ref) => {
      const m = /^\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?$/.exec(ref);
      if (!m || (!m[1] && !m[2])) return ref;
      const left = m[1] ? columnNumber(m[1]) : 1;
      const top = m[2] ? Number(m[2]) : 1;
      const right = m[3] !== undefined ? (m[3] ? columnNumber(m[3]) : MAX_COL) : m[1] ? left : MAX_COL;
      const bottom = m[4] !== undefined ? (m[4] ? Number(m[4]) : MAX_ROW) : m[2] ? top : MAX_ROW;
      const b = Math.min(bottom, Math.max(top, used.rows));
      const r = Math.min(right, Math.max(left, used.cols));
      const start = `${columnLetters(left)}${top}`;
      return b === top && r === left ? start : `${start}:${columnLetters(r)}${b}`;
    })
    .join(' ');
}

/** Cuts every data validation of a sheet to the cells in use; returns the new XML and how many changed. */
function trimValidations(xml: string): { xml: string; trimmed: number } {
  if (!xml.includes('<dataValidation')) return { xml, trimmed: 0 };
  const used = usedRange(xml);
  if (used.rows === 0) return { xml, trimmed: 0 };
  let trimmed = 0;
  const out = xml.replace(/(<dataValidation\b[^>]*?\bsqref=")([^"]*)(")/g, (whole, open: string, sqref: string, close: string) => {
    const cut = trimSqref(sqref, used);
    if (cut === sqref) return whole;
    trimmed++;
    return `${open}${cut}${close}`;
  });
  return { xml: out, trimmed };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Gives the Chinese built-in formats the cells use a definition in styles.xml; returns the ids defined. */
function defineChineseFormats(xml: string): { xml: string; ids: number[] } {
  const cellXfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(xml)?.[0] ?? '';
  const used = new Set([...cellXfs.matchAll(/\bnumFmtId="(\d+)"/g)].map((m) => Number(m[1])));
  const defined = new Set([...xml.matchAll(/<numFmt\b[^>]*?\bnumFmtId="(\d+)"/g)].map((m) => Number(m[1])));
  const ids = [...used].filter((id) => CHINESE_DATE_FORMAT_IDS.includes(id) && !defined.has(id)).sort((a, b) => a - b);
  if (ids.length === 0) return { xml, ids };
  const entries = ids.map((id) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(BUILTIN_FORMATS[id]!)}"/>`).join('');
  let out: string;
  if (/<numFmts\b[^>]*\/>/.test(xml)) out = xml.replace(/<numFmts\b[^>]*\/>/, `<numFmts count="${ids.length}">${entries}</numFmts>`);
  else if (/<numFmts\b/.test(xml)) {
    out = xml
      .replace(/(<numFmts\b[^>]*?\bcount=")(\d+)(")/, (_w, a: string, n: string, b: string) => `${a}${Number(n) + ids.length}${b}`)
      .replace('</numFmts>', `${entries}</numFmts>`);
  } else out = xml.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts count="${ids.length}">${entries}</numFmts>`);
  return { xml: out, ids };
}

/** A package read once: its files as stored, and the text of a part inflated at most once. */
export class Package {
  readonly zip: Map<string, ZipEntry>;
  private readonly texts = new Map<string, string>();

  /** Throws ZipError when the bytes are not a readable zip. */
  constructor(readonly bytes: Buffer) {
    this.zip = readZip(bytes);
  }

  /** The text of a part, or null when the package has none. */
  text(name: string): string | null {
    let text = this.texts.get(name);
    if (text === undefined) {
      const entry = this.zip.get(name);
      if (!entry) return null;
      text = entryText(entry);
      this.texts.set(name, text);
    }
    return text;
  }
}

/** Kinds of content exceljs cannot keep, so a copy it writes lacks them; in the order of DroppedPart. */
export function droppedParts(pkg: Package): DroppedPart[] {
  const found = new Set<DroppedPart>();
  for (const name of pkg.zip.keys()) {
    for (const [part, path] of DROPPED_PATHS) if (path.test(name)) found.add(part);
    // Excel writes a dropdown listing another sheet in the x14 extension, which exceljs does not read.
    if (WORKSHEET.test(name) && pkg.text(name)!.includes('<x14:dataValidation')) found.add('dropdown');
    if (DRAWING.test(name) && SHAPE.test(pkg.text(name)!)) found.add('shape');
  }
  return ORDER.filter((p) => found.has(p));
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const DRAWING = /^xl\/drawings\/[^/]+\.xml$/;

/**
 * The package as exceljs can load it: dropdowns over whole columns, which it expands cell by cell
 * into seconds and gigabytes, cut to the cells in use; Chinese built-in date formats defined.
 * Throws ZipError when the bytes are not a readable zip.
 */
export function preparePackage(input: Buffer | Package): PreparedPackage {
  const pkg = input instanceof Package ? input : new Package(input);
  const changed = new Map<string, ZipEntry>();
  let trimmedValidations = 0;
  let dateFormats: number[] = [];
  for (const name of pkg.zip.keys()) {
    if (WORKSHEET.test(name)) {
      const { xml, trimmed } = trimValidations(pkg.text(name)!);
      if (trimmed > 0) {
        changed.set(name, newEntry(name, xml));
        trimmedValidations += trimmed;
      }
    } else if (name === 'xl/styles.xml') {
      const { xml, ids } = defineChineseFormats(pkg.text(name)!);
      if (ids.length > 0) {
        changed.set(name, newEntry(name, xml));
        dateFormats = ids;
      }
    }
  }
  const dropped = droppedParts(pkg);
  if (changed.size === 0) return { bytes: pkg.bytes, dropped, trimmedValidations, dateFormats };
  const bytes = writeZip([...pkg.zip.values()].map((e) => changed.get(e.name) ?? e));
  return { bytes, dropped, trimmedValidations, dateFormats };
}
