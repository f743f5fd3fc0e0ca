// What a file is, from its bytes: an xlsx package, a workbook in another format we convert, an
// encrypted workbook, or something else (a PDF, a Word document, an archive, a lock file …), so that
// the user is told precisely why a file cannot be scored. The extension is only a hint: it names the
// format in messages (.et rather than .xls) and tells a .csv from other text.
//
// The only use of the zip reader outside the package code is here (readZip and friends, one import):
// a zip's entry names tell an xlsx from an .ods, a .docx or a plain archive.
import { basename, extname } from 'node:path';
import { RunError } from '../errors.js';
import type { OtherKind, SourceFormat } from '../model.js';
import { Cfb, CFB_SIGNATURE } from './cfb.js';
import { PackageError } from '../ooxml/errors.js';
import { entryBytes, readZip, type ZipEntry } from '../ooxml/zip.js';

export type { OtherKind, SourceFormat };

/** How a convertible file is read: the family of its format. */
export type SourceFamily = 'biff' | 'ods' | 'fods' | 'xlsb' | 'html' | 'xml2003';


export type Sniffed =
  /** An Office Open XML spreadsheet package (.xlsx, .xlsm, .xltx, .xltm): read as it is. */
  | { kind: 'xlsx' }
  /** A workbook in another format, converted to xlsx in memory before it is read. */
  | { kind: 'convert'; family: SourceFamily; from: SourceFormat }
  /** A workbook that needs a password to be opened. */
  | { kind: 'encrypted' }
  /** A container (zip, compound file) that cannot be read; `format` when the extension names one. */
  | { kind: 'damaged'; format: SourceFormat | null }
  /** Not a workbook; `detail` names the image type (PNG …). */
  | { kind: 'other'; what: OtherKind; detail?: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** A zip with no entries: its end record alone. */
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

const MAGIC: { bytes: number[]; at?: number; what: OtherKind; detail?: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'image', detail: 'PNG' },
  { bytes: [0xff, 0xd8, 0xff], what: 'image', detail: 'JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'image', detail: 'GIF' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'image', detail: 'TIFF' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'image', detail: 'TIFF' },
  { bytes: [0x57, 0x45, 0x42, 0x50], at: 8, what: 'image', detail: 'WebP' },
  { bytes: [0x42, 0x4d], what: 'image', detail: 'BMP' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'rar' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '7z' },
  { bytes: [0x1f, 0x8b], what: 'gzip' },
];

function startsWith(bytes: Buffer, magic: number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
}

const BIFF_EXTS = new Set(['.xls', '.xlt', '.et', '.ett']);
const ODS_EXTS = new Set(['.ods', '.ots']);
const WORKBOOK_EXTS = new Set([...BIFF_EXTS, ...ODS_EXTS, '.xlsx', '.xlsm', '.xltx', '.xltm', '.xlsb', '.fods']);

/** What the file named `name` (its path or base name) holding `bytes` is. */
export function sniff(bytes: Buffer, name: string): Sniffed {
  const ext = extname(name).toLowerCase();
  if (isLockFile(bytes, basename(name))) return { kind: 'other', what: 'lock' };
  if (bytes.length === 0) return { kind: 'other', what: 'empty' };
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return sniffZip(bytes, ext);
  if (bytes.subarray(0, 8).equals(CFB_SIGNATURE)) return sniffCompound(bytes, ext);
  // An Excel 2.x–4.x worksheet: a bare BIFF stream, starting with its BOF record.
  if (bytes.length >= 8 && bytes[0] === 0x09 && [0x00, 0x02, 0x04].includes(bytes[1]!) && bytes[3] === 0x00) {
    return { kind: 'convert', family: 'biff', from: BIFF_EXTS.has(ext) ? (ext as SourceFormat) : '.xls' };
  }
  // A PDF may have a few bytes before its header.
  if (bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1')) return { kind: 'other', what: 'pdf' };
  for (const m of MAGIC) {
    // 'BM' is also how a text may begin: a bitmap only when the rest is binary.
    if (startsWith(bytes, m.bytes, m.at) && (m.detail !== 'BMP' || !isText(bytes))) return { kind: 'other', what: m.what, ...(m.detail ? { detail: m.detail } : {}) };
  }
  return sniffText(bytes, ext);
}

/**
 * An Excel or WPS lock file (`~$name.xlsx`, 165 bytes: who has the workbook open) or LibreOffice's
 * (`.~lock.name.xlsx#`): small, named so, and not a workbook itself.
 */
function isLockFile(bytes: Buffer, base: string): boolean {
  if (!base.startsWith('~$') && !/^\.~lock\..*#$/.test(base)) return false;
  return bytes.length <= 4096 && !startsWith(bytes, ZIP) && !bytes.subarray(0, 8).equals(CFB_SIGNATURE);
}

// ---------------------------------------------------------------------------------------------
// Zip containers

/** A zip's entries by name as the OPC compares them: case-insensitive, `\` read as `/`. */
function byLooseName(zip: Map<string, ZipEntry>): Map<string, ZipEntry> {
  const loose = new Map<string, ZipEntry>();
  for (const [name, entry] of zip) loose.set(looseName(name), entry);
  return loose;
}

function looseName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
}

/** The start of an entry's text, at most `max` bytes of it inflated; null when it cannot be read. */
function entryHead(entry: ZipEntry | undefined, max: number): string | null {
  if (!entry || entry.size > max) return null;
  try {
    return entryBytes(entry).toString('utf8');
  } catch {
    return null;
  }
}

/** The entries of a zip by name; null when it cannot be read, `too-large` when it declares more than a package may hold. */
export function zipEntries(bytes: Buffer): Map<string, ZipEntry> | null | 'too-large' {
  try {
    return new Map(readZip(bytes).map((e) => [e.name, e]));
  } catch (err) {
    if (err instanceof PackageError) return err.kind === 'too-large' ? 'too-large' : null;
    throw err;
  }
}

function sniffZip(bytes: Buffer, ext: string): Sniffed {
  const zip = zipEntries(bytes);
  // A zip that cannot be read, or declares too much to be, is refused by the reader of the format its
  // extension names, which says precisely why (the package reader names the zip's damage or limit).
  if (zip === null || zip === 'too-large') {
    if (ext === '.ods' || ext === '.ots') return zip === null ? { kind: 'damaged', format: ext } : { kind: 'convert', family: 'ods', from: ext };
    if (ext === '.xlsb') return zip === null ? { kind: 'damaged', format: '.xlsb' } : { kind: 'convert', family: 'xlsb', from: '.xlsb' };
    return WORKBOOK_EXTS.has(ext) || ext === '' ? { kind: 'xlsx' } : { kind: 'other', what: 'zip' };
  }
  const entries = byLooseName(zip);
  const has = (name: string) => entries.has(name);
  const hasUnder = (folder: string) => [...entries.keys()].some((n) => n.startsWith(folder));

  if (has('[content_types].xml')) {
    // The content types of the parts themselves (Override): a Default names an extension that may have no part.
    const types = Array.from((entryHead(entries.get('[content_types].xml'), 1 << 20) ?? '').matchAll(/<Override\b[^>]*>/g), (m) => m[0]).join('');
    if (types.includes('sheet.binary.macroEnabled.main') || has('xl/workbook.bin')) return { kind: 'convert', family: 'xlsb', from: '.xlsb' };
    if (/spreadsheetml\.(sheet|template)\.main|ms-excel\.(sheet|template|addin)\.macroEnabled\.main/.test(types) || has('xl/workbook.xml')) return { kind: 'xlsx' };
    if (types.includes('wordprocessingml') || hasUnder('word/')) return { kind: 'other', what: 'word' };
    if (types.includes('presentationml') || hasUnder('ppt/')) return { kind: 'other', what: 'powerpoint' };
    return { kind: 'other', what: 'office' };
  }
  const mimetype = (entryHead(entries.get('mimetype'), 256) ?? '').trim();
  const manifest = entryHead(entries.get('meta-inf/manifest.xml'), 4 << 20) ?? '';
  const odf = mimetype || /manifest:full-path="\/"[^>]*manifest:media-type="([^"]*)"|manifest:media-type="([^"]*)"[^>]*manifest:full-path="\/"/.exec(manifest)?.slice(1).find(Boolean) || '';
  if (odf.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
    // A password-protected .ods keeps its parts encrypted; the manifest says how.
    if (manifest.includes('<manifest:encryption-data')) return { kind: 'encrypted' };
    return { kind: 'convert', family: 'ods', from: ext === '.ots' ? '.ots' : '.ods' };
  }
  if (odf.startsWith('application/vnd.oasis.opendocument.text')) return { kind: 'other', what: 'odf-text' };
  if (odf.startsWith('application/vnd.oasis.opendocument.presentation')) return { kind: 'other', what: 'odf-presentation' };
  if (odf.startsWith('application/vnd.oasis.opendocument')) return { kind: 'other', what: 'office' };
  if (has('ofd.xml')) return { kind: 'other', what: 'ofd' };
  return { kind: 'other', what: 'zip' };
}


// ---------------------------------------------------------------------------------------------
// Compound files

function sniffCompound(bytes: Buffer, ext: string): Sniffed {
  let cfb: Cfb;
  try {
    cfb = new Cfb(bytes);
  } catch {
    // A CfbError, or an offset a damaged header points past the file with.
    return { kind: 'damaged', format: formatOfExt(ext) ?? '.xls' };
  }
  // An encrypted xlsx (or .docx …) is a compound file holding the encrypted package.
  if (cfb.find('EncryptedPackage') || cfb.find('EncryptionInfo')) return { kind: 'encrypted' };
  if (cfb.find('Workbook') || cfb.find('Book')) return { kind: 'convert', family: 'biff', from: BIFF_EXTS.has(ext) ? (ext as SourceFormat) : '.xls' };
  if (cfb.find('WordDocument')) return { kind: 'other', what: 'word' };
  if (cfb.find('PowerPoint Document')) return { kind: 'other', what: 'powerpoint' };
  return { kind: 'other', what: 'ole' };
}

function formatOfExt(ext: string): SourceFormat | null {
  if (BIFF_EXTS.has(ext) || ODS_EXTS.has(ext) || ext === '.fods' || ext === '.xlsb') return ext as SourceFormat;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Text: web pages and XML that spreadsheet programs open, CSV, anything else

/** Whether the start of the file reads as text: a byte-order mark, or no NUL and few control bytes. */
function isText(bytes: Buffer): boolean {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]) || startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control * 100 <= head.length;
}

/** The text of a file, decoded by its byte-order mark; without one, as Latin-1 (enough to find tags). */
export function textOf(bytes: Buffer): string {
  if (startsWith(bytes, [0xff, 0xfe])) return bytes.toString('utf16le', 2);
  if (startsWith(bytes, [0xfe, 0xff])) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  return bytes.toString('latin1', startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0);
}

function sniffText(bytes: Buffer, ext: string): Sniffed {
  if (!isText(bytes)) return { kind: 'other', what: 'unknown' };
  const head = textOf(bytes.subarray(0, 65536)).trimStart();
  if (/^MIME-Version:/i.test(head) || /^From:[^\n]*\r?\n(?:[^\n]*\r?\n)*?MIME-Version:/i.test(head.slice(0, 2048))) return { kind: 'other', what: 'mht' };
  if (head.startsWith('<')) {
    if (/<\?mso-application\s+progid="Excel\.Sheet"|urn:schemas-microsoft-com:office:spreadsheet/i.test(head) && /<(?:\w+:)?Workbook\b/.test(head)) return { kind: 'convert', family: 'xml2003', from: 'xml2003' };
    if (/office:mimetype="application\/vnd\.oasis\.opendocument\.spreadsheet/.test(head)) return { kind: 'convert', family: 'fods', from: '.fods' };
    if (/<html\b|<!doctype\s+html|<table\b|<body\b/i.test(head)) {
      return /<table\b/i.test(textOf(bytes)) ? { kind: 'convert', family: 'html', from: 'html' } : { kind: 'other', what: 'html' };
    }
    return { kind: 'other', what: 'xml' };
  }
  return { kind: 'other', what: ext === '.csv' || ext === '.tsv' ? 'csv' : 'text' };
}

/** Why a file that is neither an xlsx nor a format we convert cannot be scored, in the user's words. */
export function refusal(path: string, sniffed: Exclude<Sniffed, { kind: 'xlsx' } | { kind: 'convert' }>): RunError {
  switch (sniffed.kind) {
    case 'encrypted':
      return new RunError((ui) => ui.encrypted(path));
    case 'damaged': {
      const { format } = sniffed;
      return new RunError((ui) => (format === null ? ui.damaged(path) : ui.formatDamaged(path, ui.formatName(format))));
    }
    case 'other': {
      const { what, detail } = sniffed;
      // A CSV (or tab-separated) table: refused as before, with how to convert it (see README, What it reads).
      if (what === 'csv') return new RunError((ui) => ui.oldFormat(path, extname(path).toLowerCase() || '.csv'));
      return new RunError((ui) => ui.notWorkbook(path, what, detail));
    }
  }
}
