// Mutants of the project's fixtures, each from a seed and an index alone (the same pair gives the
// same bytes on every machine), at three levels: the zip (truncation, flipped bytes in the central
// directory, a local header or compressed data, duplicated or dropped entries, entry names in
// another case or with backslashes, zip64, stored entries), the XML (elements dropped, duplicated,
// swapped or cut, comments, CDATA and processing instructions inserted, a namespace prefix, huge
// row and column numbers, shared-string indices out of range, t="d" / "e" / "b" cells) and the
// content (numbers changed, cells emptied, header words swapped).
import { readEntries, writeZip, type Entry } from './zip.js';

export type Rng = () => number;

/** A seeded generator (mulberry32) for mutant `index` of run `seed`. */
export function rngFor(seed: number, index: number): Rng {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

export interface Base {
  name: string;
  entries: Entry[];
}

export function baseOf(name: string, bytes: Buffer): Base {
  return { name, entries: readEntries(bytes) };
}

export interface Mutant {
  index: number;
  base: string;
  level: 'zip' | 'xml' | 'content';
  mutator: string;
  /** What exactly was done, for a developer reading a failure. */
  detail: string;
  bytes: Buffer;
}

type Result = { bytes: Buffer; detail: string } | null;

// ---- the zip ----

function flip(rng: Rng, bytes: Buffer, start: number, end: number): Result {
  if (end <= start) return null;
  const out = Buffer.from(bytes);
  const at: string[] = [];
  for (let k = int(rng, 1, 3); k > 0; k--) {
    const i = int(rng, start, end - 1);
    const x = int(rng, 1, 255);
    out[i] = out[i]! ^ x;
    at.push(`${i}^0x${x.toString(16)}`);
  }
  return { bytes: out, detail: `bytes ${at.join(', ')}` };
}

const ZIP_MUTATORS: Record<string, (rng: Rng, entries: Entry[]) => Result> = {
  truncate: (rng, entries) => {
    const bytes = writeZip(entries).bytes;
    const at = int(rng, 0, bytes.length - 1);
    return { bytes: bytes.subarray(0, at), detail: `cut at ${at} of ${bytes.length}` };
  },
  'flip-central-directory': (rng, entries) => {
    const w = writeZip(entries);
    return flip(rng, w.bytes, w.central.start, w.central.end);
  },
  'flip-local-header': (rng, entries) => {
    const w = writeZip(entries);
    const e = pick(rng, w.entries);
    const r = flip(rng, w.bytes, e.local, e.dataStart);
    return r && { ...r, detail: `${e.name}: ${r.detail}` };
  },
  'flip-compressed-data': (rng, entries) => {
    const w = writeZip(entries);
    const e = pick(rng, w.entries);
    const r = flip(rng, w.bytes, e.dataStart, e.dataEnd);
    return r && { ...r, detail: `${e.name}: ${r.detail}` };
  },
  'duplicate-entry': (rng, entries) => {
    const i = int(rng, 0, entries.length - 1);
    const e = entries[i]!;
    const how = pick(rng, ['same', 'empty', 'garbage', 'another part'] as const);
    const data = how === 'same' ? e.data : how === 'empty' ? Buffer.alloc(0) : how === 'garbage' ? Buffer.from(Array.from({ length: 64 }, () => int(rng, 0, 255))) : pick(rng, entries).data;
    const before = rng() < 0.5;
    const copy = [...entries];
    copy.splice(before ? i : i + 1, 0, { name: e.name, data });
    return { bytes: writeZip(copy).bytes, detail: `${e.name} twice, the ${before ? 'first' : 'second'} ${how}` };
  },
  'drop-entry': (rng, entries) => {
    const i = int(rng, 0, entries.length - 1);
    return { bytes: writeZip(entries.filter((_, k) => k !== i)).bytes, detail: `${entries[i]!.name} dropped` };
  },
  'rename-case': (rng, entries) => {
    const i = int(rng, 0, entries.length - 1);
    const e = entries[i]!;
    const name = pick(rng, [e.name.toUpperCase(), e.name.replace(/(^|\/)(\w)/g, (_m, s: string, c: string) => s + c.toUpperCase()), e.name.replace(/[a-z]+\.xml$/, (m) => m.toUpperCase())]);
    if (name === e.name) return null;
    return { bytes: writeZip(entries.map((x, k) => (k === i ? { ...x, name } : x))).bytes, detail: `${e.name} → ${name}` };
  },
  'rename-slashes': (rng, entries) => {
    const i = int(rng, 0, entries.length - 1);
    const e = entries[i]!;
    const name = rng() < 0.5 ? e.name.replace(/\//g, '\\') : `/${e.name}`;
    if (name === e.name) return null;
    return { bytes: writeZip(entries.map((x, k) => (k === i ? { ...x, name } : x))).bytes, detail: `${e.name} → ${name}` };
  },
  zip64: (_rng, entries) => ({ bytes: writeZip(entries, { zip64: true }).bytes, detail: 'every entry with zip64 sizes and offsets, a zip64 end record' }),
  stored: (_rng, entries) => ({ bytes: writeZip(entries, { method: 0 }).bytes, detail: 'every entry stored, not deflated' }),
};

// ---- the XML ----

interface Element {
  name: string;
  start: number;
  end: number;
  parent: number;
}

/** Every element of a part, with its extent and parent (the fixtures' parts hold no comments or CDATA). */
function elements(xml: string): Element[] {
  const out: Element[] = [];
  const stack: number[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) {
      const i = stack.pop();
      if (i !== undefined) out[i]!.end = m.index! + m[0].length;
      continue;
    }
    const el: Element = { name: m[2]!, start: m.index!, end: m.index! + m[0].length, parent: stack[stack.length - 1] ?? -1 };
    out.push(el);
    if (!m[3]) stack.push(out.length - 1);
  }
  return out;
}

/** Positions just after a tag ends: where markup may be inserted. */
function boundaries(xml: string): number[] {
  const out: number[] = [];
  const body = xml.indexOf('>', xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0) + 1;
  for (let i = xml.indexOf('>', body); i >= 0 && i < xml.length - 1; i = xml.indexOf('>', i + 1)) out.push(i + 1);
  return out;
}

const HUGE_ROWS = ['1048576', '1048577', '2000000', '99999999', '2147483648', '0', '-1', '1e3'];
const HUGE_COLS = ['XFD', 'XFE', 'ZZZ', 'AAAA'];

type XmlMutator = (rng: Rng, xml: string, part: string, entries: Entry[]) => { xml: string; detail: string } | null;

const XML_MUTATORS: Record<string, XmlMutator> = {
  'drop-element': (rng, xml) => {
    const els = elements(xml).slice(1);
    if (els.length === 0) return null;
    const e = pick(rng, els);
    return { xml: xml.slice(0, e.start) + xml.slice(e.end), detail: `<${e.name}> at ${e.start} dropped` };
  },
  'duplicate-element': (rng, xml) => {
    const els = elements(xml).slice(1);
    if (els.length === 0) return null;
    const e = pick(rng, els);
    return { xml: xml.slice(0, e.end) + xml.slice(e.start, e.end) + xml.slice(e.end), detail: `<${e.name}> at ${e.start} duplicated` };
  },
  'swap-siblings': (rng, xml) => {
    const els = elements(xml);
    const parents = [...new Set(els.map((e) => e.parent))].filter((p) => els.filter((e) => e.parent === p).length >= 2);
    if (parents.length === 0) return null;
    const parent = pick(rng, parents);
    const kids = els.filter((e) => e.parent === parent);
    const i = int(rng, 0, kids.length - 2);
    const [a, b] = [kids[i]!, kids[int(rng, i + 1, kids.length - 1)]!];
    return { xml: xml.slice(0, a.start) + xml.slice(b.start, b.end) + xml.slice(a.end, b.start) + xml.slice(a.start, a.end) + xml.slice(b.end), detail: `<${a.name}> at ${a.start} and <${b.name}> at ${b.start} swapped` };
  },
  'cut-mid-element': (rng, xml) => {
    const els = elements(xml).slice(1);
    if (els.length === 0) return null;
    const e = pick(rng, els);
    const at = int(rng, e.start + 1, e.end - 1);
    return { xml: xml.slice(0, at), detail: `cut at ${at}, inside <${e.name}>` };
  },
  'insert-comment': (rng, xml) => {
    const at = pick(rng, boundaries(xml));
    const text = pick(rng, ['<!-- 注释 -->', '<!-- <row r="20"><c r="G20"><v>99</v></c></row> -->', '<!-- <c r="H20"><v>0</v></c> -->', '<!-- > -->', '<!---->']);
    return { xml: xml.slice(0, at) + text + xml.slice(at), detail: `${text} at ${at}` };
  },
  'insert-cdata': (rng, xml) => {
    const texts = [...xml.matchAll(/<((?:\w+:)?(?:t|v))(\s[^>]*)?>([^<]*)<\/\1>/g)];
    if (texts.length === 0) return null;
    const m = pick(rng, texts);
    const open = m[0].slice(0, m[0].indexOf('>') + 1);
    const replaced = `${open}<![CDATA[${m[3]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')}]]></${m[1]}>`;
    return { xml: xml.slice(0, m.index!) + replaced + xml.slice(m.index! + m[0].length), detail: `${m[0].slice(0, 60)} → CDATA` };
  },
  'insert-processing-instruction': (rng, xml) => {
    const at = pick(rng, boundaries(xml));
    return { xml: `${xml.slice(0, at)}<?perf-score fuzz="1"?>${xml.slice(at)}`, detail: `<?perf-score?> at ${at}` };
  },
  'namespace-prefix': (_rng, xml) => {
    const m = /<([A-Za-z_][\w.-]*)\s[^>]*\sxmlns="([^"]*)"/.exec(xml) ?? /<([A-Za-z_][\w.-]*)\s+xmlns="([^"]*)"/.exec(xml);
    if (!m) return null;
    const out = xml
      .replace(/\sxmlns="([^"]*)"/, ' xmlns:x="$1"')
      .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, (all, slash: string, name: string) => (name.includes(':') ? all : `<${slash}x:${name}`));
    return { xml: out, detail: 'the default namespace written as prefix x:' };
  },
  'huge-row-or-column': (rng, xml, part) => {
    if (!/worksheets\//.test(part)) return null;
    const kind = pick(rng, ['row', 'cell-row', 'cell-column', 'dimension', 'merge'] as const);
    if (kind === 'row') {
      const rows = [...xml.matchAll(/<row\b[^>]*?\sr="(\d+)"/g)];
      if (rows.length === 0) return null;
      const m = pick(rng, rows);
      const v = pick(rng, HUGE_ROWS);
      const s = m[0].replace(/\sr="\d+"/, ` r="${v}"`);
      return { xml: xml.slice(0, m.index!) + s + xml.slice(m.index! + m[0].length), detail: `<row r="${m[1]}"> → r="${v}"` };
    }
    if (kind === 'dimension' || kind === 'merge') {
      const v = kind === 'dimension' ? pick(rng, ['A1:XFD1048576', 'A1:J99999999', 'A1']) : pick(rng, ['K1:K1048576', 'A60:XFD60', 'A1048576:B1048576', 'L3:M2']);
      if (kind === 'dimension') return /<dimension\b[^>]*>/.test(xml) ? { xml: xml.replace(/<dimension\b[^>]*>/, `<dimension ref="${v}"/>`), detail: `dimension → ${v}` } : null;
      const at = xml.includes('<mergeCells') ? xml.indexOf('>', xml.indexOf('<mergeCells')) + 1 : -1;
      if (at <= 0) return null;
      return { xml: `${xml.slice(0, at)}<mergeCell ref="${v}"/>${xml.slice(at)}`, detail: `merge ${v} added` };
    }
    const cells = [...xml.matchAll(/<c\b[^>]*?\sr="([A-Z]+)(\d+)"/g)];
    if (cells.length === 0) return null;
    const m = pick(rng, cells);
    const ref = kind === 'cell-row' ? `${m[1]}${pick(rng, HUGE_ROWS)}` : `${pick(rng, HUGE_COLS)}${m[2]}`;
    const s = m[0].replace(/\sr="[A-Z]+\d+"/, ` r="${ref}"`);
    return { xml: xml.slice(0, m.index!) + s + xml.slice(m.index! + m[0].length), detail: `cell ${m[1]}${m[2]} → ${ref}` };
  },
  'shared-string-index': (rng, xml, part, entries) => {
    if (!/worksheets\//.test(part)) return null;
    const cells = [...xml.matchAll(/<c\b[^>]*\st="s"[^>]*><v>(\d+)<\/v><\/c>/g)];
    if (cells.length === 0) return null;
    const count = (entries.find((e) => /sharedStrings/.test(e.name))?.data.toString('utf8').match(/<si\b/g) ?? []).length;
    const v = pick(rng, [String(count), String(count + 7), '2147483648', '-1', '1000000000', 'abc', '1.5', '']);
    const m = pick(rng, cells);
    const s = m[0].replace(/<v>\d+<\/v>/, `<v>${v}</v>`);
    return { xml: xml.slice(0, m.index!) + s + xml.slice(m.index! + m[0].length), detail: `shared-string index ${m[1]} → ${JSON.stringify(v)} (${count} strings)` };
  },
  'cell-type': (rng, xml, part) => {
    if (!/worksheets\//.test(part)) return null;
    const cells = [...xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)];
    if (cells.length === 0) return null;
    const m = pick(rng, cells);
    const t = pick(rng, ['d', 'e', 'b'] as const);
    const v = pick(rng, { d: ['2022-12-31T00:00:00Z', '2022-12-31', '2022-13-45', 'garbage', ''], e: ['#N/A', '#DIV/0!', '#VALUE!', '#NUM!', '#NULL!'], b: ['1', '0', '2', 'true', ''] }[t]);
    const attrs = m[1]!.replace(/\st="[^"]*"/, '');
    const s = `<c${attrs} t="${t}"><v>${v}</v></c>`;
    return { xml: xml.slice(0, m.index!) + s + xml.slice(m.index! + m[0].length), detail: `${/r="([^"]*)"/.exec(attrs)?.[1] ?? 'a cell'} → t="${t}" ${JSON.stringify(v)}` };
  },
};

// ---- the content ----

const HEADER_WORDS = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '实际完成\n值', '分值', '分\n值', '得分', '偏差度', '偏差原因分析及改进措施', '指标值', '权重', '自评得分', '总分', '合计'];

