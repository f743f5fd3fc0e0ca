// Changes to a workbook part: a sheet added to its tab list, a sheet's print area widened.
import type { PackageEdit } from './package.js';
import { MAIN_NS, REL_NS, columnLetters, columnNumber, type Flavor, type WorkbookInfo } from './spreadsheet.js';
import { appendChildEdit, applyEdits, attributeName, children, directText, effectiveChildren, elementName, is, MC_NS, type Element } from './tree.js';
import { attrOf, escapeAttr, escapeText } from './xml.js';

export const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

const UNDERSTOOD = [...MAIN_NS, ...REL_NS, MC_NS];

/** Every sheet name of the workbook, lower-cased (Excel compares them without case). */
function sheetNames(info: WorkbookInfo): Set<string> {
  return new Set(info.sheets.map((s) => s.name.toLowerCase()));
}

/** The `<sheets>` element of a workbook part as it now is. */
function sheetsElement(edit: PackageEdit, info: WorkbookInfo): { xml: string; el: Element; root: Element } {
  const tree = edit.tree(info.main)!;
  const el = effectiveChildren(tree.root, UNDERSTOOD).find((c) => is(c, MAIN_NS, 'sheets'));
  if (!el) throw new Error(`${info.main} has no <sheets>`);
  return { xml: tree.xml, el, root: tree.root };
}

/**
 * Adds a worksheet part as the last tab, under `name` or, when a sheet has it, `name2`, `name3` …;
 * returns the name given.
 */
export function addSheet(edit: PackageEdit, info: WorkbookInfo, flavor: Flavor, name: string, xml: string): string {
  const taken = sheetNames(info);
  let given = name;
  for (let i = 2; taken.has(given.toLowerCase()); i++) given = `${name}${i}`;
  const folder = info.main.slice(0, info.main.lastIndexOf('/') + 1);
  const part = edit.freeName(`${folder}worksheets/sheet`, 'xml');
  edit.set(part, xml);
  edit.addContentType('Override', part, WORKSHEET_TYPE);
  const id = edit.addRelationship(info.main, `${flavor.rel}/worksheet`, part);
  const { xml: book, el } = sheetsElement(edit, info);
  const ids = children(el, MAIN_NS, 'sheet').map((s) => Number(attrOf(s.tag, 'sheetId') ?? 0));
  const sheet = elementName(el.tag.scope, el.tag.uri, 'sheet');
  const rid = attributeName(el.tag.scope, flavor.rel, 'id', 'r');
  const text = `<${sheet.name}${sheet.decl}${rid.decl} name="${escapeAttr(given)}" sheetId="${Math.max(0, ...ids.filter(Number.isFinite)) + 1}" ${rid.name}="${id}"/>`;
  edit.set(info.main, applyEdits(book, [appendChildEdit({ xml: book, root: el }, el, text)]));
  return given;
}

/** A print area's parts: `'自评表'!$A$1:$J$40`, `自评表!$A:$J`. */
const AREA = /^((?:'(?:[^']|'')+'|[^!]+)!)(\$?)([A-Za-z]{1,3})(\$?\d*):(\$?)([A-Za-z]{1,3})(\$?\d*)$/;

/**
 * Widens the print area of the sheet at `position` (its place among the workbook's tabs) so that it
 * reaches column `right` in the areas that cover column `col` (the table's last); returns whether
 * it had one to widen.
 */
export function widenPrintArea(edit: PackageEdit, info: WorkbookInfo, position: number, col: number, right: number): boolean {
  const tree = edit.tree(info.main)!;
  const names = effectiveChildren(tree.root, UNDERSTOOD).find((c) => is(c, MAIN_NS, 'definedNames'));
  if (!names) return false;
  const el = children(names, MAIN_NS, 'definedName').find(
    (d) => (attrOf(d.tag, 'name') ?? '').toLowerCase() === '_xlnm.print_area' && Number(attrOf(d.tag, 'localSheetId') ?? -1) === position,
  );
  if (!el || el.tag.empty) return false;
  const areas = directText(tree.xml, el).split(',');
  let changed = false;
  const widened = areas.map((area) => {
    const m = AREA.exec(area.trim());
    if (!m) return area;
    const [left, last] = [columnNumber(m[3]!), columnNumber(m[6]!)];
    if (left > col || last < col || last >= right) return area;
    changed = true;
    return `${m[1]}${m[2]}${m[3]}${m[4]}:${m[5]}${columnLetters(right)}${m[7]}`;
  });
  if (!changed) return true;
  edit.set(info.main, applyEdits(tree.xml, [{ start: el.innerStart, end: el.innerEnd, text: escapeText(widened.join(',')) }]));
  return true;
}

/** The children of `<workbook>` that CT_Workbook puts before `<definedNames>`. */
const BEFORE_NAMES = ['fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences'];

/**
 * Adds a defined name local to the sheet at `position` (its place among the tabs), e.g.
 * `_xlnm.Print_Titles` = `'评分结果'!$1:$3`: into the workbook's `<definedNames>`, or a new one at
 * its place. A name the sheet already has is left as it is; returns whether it was added.
 */
export function addLocalName(edit: PackageEdit, info: WorkbookInfo, position: number, name: string, value: string): boolean {
  const tree = edit.tree(info.main)!;
  const top = effectiveChildren(tree.root, UNDERSTOOD);
  const names = top.find((c) => is(c, MAIN_NS, 'definedNames'));
  if (names) {
    const taken = children(names, MAIN_NS, 'definedName').some((d) => (attrOf(d.tag, 'name') ?? '').toLowerCase() === name.toLowerCase() && Number(attrOf(d.tag, 'localSheetId') ?? -1) === position);
    if (taken) return false;
    const el = elementName(names.tag.scope, names.tag.uri, 'definedName');
    const text = `<${el.name}${el.decl} name="${escapeAttr(name)}" localSheetId="${position}">${escapeText(value)}</${el.name}>`;
    edit.set(info.main, applyEdits(tree.xml, [appendChildEdit(tree, names, text)]));
    return true;
  }
  // After the last child CT_Workbook puts before it (the tab list at least).
  const before = tree.root.children.filter((c) => BEFORE_NAMES.includes(c.tag.local) && (MAIN_NS.includes(c.tag.uri) || c.tag.uri === MC_NS));
  const after = before[before.length - 1];
  if (!after) return false;
  const list = elementName(tree.root.tag.scope, tree.root.tag.uri, 'definedNames');
  const item = elementName(tree.root.tag.scope, tree.root.tag.uri, 'definedName');
  const text = `<${list.name}${list.decl}><${item.name} name="${escapeAttr(name)}" localSheetId="${position}">${escapeText(value)}</${item.name}></${list.name}>`;
  edit.set(info.main, applyEdits(tree.xml, [{ start: after.end, end: after.end, text }]));
  return true;
}

/** A sheet's name as a formula refers to it: quoted, its quotes doubled. */
export function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
