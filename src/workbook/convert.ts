// Workbooks in the formats finance staff also receive (.xls and WPS .et, .ods and .fods, .xlsb, and
// the web pages and Excel 2003 XML that web systems export as .xls) converted in memory into an xlsx
// package, which is then read and patched like any xlsx: one reading path for the values, one writer
// for the scored copy. SheetJS CE (@e965/xlsx) reads them; it is loaded only when such a file comes.
//
// What survives: every cell's value (a formula's cached result, rich text as plain text), its number
// format (percentages, dates, the Chinese built-in date formats), merged ranges, sheet names, order
// and visibility, column widths (.xls / .et), row heights, notes and links. What does not: fonts,
// borders, fills, pictures, charts, dropdowns, defined names and the formulas themselves (their
// results are kept), which SheetJS CE does not carry; the copy's summary sheet says so.
//
// The work is bounded before SheetJS runs, so that a crafted file is refused rather than left to
// exhaust the memory of a batch: see LIMITS.
import * as XLSX from '@e965/xlsx';
import { inflateRawSync } from 'node:zlib';
import { RunError } from '../errors.js';
import { Cfb, CFB_SIGNATURE } from './cfb.js';
import { textOf, zipEntries, type SourceFamily, type SourceFormat } from './sniff.js';
import { BUILTIN_FORMATS } from './values.js';

/**
 * What a file to convert may hold. A 绩效自评表 holds about a thousand cells in a file of 20–100 KB
 * (converted in about 50 ms); a workbook with photos may be a few MB. SheetJS needs about 40 µs and
 * 1–2 KB of memory per cell to read and write (measured on the 2-core development machine: 190,000
 * cells, 8–12 s and 390 MB; 650,000 cells, 770 MB), so the cells are what is bounded.
 */
export const LIMITS = {
  /** The file itself. */
  bytes: 32 * 1024 * 1024,
  /** Cells holding a value, over all sheets: 95,000 took 5–7 s and 220 MB. */
  cells: 100_000,
  /** The parts of a zip (.ods, .xlsb) once inflated, together. */
  unzipped: 128 * 1024 * 1024,
  /** Rows × columns of the cells' range, over all sheets (SheetJS's writer visits every position of it). */
  area: 20_000_000,
  /** Cells inside merged ranges, over all sheets (the reader maps each one to its merge's first cell). */
  mergedCells: 1_000_000,
  /** A web page: cells × merged cells (SheetJS looks up every merge for every cell). */
  htmlSpanWork: 20_000_000,
  /** Formatted empty cells of an .xls above which its column widths are not read (reading them makes one object per such cell). */
  styledBlanks: 100_000,
} as const;

/** A conversion refused or failed, in the user's words. */
function damaged(path: string, from: SourceFormat): RunError {
  return new RunError((ui) => ui.formatDamaged(path, ui.formatName(from)));
}

// ---------------------------------------------------------------------------------------------
// Counting cells before SheetJS does

/** BIFF record types that make a cell with a value (those of Excel 2.x–4.x too); MULRK holds several. */
const BIFF_CELLS = new Set([0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0206, 0x0406, 0x00d6, 0x00fd, 0x0203, 0x0204, 0x0205, 0x027e]);
const BIFF_MULRK = 0x00bd;
const BIFF_BLANK = 0x0201;
const BIFF_MULBLANK = 0x00be;

const BIFF_BOF = 0x0809;
const BIFF_CODEPAGE = 0x0042;
/** A theme, as a zip inside the record; and a type SheetJS knows as nothing and skips. */
const BIFF_THEME = 0x0896;
const BIFF_SKIPPED = 0xffff;

/**
 * What the Workbook stream of an .xls / .et holds: cells with a value, formatted empty cells, and
 * whether its text is in a code page (an Excel 5.0/95 file, or a code page other than UTF-16), which
 * SheetJS decodes only with its code-page tables loaded.
 */
