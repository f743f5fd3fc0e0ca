// Notes (Excel's comments) on cells of a copy: a sheet's comments part holds their text, its legacy
// VML drawing the box Excel shows when the cell is pointed at. Notes already on the sheet are kept:
// a cell that has one gets ours added to it, as a paragraph signed by our author; a cell that has
// none gets a new note and a box. Threaded comments (Excel 365) are left as they are: the legacy note
// they keep beside them is where ours is added.
import { PackageError } from './errors.js';
import { isRelType, type PackageEdit } from './package.js';
import { MAIN_NS, columnLetters, parseRef, type Flavor } from './spreadsheet.js';
import { appendChildEdit, applyEdits, boundPrefix, child, children, elementName, is, parseTree, type Edit, type Element, type Tree } from './tree.js';
import { attrOf, escapeText, XmlError } from './xml.js';

export interface Note {
  row: number;
  col: number;
  text: string;
}

export const CONTENT_TYPES = {
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
};

const VML = { v: 'urn:schemas-microsoft-com:vml', o: 'urn:schemas-microsoft-com:office:office', x: 'urn:schemas-microsoft-com:office:excel' };

/** Where a copy's new note boxes are numbered: shape ids unique in the workbook, in blocks of 1024 per drawing. */
export class NoteIds {
  private next: number;

