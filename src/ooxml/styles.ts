// The cell styles of a package (the styles part), patched for a copy: a cell keeps its own style
// (borders, font, number format) and gets only what the copy changes, a fill, bold, a font size, a
// link's look, a number format, an alignment or a thin border, as a new cell format appended after
// the workbook's own. Lists are read structurally: an item wrapped in `mc:AlternateContent` counts once, as Excel counts it, and new
// items use the prefix the part binds to SpreadsheetML.
import { PackageError } from './errors.js';
import { parsePart } from './package.js';
import { MAIN_NS } from './spreadsheet.js';
import { setTagAttr } from './sheet-patch.js';
import { applyEdits, appendChildEdit, chooseAlternative, elementName, is, MC_NS, type Edit, type Element, type Tree } from './tree.js';
import { attrOf } from './xml.js';

export interface StylePatch {
  bold?: boolean;
  /** A font size in points. */
  size?: number;
  /** Shown as a link: blue and underlined. */
  link?: boolean;
  /** A thin black line on all four sides (a new border; the cell's own is replaced). */
  border?: 'thin';
  /** A solid fill, as ARGB (`FFFFC7CE`). */
  fill?: string;
  /** A built-in number format: 2 is `0.00`, 10 is `0.00%`. */
  numFmtId?: number;
  /** The whole alignment of the cell. */
  alignment?: { wrapText?: boolean; vertical?: 'center' | 'top'; horizontal?: 'center' | 'left' };
}

/** The minimal style sheet of a package without one. */
export function emptyStyles(uri: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${uri}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
}

/** Where the list's items start in the sheet's order (CT_Stylesheet), for a list the part lacks. */
const STYLESHEET_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/** A list element of the style sheet (`<fonts>`, `<fills>`, `<cellXfs>`): its items' text as Excel reads them, and those added. */
class List {
  readonly items: string[] = [];
  readonly added: string[] = [];
  readonly el: Element | undefined;

  constructor(
    private readonly tree: Tree,
    readonly tag: string,
    item: string,
  ) {
    this.el = tree.root.children.find((c) => is(c, MAIN_NS, tag));
    for (const c of this.el?.children ?? []) {
      // An item offered in several versions counts once: the version a reader of plain SpreadsheetML takes.
      const chosen = c.tag.uri === MC_NS && c.tag.local === 'AlternateContent' ? chooseAlternative(c, MAIN_NS)?.children.find((x) => is(x, MAIN_NS, item)) : is(c, MAIN_NS, item) ? c : undefined;
      if (chosen) this.items.push(tree.xml.slice(chosen.tag.start, chosen.end));
      else if (c.tag.uri === MC_NS) this.items.push('');
    }
  }

  add(item: string): number {
    this.added.push(item);
    return this.items.length + this.added.length - 1;
  }

  /** The edits that add this list's items (and set its count). */
  edits(): Edit[] {
    if (this.added.length === 0) return [];
    const count = this.items.length + this.added.length;
    if (!this.el) {
      const rank = STYLESHEET_ORDER.indexOf(this.tag);
      const next = this.tree.root.children.find((c) => STYLESHEET_ORDER.indexOf(c.tag.local) > rank && MAIN_NS.includes(c.tag.uri));
      const { name, decl } = elementName(this.tree.root.tag.scope, this.tree.root.tag.uri, this.tag);
      const at = next ? next.tag.start : this.tree.root.innerEnd;
      return [{ start: at, end: at, text: `<${name}${decl} count="${count}">${this.added.join('')}</${name}>` }];
    }
    const open = this.tree.xml.slice(this.el.tag.start, this.el.tag.end);
    const counted = setTagAttr(open, 'count', count);
    if (this.el.tag.empty) {
      return [{ start: this.el.tag.start, end: this.el.tag.end, text: `${counted.replace(/\s*\/>$/, '>')}${this.added.join('')}</${this.el.tag.name}>` }];
    }
    return [
      { start: this.el.tag.start, end: this.el.tag.end, text: counted },
      { ...appendChildEdit(this.tree, this.el, this.added.join('')) },
    ];
  }
}

