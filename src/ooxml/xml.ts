// XML as the package parts need it: a tokenizer that checks well-formedness and tracks element
// nesting and the namespace declarations in scope, reporting every tag with its offsets in the text,
// so that a part can be read structurally and patched by splicing text at places found by structure,
// leaving every other byte as it was. Parts are read whole (they are bounded by the zip layer), and
// the same pass serves streaming readers (large sheets) and small element trees (workbook, rels,
// styles, comments).
//
// Why not a library: saxes (installed with exceljs) checks as much, but reads a sheet ten to twenty
// times slower than this and reports no offset of a tag's start, which splicing needs (README →
// Dependencies).

/** Why a part is not well-formed XML, and where (a character offset into its text). */
export class XmlError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

/** Namespace bindings in scope: a chain from the innermost declaration out. */
export interface Scope {
  readonly prefix: string;
  readonly uri: string;
  readonly parent: Scope | null;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** The namespace a prefix ('' for the default) is bound to in a scope, or undefined. */
export function lookupNs(scope: Scope | null, prefix: string): string | undefined {
  for (let s = scope; s !== null; s = s.parent) if (s.prefix === prefix) return s.uri;
  if (prefix === 'xml') return XML_NS;
  return prefix === '' ? '' : undefined;
}

/** A prefix bound to a namespace in a scope and not shadowed there: '' for the default, or undefined. */
export function prefixFor(scope: Scope | null, uri: string): string | undefined {
  for (let s = scope; s !== null; s = s.parent) if (s.uri === uri && lookupNs(scope, s.prefix) === uri) return s.prefix;
  return undefined;
}

/** A start tag (or an empty element), with where it is. */
export interface Tag {
  /** The name as written (`x:c`). */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** The namespace of the element ('' for none). */
  readonly uri: string;
  /** Offset of its `<`, and just past its `>`. */
  readonly start: number;
  readonly end: number;
  /** Written `<a/>`. */
  readonly empty: boolean;
  /** Attributes as written: name, raw value, name, raw value … (values still escaped). */
  readonly attrs: string[];
  /** The namespace bindings in scope inside the element (its own declarations included). */
  readonly scope: Scope | null;
  /** 0 for the root element. */
  readonly depth: number;
}

/** What a scan reports, in document order. */
export interface XmlHandler {
  open?(tag: Tag): void;
  /** The end of an element: its end tag's offsets, or (end, end) of an empty element's tag. */
  close?(tag: Tag, start: number, end: number): void;
  /** Character data as written, inside the root element (references not yet resolved). */
  text?(start: number, end: number): void;
  /** The content of a CDATA section. */
  cdata?(start: number, end: number): void;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** For each character code below 128, whether it ends a name: space, `/`, `>`, `=`, `<`, quotes, `&`. */
const ENDS_NAME = new Uint8Array(128);
for (let c = 0; c <= 32; c++) ENDS_NAME[c] = 1;
for (const ch of '/>=<"\'&') ENDS_NAME[ch.charCodeAt(0)] = 1;

/** The end of a name that starts at `i`. */
function nameEnd(xml: string, i: number, n: number): number {
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c < 128 && ENDS_NAME[c] === 1) return i;
    i++;
  }
  return i;
}