function biffFacts(bytes: Buffer): { cells: number; blanks: number; codepage: boolean; themes: number[]; stream: { name: string; data: Buffer } | null } {
  const facts = { cells: 0, blanks: 0, codepage: false, themes: [] as number[], stream: null as { name: string; data: Buffer } | null };
  let stream: Buffer;
  if (bytes.subarray(0, 8).equals(CFB_SIGNATURE)) {
    const cfb = new Cfb(bytes);
    const entry = cfb.find('Workbook') ?? cfb.find('Book');
    if (!entry) return facts;
    stream = cfb.stream(entry);
    facts.stream = { name: entry.name, data: stream };
  } else {
    // A bare Excel 2.x–4.x stream: its text is always in a code page.
    stream = bytes;
    facts.codepage = true;
  }
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(at);
    const length = stream.readUInt16LE(at + 2);
    if (BIFF_CELLS.has(type)) facts.cells++;
    else if (type === BIFF_MULRK && length >= 6) facts.cells += Math.floor((length - 6) / 6);
    else if (type === BIFF_BLANK) facts.blanks++;
    else if (type === BIFF_MULBLANK && length >= 6) facts.blanks += Math.floor((length - 6) / 2);
    else if (type === BIFF_BOF && at + 6 <= stream.length && stream.readUInt16LE(at + 4) !== 0x0600) facts.codepage = true;
    else if (type === BIFF_CODEPAGE && at + 6 <= stream.length && stream.readUInt16LE(at + 4) !== 1200) facts.codepage = true;
    else if (type === BIFF_THEME) facts.themes.push(at);
    at += 4 + length;
  }
  return facts;
}

/** A variable-length integer of BIFF12 (.xlsb): 7 bits a byte, at most `max` bytes. */
function varint(data: Buffer, at: number, max: number): [number, number] {
  let value = 0;
  for (let i = 0; i < max; i++) {
    const b = data[at + i];
    if (b === undefined) return [value, at + i];
    value |= (b & 0x7f) << (7 * i);
    if (!(b & 0x80)) return [value >>> 0, at + i + 1];
  }
  return [value >>> 0, at + max];
}

/** Cells with a value in the worksheet parts of an .xlsb (records BrtCellRk … BrtFmlaError). */
function xlsbCells(parts: Buffer[]): number {
  let cells = 0;
  for (const data of parts) {
    for (let at = 0; at < data.length; ) {
      const [type, next] = varint(data, at, 2);
      const [size, body] = varint(data, next, 4);
      if (type >= 2 && type <= 11) cells++;
      at = body + size;
    }
  }
  return cells;
}

const ODS_ROW = /<(?:\w+:)?table-row[\s>]([^>]*)|<(?:\w+:)?table-cell([\s/>][^>]*)>/g;

/**
 * Cells an .ods / .fods makes SheetJS create: a cell with content counts once per column and row it
 * is repeated over (`number-columns-repeated`, `number-rows-repeated`), which is how a few bytes can
 * ask for a billion cells.
 */
function odsCells(xml: string): number {
  let cells = 0;
  let rows = 1;
  for (const m of xml.matchAll(ODS_ROW)) {
    if (m[1] !== undefined) {
      rows = Number(/number-rows-repeated="(\d+)"/.exec(m[1])?.[1] ?? 1) || 1;
      continue;
    }
    const attrs = m[2]!;
    const selfClosing = attrs.endsWith('/');
    if (selfClosing) {
      if (/value-type="string"/.test(attrs)) cells++;
      continue;
    }
    const cols = Number(/number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1) || 1;
    cells += rows * cols;
    if (cells > LIMITS.cells) return cells;
  }
  return cells;
}

