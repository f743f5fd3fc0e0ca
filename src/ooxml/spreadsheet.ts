// SpreadsheetML as a package holds it: where the workbook, its sheets, shared strings and styles are,
// and the cells of a worksheet read in one pass. Elements are matched by namespace and local name,
// whatever their prefix, in the transitional and the strict vocabulary; `mc:AlternateContent` is
// read as a consumer that knows no extension reads it. Everything here is the file format's; what a
// cell's value means to a reader of the table is the workbook layer's.
import { PackageError } from './errors.js';
import { isRelType, type Package, xmlDamage } from './package.js';
import { effectiveChildren, is, MC_NS } from './tree.js';
import { attrNs, attrOf, decodeText, lookupNs, rawAttr, scanXml, XmlError, type Tag, type XmlHandler } from './xml.js';

/** The main SpreadsheetML namespace: transitional, then strict (ISO/IEC 29500 strict). */
export const MAIN_NS = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];
/** The namespace of relationship ids (`r:id`): transitional, then strict. */
export const REL_NS = ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'];
/** Namespaces this reader understands, for choosing among `mc:AlternateContent` branches. */
const UNDERSTOOD = [...MAIN_NS, ...REL_NS, MC_NS];

/** The vocabulary of a package: transitional, or strict (ISO/IEC 29500 strict). */
export interface Flavor {
  /** The SpreadsheetML namespace. */
  main: string;
  /** The namespace of relationship ids, which is also the stem of the relationship types (`…/worksheet`). */
  rel: string;
}

export function flavorOf(strict: boolean): Flavor {
  return strict ? { main: MAIN_NS[1]!, rel: REL_NS[1]! } : { main: MAIN_NS[0]!, rel: REL_NS[0]! };
}

/** Content types of the parts a reader of cells or a writer of a copy reads: these must be well-formed. */
export const CELL_PART_TYPES = ['worksheet', 'styles', 'sharedStrings', 'comments', 'table'].map((t) => `application/vnd.openxmlformats-officedocument.spreadsheetml.${t}+xml`);

/** Excel's limits: rows and columns a sheet can have. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** Column letters → number (A → 1, AB → 28); 0 for anything else. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    const u = c >= 97 ? c - 32 : c;
    if (u < 65 || u > 90) return 0;
    n = n * 26 + (u - 64);
  }
  return n;
}

/** Column number → letters (1 → A, 28 → AB). */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A cell reference (`B7`, `$B$7`), or null when it is not one. */
export function parseRef(ref: string): { row: number; col: number } | null {
  // By character codes: a sheet has a reference in every cell.
  let i = 0;
  let n = ref.length;
  while (i < n && ref.charCodeAt(i) <= 32) i++;
  while (n > i && ref.charCodeAt(n - 1) <= 32) n--;
  if (ref.charCodeAt(i) === 36) i++;
  let col = 0;
  const letters = i;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === letters || i - letters > 3) return null;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digits = i;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  if (i === digits || i - digits > 7) return null;
  return { row, col };
}