const REFERENCE = /^&(?:#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);/;
/** Characters XML 1.0 does not allow anywhere, even escaped as text. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/**
 * Checks that every `&` in a document opens a reference XML knows, range by range in document
 * order: the next `&` is searched for once, whatever the number of ranges (a search from each range
 * would cost the rest of the document every time).
 */
class References {
  private next: number;

  constructor(private readonly xml: string) {
    this.next = xml.indexOf('&');
  }

  /** Throws unless every `&` in [start, end) opens a reference. */
  check(start: number, end: number): void {
    const { xml } = this;
    if (this.next >= 0 && this.next < start) this.next = xml.indexOf('&', start);
    while (this.next >= 0 && this.next < end) {
      const a = this.next;
      const m = REFERENCE.exec(xml.slice(a, Math.min(end, a + 12)));
      if (!m) throw new XmlError('a "&" that is not a reference', a);
      const code = m[0][1] === '#' ? (m[0][2] === 'x' ? parseInt(m[0].slice(3), 16) : parseInt(m[0].slice(2), 10)) : 0x41;
      if (!isXmlChar(code)) throw new XmlError('a reference to a character XML does not allow', a);
      this.next = xml.indexOf('&', a + 1);
    }
  }
}

function isXmlChar(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/**
 * Reads a whole XML document and reports its tags, text and CDATA in order; throws XmlError where it
 * is not well-formed: tags that do not nest, an attribute twice, a value without quotes, a `<` or a
 * stray `&` in a value or in text, a prefix not declared, text or a second element outside the root,
 * a document cut short. A DTD is refused: no OOXML part has one, and its entities could make a few
 * bytes expand without bound.
 */
export function scanXml(xml: string, h: XmlHandler): void {
  const n = xml.length;
  if (FORBIDDEN.test(xml)) throw new XmlError('a character XML does not allow', xml.search(FORBIDDEN));
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Tag[] = [];
  const references = new References(xml);
  let scope: Scope | null = null;
  let rootDone = false;
  const outside = (start: number, end: number) => {
    for (let k = start; k < end; k++) if (!isSpace(xml.charCodeAt(k))) throw new XmlError(rootDone ? 'content after the root element' : 'content before the root element', k);
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const stop = lt < 0 ? n : lt;
    if (stop > i) {
      if (stack.length === 0) outside(i, stop);
      else {
        references.check(i, stop);
        h.text?.(i, stop);
      }
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47) {
      // </name>
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) throw new XmlError('an end tag cut short', lt);
      let e = gt;
      while (e > lt + 2 && isSpace(xml.charCodeAt(e - 1))) e--;
      const name = xml.slice(lt + 2, e);
      const open = stack.pop();
      if (!open) throw new XmlError(`an end tag </${name}> with no element open`, lt);
      if (open.name !== name) throw new XmlError(`</${name}> closes <${open.name}>`, lt);
      scope = stack.length > 0 ? stack[stack.length - 1]!.scope : null;
      h.close?.(open, lt, gt + 1);
      if (stack.length === 0) rootDone = true;
      i = gt + 1;
      continue;
    }
    if (c === 33) {
      // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        if (e < 0) throw new XmlError('a comment cut short', lt);
        i = e + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        if (stack.length === 0) throw new XmlError('CDATA outside the root element', lt);
        const e = xml.indexOf(']]>', lt + 9);
        if (e < 0) throw new XmlError('a CDATA section cut short', lt);
        h.cdata?.(lt + 9, e);
        i = e + 3;
        continue;
      }
      throw new XmlError(xml.startsWith('<!DOCTYPE', lt) ? 'a document type declaration (not allowed in a package part)' : 'a "<!" that opens nothing', lt);
    }
    if (c === 63) {
      // <?target … ?>; the XML declaration only at the very start.
      const e = xml.indexOf('?>', lt + 2);
      if (e < 0) throw new XmlError('a processing instruction cut short', lt);
      if (/^<\?xml[\s?]/i.test(xml.slice(lt, lt + 6)) && lt > (xml.charCodeAt(0) === 0xfeff ? 1 : 0)) throw new XmlError('an XML declaration that is not at the start', lt);
      i = e + 2;
      continue;
    }
    // <name attr="value" …> or <name … />
    if (rootDone) throw new XmlError('a second root element', lt);
    let j = nameEnd(xml, lt + 1, n);
    if (j === lt + 1) throw new XmlError('a "<" that opens nothing', lt);
    const name = xml.slice(lt + 1, j);
    // No attribute value may hold a `<`: each must close before the next one.
    const nextLt = xml.indexOf('<', j);
    const attrs: string[] = [];
    let empty = false;
    let declared: Scope | null = scope;
    for (;;) {
      const before = j;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) throw new XmlError(`a tag <${name}> cut short`, lt);
      const ch = xml.charCodeAt(j);
      if (ch === 62) {
        j++;
        break;
      }
      if (ch === 47) {
        if (xml.charCodeAt(j + 1) !== 62) throw new XmlError(`a "/" inside the tag <${name}>`, j);
        empty = true;
        j += 2;
        break;
      }
      if (j === before) throw new XmlError(`no space before an attribute of <${name}>`, j);
      const a = j;
      j = nameEnd(xml, j, n);
      if (j === a) throw new XmlError(`an unexpected character in the tag <${name}>`, j);
      const attr = xml.slice(a, j);
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== 61) throw new XmlError(`the attribute ${attr} of <${name}> without a value`, j);
      j++;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const q = xml.charCodeAt(j);
      if (q !== 34 && q !== 39) throw new XmlError(`the value of ${attr} without quotes`, j);
      const close = xml.indexOf(q === 34 ? '"' : "'", j + 1);
      if (close < 0) throw new XmlError(`the value of ${attr} cut short`, j);
      if (nextLt >= 0 && nextLt < close) throw new XmlError(`a "<" in the value of ${attr}`, nextLt);
      references.check(j + 1, close);
      for (let k = 0; k < attrs.length; k += 2) if (attrs[k] === attr) throw new XmlError(`the attribute ${attr} twice in <${name}>`, a);
      const raw = xml.slice(j + 1, close);
      attrs.push(attr, raw);
      if (attr === 'xmlns') declared = { prefix: '', uri: decodeAttr(raw), parent: declared };
      else if (attr.startsWith('xmlns:')) {
        const uri = decodeAttr(raw);
        if (uri === '') throw new XmlError(`an empty namespace for the prefix ${attr.slice(6)}`, a);
        declared = { prefix: attr.slice(6), uri, parent: declared };
      }
      j = close + 1;
    }
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const uri = lookupNs(declared, prefix);
    if (uri === undefined) throw new XmlError(`the prefix ${prefix} of <${name}> is not declared`, lt);
    for (let k = 0; k < attrs.length; k += 2) {
      const an = attrs[k]!;
      const ac = an.indexOf(':');
      if (ac > 0 && an.slice(0, ac) !== 'xmlns' && lookupNs(declared, an.slice(0, ac)) === undefined) {
        throw new XmlError(`the prefix ${an.slice(0, ac)} of the attribute ${an} is not declared`, lt);
      }
    }
    const tag: Tag = { name, prefix, local: colon < 0 ? name : name.slice(colon + 1), uri, start: lt, end: j, empty, attrs, scope: declared, depth: stack.length };
    h.open?.(tag);
    if (empty) {
      h.close?.(tag, j, j);
      if (stack.length === 0) rootDone = true;
    } else {
      stack.push(tag);
      scope = declared;
    }
    i = j;
  }
  if (stack.length > 0) throw new XmlError(`the document ends inside <${stack[stack.length - 1]!.name}>`, n);
  if (!rootDone) throw new XmlError('no root element', n);
}

