// Notes (Excel's comments) on cells of the scored copy: the comments part of a sheet holds their
// text, its legacy VML drawing the box Excel shows when the cell is pointed at. A sheet that already
// has notes keeps them; a cell that had one gets ours instead.
import { columnLetters } from '../cells.js';
import { CONTENT_TYPES, folderOf, type PackageEdit, relsPartOf } from './package.js';
import { relationships } from './values.js';
import { escapeText } from './xml.js';

const AUTHOR = 'perf-score';

export interface Note {
  row: number;
  col: number;
  text: string;
}

function commentXml(note: Note, author: number): string {
  return `<comment ref="${columnLetters(note.col)}${note.row}" authorId="${author}"><text><r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">${escapeText(note.text)}</t></r></text></comment>`;
}

function shapeXml(note: Note, id: number): string {
  const [r, c] = [note.row - 1, note.col - 1];
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:90pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${r}, 10, ${c + 4}, 15, ${r + 6}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
  );
}

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** Where a sheet's notes go, the same for every sheet of a copy: shape ids unique in the workbook. */
export class NoteIds {
  private next: number;

  constructor(edit: PackageEdit) {
    // Shape ids run in blocks of 1024 per drawing (`o:idmap`); new ones start past every block in use.
    let max = 1024;
    for (const name of edit.pkg.zip.keys()) {
      if (!name.endsWith('.vml')) continue;
      const vml = edit.text(name) ?? '';
      for (const m of vml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
      for (const m of vml.matchAll(/<o:idmap\b[^>]*\bdata="([\d,\s]*)"/g)) for (const n of m[1]!.split(/[,\s]+/).filter(Boolean)) max = Math.max(max, Number(n) * 1024 + 1023);
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

/** Adds the notes to a sheet; returns the sheet's XML, which points at its drawing. */
export function addNotes(edit: PackageEdit, sheetPart: string, sheetXml: string, notes: Note[], ids: NoteIds): string {
  if (notes.length === 0) return sheetXml;
  const rels = relationships(edit.text(relsPartOf(sheetPart)), folderOf(sheetPart));
  const refs = new Set(notes.map((n) => `${columnLetters(n.col)}${n.row}`));

  // The text, in the comments part.
  let commentsPart = [...rels.values()].find((r) => r.type.endsWith('/comments'))?.target;
  let comments = commentsPart ? edit.text(commentsPart) : null;
  if (!commentsPart || comments === null) {
    commentsPart = edit.freeName('xl/comments', 'xml');
    edit.addRelationship(sheetPart, 'comments', commentsPart);
    edit.addContentType('Override', commentsPart, CONTENT_TYPES.comments);
    comments = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';
  }
  comments = comments.replace(/<comment\b[^>]*?\bref="([^"]*)"[\s\S]*?<\/comment>/g, (whole, ref: string) => (refs.has(ref) ? '' : whole));
  const authors = Array.from(/<authors>([\s\S]*?)<\/authors>/.exec(comments)?.[1]?.matchAll(/<author>([\s\S]*?)<\/author>/g) ?? [], (m) => m[1]);
  let author = authors.indexOf(AUTHOR);
  if (author < 0) {
    author = authors.length;
    comments = /<authors\s*\/>/.test(comments) ? comments.replace(/<authors\s*\/>/, `<authors><author>${AUTHOR}</author></authors>`) : comments.replace('</authors>', `<author>${AUTHOR}</author></authors>`);
  }
  const list = notes.map((n) => commentXml(n, author)).join('');
  comments = /<commentList\s*\/>/.test(comments) ? comments.replace(/<commentList\s*\/>/, `<commentList>${list}</commentList>`) : comments.replace('</commentList>', `${list}</commentList>`);
  edit.set(commentsPart, comments);

  // The boxes, in the sheet's legacy drawing.
  const legacy = /<legacyDrawing\b[^>]*?\bid="([^"]*)"/.exec(sheetXml);
  let vmlPart = legacy ? rels.get(legacy[1]!)?.target : undefined;
  let vml = vmlPart ? edit.text(vmlPart) : null;
  const { idmap, first } = ids.block();
  if (!vmlPart || vml === null) {
    vmlPart = edit.freeName('xl/drawings/vmlDrawing', 'vml');
    const id = edit.addRelationship(sheetPart, 'vmlDrawing', vmlPart);
    edit.addContentType('Default', 'vml', CONTENT_TYPES.vml);
    vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${SHAPE_TYPE}</xml>`;
    const element = `<legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${id}"/>`;
    // Its place among the worksheet's elements: before these, when the sheet has them.
    const after = /<(legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(sheetXml);
    sheetXml = after ? sheetXml.slice(0, after.index) + element + sheetXml.slice(after.index) : sheetXml.replace('</worksheet>', `${element}</worksheet>`);
  } else {
    const cells = new Set(notes.map((n) => `${n.row - 1},${n.col - 1}`));
    vml = vml.replace(/<v:shape\b[^>]*>[\s\S]*?<\/v:shape>/g, (shape) => {
      const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
      const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
      return /ObjectType="Note"/.test(shape) && cells.has(`${row},${col}`) ? '' : shape;
    });
    if (!vml.includes('id="_x0000_t202"')) vml = vml.replace(/<\/xml>\s*$/, `${SHAPE_TYPE}</xml>`);
    vml = vml.replace(/(<o:idmap\b[^>]*\bdata=")([^"]*)"/, (_w, open: string, data: string) => `${open}${data},${idmap}"`);
  }
  vml = vml.replace(/<\/xml>\s*$/, `${notes.map((n, i) => shapeXml(n, first + i)).join('')}</xml>`);
  edit.set(vmlPart, vml);
  return sheetXml;
}
