// An OPC package (the zip of an xlsx): its parts found the way the packaging conventions say —
// by relationships and content types, names compared case-insensitively, `\` read as `/` — each
// part's text decoded and parsed at most once; and a copy of it made with some parts changed or
// added (PackageEdit), every other part copied byte for byte, still compressed.
import { isUtf8 } from 'node:buffer';
import { PackageError } from './errors.js';
import { appendChildEdit, applyEdits, children, elementName, parseTree, type Tree } from './tree.js';
import { attrOf, escapeAttr, lineColumn, scanXml, XmlError } from './xml.js';
import { entryBytes, newEntry, readZip, writeZip, type ZipEntry } from './zip.js';

export const CONTENT_TYPES_PART = '[Content_Types].xml';
const PACKAGE_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';

/** A part name as a key: `/` for `\`, no leading slash, lower case (OPC names ignore ASCII case). */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** The folder of a part, with its slash: `xl/` for `xl/workbook.xml`, `` for `[Content_Types].xml`. */
export function folderOf(part: string): string {
  const name = part.replace(/\\/g, '/');
  return name.slice(0, name.lastIndexOf('/') + 1);
}

/** The relationships part of a part: `xl/worksheets/_rels/sheet1.xml.rels`; `_rels/.rels` for the package (''). */
export function relsPartOf(part: string): string {
  const folder = folderOf(part);
  return `${folder}_rels/${part.replace(/\\/g, '/').slice(folder.length)}.rels`;
}

/** A relationship's target as a part name, from the folder of its source: `worksheets/sheet1.xml` from `xl/`. */
export function resolveTarget(folder: string, target: string): string {
  let path = target.trim().replace(/\\/g, '/').replace(/#.*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not percent-encoded after all: taken as written.
  }
  const parts = path.startsWith('/') ? [] : folder.replace(/\\/g, '/').split('/').filter(Boolean);
  for (const seg of path.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** A target of a relationship from one part to another, relative to the first one's folder. */
export function relativeTarget(from: string, to: string): string {
  const a = from.replace(/\\/g, '/').split('/').slice(0, -1);
  const b = to.replace(/\\/g, '/').split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export interface Relationship {
  id: string;
  /** The relationship type URI. */
  type: string;
  /** The target part's name as stored in the zip when it is there, else as resolved. */
  target: string;
  external: boolean;
  /** Whether the target part is in the package (always false for an external target). */
  exists: boolean;
}

/** Whether a relationship type is `name` (`worksheet`, `styles` …), in the transitional or strict vocabulary. */
export function isRelType(type: string, name: string): boolean {
  return type.endsWith(`/${name}`);
}

function decodeText(bytes: Buffer, part: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    try {
      return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new PackageError('encoding', part, 'not UTF-16');
    }
  }
  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1]?.toLowerCase();
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8') {
    if (!isUtf8(bytes)) throw new PackageError('encoding', part, 'not UTF-8');
    return bytes.toString('utf8');
  }
  try {
    return new TextDecoder(declared, { fatal: true }).decode(bytes);
  } catch {
    throw new PackageError('encoding', part, `not ${declared}`);
  }
}

/** Parses a part's text, turning an XML error into the damage of that part. */
export function parsePart(part: string, xml: string): Tree {
  try {
    return parseTree(xml);
  } catch (err) {
    if (err instanceof XmlError) throw xmlDamage(part, xml, err);
    throw err;
  }
}

/** The damage of a part that is not well-formed, with where. */
export function xmlDamage(part: string, xml: string, err: XmlError): PackageError {
  const { line, column } = lineColumn(xml, err.offset);
  return new PackageError('xml', part, err.reason, { line, column });
}

/** A package read once: its parts as stored, each inflated, decoded and parsed at most once. */
export class Package {
  readonly entries: readonly ZipEntry[];
  private readonly byKey = new Map<string, ZipEntry>();
  private readonly checked = new Set<ZipEntry>();
  private readonly texts = new Map<string, string>();
  private readonly trees = new Map<string, Tree>();
  private readonly parsed = new Set<string>();
  private types: { defaults: Map<string, string>; overrides: Map<string, string> } | null = null;

  /** Throws PackageError when the bytes are not a zip we can read, or name a part twice. */
  constructor(bytes: Buffer) {
    this.entries = readZip(bytes);
    for (const e of this.entries) {
      const key = partKey(e.name);
      if (this.byKey.has(key)) throw new PackageError('duplicate', e.name);
      this.byKey.set(key, e);
    }
  }