/** The raw value of an attribute by its name as written (`r:id`), or undefined. */
export function rawAttr(tag: Tag, name: string): string | undefined {
  const a = tag.attrs;
  for (let k = 0; k < a.length; k += 2) if (a[k] === name) return a[k + 1];
  return undefined;
}

/** An attribute's value (references resolved) by its name as written, or undefined. */
export function attrOf(tag: Tag, name: string): string | undefined {
  const raw = rawAttr(tag, name);
  return raw === undefined ? undefined : decodeAttr(raw);
}

/** An attribute's value by its namespace and local name (`r:id` whatever its prefix), or undefined. */
export function attrNs(tag: Tag, uris: readonly string[], local: string): string | undefined {
  const a = tag.attrs;
  for (let k = 0; k < a.length; k += 2) {
    const name = a[k]!;
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(colon + 1) !== local) continue;
    const uri = lookupNs(tag.scope, name.slice(0, colon));
    if (uri !== undefined && uris.includes(uri)) return decodeAttr(a[k + 1]!);
  }
  return undefined;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function resolveReferences(text: string): string {
  return text.replace(ENTITY, (_all, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref]!;
    return String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
  });
}

/** Character data as a parser gives it: line ends normalised, references resolved. */
export function decodeText(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return text.includes('&') ? resolveReferences(text) : text;
}

/** An attribute value as a parser gives it: white space normalised to spaces, references resolved. */
export function decodeAttr(raw: string): string {
  const text = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return text.includes('&') ? resolveReferences(text) : text;
}

/** Characters XML 1.0 cannot hold, written the way Excel writes them (`_x0001_`). */
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text as character data. */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(INVALID, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Text as an attribute value in double quotes. */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** Line and column (1-based) of an offset, for messages. */
export function lineColumn(xml: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = xml.indexOf('\n'); k >= 0 && k < offset; k = xml.indexOf('\n', k + 1)) {
    line++;
    last = k;
  }
  return { line, column: offset - last };
}
