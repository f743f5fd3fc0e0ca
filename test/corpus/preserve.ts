// What a scored copy must keep of its input, said precisely when it does not:
// - by openpyxl (python/dump_workbook.py): every original cell value (formula or literal), cached
//   value and number format, comment (text and author; ours may be added to the text), merge, data
//   validation, conditional format, defined name (a print area may grow to cover added columns; a
//   sheet without print titles may get its table's header rows as print titles), sheet and chart sheet;
// - by zip part (jszip): every part we had no reason to change, byte-identical once inflated. Those
//   we may change: the sheets holding tables, with their relationships, comments and VML drawings;
//   the workbook part and its relationships; [Content_Types].xml; the styles; calcChain.xml (removed).
//   A part we may change must still carry every relationship and content type it had.
import { Pkg, relsOf, type Relationship } from './pkg.js';

type Value = [string, unknown] | null;

export interface SheetDump {
  title: string;
  state: string;
  cells: Record<string, [Value, string, Value]>;
  comments: Record<string, [string, string]>;
  merges: string[];
  dv: Record<string, unknown>[];
  cf: { sqref: string; rules: Record<string, unknown>[] }[];
  print_area: string | null;
  print_title_rows: string | null;
  print_title_cols: string | null;
}

export interface WorkbookDump {
  load: string | null;
  /** When the copy loads only once undeclared namespace prefixes are declared: what was repaired to look further. */
  repaired?: string;
  testzip: string | null;
  malformed: { part: string; error: string }[];
  sheets?: SheetDump[];
  chartsheets?: string[];
  sheetnames?: string[];
  names?: { name: string; value: string; localSheetId: number | null; hidden: boolean | null }[];
}

const show = (v: unknown) => JSON.stringify(v);
const canon = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

