// A small part as a tree of elements, each with its offsets in the text: for reading the parts that
// describe a package (relationships, content types, workbook, styles, comments) and for finding the
// place of an edit by structure. Large sheets are read with scanXml directly.
import { decodeText, lookupNs, prefixFor, rawAttr, scanXml, type Scope, type Tag } from './xml.js';

export interface Element {
  readonly tag: Tag;
  readonly parent: Element | null;
  readonly children: Element[];
  /** Just past the start tag, and the offset of the end tag (both `tag.end` for an empty element). */
  innerStart: number;
  innerEnd: number;
  /** Just past the end tag (or the empty element's tag). */
  end: number;
}

/** The elements of a document, and the text they were read from. */
export interface Tree {
  readonly xml: string;
  readonly root: Element;
}

/** Parses a whole document into its elements; throws XmlError where it is not well-formed. */
export function parseTree(xml: string): Tree {
  let root: Element | null = null;
  let current: Element | null = null;
  scanXml(xml, {
    open(tag) {
      const el: Element = { tag, parent: current, children: [], innerStart: tag.end, innerEnd: tag.end, end: tag.end };
      if (current) current.children.push(el);
      else root = el;
      if (!tag.empty) current = el;
    },
    close(tag, start, end) {
      if (tag.empty) return;
      current!.innerEnd = start;
      current!.end = end;
      current = current!.parent;
    },
  });
  return { xml, root: root! };
}

/** Whether an element is `local` in one of the namespaces. */
export function is(el: Element, uris: readonly string[], local: string): boolean {
  return el.tag.local === local && uris.includes(el.tag.uri);
}

/** The markup-compatibility namespace (`mc:AlternateContent`). */
export const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/**
 * The children of an element as a consumer that understands the given namespaces sees them: an
 * `mc:AlternateContent` stands for the children of its first `mc:Choice` whose required namespaces
 * are all understood, else of its `mc:Fallback` (ECMA-376 Part 3).
 */
export function effectiveChildren(el: Element, understood: readonly string[]): Element[] {
  const out: Element[] = [];
  for (const child of el.children) {
    if (child.tag.uri === MC_NS && child.tag.local === 'AlternateContent') {
      const branch = chooseAlternative(child, understood);
      if (branch) out.push(...effectiveChildren(branch, understood));
    } else out.push(child);
  }
  return out;
}

/** The branch of an `mc:AlternateContent` a consumer understanding these namespaces takes, or null. */
export function chooseAlternative(alternate: Element, understood: readonly string[]): Element | null {
  for (const branch of alternate.children) {
    if (branch.tag.uri !== MC_NS) continue;
    if (branch.tag.local === 'Fallback') return branch;
    if (branch.tag.local !== 'Choice') continue;
    const requires = (rawAttr(branch.tag, 'Requires') ?? '').split(/\s+/).filter(Boolean);
    if (requires.every((p) => understood.includes(lookupNs(branch.tag.scope, p) ?? '\0'))) return branch;
  }
  return null;
}


/** The first child `local` in one of the namespaces, or undefined. */
export function child(el: Element, uris: readonly string[], local: string): Element | undefined {
  return el.children.find((c) => is(c, uris, local));
}

/** Every child `local` in one of the namespaces. */
export function children(el: Element, uris: readonly string[], local: string): Element[] {
  return el.children.filter((c) => is(c, uris, local));
}

/** The character data directly inside an element (its children's left out), references resolved. */
export function directText(xml: string, el: Element): string {
  let text = '';
  let at = el.innerStart;
  const gaps: [number, number][] = [];
  for (const c of el.children) {
    gaps.push([at, c.tag.start]);
    at = c.end;
  }
  gaps.push([at, el.innerEnd]);
  for (const [a, b] of gaps) {
    if (a >= b) continue;
    const raw = xml.slice(a, b);
    // Comments and processing instructions are not text; CDATA is, as written.
    text += raw.includes('<')
      ? raw.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g, (_all, cdata: string | undefined, plain: string | undefined) =>
          cdata !== undefined ? cdata.replace(/\r\n?/g, '\n') : plain !== undefined ? decodeText(plain) : '',
        )
      : decodeText(raw);
  }
  return text;
}

/** A change to a text: [start, end) replaced by `text` (start = end inserts). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The text with the edits made; edits must not overlap (insertions at one place keep their order). */
export function applyEdits(xml: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return xml;
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + xml.slice(at);
}

/**
 * How to write an element `local` of namespace `uri` where `scope` is in force: its qualified name,
 * and the declaration it must carry when no prefix is bound to the namespace there.
 */
export function elementName(scope: Scope | null, uri: string, local: string): { name: string; decl: string } {
  const prefix = prefixFor(scope, uri);
  if (prefix === '') return { name: local, decl: '' };
  if (prefix !== undefined) return { name: `${prefix}:${local}`, decl: '' };
  return { name: local, decl: ` xmlns="${uri}"` };
}

/**
 * A non-empty prefix for namespace `uri` where `scope` is in force: one bound there, or `preferred`
 * (or a variant of it bound to nothing else) with the declaration that binds it.
 */
export function boundPrefix(scope: Scope | null, uri: string, preferred: string): { prefix: string; decl: string } {
  for (let s = scope; s !== null; s = s.parent) {
    if (s.prefix !== '' && s.uri === uri && lookupNs(scope, s.prefix) === uri) return { prefix: s.prefix, decl: '' };
  }
  let prefix = preferred;
  for (let n = 2; lookupNs(scope, prefix) !== undefined; n++) prefix = `${preferred}${n}`;
  return { prefix, decl: ` xmlns:${prefix}="${uri}"` };
}

/** How to write an attribute `local` of namespace `uri` where `scope` is in force (see boundPrefix). */
export function attributeName(scope: Scope | null, uri: string, local: string, preferred: string): { name: string; decl: string } {
  const { prefix, decl } = boundPrefix(scope, uri, preferred);
  return { name: `${prefix}:${local}`, decl };
}

/** An edit that adds `content` as the last children of an element (opening an empty one). */
export function appendChildEdit(tree: Tree, el: Element, content: string): Edit {
  if (el.tag.empty) {
    const open = tree.xml.slice(el.tag.start, el.tag.end).replace(/\s*\/>$/, '>');
    return { start: el.tag.start, end: el.tag.end, text: `${open}${content}</${el.tag.name}>` };
  }
  return { start: el.innerEnd, end: el.innerEnd, text: content };
}
