// The parts of the scored-copy writer, on XML as Excel and WPS write it: cells set in column order
// in existing and new rows, a declared value never overwritten, columns widened by splitting their
// ranges, styles patched on top of a cell's own, notes added beside the notes a sheet already has.
import { describe, expect, it } from 'vitest';
import { addNotes, NoteIds } from '../src/workbook/notes.js';
import { Package, PackageEdit } from '../src/workbook/package.js';
import { SheetPatch } from '../src/workbook/sheet-patch.js';
import { Styles } from '../src/workbook/styles.js';
import { entryText, newEntry, readZip, writeZip, ZipError } from '../src/workbook/zip.js';

const STYLES =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="10"/><name val="宋体"/></font><font><b/><sz val="16"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border/><border><left style="thin"/></border></borders>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"><alignment horizontal="left"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

const sheet = (data: string, extra = '') =>
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><cols><col min="1" max="5" width="9" customWidth="1"/></cols><sheetData>${data}</sheetData><pageMargins left="0.7"/>${extra}</worksheet>`;

describe('SheetPatch', () => {
  it('sets cells in column order, in existing rows and in new ones between them, and grows the dimension', () => {
    const patch = new SheetPatch();
    patch.set(1, 2, 'B');
    patch.set(1, 4, 7.5);
    patch.set(2, 1, null);
    patch.set(5, 6, '新&<行>');
    const xml = patch.apply(sheet('<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1"><v>3</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>'), new Styles(STYLES));
    expect(/<sheetData>([\s\S]*)<\/sheetData>/.exec(xml)![1]).toBe(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">B</t></is></c><c r="C1" s="1"><v>3</v></c><c r="D1"><v>7.5</v></c></row>' +
        '<row r="2"><c r="A2"/></row><row r="3"><c r="A3"><v>1</v></c></row>' +
        '<row r="5"><c r="F5" t="inlineStr"><is><t xml:space="preserve">新&amp;&lt;行&gt;</t></is></c></row>',
    );
    expect(xml).toContain('<dimension ref="A1:F5"/>');
  });

  it('never overwrites a declared value when asked to fill an empty cell, and fills an empty one', () => {
    const patch = new SheetPatch();
    patch.set(1, 1, 9, { numFmtId: 2 }, true);
    patch.set(1, 2, 9, { numFmtId: 2 }, true);
    patch.set(1, 3, 9, { numFmtId: 2 }, true);
    const xml = patch.apply(sheet('<row r="1"><c r="A1"><v>0</v></c><c r="B1" s="1"/><c r="C1"><f>A1*2</f></c></row>'), new Styles(STYLES));
    expect(xml).toContain('<c r="A1"><v>0</v></c><c r="B1" s="3"><v>9</v></c><c r="C1"><f>A1*2</f></c>');
  });

  it('restyles a cell on top of its own style, keeping its value', () => {
    const styles = new Styles(STYLES);
    const patch = new SheetPatch();
    patch.style(1, 1, { fill: 'FFFFC7CE' });
    const xml = patch.apply(sheet('<row r="1"><c r="A1" s="1" t="s"><v>4</v></c></row>'), styles);
    expect(xml).toContain('<c r="A1" s="3" t="s"><v>4</v></c>');
    const out = styles.toXml();
    expect(out).toContain('<cellXfs count="4">');
    expect(out).toContain('<fills count="3">');
    // The border and alignment of style 1, with the new fill.
    expect(out).toContain('<xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyBorder="1" applyFill="1"><alignment horizontal="left"/></xf></cellXfs>');
    expect(out).toContain('<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill></fills>');
  });

  it('widens a column by splitting the range it is in, and adds a column the sheet had none for', () => {
    const patch = new SheetPatch();
    patch.minWidth(3, 40);
    patch.minWidth(2, 5);
    patch.minWidth(8, 12);
    const xml = patch.apply(sheet(''), new Styles(STYLES));
    expect(/<cols>.*<\/cols>/.exec(xml)![0]).toBe(
      '<cols><col min="1" max="2" width="9" customWidth="1"/><col min="3" max="3" width="40" customWidth="1"/><col min="4" max="5" width="9" customWidth="1"/><col min="8" max="8" width="12" customWidth="1"/></cols>',
    );
  });
});

describe('Styles', () => {
  it('makes a bold font from the cell font, once per font, and keeps a font already bold', () => {
    const styles = new Styles(STYLES);
    expect(styles.xf(0, { bold: true })).toBe(3);
    expect(styles.xf(0, { bold: true })).toBe(3);
    expect(styles.xf(2, { bold: true, numFmtId: 2 })).toBe(4);
    expect(styles.xf(0, {})).toBe(0);
    const out = styles.toXml();
    expect(out).toContain('<fonts count="3"><font><sz val="10"/><name val="宋体"/></font><font><b/><sz val="16"/></font><font><b/><sz val="10"/><name val="宋体"/></font></fonts>');
    expect(out).toContain('<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>');
    expect(out).toContain('<xf numFmtId="2" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>');
  });
});

function packageOf(parts: Record<string, string>): Package {
  return new Package(writeZip(Object.entries(parts).map(([name, text]) => newEntry(name, text))));
}

const TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

describe('notes', () => {
  it('adds a comments part and a drawing to a sheet without notes, and points the sheet at it', () => {
    const edit = new PackageEdit(packageOf({ '[Content_Types].xml': TYPES, 'xl/worksheets/sheet1.xml': sheet('') }));
    const xml = addNotes(edit, 'xl/worksheets/sheet1.xml', sheet('', '<tableParts count="0"/>'), [{ row: 3, col: 2, text: '[score-mismatch] 说明' }], new NoteIds(edit));
    expect(xml).toMatch(/<legacyDrawing xmlns:r="[^"]+" r:id="rId2"\/><tableParts/);
    expect(edit.text('xl/worksheets/_rels/sheet1.xml.rels')).toContain('Target="../comments1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>');
    expect(edit.text('xl/comments1.xml')).toContain('<authors><author>perf-score</author></authors><commentList><comment ref="B3" authorId="0">');
    expect(edit.text('xl/drawings/vmlDrawing1.vml')).toContain('<x:Row>2</x:Row><x:Column>1</x:Column>');
    expect(edit.text('[Content_Types].xml')).toContain('<Override PartName="/xl/comments1.xml"');
    expect(edit.text('[Content_Types].xml')).toContain('<Default Extension="vml"');
  });

  it('keeps the notes a sheet has, replaces the one on a cell it notes, with shape ids of a new block', () => {
    const comments = '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>张三</author></authors><commentList><comment ref="A1" authorId="0"><text><t>原批注</t></text></comment><comment ref="B3" authorId="0"><text><t>旧</t></text></comment></commentList></comments>';
    const shape = (id: number, r: number, c: number) => `<v:shape id="_x0000_s${id}" type="#_x0000_t202"><x:ClientData ObjectType="Note"><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`;
    const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202"/>${shape(1025, 0, 0)}${shape(1026, 2, 1)}</xml>`;
    const rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>';
    const withLegacy = sheet('', '<legacyDrawing r:id="rId2"/>');
    const edit = new PackageEdit(packageOf({ '[Content_Types].xml': TYPES, 'xl/worksheets/sheet1.xml': withLegacy, 'xl/worksheets/_rels/sheet1.xml.rels': rels, 'xl/comments1.xml': comments, 'xl/drawings/vmlDrawing1.vml': vml }));
    const xml = addNotes(edit, 'xl/worksheets/sheet1.xml', withLegacy, [{ row: 3, col: 2, text: '新' }, { row: 4, col: 1, text: '另一条' }], new NoteIds(edit));
    expect(xml).toBe(withLegacy);
    const c = edit.text('xl/comments1.xml')!;
    expect(c).toContain('<authors><author>张三</author><author>perf-score</author></authors>');
    expect(Array.from(c.matchAll(/<comment ref="(\w+)" authorId="(\d)">[\s\S]*?<t[^>]*>([^<]*)<\/t>/g), (m) => m.slice(1).join(' '))).toEqual(['A1 0 原批注', 'B3 1 新', 'A4 1 另一条']);
    const v = edit.text('xl/drawings/vmlDrawing1.vml')!;
    expect(Array.from(v.matchAll(/<v:shape id="_x0000_s(\d+)"[\s\S]*?<x:Row>(\d+)<\/x:Row><x:Column>(\d+)/g), (m) => m.slice(1).join(' '))).toEqual(['1025 0 0', '2049 2 1', '2050 3 0']);
    expect(v).toContain('data="1,2"');
    expect(edit.has('xl/comments2.xml')).toBe(false);
  });
});

