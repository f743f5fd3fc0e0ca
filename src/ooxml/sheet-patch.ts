// Changes to one worksheet part: cells given a value or a style, columns widened, elements added
// where the schema's sequence puts them (CT_Worksheet). The part is read once into an index of its
// structure (its top-level elements, rows and, for the rows to change, cells, with their offsets),
// then patched by splicing text at those offsets: rows and cells not changed come back byte for byte,
// and everything else the sheet holds stays as it was. New elements use the prefix the sheet binds to
// the SpreadsheetML namespace where they land.
import { PackageError } from './errors.js';
import { xmlDamage } from './package.js';
import { MAIN_NS, columnLetters, parseRange, parseRef, MAX_COLS, MAX_ROWS } from './spreadsheet.js';
import type { StylePatch, Styles } from './styles.js';
import { applyEdits, elementName, type Edit } from './tree.js';
import { attrOf, escapeText, lookupNs, rawAttr, scanXml, XmlError, type Scope, type Tag } from './xml.js';

/** The children of `<worksheet>` in the order CT_Worksheet requires (ECMA-376 Part 1, 18.3.1.99). */
export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection',
  'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup',
  'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing',
  'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
];

const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A cell of a row being changed, as the sheet holds it. */
interface CellAt {
  col: number;
  tag: Tag;
  /** Just past the element. */
  end: number;
  /** Whether it says where it is (`r`); one that does not follows the cell before it. */
  explicit: boolean;
  /** Whether it holds a value, a formula or an inline string. */
  content: boolean;
}

interface RowAt {
  row: number;
  tag: Tag;
  end: number;
  /** Offset of its end tag (its tag's end when it is empty). */
  innerEnd: number;
  explicit: boolean;
  cells: CellAt[] | null;
}

interface ColAt {
  min: number;
  max: number;
  tag: Tag;
  end: number;
}

/** A top-level element of the worksheet, by the name its place in the sequence is decided by. */
interface ChildAt {
  local: string;
  start: number;
  end: number;
  tag: Tag;
}

/** What a worksheet part holds, where: read once, then used to place and to make changes. */
export interface SheetIndex {
  part: string;
  xml: string;
  root: Tag;
  children: ChildAt[];
  /** `<sheetData>`'s start tag and where its content ends (its end tag, or its tag's end when empty). */
  sheetData: { tag: Tag; innerEnd: number; end: number };
  rows: RowAt[];
  cols: ColAt[];
  /** The last column holding a value or formula, a merge, a data validation, a hyperlink or a table. */
  usedRight: number;
  /** Columns that do not show (hidden, or of width 0). */
  hiddenCols: { min: number; max: number }[];
  /** Ranges of conditional formats (their sqref), for finding cells a format may paint over. */
  conditional: { top: number; left: number; bottom: number; right: number }[];
  /** The relationship id of the sheet's legacy drawing (its notes' boxes), or undefined. */
  legacyDrawing: string | undefined;
  /** Relationship ids of the sheet's table parts. */
  tableParts: string[];
  /** The children of `<sheetPr>` (`tabColor`, `outlinePr`, `pageSetUpPr`), for setting how the sheet prints. */
  sheetPr: ChildAt[];
  /** The height of a row that does not say its own (`sheetFormatPr`'s `defaultRowHeight`), in points. */
  defaultRowHeight: number;
  /** The width of a column that does not say its own, in characters (`defaultColWidth`, else `baseColWidth` + padding; 8.43). */
  defaultColWidth: number;
}

/** The local name of a SpreadsheetML element, or null for another namespace's (asked once per namespace string). */
let lastUri = '';
let lastMain = false;
function local(tag: Tag): string | null {
  if (tag.uri !== lastUri) {
    lastUri = tag.uri;
    lastMain = MAIN_NS.includes(tag.uri);
  }
  return lastMain ? tag.local : null;
}