/** `$A$1:$J$46` → rows and columns, for "the copy's print area covers the original's". */
function area(ref: string): { r1: number; c1: number; r2: number; c2: number }[] {
  return ref.split(/[ ,]+/).flatMap((part) => {
    const m = /^(?:.*!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(part.trim());
    if (!m) return [];
    const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return [{ r1: Number(m[2]), c1: col(m[1]!), r2: Number(m[4] ?? m[2]), c2: col(m[3] ?? m[1]!) }];
  });
}

function covers(outer: string, inner: string): boolean {
  const o = area(outer);
  return area(inner).every((i) => o.some((x) => x.r1 <= i.r1 && x.c1 <= i.c1 && x.r2 >= i.r2 && x.c2 >= i.c2));
}

/** What the copy lost or changed of the original, as openpyxl reads both; [] when nothing. */
export function compareDumps(orig: WorkbookDump, copy: WorkbookDump): string[] {
  const lost: string[] = [];
  if (orig.load !== null) return [`the original itself does not load in openpyxl: ${orig.load}`];
  // A copy openpyxl loads only once repaired is compared all the same (its load failure is its own check).
  if (copy.load !== null && !copy.sheets) return [`the copy does not load in openpyxl: ${copy.load}`];
  const copySheets = new Map((copy.sheets ?? []).map((s) => [s.title, s]));
  const order = (copy.sheetnames ?? []).filter((n) => (orig.sheetnames ?? []).includes(n));
  if (order.join('\n') !== (orig.sheetnames ?? []).filter((n) => order.includes(n)).join('\n')) lost.push(`sheet order changed: ${show(orig.sheetnames)} → ${show(copy.sheetnames)}`);
  for (const c of orig.chartsheets ?? []) if (!(copy.chartsheets ?? []).includes(c)) lost.push(`chart sheet “${c}” lost`);
  for (const o of orig.sheets ?? []) {
    const c = copySheets.get(o.title);
    if (!c) {
      lost.push(`sheet “${o.title}” lost`);
      continue;
    }
    const at = (cell: string) => `${o.title}!${cell}`;
    if (o.state !== c.state) lost.push(`${o.title}: sheet state ${o.state} → ${c.state}`);
    // Cell losses are grouped by what was lost, with the first cell's before and after.
    const cellLosses = new Map<string, string[]>();
    const lose = (what: string, cell: string, detail: string) => {
      const list = cellLosses.get(what) ?? [];
      list.push(list.length === 0 ? `${cell} ${detail}` : cell);
      cellLosses.set(what, list);
    };
    for (const [cell, [value, format, cached]] of Object.entries(o.cells)) {
      const got = c.cells[cell];
      if (!got) {
        lose('value lost', cell, show(value));
        continue;
      }
      if (canon(got[0]) !== canon(value)) lose('value overwritten', cell, `${show(value)} → ${show(got[0])}`);
      if (got[1] !== format) lose('number format changed', cell, `${show(format)} → ${show(got[1])}`);
      if (cached !== null && canon(got[2]) !== canon(cached) && canon(got[0]) === canon(value)) lose('cached value changed', cell, `${show(cached)} → ${show(got[2])}`);
    }
    for (const [what, list] of cellLosses) lost.push(`${o.title}: ${what} in ${list.length} cell(s): ${list.length > 6 ? [...list.slice(0, 3), '…', list[list.length - 1]].join(', ') : list.join(', ')}`);
    for (const [cell, [text, author]] of Object.entries(o.comments)) {
      const got = c.comments[cell];
      if (!got) lost.push(`${at(cell)}: comment by ${show(author)} lost (${show(text.slice(0, 40))})`);
      else {
        if (!got[0].includes(text)) lost.push(`${at(cell)}: comment text ${show(text.slice(0, 60))} → ${show(got[0].slice(0, 120))}`);
        if (got[1] !== author) lost.push(`${at(cell)}: comment author ${show(author)} → ${show(got[1])}`);
      }
    }
    for (const m of o.merges) if (!c.merges.includes(m)) lost.push(`${o.title}: merge ${m} lost`);
    const dvs = new Set(c.dv.map(canon));
    for (const dv of o.dv) if (!dvs.has(canon(dv))) lost.push(`${o.title}: data validation ${show(dv.sqref)} (${show(dv.type)} ${show(dv.formula1)}) lost or changed`);
    const cfs = new Set(c.cf.map(canon));
    for (const cf of o.cf) if (!cfs.has(canon(cf))) lost.push(`${o.title}: conditional format ${show(cf.sqref)} (${cf.rules.map((r) => r.type).join(', ')}) lost or changed`);
    if (o.print_area && !(c.print_area && covers(c.print_area, o.print_area))) lost.push(`${o.title}: print area ${o.print_area} → ${c.print_area}`);
    // A sheet that had none may get print titles (its table's header rows); one that had them keeps them.
    if (o.print_title_rows && o.print_title_rows !== c.print_title_rows) lost.push(`${o.title}: print title rows ${o.print_title_rows} → ${c.print_title_rows}`);
    if (o.print_title_cols !== c.print_title_cols) lost.push(`${o.title}: print title columns ${o.print_title_cols} → ${c.print_title_cols}`);
  }
  const names = new Set((copy.names ?? []).map((n) => canon([n.name, n.localSheetId, n.value])));
  for (const n of orig.names ?? []) if (!names.has(canon([n.name, n.localSheetId, n.value]))) lost.push(`defined name ${n.name}${n.localSheetId === null ? '' : ` (sheet ${n.localSheetId})`} = ${n.value} lost or changed`);
  return lost;
}

const same = (a: Relationship, b: Relationship) => a.type === b.type && a.target === b.target && a.external === b.external;

/** What the copy lost or changed of the original, zip part by zip part; `added` lists parts the copy has and the original has not. */
export async function compareParts(origPath: string, copyPath: string, tableSheets: string[]): Promise<{ lost: string[]; added: string[] }> {
  const orig = await Pkg.open(origPath);
  const copy = await Pkg.open(copyPath);
  if (!orig) return { lost: ['the original is not a zip jszip reads'], added: [] };
  if (!copy) return { lost: ['the copy is not a zip jszip reads'], added: [] };
  const lost: string[] = [];
  const main = await orig.workbookPart();
  const mainRels = await orig.rels(main);
  const sheets = await orig.sheets();
  const mayChange = new Set<string>([main, relsOf(main), '[Content_Types].xml', 'xl/calcChain.xml']);
  for (const r of mainRels) if (/\/(styles|calcChain)$/.test(r.type)) mayChange.add(r.target);
  for (const pkg of [orig, copy]) {
    for (const s of await pkg.sheets()) {
      if (!tableSheets.includes(s.name)) continue;
      mayChange.add(s.part);
      mayChange.add(relsOf(s.part));
      for (const r of await pkg.rels(s.part)) if (/\/(comments|vmlDrawing)$/.test(r.type)) mayChange.add(r.target);
    }
  }
  const copyParts = new Set(copy.parts());
  for (const part of orig.parts()) {
    const a = await orig.bytes(part);
    if (!copyParts.has(part)) {
      if (!/calcChain\.xml$/.test(part)) lost.push(`part ${part} missing`);
      continue;
    }
    if (mayChange.has(part)) continue;
    const b = await copy.bytes(part);
    if (a === null || b === null || !a.equals(b)) lost.push(`part ${part} changed${a && b ? ` (${a.length} → ${b.length} bytes)` : ''}`);
  }
  // Parts we may rewrite keep every relationship and content type they had.
  for (const source of ['', main, ...sheets.filter((s) => tableSheets.includes(s.name)).map((s) => s.part)]) {
    const before = await orig.rels(source);
    const after = await copy.rels(source);
    for (const r of before) {
      if (/\/calcChain$/.test(r.type)) continue;
      if (!after.some((x) => same(x, r))) lost.push(`relationship of ${source || 'the package'} lost: ${r.type.replace(/.*\//, '')} → ${r.target}`);
    }
  }
  const types = (xml: string | null) => {
    const map = new Map<string, string>();
    for (const m of (xml ?? '').matchAll(/<(Override|Default)\b[^>]*>/g)) {
      const key = m[1] === 'Override' ? /PartName="([^"]*)"/.exec(m[0])?.[1] : /Extension="([^"]*)"/.exec(m[0])?.[1]?.toLowerCase();
      map.set(`${m[1]} ${key}`, /ContentType="([^"]*)"/.exec(m[0])?.[1] ?? '');
    }
    return map;
  };
  const afterTypes = types(await copy.text('[Content_Types].xml'));
  for (const [key, type] of types(await orig.text('[Content_Types].xml'))) {
    if (/calcChain/.test(key)) continue;
    if (afterTypes.get(key) !== type) lost.push(`content type of ${key} lost or changed: ${type} → ${afterTypes.get(key) ?? 'none'}`);
  }
  const origParts = new Set(orig.parts());
  const added = copy.parts().filter((p) => !origParts.has(p));
  return { lost, added };
}
