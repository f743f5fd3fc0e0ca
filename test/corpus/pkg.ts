// A package read by readers we did not write: the zip's central directory walked by hand (to see
// duplicate or odd entry names), the parts inflated by jszip. For the tests' own questions: which
// part holds a sheet, what a cell's XML says, which parts two packages share byte for byte.
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';

/** Entry names in the order of the central directory, as stored (duplicates and all); null when there is none to read. */
export function centralNames(bytes: Buffer): string[] | null {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  let count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  // zip64: the locator sits just before the end record and points at the zip64 end record.
  if ((count === 0xffff || at === 0xffffffff) && end >= 20 && bytes.readUInt32LE(end - 20) === 0x07064b50) {
    const z64 = Number(bytes.readBigUInt64LE(end - 20 + 8));
    if (z64 + 56 <= bytes.length && bytes.readUInt32LE(z64) === 0x06064b50) {
      count = Number(bytes.readBigUInt64LE(z64 + 32));
      at = Number(bytes.readBigUInt64LE(z64 + 48));
    }
  }
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return names;
    const n = bytes.readUInt16LE(at + 28);
    const flags = bytes.readUInt16LE(at + 8);
    names.push(bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + n));
    at += 46 + n + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return names;
}

/** A relationship's target as a part name, from the folder of its source part. */
export function resolvePart(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag)?.slice(1).find((v) => v !== undefined);

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export class Pkg {
  private constructor(
    readonly zip: JSZip,
    readonly names: string[],
  ) {}

  static async open(path: string): Promise<Pkg | null> {
    const bytes = readFileSync(path);
    try {
      const zip = await JSZip.loadAsync(bytes);
      return new Pkg(zip, centralNames(bytes) ?? Object.keys(zip.files));
    } catch {
      return null;
    }
  }

  /** Part names (no folders), without a leading slash. */
  parts(): string[] {
    return Object.values(this.zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
  }

  async bytes(name: string): Promise<Buffer | null> {
    const file = this.zip.file(name) ?? this.zip.file(`/${name}`);
    if (!file) return null;
    try {
      return await file.async('nodebuffer');
    } catch {
      return null;
    }
  }

  async text(name: string): Promise<string | null> {
    const b = await this.bytes(name);
    return b === null ? null : b.toString('utf8');
  }

  async rels(part: string): Promise<Relationship[]> {
    const xml = (await this.text(part === '' ? '_rels/.rels' : relsOf(part))) ?? '';
    return Array.from(xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g), (m) => {
      const external = attr(m[0], 'TargetMode') === 'External';
      const target = attr(m[0], 'Target') ?? '';
      return { id: attr(m[0], 'Id') ?? '', type: attr(m[0], 'Type') ?? '', target: external ? target : resolvePart(folderOf(part), target), external };
    });
  }

  /** The workbook part (`xl/workbook.xml`). */
  async workbookPart(): Promise<string> {
    return (await this.rels('')).find((r) => /\/officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  }

  /** Every sheet the workbook lists, in order: name, part and relationship type (worksheet, chartsheet, macrosheet …). */
  async sheets(): Promise<{ name: string; part: string; type: string }[]> {
    const main = await this.workbookPart();
    const xml = (await this.text(main)) ?? '';
    const rels = await this.rels(main);
    return Array.from(xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g), (m) => {
      const id = attr(m[0], '(?:\\w+:)?id') ?? '';
      const rel = rels.find((r) => r.id === id);
      return { name: decode(attr(m[0], 'name') ?? ''), part: rel?.target ?? '', type: rel?.type.replace(/.*\//, '') ?? '' };
    });
  }

  /** The XML of one cell (`<c r="A1" …>…</c>`), or null. */
  async cellXml(sheet: string, address: string): Promise<string | null> {
    const part = (await this.sheets()).find((s) => s.name === sheet)?.part;
    const xml = part ? await this.text(part) : null;
    if (!xml) return null;
    const m = new RegExp(`<(\\w+:)?c\\b[^>]*\\sr="${address}"[^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?c>)`).exec(xml);
    return m ? m[0] : null;
  }

  async sheetXml(sheet: string): Promise<string | null> {
    const part = (await this.sheets()).find((s) => s.name === sheet)?.part;
    return part ? this.text(part) : null;
  }
}

export function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e in named) return named[e]!;
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}