function ranges(sqref: string): { top: number; left: number; bottom: number; right: number }[] {
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((ref) => {
      // Whole columns (`H:H`) and whole rows (`3:5`) as ranges of cells.
      const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(ref);
      if (cols) return [parseRange(`${cols[1]}1:${cols[2]}${MAX_ROWS}`)!];
      const rows = /^\$?(\d+):\$?(\d+)$/.exec(ref);
      if (rows) return [parseRange(`A${rows[1]}:XFD${rows[2]}`)!];
      const r = parseRange(ref);
      return r ? [r] : [];
    });
}

/**
 * Reads a worksheet part into an index, with the cells of the rows asked for. Throws PackageError
 * when the part is not well-formed or has no `<sheetData>`.
 */
export function indexSheet(part: string, xml: string, rowsOfInterest: ReadonlySet<number>): SheetIndex {
  const children: ChildAt[] = [];
  const rows: RowAt[] = [];
  const cols: ColAt[] = [];
  const hiddenCols: SheetIndex['hiddenCols'] = [];
  const conditional: SheetIndex['conditional'] = [];
  const tableParts: string[] = [];
  const sheetPr: ChildAt[] = [];
  let defaultRowHeight = 15;
  let defaultColWidth = 8.43;
  let root: Tag | null = null;
  let sheetData: SheetIndex['sheetData'] | null = null;
  let legacyDrawing: string | undefined;
  let usedRight = 0;
  const use = (right: number) => {
    usedRight = Math.max(usedRight, Math.min(right, MAX_COLS));
  };
  // The path of open elements, and where in it the current row and cell are.
  const path: Tag[] = [];
  let row: RowAt | null = null;
  let cell: CellAt | null = null;
  let lastRow = 0;
  let lastCol = 0;
  let firstOfAlternate: string | null = null;
  let sqrefText: string | null = null;

  try {
    scanXml(xml, {
      open(tag) {
        const depth = path.length;
        const name = local(tag);
        if (depth === 0) root = tag;
        else if (depth === 1) {
          if (tag.uri === MC_NS && tag.local === 'AlternateContent') firstOfAlternate = '';
          children.push({ local: name ?? `{${tag.uri}}${tag.local}`, start: tag.start, end: tag.end, tag });
          if (name === 'sheetData') sheetData = { tag, innerEnd: tag.end, end: tag.end };
          if (name === 'legacyDrawing') legacyDrawing = attrOf(tag, 'r:id') ?? relId(tag);
          if (name === 'sheetFormatPr') {
            const h = Number(attrOf(tag, 'defaultRowHeight'));
            if (Number.isFinite(h) && h > 0) defaultRowHeight = h;
            const w = Number(attrOf(tag, 'defaultColWidth') ?? Number(attrOf(tag, 'baseColWidth') ?? 8) + 0.43);
            if (Number.isFinite(w) && w > 0) defaultColWidth = w;
          }
        } else if (depth === 3 && firstOfAlternate === '' && name) {
          // The place of an mc:AlternateContent is the place of what it holds.
          children[children.length - 1]!.local = name;
          firstOfAlternate = null;
        }
        const parent = path[depth - 1];
        const parentName = parent ? local(parent) : null;
        if (depth === 2 && parentName === 'sheetData' && name === 'row') {
          const r = rawAttr(tag, 'r');
          const n = r === undefined ? lastRow + 1 : Number(r);
          lastRow = n;
          lastCol = 0;
          row = { row: n, tag, end: tag.end, innerEnd: tag.end, explicit: r !== undefined, cells: rowsOfInterest.has(n) ? [] : null };
          rows.push(row);
        } else if (depth === 3 && row && name === 'c') {
          const ref = rawAttr(tag, 'r');
          const at = ref === undefined ? null : parseRef(ref);
          lastCol = at ? at.col : lastCol + 1;
          cell = { col: lastCol, tag, end: tag.end, explicit: at !== null, content: false };
          row.cells?.push(cell);
        } else if (depth === 4 && cell && (name === 'v' || name === 'f' || name === 'is')) {
          if (!cell.content) use(cell.col);
          cell.content = true;
        } else if (depth === 2 && parentName === 'sheetPr' && name) {
          sheetPr.push({ local: name, start: tag.start, end: tag.end, tag });
        } else if (depth === 2 && parentName === 'cols' && name === 'col') {
          const min = Number(attrOf(tag, 'min') ?? 0);
          const max = Number(attrOf(tag, 'max') ?? 0);
          cols.push({ min, max, tag, end: tag.end });
          if (/^(1|true)$/.test(attrOf(tag, 'hidden') ?? '') || Number(attrOf(tag, 'width') ?? 1) === 0) hiddenCols.push({ min, max });
        } else if (depth === 2 && parentName === 'mergeCells' && name === 'mergeCell') {
          for (const r of ranges(attrOf(tag, 'ref') ?? '')) use(r.right);
        } else if (depth === 2 && parentName === 'dataValidations' && name === 'dataValidation') {
          for (const r of ranges(attrOf(tag, 'sqref') ?? '')) use(r.right);
        } else if (depth === 2 && parentName === 'hyperlinks' && name === 'hyperlink') {
          for (const r of ranges(attrOf(tag, 'ref') ?? '')) use(r.right);
        } else if (depth === 2 && parentName === 'tableParts' && name === 'tablePart') {
          const id = relId(tag);
          if (id) tableParts.push(id);
        } else if (name === 'conditionalFormatting' && depth === 1) {
          conditional.push(...ranges(attrOf(tag, 'sqref') ?? ''));
        } else if (tag.local === 'sqref' && !tag.empty) {
          // x14 data validations and conditional formats keep their ranges in <xm:sqref>.
          sqrefText = '';
        }
        if (!tag.empty) path.push(tag);
        else if (depth === 1 && name === 'sheetData') sheetData!.end = tag.end;
      },
      close(tag, start, end) {
        if (tag.empty) {
          if (tag === cell?.tag) cell = null;
          else if (tag === row?.tag) row = null;
          return;
        }
        path.pop();
        if (tag === cell?.tag) {
          cell.end = end;
          cell = null;
        } else if (tag === row?.tag) {
          row.end = end;
          row.innerEnd = start;
          row = null;
        } else if (cols.length > 0 && tag === cols[cols.length - 1]!.tag) {
          cols[cols.length - 1]!.end = end;
        } else if (sheetData && tag === sheetData.tag) {
          sheetData.innerEnd = start;
          sheetData.end = end;
        } else if (tag.local === 'sqref' && sqrefText !== null) {
          const inDv = path.some((p) => p.local === 'dataValidation');
          const inCf = path.some((p) => p.local === 'conditionalFormatting');
          const found = ranges(sqrefText);
          if (inDv) for (const r of found) use(r.right);
          if (inCf) conditional.push(...found);
          sqrefText = null;
        }
        const child = children[children.length - 1];
        if (path.length === 1 && child && child.tag === tag) child.end = end;
        const prChild = sheetPr[sheetPr.length - 1];
        if (path.length === 2 && prChild && prChild.tag === tag) prChild.end = end;
      },
      text(start, end) {
        if (sqrefText !== null) sqrefText += xml.slice(start, end);
      },
    });
  } catch (err) {
    if (err instanceof XmlError) throw xmlDamage(part, xml, err);
    throw err;
  }
  const r = root as Tag | null;
  if (!r || local(r) !== 'worksheet') throw new PackageError('content', part, 'not a worksheet');
  if (!sheetData) throw new PackageError('content', part, 'a worksheet without <sheetData>');
  // Empty children keep the end of their tag.
  for (const c of children) if (c.tag.empty) c.end = c.tag.end;
  return { part, xml, root: r, children, sheetData, rows, cols, usedRight, hiddenCols, conditional, legacyDrawing, tableParts, sheetPr, defaultRowHeight, defaultColWidth };
}