  constructor(edit: PackageEdit) {
    let max = 1024;
    for (const e of edit.pkg.entries) {
      if (!/\.vml$/i.test(e.name)) continue;
      const vml = edit.text(e.name) ?? '';
      for (const m of vml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
      for (const m of vml.matchAll(/idmap\b[^>]*\bdata\s*=\s*["']([\d,\s]*)["']/g)) for (const n of m[1]!.split(/[,\s]+/).filter(Boolean)) max = Math.max(max, Number(n) * 1024 + 1023);
    }
    this.next = (Math.floor(max / 1024) + 1) * 1024 + 1;
  }

  /** A block of ids for one drawing: its idmap number and first shape id. */
  block(): { idmap: number; first: number } {
    const first = this.next;
    this.next += 1024;
    return { idmap: Math.floor(first / 1024), first };
  }
}

/** What adding notes to a sheet did, and what the sheet itself must now hold. */
export interface NotesOutcome {
  /** The relationship id of a new legacy drawing the sheet must point at (`<legacyDrawing r:id>`), or null. */
  legacyDrawing: string | null;
  /** Notes added to a note the cell already had. */
  appended: number;
  /** False when the sheet's drawing could not be read (not XML, or not there): no note was added. */
  added: boolean;
}

function textRun(tree: Tree, text: string, bold: boolean): string {
  const n = (local: string) => elementName(tree.root.tag.scope, tree.root.tag.uri, local).name;
  return `<${n('r')}><${n('rPr')}>${bold ? `<${n('b')}/>` : ''}<${n('sz')} val="9"/><${n('rFont')} val="宋体"/><${n('charset')} val="134"/></${n('rPr')}><${n('t')} xml:space="preserve">${escapeText(text)}</${n('t')}></${n('r')}>`;
}

/**
 * Adds notes to a sheet: to its comments part and its legacy drawing (both made when it has none).
 * `legacyId` is the sheet's own `<legacyDrawing>` relationship id, if it has one.
 */
export function addNotes(edit: PackageEdit, sheetPart: string, legacyId: string | undefined, notes: Note[], ids: NoteIds, author: string, flavor: Flavor): NotesOutcome {
  if (notes.length === 0) return { legacyDrawing: null, appended: 0, added: true };
  const rels = edit.relationships(sheetPart);

  // The boxes first: a drawing we cannot read means no note is added at all (a note without a box is broken).
  const legacy = legacyId === undefined ? undefined : rels.find((r) => r.id === legacyId && !r.external && r.exists);
  // A sheet points at a drawing that is not there: a second one cannot be added beside it.
  if (legacyId !== undefined && !legacy) return { legacyDrawing: null, appended: 0, added: false };
  let vmlPart = legacy?.target;
  let vml: Tree | null = null;
  if (vmlPart) {
    try {
      vml = parseTree(edit.text(vmlPart) ?? '');
    } catch (err) {
      if (err instanceof XmlError) return { legacyDrawing: null, appended: 0, added: false };
      throw err;
    }
  }

  // The text, in the comments part.
  let commentsPart = rels.find((r) => isRelType(r.type, 'comments') && !r.external && r.exists)?.target;
  if (!commentsPart) {
    commentsPart = edit.freeName('xl/comments', 'xml');
    edit.addRelationship(sheetPart, `${flavor.rel}/comments`, commentsPart);
    edit.addContentType('Override', commentsPart, CONTENT_TYPES.comments);
    edit.set(commentsPart, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${flavor.main}"><authors/><commentList/></comments>`);
  }
  const comments = edit.tree(commentsPart)!;
  if (!is(comments.root, MAIN_NS, 'comments')) throw new PackageError('content', commentsPart, 'not a comments part');
  const byRef = new Map<string, Element>();
  const list = child(comments.root, MAIN_NS, 'commentList');
  for (const c of list ? children(list, MAIN_NS, 'comment') : []) {
    const at = parseRef(attrOf(c.tag, 'ref') ?? '');
    if (at) byRef.set(`${at.row},${at.col}`, c);
  }
  const edits: Edit[] = [];
  const fresh: Note[] = [];
  let appended = 0;
  for (const note of notes) {
    const existing = byRef.get(`${note.row},${note.col}`);
    const text = existing ? child(existing, MAIN_NS, 'text') : undefined;
    if (!existing || !text) {
      fresh.push(note);
      continue;
    }
    // After the note's own text and runs, before any phonetic runs (CT_Rst: t?, r*, rPh*, phoneticPr?).
    const phonetic = text.children.find((c) => is(c, MAIN_NS, 'rPh') || is(c, MAIN_NS, 'phoneticPr'));
    const added = textRun(comments, `\n${author}:`, true) + textRun(comments, `\n${note.text}`, false);
    edits.push(phonetic ? { start: phonetic.tag.start, end: phonetic.tag.start, text: added } : appendChildEdit(comments, text, added));
    appended++;
  }
  if (fresh.length > 0) {
    const authorsEl = child(comments.root, MAIN_NS, 'authors');
    const authors = authorsEl ? children(authorsEl, MAIN_NS, 'author').map((a) => comments.xml.slice(a.innerStart, a.innerEnd)) : [];
    let authorId = authors.indexOf(author);
    const n = (local: string) => elementName(comments.root.tag.scope, comments.root.tag.uri, local).name;
    if (authorId < 0) {
      authorId = authors.length;
      const authorXml = `<${n('author')}>${escapeText(author)}</${n('author')}>`;
      if (authorsEl) edits.push(appendChildEdit(comments, authorsEl, authorXml));
      else edits.push({ start: comments.root.innerStart, end: comments.root.innerStart, text: `<${n('authors')}>${authorXml}</${n('authors')}>` });
    }
    const added = fresh.map((note) => `<${n('comment')} ref="${columnLetters(note.col)}${note.row}" authorId="${authorId}"><${n('text')}>${textRun(comments, note.text, false)}</${n('text')}></${n('comment')}>`).join('');
    if (list) edits.push(appendChildEdit(comments, list, added));
    else edits.push({ start: comments.root.innerEnd, end: comments.root.innerEnd, text: `<${n('commentList')}>${added}</${n('commentList')}>` });
  }
  edit.set(commentsPart, applyEdits(comments.xml, edits));
  if (fresh.length === 0) return { legacyDrawing: null, appended, added: true };

  // The boxes of the new notes, in the sheet's legacy drawing.
  const { idmap, first } = ids.block();
  let legacyDrawing: string | null = null;
  if (!vmlPart || !vml) {
    vmlPart = edit.freeName('xl/drawings/vmlDrawing', 'vml');
    legacyDrawing = edit.addRelationship(sheetPart, `${flavor.rel}/vmlDrawing`, vmlPart);
    edit.addContentType('Default', 'vml', CONTENT_TYPES.vml);
    edit.set(vmlPart, `<xml xmlns:v="${VML.v}" xmlns:o="${VML.o}" xmlns:x="${VML.x}"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout></xml>`);
    vml = parseTree(edit.text(vmlPart)!);
  } else {
    vml = registerBlock(vml, idmap);
  }
  // Names in the drawing's own prefixes, or with prefixes declared on each new element when its
  // root binds none (openpyxl declares them element by element).
  const scope = vml.root.tag.scope;
  const pv = boundPrefix(scope, VML.v, 'v');
  const po = boundPrefix(scope, VML.o, 'o');
  const px = boundPrefix(scope, VML.x, 'x');
  const decls = `${pv.decl}${po.decl}${px.decl}`;
  const v = (local: string) => `${pv.prefix}:${local}`;
  const o = (local: string) => `${po.prefix}:${local}`;
  const x = (local: string) => `${px.prefix}:${local}`;
  let shapes = '';
  if (!findShapeType(vml.root)) {
    shapes += `<${v('shapetype')}${decls} id="_x0000_t202" coordsize="21600,21600" ${o('spt')}="202" path="m,l,21600r21600,l21600,xe"><${v('stroke')} joinstyle="miter"/><${v('path')} gradientshapeok="t" ${o('connecttype')}="rect"/></${v('shapetype')}>`;
  }
  fresh.forEach((note, i) => {
    const [r, c] = [note.row - 1, note.col - 1];
    const id = first + i;
    shapes +=
      `<${v('shape')}${decls} id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:90pt;z-index:${(id % 1024) + 1};visibility:hidden" fillcolor="#ffffe1" ${o('insetmode')}="auto">` +
      `<${v('fill')} color2="#ffffe1"/><${v('shadow')} on="t" color="black" obscured="t"/><${v('path')} ${o('connecttype')}="none"/><${v('textbox')} style="mso-direction-alt:auto"><div style="text-align:left"></div></${v('textbox')}>` +
      `<${x('ClientData')} ObjectType="Note"><${x('MoveWithCells')}/><${x('SizeWithCells')}/><${x('Anchor')}>${c + 1}, 15, ${r}, 10, ${c + 4}, 15, ${r + 6}, 4</${x('Anchor')}><${x('AutoFill')}>False</${x('AutoFill')}><${x('Row')}>${r}</${x('Row')}><${x('Column')}>${c}</${x('Column')}></${x('ClientData')}></${v('shape')}>`;
  });
  edit.set(vmlPart, applyEdits(vml.xml, [appendChildEdit(vml, vml.root, shapes)]));
  return { legacyDrawing, appended, added: true };
}

function findShapeType(root: Element): boolean {
  const stack = [...root.children];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.tag.local === 'shapetype' && el.tag.uri === VML.v && attrOf(el.tag, 'id') === '_x0000_t202') return true;
    stack.push(...el.children);
  }
  return false;
}

/** The drawing with a block of shape ids registered in its `o:idmap` (one made when it has none). */
function registerBlock(vml: Tree, idmap: number): Tree {
  const layout = vml.root.children.find((c) => c.tag.uri === VML.o && c.tag.local === 'shapelayout');
  const map = layout?.children.find((c) => c.tag.uri === VML.o && c.tag.local === 'idmap');
  let edit: Edit;
  if (map) {
    const data = map.tag.attrs.findIndex((a, i) => i % 2 === 0 && a === 'data');
    const open = vml.xml.slice(map.tag.start, map.tag.end);
    const text = data >= 0 ? open.replace(/(\sdata\s*=\s*)(["'])([^"']*)\2/, (_w, pre: string, q: string, list: string) => `${pre}${q}${list ? `${list},` : ''}${idmap}${q}`) : open.replace(/\s*(\/?)>$/, ` data="${idmap}"$1>`);
    edit = { start: map.tag.start, end: map.tag.end, text };
  } else {
    const o = boundPrefix(vml.root.tag.scope, VML.o, 'o');
    const v = boundPrefix(vml.root.tag.scope, VML.v, 'v');
    edit = { start: vml.root.innerStart, end: vml.root.innerStart, text: `<${o.prefix}:shapelayout${o.decl}${v.decl} ${v.prefix}:ext="edit"><${o.prefix}:idmap ${v.prefix}:ext="edit" data="${idmap}"/></${o.prefix}:shapelayout>` };
  }
  return parseTree(applyEdits(vml.xml, [edit]));
}