  /** The name a part is stored under, found case-insensitively and with either slash; undefined when absent. */
  find(name: string): string | undefined {
    return this.byKey.get(partKey(name))?.name;
  }

  entry(name: string): ZipEntry | undefined {
    return this.byKey.get(partKey(name));
  }

  /** A part's bytes, checked; null when the package has no such part. */
  bytes(name: string): Buffer | null {
    const entry = this.entry(name);
    if (!entry) return null;
    const bytes = entryBytes(entry);
    this.checked.add(entry);
    return bytes;
  }

  /** A part's text, decoded as it declares; null when the package has no such part. */
  text(name: string): string | null {
    const entry = this.entry(name);
    if (!entry) return null;
    let text = this.texts.get(entry.name);
    if (text === undefined) {
      text = decodeText(this.bytes(entry.name)!, entry.name);
      this.texts.set(entry.name, text);
    }
    return text;
  }

  /** A part parsed as XML; null when the package has no such part; PackageError when it is not XML. */
  tree(name: string): Tree | null {
    const entry = this.entry(name);
    if (!entry) return null;
    let tree = this.trees.get(entry.name);
    if (tree === undefined) {
      tree = parsePart(entry.name, this.text(entry.name)!);
      this.trees.set(entry.name, tree);
      this.parsed.add(entry.name);
    }
    return tree;
  }

  /**
   * Checks every part against its size and CRC, and the parts a reader or writer of the workbook's
   * cells reads (`readParts`: the package's relationships and content types, and the parts whose
   * content type the caller names) for well-formedness: a damaged part is reported, never copied on
   * or read around. Other parts (themes, drawings, charts …) are the user's, copied as they are.
   */
  verify(readTypes: readonly string[] = []): void {
    this.contentType('');
    for (const e of this.entries) {
      const bytes = this.checked.has(e) ? null : entryBytes(e);
      this.checked.add(e);
      if (this.parsed.has(e.name)) continue;
      const key = partKey(e.name);
      if (!key.endsWith('.rels') && key !== partKey(CONTENT_TYPES_PART) && !readTypes.includes(this.contentType(e.name) ?? '')) continue;
      const text = this.texts.get(e.name) ?? decodeText(bytes ?? entryBytes(e), e.name);
      try {
        scanXml(text, {});
      } catch (err) {
        if (err instanceof XmlError) throw xmlDamage(e.name, text, err);
        throw err;
      }
      this.parsed.add(e.name);
    }
  }

  /** Records that a part was read through as well-formed XML (by a streaming reader), so verify need not again. */
  markParsed(name: string): void {
    const entry = this.entry(name);
    if (entry) this.parsed.add(entry.name);
  }

  /** The relationships of a part ('' for the package's own), in order; none when it has no relationships part. */
  relationships(part: string): Relationship[] {
    return relationshipsIn(this.tree(relsPartOf(part)), part, (name) => this.find(name));
  }

  /**
   * The name each part is referred to by, by key: the name an Override of the content types or a
   * relationship gives it (`xl/sharedStrings.xml` for a part stored as `xl\sharedstrings.xml`).
   * Readers that compare names exactly (openpyxl) find a part only under that name.
   */
  referencedNames(): Map<string, string> {
    const names = new Map<string, string>([[partKey(CONTENT_TYPES_PART), CONTENT_TYPES_PART]]);
    const types = this.tree(CONTENT_TYPES_PART);
    for (const el of types ? children(types.root, [CONTENT_TYPES_NS], 'Override') : []) {
      const name = resolveTarget('', attrOf(el.tag, 'PartName') ?? '');
      if (name) names.set(partKey(name), name);
    }
    for (const e of this.entries) {
      const key = partKey(e.name);
      if (!key.endsWith('.rels')) continue;
      // `xl/_rels/workbook.xml.rels` speaks for `xl/workbook.xml` (and is named after it), `_rels/.rels` for the package.
      const source = key.replace(/(^|\/)_rels\/([^/]*)\.rels$/, '$1$2');
      const sourceName = names.get(partKey(source));
      if (sourceName) names.set(key, relsPartOf(sourceName));
      for (const el of children(this.tree(e.name)!.root, [PACKAGE_RELS_NS], 'Relationship')) {
        if (attrOf(el.tag, 'TargetMode') === 'External') continue;
        const name = resolveTarget(folderOf(sourceName ?? source), attrOf(el.tag, 'Target') ?? '');
        if (name && !names.has(partKey(name))) names.set(partKey(name), name);
      }
    }
    return names;
  }