/** The `r:id` of an element, whatever prefix binds the relationships namespace. */
function relId(tag: Tag): string | undefined {
  for (let k = 0; k < tag.attrs.length; k += 2) {
    const name = tag.attrs[k]!;
    const colon = name.indexOf(':');
    if (colon > 0 && name.slice(colon + 1) === 'id' && /relationships/.test(lookupNs(tag.scope, name.slice(0, colon)) ?? '')) return attrOf(tag, name);
  }
  return undefined;
}

/** A formula and the text it gives (its cached result, shown by readers that do not calculate). */
export interface Formula {
  formula: string;
  result: string;
}

/** A cell's new content: a value or a formula (null empties it), or undefined to keep what it holds. */
type Value = number | string | Formula | null | undefined;

/** How a sheet prints, as the copy sets it: the rest of the user's page setup is kept. */
export interface PrintSetup {
  /** Fit to one page wide, as many pages tall as it takes (`fitToWidth="1" fitToHeight="0"`). */
  fitToWidth?: boolean;
  orientation?: 'portrait' | 'landscape';
  /** A paper size code: 9 is A4. */
  paperSize?: number;
}

/** The children of `<sheetPr>` in the order CT_SheetPr requires. */
const SHEETPR_ORDER = ['tabColor', 'outlinePr', 'pageSetUpPr'];