/** The styles of a package, and the cell formats made for a copy. */
export class Styles {
  private readonly tree: Tree;
  private readonly fonts: List;
  private readonly fills: List;
  private readonly borders: List;
  private readonly xfs: List;
  private readonly made = new Map<string, number>();
  private readonly patchedFonts = new Map<string, number>();
  private thinBorder: number | undefined;
  private readonly solidFills = new Map<string, number>();

  constructor(
    readonly part: string,
    xml: string,
  ) {
    this.tree = parsePart(part, xml);
    if (!is(this.tree.root, MAIN_NS, 'styleSheet')) throw new PackageError('content', part, 'not a styles part');
    this.fonts = new List(this.tree, 'fonts', 'font');
    this.fills = new List(this.tree, 'fills', 'fill');
    this.borders = new List(this.tree, 'borders', 'border');
    this.xfs = new List(this.tree, 'cellXfs', 'xf');
  }

  /** The qualified name of an element of the style sheet, with a declaration when its namespace has no prefix there. */
  private name(local: string): { name: string; decl: string } {
    return elementName(this.tree.root.tag.scope, this.tree.root.tag.uri, local);
  }

  /** The cell format `base` with the patch applied: a new one, made once per base and patch. */
  xf(base: number, patch: StylePatch): number {
    if (Object.keys(patch).length === 0) return base;
    const key = `${base}|${JSON.stringify(patch)}`;
    let id = this.made.get(key);
    if (id === undefined) {
      const xf = this.xfs.items[base] || this.xfs.items[0] || `<${this.name('xf').name} numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
      id = this.xfs.add(this.patched(xf, patch));
      this.made.set(key, id);
    }
    return id;
  }

  private patched(xf: string, patch: StylePatch): string {
    const el = parsePart(this.part, this.declared(xf)).root.children[0]!;
    const offset = el.tag.start;
    let open = xf.slice(0, el.tag.end - offset);
    let children = el.tag.empty ? '' : xf.slice(el.innerStart - offset, el.innerEnd - offset);
    if (patch.bold || patch.size !== undefined || patch.link) {
      const font = this.patchedFont(Number(attrOf(el.tag, 'fontId') ?? 0), { bold: patch.bold ?? false, size: patch.size, link: patch.link ?? false });
      open = setTagAttr(setTagAttr(open, 'fontId', font), 'applyFont', 1);
    }
    if (patch.border) open = setTagAttr(setTagAttr(open, 'borderId', this.thin()), 'applyBorder', 1);
    if (patch.fill) open = setTagAttr(setTagAttr(open, 'fillId', this.solidFill(patch.fill)), 'applyFill', 1);
    if (patch.numFmtId !== undefined) open = setTagAttr(setTagAttr(open, 'numFmtId', patch.numFmtId), 'applyNumberFormat', 1);
    if (patch.alignment) {
      const a = patch.alignment;
      const alignment = `<${this.name('alignment').name}${a.horizontal ? ` horizontal="${a.horizontal}"` : ''}${a.vertical ? ` vertical="${a.vertical}"` : ''}${a.wrapText ? ' wrapText="1"' : ''}/>`;
      // <alignment> is the first child of <xf>.
      const existing = el.children.find((c) => is(c, MAIN_NS, 'alignment'));
      children = existing ? children.slice(0, existing.tag.start - el.innerStart) + alignment + children.slice(existing.end - el.innerStart) : alignment + children;
      open = setTagAttr(open, 'applyAlignment', 1);
    }
    open = open.replace(/\s*\/>$/, '>');
    return children ? `${open}${children}</${el.tag.name}>` : open.replace(/>$/, '/>');
  }

  /** An item's text made a document of its own, its prefixes declared as the style sheet declares them. */
  private declared(item: string): string {
    const decls: string[] = [];
    const seen = new Set<string>();
    for (let s = this.tree.root.tag.scope; s !== null; s = s.parent) {
      if (seen.has(s.prefix)) continue;
      seen.add(s.prefix);
      decls.push(s.prefix ? `xmlns:${s.prefix}="${s.uri}"` : `xmlns="${s.uri}"`);
    }
    return `<_ ${decls.join(' ')}>${item}</_>`;
  }

  /**
   * The font `id` made bold, of a size, or a link (blue, underlined): a new font made once per font
   * and change; the font itself when it already is so. CT_Font is a choice of its children in any
   * order, so the children changed are dropped and written first.
   */
  private patchedFont(id: number, want: { bold: boolean; size: number | undefined; link: boolean }): number {
    const font = this.fonts.items[id] || this.fonts.items[0] || `<${this.name('font').name}/>`;
    const tree = parsePart(this.part, this.declared(font));
    const el = tree.root.children[0]!;
    const find = (local: string) => el.children.find((c) => is(c, MAIN_NS, local));
    const b = find('b');
    const isBold = b !== undefined && !/^(0|false)$/.test(attrOf(b.tag, 'val') ?? '1');
    const sz = find('sz');
    const sameSize = want.size === undefined || (sz !== undefined && Number(attrOf(sz.tag, 'val')) === want.size);
    if ((!want.bold || isBold) && sameSize && !want.link) return id;
    const key = `${id}|${JSON.stringify(want)}`;
    let made = this.patchedFonts.get(key);
    if (made === undefined) {
      const offset = el.tag.start;
      const open = font.slice(0, el.tag.end - offset).replace(/\s*\/>$/, '>');
      const drop = new Set<Element>();
      if (want.bold && b) drop.add(b);
      if (want.size !== undefined && sz) drop.add(sz);
      if (want.link) for (const c of el.children) if (is(c, MAIN_NS, 'u') || is(c, MAIN_NS, 'color')) drop.add(c);
      let inner = '';
      for (const c of el.children) if (!drop.has(c)) inner += font.slice(c.tag.start - offset, c.end - offset);
      const n = (local: string) => this.name(local).name;
      const added = `${want.bold ? `<${n('b')}/>` : ''}${want.link ? `<${n('u')}/><${n('color')} rgb="FF0563C1"/>` : ''}${want.size !== undefined ? `<${n('sz')} val="${want.size}"/>` : ''}`;
      made = this.fonts.add(`${open}${added}${inner}</${el.tag.name}>`);
      this.patchedFonts.set(key, made);
    }
    return made;
  }

  /** A border of thin black lines on all four sides, made once. */
  private thin(): number {
    if (this.thinBorder === undefined) {
      const n = (local: string) => this.name(local).name;
      const side = (local: string) => `<${n(local)} style="thin"><${n('color')} indexed="64"/></${n(local)}>`;
      this.thinBorder = this.borders.add(`<${n('border')}>${side('left')}${side('right')}${side('top')}${side('bottom')}<${n('diagonal')}/></${n('border')}>`);
    }
    return this.thinBorder;
  }

  private solidFill(argb: string): number {
    let id = this.solidFills.get(argb);
    if (id === undefined) {
      const n = (local: string) => this.name(local).name;
      id = this.fills.add(`<${n('fill')}><${n('patternFill')} patternType="solid"><${n('fgColor')} rgb="${argb}"/><${n('bgColor')} indexed="64"/></${n('patternFill')}></${n('fill')}>`);
      this.solidFills.set(argb, id);
    }
    return id;
  }

  /** The style sheet with the formats made. */
  toXml(): string {
    return applyEdits(this.tree.xml, [...this.fonts.edits(), ...this.fills.edits(), ...this.borders.edits(), ...this.xfs.edits()]);
  }

  /** Whether any format was made (else the part need not change). */
  changed(): boolean {
    return this.made.size > 0;
  }
}