  /** The content type of a part: its Override, else the Default of its extension. */
  contentType(part: string): string | undefined {
    if (!this.types) {
      const tree = this.tree(CONTENT_TYPES_PART);
      if (!tree) throw new PackageError('missing', CONTENT_TYPES_PART);
      const defaults = new Map<string, string>();
      const overrides = new Map<string, string>();
      for (const el of tree.root.children) {
        if (el.tag.uri !== CONTENT_TYPES_NS) continue;
        const type = attrOf(el.tag, 'ContentType');
        if (type === undefined) continue;
        const ext = attrOf(el.tag, 'Extension');
        const name = attrOf(el.tag, 'PartName');
        if (el.tag.local === 'Default' && ext !== undefined) defaults.set(ext.toLowerCase(), type);
        if (el.tag.local === 'Override' && name !== undefined) overrides.set(partKey(resolveTarget('', name)), type);
      }
      this.types = { defaults, overrides };
    }
    const key = partKey(part);
    return this.types.overrides.get(key) ?? this.types.defaults.get(key.slice(key.lastIndexOf('.') + 1));
  }
}

/** The relationships a relationships part holds, their targets resolved from the folder of `part`. */
function relationshipsIn(tree: Tree | null, part: string, find: (name: string) => string | undefined): Relationship[] {
  if (!tree) return [];
  const folder = folderOf(part);
  const out: Relationship[] = [];
  for (const el of children(tree.root, [PACKAGE_RELS_NS], 'Relationship')) {
    const id = attrOf(el.tag, 'Id');
    const target = attrOf(el.tag, 'Target');
    if (id === undefined || target === undefined) continue;
    const external = attrOf(el.tag, 'TargetMode') === 'External';
    const resolved = external ? target : resolveTarget(folder, target);
    const stored = external ? undefined : find(resolved);
    out.push({ id, type: attrOf(el.tag, 'Type') ?? '', target: stored ?? resolved, external, exists: stored !== undefined });
  }
  return out;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A copy of a package being made: parts changed, added or left out; the rest as they were. */
export class PackageEdit {
  private readonly parts = new Map<string, string>();
  private readonly removed = new Set<string>();
  /** Stored or new names of the parts set, by key. */
  private readonly names = new Map<string, string>();

  constructor(readonly pkg: Package) {}

  /** A part's text as it now is, or null when there is none. */
  text(name: string): string | null {
    const key = partKey(name);
    if (this.removed.has(key)) return null;
    return this.parts.get(key) ?? this.pkg.text(name);
  }

  /** A part as it now is, parsed (once for each text it has); null when there is none. */
  tree(name: string): Tree | null {
    const key = partKey(name);
    if (this.removed.has(key)) return null;
    const text = this.parts.get(key);
    if (text === undefined) return this.pkg.tree(name);
    let tree = this.trees.get(key);
    if (!tree) this.trees.set(key, (tree = parsePart(name, text)));
    return tree;
  }

  /** The parts set, parsed, until they are set again. */
  private readonly trees = new Map<string, Tree>();

  /** The relationships of a part as they now are. */
  relationships(part: string): Relationship[] {
    return relationshipsIn(this.tree(relsPartOf(part)), part, (name) => (this.has(name) ? (this.names.get(partKey(name)) ?? this.pkg.find(name) ?? name) : undefined));
  }

  /** Sets a part's text (under its stored name when it exists). */
  set(name: string, text: string): void {
    const key = partKey(name);
    this.removed.delete(key);
    this.parts.set(key, text);
    this.trees.delete(key);
    if (!this.names.has(key)) this.names.set(key, this.pkg.find(name) ?? name);
  }

  has(name: string): boolean {
    const key = partKey(name);
    return !this.removed.has(key) && (this.parts.has(key) || this.pkg.find(name) !== undefined);
  }

  /** `prefix1.ext`, `prefix2.ext` …: the first name no part has. */
  freeName(prefix: string, ext: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}.${ext}`)) return `${prefix}${n}.${ext}`;
  }

  /** Leaves a part out of the copy, with the relationships to it from `from` and its Override. */
  remove(name: string, from: string): void {
    if (!this.has(name)) return;
    const key = partKey(name);
    this.removed.add(key);
    this.parts.delete(key);
    const relsPart = relsPartOf(from);
    const rels = this.tree(relsPart);
    if (rels) {
      const folder = folderOf(from);
      const edits = children(rels.root, [PACKAGE_RELS_NS], 'Relationship')
        .filter((el) => attrOf(el.tag, 'TargetMode') !== 'External' && partKey(resolveTarget(folder, attrOf(el.tag, 'Target') ?? '')) === key)
        .map((el) => ({ start: el.tag.start, end: el.end, text: '' }));
      if (edits.length > 0) this.set(relsPart, applyEdits(rels.xml, edits));
    }
    const types = this.tree(CONTENT_TYPES_PART);
    if (types) {
      const edits = children(types.root, [CONTENT_TYPES_NS], 'Override')
        .filter((el) => partKey(resolveTarget('', attrOf(el.tag, 'PartName') ?? '')) === key)
        .map((el) => ({ start: el.tag.start, end: el.end, text: '' }));
      if (edits.length > 0) this.set(CONTENT_TYPES_PART, applyEdits(types.xml, edits));
    }
  }

  /** Adds a relationship from a part to another; returns its id. */
  addRelationship(from: string, type: string, to: string): string {
    const relsPart = relsPartOf(from);
    let rels = this.tree(relsPart);
    if (!rels) {
      this.set(relsPart, `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELS_NS}"></Relationships>`);
      rels = this.tree(relsPart)!;
    }
    const ids = new Set(children(rels.root, [PACKAGE_RELS_NS], 'Relationship').map((el) => attrOf(el.tag, 'Id')));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const { name, decl } = elementName(rels.root.tag.scope, PACKAGE_RELS_NS, 'Relationship');
    const rel = `<${name}${decl} Id="rId${n}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(from, to))}"/>`;
    this.set(relsPart, applyEdits(rels.xml, [appendChildEdit(rels, rels.root, rel)]));
    return `rId${n}`;
  }

  /** Declares the content type of a new part (an Override), or of an extension (a Default) when it has none. */
  addContentType(kind: 'Override' | 'Default', key: string, type: string): void {
    const types = this.tree(CONTENT_TYPES_PART);
    if (!types) throw new PackageError('missing', CONTENT_TYPES_PART);
    const existing = children(types.root, [CONTENT_TYPES_NS], kind).find((el) =>
      kind === 'Override' ? partKey(resolveTarget('', attrOf(el.tag, 'PartName') ?? '')) === partKey(key) : (attrOf(el.tag, 'Extension') ?? '').toLowerCase() === key.toLowerCase(),
    );
    if (existing) return;
    const { name, decl } = elementName(types.root.tag.scope, CONTENT_TYPES_NS, kind);
    const attr = kind === 'Override' ? `PartName="/${escapeAttr(key)}"` : `Extension="${escapeAttr(key)}"`;
    this.set(CONTENT_TYPES_PART, applyEdits(types.xml, [appendChildEdit(types, types.root, `<${name}${decl} ${attr} ContentType="${escapeAttr(type)}"/>`)]));
  }

  /** Changes the content type an Override gives a part (a template's workbook saved as a workbook). */
  setContentType(part: string, type: string): void {
    const types = this.tree(CONTENT_TYPES_PART);
    if (!types) return;
    const el = children(types.root, [CONTENT_TYPES_NS], 'Override').find((o) => partKey(resolveTarget('', attrOf(o.tag, 'PartName') ?? '')) === partKey(part));
    if (!el) return this.addContentType('Override', part, type);
    const open = types.xml.slice(el.tag.start, el.tag.end);
    const changed = open.replace(/(\sContentType\s*=\s*)(["'])[^"']*\2/, `$1"${escapeAttr(type)}"`);
    this.set(CONTENT_TYPES_PART, applyEdits(types.xml, [{ start: el.tag.start, end: el.tag.end, text: changed }]));
  }

  /**
   * The package's bytes: parts not changed copied as stored, in their order; new parts last. Part
   * names are written the way every reader finds them: as they are referred to (`/` for `\`, the
   * case of the references, `[Content_Types].xml`).
   */
  toBuffer(): Buffer {
    const entries: ZipEntry[] = [];
    const written = new Set<string>();
    const referenced = this.pkg.referencedNames();
    const named = (name: string) => referenced.get(partKey(name)) ?? name.replace(/\\/g, '/').replace(/^\/+/, '');
    for (const e of this.pkg.entries) {
      const key = partKey(e.name);
      if (this.removed.has(key)) continue;
      const text = this.parts.get(key);
      entries.push(text === undefined ? { ...e, name: named(e.name) } : newEntry(named(e.name), text));
      written.add(key);
    }
    for (const [key, text] of this.parts) if (!written.has(key)) entries.push(newEntry(this.names.get(key)!, text));
    return writeZip(entries);
  }
}