interface CellChange {
  value: Value;
  /** Only when the cell holds nothing: a declared value is never overwritten. */
  ifEmpty: boolean;
  patch: StylePatch;
}

/** An attribute of a start tag set, in the tag's text: replaced where it is, else added before the end. */
export function setTagAttr(tagText: string, name: string, value: string | number): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tagText)) return tagText.replace(re, `$1"${value}"`);
  return tagText.replace(/\s*(\/?)>$/, ` ${name}="${value}"$1>`);
}

/** A start tag's text without an attribute. */
export function removeTagAttr(tagText: string, name: string): string {
  return tagText.replace(new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`), '');
}

/** The changes to make to one worksheet. */
export class SheetPatch {
  private readonly changes = new Map<number, Map<number, CellChange>>();
  private readonly widths = new Map<number, number>();
  private readonly additions: { local: string; build: (name: string, decl: string, scope: Scope | null) => string }[] = [];
  private readonly heights = new Map<number, number>();
  private readonly merges: string[] = [];
  private print: PrintSetup | null = null;

  /** Gives a cell a value and a style patch (on top of its own style). */
  set(row: number, col: number, value: Value, patch: StylePatch = {}, ifEmpty = false): void {
    if (row < 1 || row > MAX_ROWS || col < 1 || col > MAX_COLS) throw new RangeError(`cell ${columnLetters(col)}${row} is outside the sheet`);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`${value} is not a number a cell can hold`);
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

  /** Makes a row at least this tall (points): a row lower than that gets this height, marked as set by hand. */
  minHeight(row: number, points: number): void {
    this.heights.set(row, Math.max(this.heights.get(row) ?? 0, points));
  }

  /** Merges a range of cells (`P13:P14`); the range must be free of other merges. */
  merge(ref: string): void {
    this.merges.push(ref);
  }

  /** Sets how the sheet prints (PrintSetup); the rest of its page setup is kept. */
  printSetup(setup: PrintSetup): void {
    this.print = { ...this.print, ...setup };
  }

  /** Adds a child of `<worksheet>` (`legacyDrawing` …) at its place; `build` gets its qualified name and any declaration it needs. */
  addChild(localName: string, build: (name: string, decl: string, scope: Scope | null) => string): void {
    this.additions.push({ local: localName, build });
  }

  /** The rows this patch changes: the ones whose cells the index must hold. */
  rows(): Set<number> {
    return new Set([...this.changes.keys(), ...this.heights.keys()]);
  }

  /** The sheet's XML with the changes. */
  apply(index: SheetIndex, styles: Styles): string {
    const { xml } = index;
    const edits: Edit[] = [];
    const scope = index.sheetData.tag.scope;
    const el = (name: string) => elementName(scope, index.root.uri, name);
    for (const row of this.heights.keys()) if (!this.changes.has(row)) this.changes.set(row, new Map());
    const pending = [...this.changes.keys()].sort((a, b) => a - b);
    const byRow = new Map(index.rows.map((r) => [r.row, r]));
    const newRows: number[] = pending.filter((r) => !byRow.has(r));
    // New rows go before the first row numbered after them; rows that number themselves by their
    // place (no `r`) then say their number, so that the rows inserted before them do not move them.
    const numbered = newRows.length > 0;
    if (numbered) {
      for (const r of index.rows) if (!r.explicit && !this.changes.has(r.row)) edits.push(tagEdit(xml, r.tag, (t) => setTagAttr(t, 'r', r.row)));
    }
    let i = 0;
    const rowName = el('row');
    const inserts = new Map<number, string>();
    for (const r of newRows) {
      while (i < index.rows.length && index.rows[i]!.row < r) i++;
      const at = i < index.rows.length ? index.rows[i]!.tag.start : index.sheetData.innerEnd;
      inserts.set(at, (inserts.get(at) ?? '') + this.newRow(r, rowName.name + rowName.decl, rowName.name, styles, index, el));
    }
    for (const [at, text] of inserts) {
      if (at === index.sheetData.tag.end && index.sheetData.tag.empty) continue;
      edits.push({ start: at, end: at, text });
    }
    if (index.sheetData.tag.empty && inserts.size > 0) {
      const open = xml.slice(index.sheetData.tag.start, index.sheetData.tag.end).replace(/\s*\/>$/, '>');
      edits.push({ start: index.sheetData.tag.start, end: index.sheetData.tag.end, text: `${open}${[...inserts.values()].join('')}</${index.sheetData.tag.name}>` });
    }
    for (const r of index.rows) {
      if (this.changes.has(r.row)) edits.push(...this.changeRow(r, styles, index, (n) => elementName(r.tag.scope, index.root.uri, n), numbered));
    }
    if (this.widths.size > 0) edits.push(...this.colEdits(index, el));
    // Merges and page setup first: what they add where the sheet has nothing goes with the other additions.
    edits.push(...this.mergeEdits(index), ...this.printEdits(index));
    edits.push(...this.childEdits(index));
    const dimension = index.children.find((c) => c.local === 'dimension');
    if (dimension) {
      const edit = this.dimensionEdit(xml, dimension.tag);
      if (edit) edits.push(edit);
    }
    return applyEdits(xml, edits);
  }

  private newRow(row: number, openName: string, closeName: string, styles: Styles, index: SheetIndex, el: (n: string) => { name: string; decl: string }): string {
    const changes = this.changes.get(row)!;
    const cells = [...changes.keys()].sort((a, b) => a - b).map((c) => cellXml(el, row, c, changes.get(c)!.value ?? null, styles.xf(colStyle(index, c), changes.get(c)!.patch)));
    const h = this.heights.get(row);
    const height = h !== undefined && h > index.defaultRowHeight ? ` ht="${h}" customHeight="1"` : '';
    return `<${openName} r="${row}"${height}>${cells.join('')}</${closeName}>`;
  }

  /** The edits of a row that changes; `numbered`: a row is inserted somewhere, so a row without `r` says its number. */
  private changeRow(r: RowAt, styles: Styles, index: SheetIndex, el: (n: string) => { name: string; decl: string }, numbered: boolean): Edit[] {
    const { xml } = index;
    const changes = this.changes.get(r.row)!;
    const cells = r.cells ?? [];
    const edits: Edit[] = [];
    const rowStyle = attrOf(r.tag, 'customFormat') === '1' || attrOf(r.tag, 'customFormat') === 'true' ? Number(attrOf(r.tag, 's') ?? 0) : null;
    const present = new Map(cells.map((c) => [c.col, c]));
    // Cells that number themselves by their place say their number once a cell is inserted before them.
    const inserted = [...changes.keys()].filter((c) => !present.has(c));
    const firstInserted = Math.min(...inserted);
    for (const c of cells) {
      const change = changes.get(c.col);
      const needsRef = !c.explicit && c.col > firstInserted;
      if (!change || (change.ifEmpty && c.content)) {
        if (needsRef) edits.push(tagEdit(xml, c.tag, (t) => setTagAttr(t, 'r', `${columnLetters(c.col)}${r.row}`)));
        continue;
      }
      const base = Number(attrOf(c.tag, 's') ?? 0);
      const s = styles.xf(base, change.patch);
      if (change.value === undefined) {
        edits.push(
          tagEdit(xml, c.tag, (t) => {
            const styled = s === 0 ? removeTagAttr(t, 's') : setTagAttr(t, 's', s);
            return needsRef ? setTagAttr(styled, 'r', `${columnLetters(c.col)}${r.row}`) : styled;
          }),
        );
      } else edits.push({ start: c.tag.start, end: c.end, text: cellXml(el, r.row, c.col, change.value, s) });
    }
    // New cells go before the first cell after them.
    const add = new Map<number, string>();
    for (const col of inserted.sort((a, b) => a - b)) {
      const change = changes.get(col)!;
      const next = cells.find((c) => c.col > col);
      const at = next ? next.tag.start : r.innerEnd;
      const base = rowStyle ?? colStyle(index, col);
      add.set(at, (add.get(at) ?? '') + cellXml(el, r.row, col, change.value ?? null, styles.xf(base, change.patch)));
    }
    // `spans` is a hint of the row's columns, no longer true once a cell is added.
    const rowTag = xml.slice(r.tag.start, r.tag.end);
    let newTag = add.size > 0 ? removeTagAttr(rowTag, 'spans') : rowTag;
    if (numbered && !r.explicit) newTag = setTagAttr(newTag, 'r', r.row);
    const wanted = this.heights.get(r.row);
    const ht = Number(attrOf(r.tag, 'ht') ?? index.defaultRowHeight);
    // A hidden row stays hidden; a lower one is made tall enough for the text written into it.
    if (wanted !== undefined && ht !== 0 && !(ht >= wanted) && !/^(1|true)$/.test(attrOf(r.tag, 'hidden') ?? '')) newTag = setTagAttr(setTagAttr(newTag, 'ht', wanted), 'customHeight', 1);
    if (r.tag.empty) {
      if (add.size > 0) edits.push({ start: r.tag.start, end: r.tag.end, text: `${newTag.replace(/\s*\/>$/, '>')}${[...add.values()].join('')}</${r.tag.name}>` });
      else if (newTag !== rowTag) edits.push({ start: r.tag.start, end: r.tag.end, text: newTag });
      return edits;
    }
    if (newTag !== rowTag) edits.push({ start: r.tag.start, end: r.tag.end, text: newTag });
    for (const [at, text] of add) edits.push({ start: at, end: at, text });
    return edits;
  }

  private colEdits(index: SheetIndex, el: (n: string) => { name: string; decl: string }): Edit[] {
    const { xml } = index;
    const edits: Edit[] = [];
    const loose: [number, number][] = [];
    const inRanges = new Map<ColAt, [number, number][]>();
    for (const [col, width] of [...this.widths].sort((a, b) => a[0] - b[0])) {
      const range = index.cols.find((r) => r.min <= col && col <= r.max);
      if (!range) loose.push([col, width]);
      else inRanges.set(range, [...(inRanges.get(range) ?? []), [col, width]]);
    }
    // A range is split around each column to widen, every part keeping the range's own attributes.
    for (const [range, wanted] of inRanges) {
      const own = xml.slice(range.tag.start, range.end);
      const width = Number(attrOf(range.tag, 'width') ?? 0);
      const wider = wanted.filter(([, w]) => w > width);
      if (wider.length === 0) continue;
      const part = (min: number, max: number, w?: number) => {
        const t = setTagAttr(setTagAttr(own, 'min', min), 'max', max);
        return w === undefined ? t : setTagAttr(setTagAttr(t, 'width', w), 'customWidth', 1);
      };
      let text = '';
      let from = range.min;
      for (const [c, w] of wider) {
        if (from < c) text += part(from, c - 1);
        text += part(c, c, w);
        from = c + 1;
      }
      if (from <= range.max) text += part(from, range.max);
      edits.push({ start: range.tag.start, end: range.end, text });
    }
    if (loose.length === 0) return edits;
    const colName = el('col');
    const make = ([c, w]: [number, number]) => `<${colName.name}${colName.decl} min="${c}" max="${c}" width="${w}" customWidth="1"/>`;
    const colsChild = index.children.find((c) => c.local === 'cols');
    if (!colsChild) {
      const colsName = el('cols');
      edits.push({ start: index.sheetData.tag.start, end: index.sheetData.tag.start, text: `<${colsName.name}${colsName.decl}>${loose.map(make).join('')}</${colsName.name}>` });
    } else if (colsChild.tag.empty) {
      const open = xml.slice(colsChild.tag.start, colsChild.tag.end).replace(/\s*\/>$/, '>');
      edits.push({ start: colsChild.tag.start, end: colsChild.tag.end, text: `${open}${loose.map(make).join('')}</${colsChild.tag.name}>` });
    } else {
      // Each new column goes before the first range after it (ranges are in order), else last.
      const closing = xml.lastIndexOf('<', colsChild.end - 1);
      for (const entry of loose) {
        const next = index.cols.find((r) => r.min > entry[0]);
        const at = next ? next.tag.start : closing;
        edits.push({ start: at, end: at, text: make(entry) });
      }
    }
    return edits;
  }

  private childEdits(index: SheetIndex): Edit[] {
    // Additions at one place go in the schema's order (a stable sort keeps the rest as added).
    const additions = [...this.additions].sort((a, b) => WORKSHEET_ORDER.indexOf(a.local) - WORKSHEET_ORDER.indexOf(b.local));
    return additions.map(({ local: name, build }) => {
      const rank = WORKSHEET_ORDER.indexOf(name);
      const next = index.children.find((c) => {
        const r = WORKSHEET_ORDER.indexOf(c.local);
        return r > rank;
      });
      const at = next ? next.start : index.xml.lastIndexOf('<');
      const { name: qualified, decl } = elementName(index.root.scope, index.root.uri, name);
      return { start: at, end: at, text: build(qualified, decl, index.root.scope) };
    });
  }

  /** The merges added: into the sheet's `<mergeCells>` (its count updated), or a new one at its place. */
  private mergeEdits(index: SheetIndex): Edit[] {
    if (this.merges.length === 0) return [];
    const existing = index.children.find((c) => c.local === 'mergeCells' && MAIN_NS.includes(c.tag.uri));
    const scope = existing ? existing.tag.scope : index.root.scope;
    const cell = elementName(scope, index.root.uri, 'mergeCell');
    const items = this.merges.map((ref) => `<${cell.name}${cell.decl} ref="${ref}"/>`).join('');
    if (!existing) {
      const count = this.merges.length;
      const list = this.merges.map((ref) => ` ref="${ref}"/>`);
      this.additions.push({ local: 'mergeCells', build: (name, decl, sc) => `<${name}${decl} count="${count}">${list.map((r) => `<${elementName(sc, index.root.uri, 'mergeCell').name}${r}`).join('')}</${name}>` });
      return [];
    }
    const count = index.xml.slice(existing.tag.start, existing.tag.end);
    const counted = attrOf(existing.tag, 'count') === undefined ? count : setTagAttr(count, 'count', Number(attrOf(existing.tag, 'count')) + this.merges.length);
    if (existing.tag.empty) return [{ start: existing.tag.start, end: existing.tag.end, text: `${counted.replace(/\s*\/>$/, '>')}${items}</${existing.tag.name}>` }];
    const closing = index.xml.lastIndexOf('<', existing.end - 1);
    return [
      { start: existing.tag.start, end: existing.tag.end, text: counted },
      { start: closing, end: closing, text: items },
    ];
  }

  /**
   * How the sheet prints: `sheetPr/pageSetUpPr@fitToPage` (without it Excel ignores fitToWidth) and
   * `pageSetup`'s fitToWidth, fitToHeight, orientation and paper size, each set on what the sheet
   * has or added at its place; every other attribute (margins, printer settings, scale) kept.
   */
  private printEdits(index: SheetIndex): Edit[] {
    const setup = this.print;
    if (!setup) return [];
    const { xml } = index;
    const edits: Edit[] = [];
    const topLevel = (local: string) => index.children.find((c) => c.local === local && MAIN_NS.includes(c.tag.uri));
    const add = (local: string, text: (name: string, decl: string) => string) => this.additions.push({ local, build: (name, decl) => text(name, decl) });
    if (setup.fitToWidth) {
      const pr = topLevel('sheetPr');
      const fit = index.sheetPr.find((c) => c.local === 'pageSetUpPr');
      if (fit) edits.push(tagEdit(xml, fit.tag, (t) => setTagAttr(t, 'fitToPage', 1)));
      else if (!pr) add('sheetPr', (name, decl) => `<${name}${decl}><${elementName(index.root.scope, index.root.uri, 'pageSetUpPr').name} fitToPage="1"/></${name}>`);
      else {
        const inner = elementName(pr.tag.scope, index.root.uri, 'pageSetUpPr');
        const text = `<${inner.name}${inner.decl} fitToPage="1"/>`;
        if (pr.tag.empty) edits.push({ start: pr.tag.start, end: pr.tag.end, text: `${xml.slice(pr.tag.start, pr.tag.end).replace(/\s*\/>$/, '>')}${text}</${pr.tag.name}>` });
        else {
          // After tabColor and outlinePr, before anything CT_SheetPr puts later.
          const next = index.sheetPr.find((c) => !SHEETPR_ORDER.slice(0, 2).includes(c.local));
          const at = next ? next.start : xml.lastIndexOf('<', pr.end - 1);
          edits.push({ start: at, end: at, text });
        }
      }
    }
    const attrs: [string, string | number][] = [];
    if (setup.paperSize !== undefined) attrs.push(['paperSize', setup.paperSize]);
    if (setup.orientation) attrs.push(['orientation', setup.orientation]);
    if (setup.fitToWidth) attrs.push(['fitToWidth', 1], ['fitToHeight', 0]);
    if (attrs.length === 0) return edits;
    const page = topLevel('pageSetup');
    if (page) edits.push(tagEdit(xml, page.tag, (t) => attrs.reduce((acc, [n, v]) => setTagAttr(acc, n, v), t)));
    else add('pageSetup', (name, decl) => `<${name}${decl}${attrs.map(([n, v]) => ` ${n}="${v}"`).join('')}/>`);
    return edits;
  }

  private dimensionEdit(xml: string, tag: Tag): Edit | null {
    const ref = attrOf(tag, 'ref');
    const range = ref ? parseRange(ref) : null;
    if (!range) return null;
    let { top, left, bottom, right } = range;
    for (const [row, cells] of this.changes) {
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      for (const col of cells.keys()) {
        left = Math.min(left, col);
        right = Math.max(right, col);
      }
    }
    if (top === range.top && left === range.left && bottom === range.bottom && right === range.right) return null;
    return tagEdit(xml, tag, (t) => setTagAttr(t, 'ref', `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`));
  }
}

function tagEdit(xml: string, tag: Tag, change: (text: string) => string): Edit {
  return { start: tag.start, end: tag.end, text: change(xml.slice(tag.start, tag.end)) };
}

/** The style a new cell of a column takes from it. */
function colStyle(index: SheetIndex, col: number): number {
  const range = index.cols.find((r) => r.min <= col && col <= r.max);
  return range ? Number(attrOf(range.tag, 'style') ?? 0) : 0;
}

function cellXml(el: (n: string) => { name: string; decl: string }, row: number, col: number, value: number | string | Formula | null, s: number): string {
  const c = el('c');
  const head = `<${c.name}${c.decl} r="${columnLetters(col)}${row}"${s ? ` s="${s}"` : ''}`;
  if (value === null) return `${head}/>`;
  if (typeof value === 'object') {
    const [f, v] = [el('f'), el('v')];
    return `${head} t="str"><${f.name}>${escapeText(value.formula)}</${f.name}><${v.name}>${escapeText(value.result)}</${v.name}></${c.name}>`;
  }
  if (typeof value === 'number') {
    const v = el('v');
    return `${head}><${v.name}>${value}</${v.name}></${c.name}>`;
  }
  const is = el('is');
  const t = el('t');
  return `${head} t="inlineStr"><${is.name}><${t.name} xml:space="preserve">${escapeText(value)}</${t.name}></${is.name}></${c.name}>`;
}