const CONTENT_MUTATORS: Record<string, XmlMutator> = {
  'change-number': (rng, xml, part) => {
    if (!/worksheets\//.test(part)) return null;
    const cells = [...xml.matchAll(/<c\b(?![^>]*\st="(?:s|str|inlineStr|e|b)")[^>]*><v>([^<]*)<\/v><\/c>/g)];
    if (cells.length === 0) return null;
    const m = pick(rng, cells);
    const v = pick(rng, ['0', '-1', '-0', '1e308', '-1e308', '1e-320', '1e400', 'NaN', 'Infinity', '0.1', '99999999999999999999999', ' 5 ', '0x10', '1,5', '']);
    const s = m[0].replace(/<v>[^<]*<\/v>/, `<v>${v}</v>`);
    return { xml: xml.slice(0, m.index!) + s + xml.slice(m.index! + m[0].length), detail: `${/r="([^"]*)"/.exec(m[0])?.[1]}: ${m[1]} → ${JSON.stringify(v)}` };
  },
  'empty-cell': (rng, xml, part) => {
    if (!/worksheets\//.test(part)) return null;
    const cells = [...xml.matchAll(/<c\b([^>]*)>([\s\S]*?)<\/c>/g)];
    if (cells.length === 0) return null;
    const m = pick(rng, cells);
    const attrs = m[1]!.replace(/\st="[^"]*"/, '');
    return { xml: xml.slice(0, m.index!) + `<c${attrs}/>` + xml.slice(m.index! + m[0].length), detail: `${/r="([^"]*)"/.exec(attrs)?.[1]} emptied` };
  },
  'swap-header-words': (rng, xml, part) => {
    if (!/sharedStrings/.test(part)) return null;
    const items = [...xml.matchAll(/<si>(?:<t[^>]*>([^<]*)<\/t>)<\/si>/g)].filter((m) => HEADER_WORDS.includes(m[1]!));
    if (items.length === 0) return null;
    const a = pick(rng, items);
    if (items.length >= 2 && rng() < 0.5) {
      const b = pick(rng, items.filter((x) => x !== a));
      const [first, second] = a.index! < b.index! ? [a, b] : [b, a];
      const out = xml.slice(0, first.index!) + second[0] + xml.slice(first.index! + first[0].length, second.index!) + first[0] + xml.slice(second.index! + second[0].length);
      return { xml: out, detail: `header words ${JSON.stringify(first[1])} and ${JSON.stringify(second[1])} swapped` };
    }
    const word = pick(rng, [...HEADER_WORDS, '得 分', '三级 指标', '']);
    return { xml: xml.slice(0, a.index!) + `<si><t>${word}</t></si>` + xml.slice(a.index! + a[0].length), detail: `header word ${JSON.stringify(a[1])} → ${JSON.stringify(word)}` };
  },
};

export const MUTATORS = { zip: Object.keys(ZIP_MUTATORS), xml: Object.keys(XML_MUTATORS), content: Object.keys(CONTENT_MUTATORS) };

/** Which part an XML or content mutation edits: mostly worksheets, then shared strings and the others. */
function pickPart(rng: Rng, entries: Entry[], mutator: string): Entry | null {
  const xmlParts = entries.filter((e) => /\.(xml|rels)$/.test(e.name));
  const sheets = xmlParts.filter((e) => /worksheets\/[^/]+\.xml$/.test(e.name));
  if (mutator === 'swap-header-words') return entries.find((e) => /sharedStrings/.test(e.name)) ?? null;
  if (['huge-row-or-column', 'shared-string-index', 'cell-type', 'change-number', 'empty-cell'].includes(mutator)) return sheets.length ? pick(rng, sheets) : null;
  const r = rng();
  if (r < 0.6 && sheets.length) return pick(rng, sheets);
  if (r < 0.75) return entries.find((e) => /sharedStrings/.test(e.name)) ?? pick(rng, xmlParts);
  return pick(rng, xmlParts);
}

/** Mutant `index` of run `seed`: a base fixture, a level, a mutator, applied; retried with the next draw when a mutator does not apply. */
export function mutant(seed: number, index: number, bases: Base[]): Mutant {
  const rng = rngFor(seed, index);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = pick(rng, bases);
    const r = rng();
    const level: Mutant['level'] = r < 0.35 ? 'zip' : r < 0.8 ? 'xml' : 'content';
    const mutator = pick(rng, MUTATORS[level]);
    if (level === 'zip') {
      const out = ZIP_MUTATORS[mutator]!(rng, base.entries);
      if (out) return { index, base: base.name, level, mutator, detail: out.detail, bytes: out.bytes };
      continue;
    }
    const part = pickPart(rng, base.entries, mutator);
    if (!part) continue;
    const fn = (level === 'xml' ? XML_MUTATORS : CONTENT_MUTATORS)[mutator]!;
    const out = fn(rng, part.data.toString('utf8'), part.name, base.entries);
    if (!out) continue;
    const entries = base.entries.map((e) => (e === part ? { name: e.name, data: Buffer.from(out.xml, 'utf8') } : e));
    return { index, base: base.name, level, mutator, detail: `${part.name}: ${out.detail}`, bytes: writeZip(entries).bytes };
  }
  throw new Error(`no mutation applies to mutant ${index} of seed ${seed}`);
}