/** A range (`A1:C3`, or one cell), corners ordered; null when it is not one. */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b] = ref.trim().split(':');
  const p = parseRef(a ?? '');
  const q = b === undefined ? p : parseRef(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

export interface SheetEntry {
  /** The name on its tab. */
  name: string;
  /** Its part, as stored. */
  part: string;
  /** `worksheet`, or another kind of sheet (chartsheet, dialogsheet, macrosheet) that holds no cells we read. */
  kind: string;
  hidden: boolean;
}

/** Where a workbook's parts are, and what its workbook part says of them. */
export interface WorkbookInfo {
  /** The workbook part (`xl/workbook.xml`). */
  main: string;
  /** Whether the workbook is written in strict SpreadsheetML. */
  strict: boolean;
  /** The styles part, or null when the workbook has none. */
  styles: string | null;
  sharedStrings: string | null;
  /** Every sheet, in tab order. */
  sheets: SheetEntry[];
  date1904: boolean;
}

/**
 * The package is not a spreadsheet (a document, a presentation, any other zip); or its workbook part
 * is, in a vocabulary no Excel reads (`uri`: Office 2007's beta wrote `…/office/excel/2006/2`).
 */
export class NotSpreadsheet extends Error {
  constructor(
    message: string,
    readonly part: string | null = null,
    readonly uri: string | null = null,
  ) {
    super(message);
  }
}

function missing(part: string, from: string): PackageError {
  return new PackageError('missing', part, `referenced by ${from}`, { from });
}

/** Finds the workbook of a package and its sheets; throws PackageError for damage, NotSpreadsheet for another kind of package. */
export function readWorkbookInfo(pkg: Package): WorkbookInfo {
  const officeDocument = pkg.relationships('').find((r) => isRelType(r.type, 'officeDocument') && !r.external);
  let main: string;
  if (officeDocument) {
    if (!officeDocument.exists) throw missing(officeDocument.target, '_rels/.rels');
    main = officeDocument.target;
  } else {
    const guess = pkg.find('xl/workbook.xml');
    if (guess === undefined) throw new NotSpreadsheet('no workbook part');
    main = guess;
  }
  const book = pkg.tree(main)!;
  if (!is(book.root, MAIN_NS, 'workbook')) {
    throw book.root.tag.local === 'workbook' ? new NotSpreadsheet(`${main} is in another vocabulary`, main, book.root.tag.uri) : new NotSpreadsheet(`${main} is not a workbook`);
  }
  const strict = book.root.tag.uri === MAIN_NS[1];
  const rels = pkg.relationships(main);
  const relOf = (type: string) => rels.find((r) => isRelType(r.type, type) && !r.external);
  const partOf = (type: string) => {
    const rel = relOf(type);
    if (!rel) return null;
    if (!rel.exists) throw missing(rel.target, main);
    return rel.target;
  };
  const sheets: SheetEntry[] = [];
  const top = effectiveChildren(book.root, UNDERSTOOD);
  const sheetsEl = top.find((el) => is(el, MAIN_NS, 'sheets'));
  for (const el of sheetsEl ? effectiveChildren(sheetsEl, UNDERSTOOD) : []) {
    if (!is(el, MAIN_NS, 'sheet')) continue;
    const name = attrOf(el.tag, 'name');
    const id = attrNs(el.tag, REL_NS, 'id');
    if (name === undefined || id === undefined) throw new PackageError('content', main, 'a sheet without a name or relationship');
    // A sheet with an empty relationship id has no part (Excel 4 macro sheets saved by some programs): it holds nothing to read.
    if (id === '') {
      sheets.push({ name, part: '', kind: 'none', hidden: true });
      continue;
    }
    const rel = rels.find((r) => r.id === id);
    if (!rel) throw new PackageError('content', main, `sheet "${name}" refers to relationship ${id}, which ${main} does not have`);
    if (!rel.exists) throw missing(rel.target, main);
    const kind = rel.type.slice(rel.type.lastIndexOf('/') + 1);
    sheets.push({ name, part: rel.target, kind, hidden: /hidden/i.test(attrOf(el.tag, 'state') ?? '') });
  }
  const seen = new Set<string>();
  for (const s of sheets) {
    if (s.part === '') continue;
    if (seen.has(s.part.toLowerCase())) throw new PackageError('content', main, `two sheets share the part ${s.part}`);
    seen.add(s.part.toLowerCase());
  }
  const pr = top.find((el) => is(el, MAIN_NS, 'workbookPr'));
  const date1904 = /^(1|true)$/.test(pr ? (attrOf(pr.tag, 'date1904') ?? '') : '');
  return { main, strict, styles: partOf('styles'), sharedStrings: partOf('sharedStrings'), sheets, date1904 };
}

/**
 * Wraps a handler so that it sees a document as a consumer understanding UNDERSTOOD sees it:
 * `mc:AlternateContent` replaced by the content of the branch chosen (the first `mc:Choice` whose
 * namespaces are understood, else `mc:Fallback`), the other branches unseen.
 */
function alternateContent(h: XmlHandler): XmlHandler {
  // For each open mc:AlternateContent: whether a branch was taken. skip > 0 inside a branch not taken.
  const taken: boolean[] = [];
  let skip = 0;
  return {
    open(tag) {
      if (skip > 0) {
        if (!tag.empty) skip++;
        return;
      }
      if (tag.uri === MC_NS) {
        if (tag.local === 'AlternateContent') {
          if (!tag.empty) taken.push(false);
          return;
        }
        if ((tag.local === 'Choice' || tag.local === 'Fallback') && taken.length > 0) {
          const requires = (rawAttr(tag, 'Requires') ?? '').split(/\s+/).filter(Boolean);
          const ok = !taken[taken.length - 1] && (tag.local === 'Fallback' || requires.every((p) => UNDERSTOOD.includes(lookupNs(tag.scope, p) ?? '\0')));
          if (tag.empty) return;
          if (ok) taken[taken.length - 1] = true;
          else skip = 1;
          return;
        }
      }
      h.open?.(tag);
    },
    close(tag, start, end) {
      if (skip > 0) {
        if (!tag.empty) skip--;
        return;
      }
      if (tag.uri === MC_NS && (tag.local === 'AlternateContent' || tag.local === 'Choice' || tag.local === 'Fallback')) {
        if (tag.local === 'AlternateContent' && !tag.empty) taken.pop();
        return;
      }
      h.close?.(tag, start, end);
    },
    text(start, end) {
      if (skip === 0) h.text?.(start, end);
    },
    cdata(start, end) {
      if (skip === 0) h.cdata?.(start, end);
    },
  };
}

/** Scans a part as its consumer sees it (alternate content chosen), an XML error becoming the part's damage. */
export function scanPart(part: string, xml: string, h: XmlHandler): void {
  try {
    scanXml(xml, xml.includes('AlternateContent') ? alternateContent(h) : h);
  } catch (err) {
    if (err instanceof XmlError) throw xmlDamage(part, xml, err);
    throw err;
  }
}

/** Collects the text of the `<t>` elements of a string item (`<si>`, `<is>`), phonetic runs (`<rPh>`) left out. */
class StringItem {
  text = '';
  private depth = 0;
  private inT = 0;
  private inPhonetic = 0;

  constructor(private readonly xml: string) {}

  open(tag: Tag): void {
    this.depth++;
    if (tag.empty) {
      this.depth--;
      return;
    }
    if (tag.local === 'rPh' && MAIN_NS.includes(tag.uri)) this.inPhonetic++;
    else if (tag.local === 't' && MAIN_NS.includes(tag.uri) && this.inPhonetic === 0) this.inT = this.depth;
  }

  close(tag: Tag): void {
    if (tag.empty) return;
    if (this.inT === this.depth) this.inT = 0;
    if (tag.local === 'rPh' && MAIN_NS.includes(tag.uri)) this.inPhonetic--;
    this.depth--;
  }

  chars(start: number, end: number, cdata: boolean): void {
    if (this.inT === 0) return;
    const raw = this.xml.slice(start, end);
    this.text += cdata ? raw.replace(/\r\n?/g, '\n') : decodeText(raw);
  }
}

/** `_x000D_`: how Excel writes a character XML cannot hold, in strings. */
export function unescapeExcel(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The shared strings of a workbook, in order. */
export function readSharedStrings(part: string, xml: string): string[] {
  const out: string[] = [];
  let item: StringItem | null = null;
  let depth = 0;
  scanPart(part, xml, {
    open(tag) {
      depth++;
      if (depth === 1 && !(tag.local === 'sst' && MAIN_NS.includes(tag.uri))) throw new PackageError('content', part, 'not a shared strings part');
      if (depth === 2 && tag.local === 'si' && MAIN_NS.includes(tag.uri)) {
        if (tag.empty) out.push('');
        else item = new StringItem(xml);
      } else item?.open(tag);
      if (tag.empty) depth--;
    },
    close(tag) {
      if (tag.empty) return;
      if (depth === 2 && item && tag.local === 'si') {
        out.push(unescapeExcel(item.text));
        item = null;
      } else item?.close(tag);
      depth--;
    },
    text(start, end) {
      item?.chars(start, end, false);
    },
    cdata(start, end) {
      item?.chars(start, end, true);
    },
  });
  return out;
}

/** The number format code of every cell format (`s` of a cell), by index; undefined for General. */
export function readCellFormats(part: string, pkg: Package, builtin: Record<number, string>): (string | undefined)[] {
  const tree = pkg.tree(part)!;
  if (!is(tree.root, MAIN_NS, 'styleSheet')) throw new PackageError('content', part, 'not a styles part');
  const top = effectiveChildren(tree.root, UNDERSTOOD);
  const custom = new Map<number, string>();
  const numFmts = top.find((el) => is(el, MAIN_NS, 'numFmts'));
  for (const el of numFmts ? effectiveChildren(numFmts, UNDERSTOOD) : []) {
    const id = attrOf(el.tag, 'numFmtId');
    const code = attrOf(el.tag, 'formatCode');
    if (is(el, MAIN_NS, 'numFmt') && id !== undefined && code !== undefined) custom.set(Number(id), code);
  }
  const xfs = top.find((el) => is(el, MAIN_NS, 'cellXfs'));
  return (xfs ? effectiveChildren(xfs, UNDERSTOOD) : [])
    .filter((el) => is(el, MAIN_NS, 'xf'))
    .map((el) => {
      const id = Number(attrOf(el.tag, 'numFmtId') ?? 0);
      return id ? (custom.get(id) ?? builtin[id]) : undefined;
    });
}

/** A cell as the sheet stores it: its place, type, style, its value as written, and whether a formula computes it. */
export interface StoredCell {
  row: number;
  col: number;
  /** The `t` attribute: `s`, `str`, `inlineStr`, `b`, `e`, `d`, `n` (or undefined, a number). */
  type: string | undefined;
  style: number;
  /** The text of `<v>` (references resolved), or of `<is>` for an inline string; null when there is none. */
  value: string | null;
  formula: boolean;
}

/** What a worksheet holds besides its cells: its merged ranges, and the highest row any row element names. */
export interface SheetExtras {
  merges: { top: number; left: number; bottom: number; right: number }[];
  lastRow: number;
}

/**
 * Reads a worksheet's cells in one pass, calling `onCell` for every cell element in document order.
 * Rows and cells without `r` follow the one before. Throws PackageError for a part that is not
 * well-formed, a row or column past Excel's limits, or a reference that is not one.
 */
export function readWorksheet(part: string, xml: string, onCell: (cell: StoredCell) => void): SheetExtras {
  const merges: SheetExtras['merges'] = [];
  let lastRow = 0;
  // Where we are: the path of main-namespace elements from the root (worksheet, sheetData, row, c, v/f/is).
  let depth = 0;
  let inSheetData = false;
  let inMerges = false;
  let row = 0;
  let col = 0;
  let cell: StoredCell | null = null;
  let valueText: string | null = null;
  let collecting = false;
  let inline: StringItem | null = null;
  let inlineDepth = 0;
  const limits = (r: number, c: number, at: string) => {
    if (r < 1 || r > MAX_ROWS || c < 1 || c > MAX_COLS) throw new PackageError('limits', part, `cell ${at} is outside the sheet`, { cell: at });
  };
  // Whether a namespace is SpreadsheetML's, asked once per namespace string (every tag asks).
  let lastUri = '';
  let lastMain = false;
  scanPart(part, xml, {
    open(tag) {
      depth++;
      if (tag.uri !== lastUri) {
        lastUri = tag.uri;
        lastMain = MAIN_NS.includes(tag.uri);
      }
      const main = lastMain;
      if (inline) {
        inline.open(tag);
      } else if (depth === 1) {
        if (!main || tag.local !== 'worksheet') throw new PackageError('content', part, `<${tag.name}> where a worksheet was expected`);
      } else if (depth === 2 && main) {
        inSheetData = tag.local === 'sheetData';
        inMerges = tag.local === 'mergeCells';
      } else if (depth === 3 && inSheetData && main && tag.local === 'row') {
        const r = rawAttr(tag, 'r');
        if (r === undefined) row += 1;
        else {
          if (!/^\s*\d{1,8}\s*$/.test(r)) throw new PackageError('content', part, `a row numbered "${r}"`);
          row = Number(r);
        }
        limits(row, 1, `row ${row}`);
        lastRow = Math.max(lastRow, row);
        col = 0;
      } else if (depth === 4 && inSheetData && main && tag.local === 'c') {
        const ref = rawAttr(tag, 'r');
        let r = row;
        if (ref === undefined) col += 1;
        else {
          const at = parseRef(ref);
          if (!at || at.col === 0) throw new PackageError('content', part, `a cell at "${ref}"`);
          limits(at.row, at.col, ref);
          r = at.row;
          col = at.col;
        }
        limits(r, col, `${columnLetters(col)}${r}`);
        const s = rawAttr(tag, 's');
        cell = { row: r, col, type: rawAttr(tag, 't'), style: s === undefined ? 0 : Number(s) || 0, value: null, formula: false };
        if (tag.empty) {
          onCell(cell);
          cell = null;
        }
      } else if (depth === 5 && cell && main) {
        if (tag.local === 'v') {
          collecting = !tag.empty;
          valueText = '';
        } else if (tag.local === 'f') {
          // A formula computes the cell (its text, or a shared or array formula's place in its range).
          cell.formula = true;
        } else if (tag.local === 'is') {
          cell.value = '';
          if (!tag.empty) {
            inline = new StringItem(xml);
            inlineDepth = depth;
          }
        }
      } else if (depth === 3 && inMerges && main && tag.local === 'mergeCell') {
        const ref = attrOf(tag, 'ref');
        const range = ref === undefined ? null : parseRange(ref);
        if (!range || range.left === 0 || range.right === 0) throw new PackageError('content', part, `a merged range "${ref ?? ''}"`);
        limits(range.bottom, range.right, ref!);
        limits(range.top, range.left, ref!);
        if (range.top !== range.bottom || range.left !== range.right) merges.push(range);
      }
      if (tag.empty) depth--;
    },
    close(tag) {
      if (tag.empty) return;
      if (inline) {
        if (depth === inlineDepth) {
          cell!.value = unescapeExcel(inline.text);
          inline = null;
        } else inline.close(tag);
      } else if (depth === 5 && collecting) {
        collecting = false;
        if (cell) cell.value = valueText;
      } else if (depth === 4 && cell) {
        onCell(cell);
        cell = null;
      } else if (depth === 2) {
        inSheetData = false;
        inMerges = false;
      }
      depth--;
    },
    text(start, end) {
      if (inline) inline.chars(start, end, false);
      else if (collecting) valueText += decodeText(xml.slice(start, end));
    },
    cdata(start, end) {
      if (inline) inline.chars(start, end, true);
      else if (collecting) valueText += xml.slice(start, end);
    },
  });
  return { merges, lastRow };
}