/** Cells of a web page's tables, and SheetJS's work on their merges. */
function htmlCells(html: string): { cells: number; spanWork: number } {
  const cells = (html.match(/<t[dh][\s>]/gi) ?? []).length;
  const spans = (html.match(/\b(?:row|col)span\s*=\s*["']?\s*0*(?:[2-9]|[1-9]\d)/gi) ?? []).length;
  return { cells, spanWork: cells * spans };
}

/** The entries SheetJS will inflate, each checked to inflate to no more than its stated size. */
function inflatedParts(bytes: Buffer, path: string, from: SourceFormat): Map<string, Buffer> {
  const zip = zipEntries(bytes);
  if (zip === 'too-large') throw new RunError((ui) => ui.formatTooLargeUnzipped(path, ui.formatName(from), `${LIMITS.unzipped / 1024 / 1024} MB`));
  if (zip === null) throw damaged(path, from);
  let total = 0;
  for (const e of zip.values()) total += e.size;
  if (total > LIMITS.unzipped) throw new RunError((ui) => ui.formatTooLargeUnzipped(path, ui.formatName(from), `${LIMITS.unzipped / 1024 / 1024} MB`));
  const parts = new Map<string, Buffer>();
  for (const e of zip.values()) {
    if (e.method === 0) parts.set(e.name, e.data);
    else if (e.method === 8) {
      try {
        parts.set(e.name, inflateRawSync(e.data, { maxOutputLength: Math.max(1, e.size) }));
      } catch {
        throw damaged(path, from);
      }
    } else throw damaged(path, from);
  }
  return parts;
}

function tooManyCells(path: string, from: SourceFormat): RunError {
  return new RunError((ui) => ui.formatTooManyCells(path, ui.formatName(from), LIMITS.cells.toLocaleString('en-US')));
}

// ---------------------------------------------------------------------------------------------
// SheetJS

/** SheetJS's number formats by id, as loaded: its own table, then the Chinese built-in ones of Excel zh-CN. */
const SHEETJS_TABLE: Record<number, string> = { ...(XLSX.SSF.get_table() as Record<number, string>) };
const ZH_BUILTINS = Object.fromEntries(Object.entries(BUILTIN_FORMATS).filter(([id]) => (+id >= 27 && +id <= 36) || (+id >= 50 && +id <= 58)));

/**
 * Sets SheetJS's table of number formats to its own plus the Chinese built-in ones. The table is
 * global and its .xls reader adds each file's formats to it without clearing it first: reset, no
 * file's formats leak into the next. An .xls from Excel or WPS in Chinese refers to the built-in
 * date formats (yyyy"年"m"月"d"日" is 31) by id alone; SheetJS would read them as General.
 */
function resetFormats(): void {
  const table = XLSX.SSF.get_table() as Record<number, string>;
  for (const key of Object.keys(table)) delete table[+key];
  XLSX.SSF.load_table({ ...SHEETJS_TABLE, ...ZH_BUILTINS });
}

let codepagesLoaded = false;

/** SheetJS's code-page tables (GBK, Big5 …): 470 KB that take 0.2–0.4 s to load, so only for a file that needs them. */
async function loadCodepages(): Promise<void> {
  if (codepagesLoaded) return;
  XLSX.set_cptable(await import('@e965/xlsx/dist/cpexcel.full.mjs'));
  codepagesLoaded = true;
}

/** Runs SheetJS with its console output (warnings about formats it approximates) silenced. */
function quietly<T>(fn: () => T): T {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const mute = () => {};
  Object.assign(console, { log: mute, info: mute, warn: mute, error: mute });
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
  }
}

/** Text of a web page or XML file, decoded by its byte-order mark or the charset it declares (GBK …); UTF-8 else. */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff || bytes[0] === 0xfe) return textOf(bytes);
  const head = bytes.toString('latin1', 0, 4096);
  const declared = /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /<meta\b[^>]*charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(declared.toLowerCase() === 'gb2312' ? 'gbk' : declared).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** What SheetJS is to read, in the form and with the options its format needs. */
async function sheetJsInput(path: string, bytes: Buffer, family: SourceFamily, from: SourceFormat): Promise<{ data: Buffer | string; options: XLSX.ParsingOptions }> {
  const base: XLSX.ParsingOptions = {
    cellNF: true,
    cellFormula: false,
    cellHTML: false,
    cellText: false,
    cellDates: false,
    bookVBA: false,
    bookDeps: false,
    bookFiles: false,
    sheetStubs: false,
    dense: false,
  };
  switch (family) {
    case 'biff': {
      let counted;
      try {
        counted = biffFacts(bytes);
      } catch {
        throw damaged(path, from);
      }
      if (counted.cells > LIMITS.cells) throw tooManyCells(path, from);
      if (counted.codepage) await loadCodepages();
      // Column widths come with cellStyles, which also makes an object of every formatted empty cell.
      const options: XLSX.ParsingOptions = { ...base, type: 'buffer', cellStyles: counted.blanks <= LIMITS.styledBlanks };
      if (counted.stream === null) return { data: bytes, options };
      // SheetJS gets the workbook stream alone, in a compound file of its own making: the other
      // streams (document properties, WPS's extras, embedded objects) hold nothing scoring needs, and
      // its reader of property sets loops as many times as a count in the file says (a damaged count:
      // billions of times). The theme records are made records it skips: with cellStyles it would
      // inflate the zip in them with its own inflater, which never ends on some damaged data.
      const stream = Buffer.from(counted.stream.data);
      for (const at of counted.themes) stream.writeUInt16LE(BIFF_SKIPPED, at);
      const cfb = XLSX.CFB.utils.cfb_new();
      XLSX.CFB.utils.cfb_add(cfb, `/${counted.stream.name}`, stream);
      return { data: Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer), options };
    }
    case 'ods': {
      const parts = inflatedParts(bytes, path, from);
      const content = [...parts].find(([name]) => name.toLowerCase() === 'content.xml')?.[1];
      if (content && odsCells(content.toString('utf8')) > LIMITS.cells) throw tooManyCells(path, from);
      return { data: bytes, options: { ...base, type: 'buffer' } };
    }
    case 'xlsb': {
      const parts = inflatedParts(bytes, path, from);
      const sheets = [...parts].filter(([name]) => /(^|[/\\])worksheets[/\\][^/\\]*\.bin$/i.test(name)).map(([, data]) => data);
      if (xlsbCells(sheets) > LIMITS.cells) throw tooManyCells(path, from);
      return { data: bytes, options: { ...base, type: 'buffer' } };
    }
    case 'fods':
    case 'xml2003': {
      const text = decodeText(bytes).replace(/^\uFEFF/, '').trimStart();
      const cells = family === 'fods' ? odsCells(text) : (text.match(/<(?:\w+:)?Cell[\s/>]/g) ?? []).length;
      if (cells > LIMITS.cells) throw tooManyCells(path, from);
      return { data: text, options: { ...base, type: 'string' } };
    }
    case 'html': {
      const text = decodeText(bytes);
      const { cells, spanWork } = htmlCells(text);
      if (cells > LIMITS.cells || spanWork > LIMITS.htmlSpanWork) throw tooManyCells(path, from);
      // From the first table on, under a minimal head, so that SheetJS takes it for a web page
      // whatever came before; `raw`: a page shows text, kept as written (72.41% stays 72.41%, and
      // 1-2 is not taken for a date).
      const start = text.search(/<table\b/i);
      return { data: `<html><body>${text.slice(Math.max(0, start))}`, options: { ...base, type: 'string', raw: true } };
    }
  }
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not quoted, not History; unique. */
function validSheetName(name: string, taken: Set<string>): string {
  let fixed = name.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Sheet';
  if (fixed.toLowerCase() === 'history') fixed = 'History_';
  for (let i = 2; taken.has(fixed.toLowerCase()); i++) fixed = `${fixed.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(fixed.toLowerCase());
  return fixed;
}

/** Excel's last row and column (0-based, as SheetJS counts). */
const LAST_ROW = 1_048_575;
const LAST_COL = 16_383;

/**
 * Makes a read workbook one SheetJS can write as xlsx and Excel opens without repairs. Returns the
 * first sheet whose cells span more than LIMITS.area positions, with that span, or whose merges take
 * more than LIMITS.mergedCells, with the merge; else null: SheetJS's writer visits every position of
 * a sheet's range, so one stray cell far away costs as much as a full sheet, and our reader maps every
 * merged cell. Throws when a cell or merge lies beyond Excel's last row or column (only a damaged
 * file has one).
 */
function prepareForXlsx(wb: XLSX.WorkBook): { sheet: string; range: string } | null {
  const taken = new Set<string>();
  const names = wb.SheetNames.map((name) => validSheetName(name, taken));
  const sheets: Record<string, XLSX.WorkSheet> = {};
  names.forEach((fixed, i) => {
    sheets[fixed] = wb.Sheets[wb.SheetNames[i]!] ?? {};
    const props = wb.Workbook?.Sheets?.[i];
    if (props) props.name = fixed;
  });
  wb.SheetNames = names;
  wb.Sheets = sheets;
  let area = 0;
  let merged = 0;
  for (const name of names) {
    const ws = sheets[name]!;
    const used = { s: { r: Infinity, c: Infinity }, e: { r: -1, c: -1 } };
    for (const m of ws['!merges'] ?? []) {
      if (!(m.s.r >= 0 && m.s.c >= 0 && m.e.r <= LAST_ROW && m.e.c <= LAST_COL && m.s.r <= m.e.r && m.s.c <= m.e.c)) throw new Error('merge beyond the last row or column');
      merged += (m.e.r - m.s.r + 1) * (m.e.c - m.s.c + 1);
      if (merged > LIMITS.mergedCells) return { sheet: name, range: XLSX.utils.encode_range(m) };
    }
    for (const key of Object.keys(ws)) {
      if (key[0] === '!') continue;
      const cell = ws[key] as XLSX.CellObject;
      delete cell.s;
      // Empty cells kept for their style (cellStyles), formulas without a result, numbers that are
      // not numbers: nothing to show.
      if (cell.t === 'z' || (cell.t !== 'e' && (cell.v === undefined || cell.v === null)) || (cell.t === 'n' && !Number.isFinite(cell.v))) {
        delete ws[key];
        continue;
      }
      // Excel holds at most 32,767 characters in a cell.
      if (cell.t === 's' && typeof cell.v === 'string' && cell.v.length > 32767) cell.v = cell.v.slice(0, 32767);
      // A date value (not expected with cellDates off) as the serial number Excel stores.
      else if (cell.t === 'd' && cell.v instanceof Date) Object.assign(cell, { t: 'n', v: cell.v.getTime() / 86_400_000 + 25569, z: cell.z ?? 'yyyy-mm-dd' });
      const { r, c } = XLSX.utils.decode_cell(key);
      if (!(r >= 0 && r <= LAST_ROW && c >= 0 && c <= LAST_COL)) throw new Error(`cell ${key} beyond the last row or column`);
      used.s.r = Math.min(used.s.r, r);
      used.s.c = Math.min(used.s.c, c);
      used.e.r = Math.max(used.e.r, r);
      used.e.c = Math.max(used.e.c, c);
    }
    // The range the writer visits: the cells', not the one the file declares (an .xls may declare A1:IV65536).
    if (used.e.r < 0) {
      delete ws['!ref'];
      continue;
    }
    ws['!ref'] = XLSX.utils.encode_range(used);
    area += (used.e.r - used.s.r + 1) * (used.e.c - used.s.c + 1);
    if (area > LIMITS.area) return { sheet: name, range: ws['!ref'] };
  }
  // Defined names are formulas: SheetJS's reading of an .xls's may not be Excel's.
  if (wb.Workbook) delete wb.Workbook.Names;
  return null;
}

/**
 * The xlsx package of a workbook in another format; a RunError saying why when it cannot be made
 * (damaged, encrypted, too large), naming the format.
 */
export async function convertToXlsx(path: string, bytes: Buffer, family: SourceFamily, from: SourceFormat): Promise<Buffer> {
  if (bytes.length > LIMITS.bytes) throw new RunError((ui) => ui.formatTooLarge(path, ui.formatName(from), `${LIMITS.bytes / 1024 / 1024} MB`));
  const { data, options } = await sheetJsInput(path, bytes, family, from);
  let outcome: Buffer | { sheet: string; range: string };
  try {
    outcome = quietly(() => {
      resetFormats();
      const wb = XLSX.read(data, options);
      if (wb.SheetNames.length === 0) throw new Error('no sheets');
      return prepareForXlsx(wb) ?? (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer);
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // SheetJS's words for a workbook with a password to open (not for a zip entry flagged encrypted: damaged).
    if (/password|Encryption scheme unsupported|ODS Encryption/i.test(message)) throw new RunError((ui) => ui.encrypted(path));
    throw damaged(path, from);
  }
  if (Buffer.isBuffer(outcome)) return outcome;
  const { sheet, range } = outcome;
  throw new RunError((ui) => ui.formatTooWide(path, ui.formatName(from), sheet, range));
}
