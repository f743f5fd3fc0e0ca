// The xlsx package (a zip of XML parts): read once, each part inflated at most once (Package), and a
// copy of it made with some parts changed or added (PackageEdit), the rest copied as stored.
import { entryText, newEntry, readZip, writeZip, type ZipEntry } from './zip.js';

/** A package read once: its files as stored, and the text of a part inflated at most once. */
export class Package {
  readonly zip: Map<string, ZipEntry>;
  private readonly texts = new Map<string, string>();

  /** Throws ZipError when the bytes are not a readable zip. */
  constructor(bytes: Buffer) {
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

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A content type of the package's `[Content_Types].xml`. */
export const CONTENT_TYPES = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
} as const;

const REL_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The folder of a part, with its slash: `xl/` for `xl/workbook.xml`, `` for `[Content_Types].xml`. */
export function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

/** The relationships part of a part: `xl/worksheets/_rels/sheet1.xml.rels` for `xl/worksheets/sheet1.xml`. */
export function relsPartOf(part: string): string {
  const folder = folderOf(part);
  return `${folder}_rels/${part.slice(folder.length)}.rels`;
}

/** A target of a relationship from one part to another, relative to the first one's folder. */
function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** A copy of a package being made: parts changed or added, the rest as they were. */
export class PackageEdit {
  private readonly parts = new Map<string, string>();
  private readonly removed = new Set<string>();

  constructor(readonly pkg: Package) {}

  /** Leaves a part out of the copy, with the relationship to it from `from` and its content type. */
  remove(name: string, from: string): void {
    if (!this.has(name)) return;
    this.removed.add(name);
    const relsPart = relsPartOf(from);
    const rels = this.text(relsPart);
    const target = new RegExp(`\\bTarget="/?(${escapeRe(relativeTarget(from, name))}|${escapeRe(name)})"`);
    if (rels !== null) this.set(relsPart, rels.replace(/<Relationship\b[^>]*\/>/g, (rel) => (target.test(rel) ? '' : rel)));
    const types = this.text('[Content_Types].xml');
    if (types !== null) this.set('[Content_Types].xml', types.replace(new RegExp(`<Override\\b[^>]*\\bPartName="/${escapeRe(name)}"[^>]*/>`), ''));
  }

  /** A part's text as it now is, or null when there is none. */
  text(name: string): string | null {
    return this.parts.get(name) ?? this.pkg.text(name);
  }

  set(name: string, text: string): void {
    this.parts.set(name, text);
  }

  has(name: string): boolean {
    return !this.removed.has(name) && (this.parts.has(name) || this.pkg.zip.has(name));
  }

  /** `prefix1.ext`, `prefix2.ext` …: the first name no part has. */
  freeName(prefix: string, ext: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}.${ext}`)) return `${prefix}${n}.${ext}`;
  }

  /** Adds a relationship from a part to another; returns its id. */
  addRelationship(from: string, type: string, to: string): string {
    const relsPart = relsPartOf(from);
    const rels = this.text(relsPart) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const ids = new Set(Array.from(rels.matchAll(/\bId="([^"]*)"/g), (m) => m[1]));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const rel = `<Relationship Id="rId${n}" Type="${REL_BASE}/${type}" Target="${relativeTarget(from, to)}"/>`;
    this.set(relsPart, rels.replace(/<Relationships\b([^>]*?)\/>/, '<Relationships$1></Relationships>').replace('</Relationships>', `${rel}</Relationships>`));
    return `rId${n}`;
  }

  /** Declares the content type of a new part, or of an extension. */
  addContentType(kind: 'Override' | 'Default', key: string, type: string): void {
    const name = '[Content_Types].xml';
    const types = this.text(name) ?? '';
    const attr = kind === 'Override' ? `PartName="/${key}"` : `Extension="${key}"`;
    if (types.includes(attr)) return;
    this.set(name, types.replace('</Types>', `<${kind} ${attr} ContentType="${type}"/></Types>`));
  }

  /** The package's bytes: parts not changed are copied as stored. */
  toBuffer(): Buffer {
    const kept = [...this.pkg.zip.values()].filter((e) => !this.removed.has(e.name));
    const entries = kept.map((e) => (this.parts.has(e.name) ? newEntry(e.name, this.parts.get(e.name)!) : e));
    for (const [name, text] of this.parts) if (!this.pkg.zip.has(name)) entries.push(newEntry(name, text));
    return writeZip(entries);
  }
}