describe('PackageEdit', () => {
  it('leaves a part out with its relationship and content type, and copies the other parts as stored', () => {
    const pkg = packageOf({
      '[Content_Types].xml': TYPES.replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="x"/></Types>'),
      'xl/workbook.xml': '<workbook/>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="c" Target="calcChain.xml"/></Relationships>',
      'xl/calcChain.xml': '<calcChain/>',
    });
    const edit = new PackageEdit(pkg);
    edit.remove('xl/calcChain.xml', 'xl/workbook.xml');
    const copy = readZip(edit.toBuffer());
    expect([...copy.keys()]).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
    expect(entryText(copy.get('xl/_rels/workbook.xml.rels')!)).toBe('<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/></Relationships>');
    expect(entryText(copy.get('[Content_Types].xml')!)).toBe(TYPES);
    expect(copy.get('xl/workbook.xml')!.data.equals(pkg.zip.get('xl/workbook.xml')!.data)).toBe(true);
  });
});

describe('zip', () => {
  it('refuses a part whose bytes do not match its CRC', () => {
    const bytes = writeZip([newEntry('a.xml', '<a>一些文字一些文字一些文字</a>'), newEntry('b.xml', '<b/>')]);
    const entry = readZip(bytes).get('a.xml')!;
    entry.data[entry.data.length - 2]! ^= 0x01;
    expect(() => entryText(entry)).toThrow(ZipError);
  });
});
