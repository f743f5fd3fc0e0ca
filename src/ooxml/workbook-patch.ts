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
