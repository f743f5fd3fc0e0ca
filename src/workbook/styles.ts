// The cell styles of a package (xl/styles.xml), patched for the scored copy: a cell keeps its own
// style (borders, font, number format) and gets only what the copy changes, a fill, bold, a number
// format or an alignment, as a new cell format appended after the workbook's own.
import { attr, attrPattern, setAttr } from './xml.js';

export interface StylePatch {
  bold?: boolean;
  /** A solid fill, as ARGB (`FFFFC7CE`). */
  fill?: string;
  /** A built-in number format: 2 is `0.00`, 10 is `0.00%`. */
  numFmtId?: number;
  /** The whole alignment of the cell. */
  alignment?: { wrapText?: boolean; vertical?: 'center'; horizontal?: 'center' };
}

const FONT_ID = attrPattern('fontId');

/** The minimal style sheet of a package without one. */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

/** A list element of the style sheet (`<fonts>`, `<fills>`, `<cellXfs>`): its items as written, and those added. */
class List {
  readonly items: string[];
  readonly added: string[] = [];

  constructor(
    xml: string,
    readonly tag: string,
    item: string,
  ) {
    const body = new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(xml)?.[1] ?? '';
    this.items = Array.from(body.matchAll(new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, 'g')), (m) => m[0]);
  }

  add(item: string): number {
    this.added.push(item);
    return this.items.length + this.added.length - 1;
  }

  /** The style sheet with this list's additions. */
  patch(xml: string): string {
    if (this.added.length === 0) return xml;
    const count = this.items.length + this.added.length;
    const whole = new RegExp(`<${this.tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${this.tag}>)`);
    const m = whole.exec(xml);
    if (!m) return xml.replace(/<\/styleSheet>/, `<${this.tag} count="${count}">${this.added.join('')}</${this.tag}></styleSheet>`);
    const attrs = /\bcount="\d*"/.test(m[1]!) ? m[1]!.replace(/\bcount="\d*"/, `count="${count}"`) : `${m[1]} count="${count}"`;
    return xml.replace(whole, () => `<${this.tag}${attrs}>${m[2] ?? ''}${this.added.join('')}</${this.tag}>`);
  }
}

export class Styles {
  private readonly fonts: List;
  private readonly fills: List;
  private readonly xfs: List;
  private readonly made = new Map<string, number>();
  private readonly boldFonts = new Map<number, number>();
  private readonly solidFills = new Map<string, number>();

  constructor(private readonly xml: string) {
    this.fonts = new List(xml, 'fonts', 'font');
    this.fills = new List(xml, 'fills', 'fill');
    this.xfs = new List(xml, 'cellXfs', 'xf');
  }

  /** The cell format `base` with the patch applied: a new one, made once per base and patch. */
  xf(base: number, patch: StylePatch): number {
    if (Object.keys(patch).length === 0) return base;
    const key = `${base}|${JSON.stringify(patch)}`;
    let id = this.made.get(key);
    if (id === undefined) {
      id = this.xfs.add(this.patched(this.xfs.items[base] ?? this.xfs.items[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', patch));
      this.made.set(key, id);
    }
    return id;
  }

  private patched(xf: string, patch: StylePatch): string {
    const m = /^<xf\b([^>]*?)(\/?)>([\s\S]*?)(?:<\/xf>)?$/.exec(xf)!;
    let attrs = m[1]!;
    let children = m[3] ?? '';
    if (patch.bold) {
      attrs = setAttr(setAttr(attrs, 'fontId', this.boldFont(Number(attr(attrs, FONT_ID) ?? 0))), 'applyFont', 1);
    }
    if (patch.fill) attrs = setAttr(setAttr(attrs, 'fillId', this.solidFill(patch.fill)), 'applyFill', 1);
    if (patch.numFmtId !== undefined) attrs = setAttr(setAttr(attrs, 'numFmtId', patch.numFmtId), 'applyNumberFormat', 1);
    if (patch.alignment) {
      const a = patch.alignment;
      const alignment = `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ''}${a.vertical ? ` vertical="${a.vertical}"` : ''}${a.wrapText ? ' wrapText="1"' : ''}/>`;
      children = /<alignment\b/.test(children) ? children.replace(/<alignment\b[^>]*?(?:\/>|>[\s\S]*?<\/alignment>)/, alignment) : alignment + children;
      attrs = setAttr(attrs, 'applyAlignment', 1);
    }
    return children ? `<xf${attrs}>${children}</xf>` : `<xf${attrs}/>`;
  }

  private boldFont(id: number): number {
    const font = this.fonts.items[id] ?? this.fonts.items[0] ?? '<font/>';
    if (/<b(\s+val="(1|true)")?\s*\/>/.test(font)) return id;
    let bold = this.boldFonts.get(id);
    if (bold === undefined) {
      // <b> comes first among a font's children.
      const made = font.replace(/<b\b[^>]*\/>/, '').replace(/^<font\b([^>]*?)\/>$/, '<font$1></font>').replace(/^(<font\b[^>]*>)/, '$1<b/>');
      bold = this.fonts.add(made);
      this.boldFonts.set(id, bold);
    }
    return bold;
  }

  private solidFill(argb: string): number {
    let id = this.solidFills.get(argb);
    if (id === undefined) {
      id = this.fills.add(`<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`);
      this.solidFills.set(argb, id);
    }
    return id;
  }


  toXml(): string {
    return this.xfs.patch(this.fills.patch(this.fonts.patch(this.xml)));
  }
}
