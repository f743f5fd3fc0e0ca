// The OOXML layer on its own: the XML tokenizer, the zip reader's limits, parts found as the
// packaging conventions say, and the patchers of sheets and styles on XML as Excel, WPS and other
// programs write it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PackageError } from '../src/ooxml/errors.js';
import { Package, PackageEdit } from '../src/ooxml/package.js';
import { indexSheet, SheetPatch } from '../src/ooxml/sheet-patch.js';
import { readWorkbookInfo } from '../src/ooxml/spreadsheet.js';
import { Styles } from '../src/ooxml/styles.js';
import { parseTree } from '../src/ooxml/tree.js';
import { scanXml, XmlError, type Tag } from '../src/ooxml/xml.js';
import { crc32, entryBytes, LIMITS, newEntry, readZip, writeZip } from '../src/ooxml/zip.js';
import { importsOf } from './cli/helpers.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function events(xml: string): string[] {
  const out: string[] = [];
  scanXml(xml, {
    open: (t: Tag) => out.push(`<${t.local}@${t.uri}:${t.start}-${t.end}`),
    close: (t: Tag, s: number, e: number) => out.push(`</${t.local}:${s}-${e}`),
    text: (s: number, e: number) => out.push(`"${xml.slice(s, e)}"`),
    cdata: (s: number, e: number) => out.push(`[${xml.slice(s, e)}]`),
  });
  return out;
}

function xmlError(xml: string): string {
  try {
    scanXml(xml, {});
  } catch (err) {
    if (err instanceof XmlError) return `${err.reason} @${err.offset}`;
    throw err;
  }
  return 'well-formed';
}

describe('the XML tokenizer', () => {
  it('reports tags with their offsets and namespaces, text, CDATA; comments and instructions are not content', () => {
    const xml = '<?xml version="1.0"?><x:a xmlns:x="urn:x"><!-- <x:c/> --><x:b k=\'v\'>t&amp;<![CDATA[<raw>]]></x:b><c xmlns="urn:d"/></x:a>';
    expect(events(xml)).toEqual(['<a@urn:x:21-42', '<b@urn:x:57-68', '"t&amp;"', '[<raw>]', '</b:91-97', '<c@urn:d:97-115', '</c:115-115', '</a:115-121']);
  });

  it.each([
    ['<a><b></a></b>', '</a> closes <b> @6'],
    ['<a x="1" x="2"/>', 'the attribute x twice in <a> @9'],
    ['<p:a/>', 'the prefix p of <p:a> is not declared @0'],
    ['<a p:x="1"/>', 'the prefix p of the attribute p:x is not declared @0'],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'a document type declaration (not allowed in a package part) @0'],
    ['<a><b>', 'the document ends inside <b> @6'],
    ['<a/>text', 'content after the root element @4'],
    ['<a/><b/>', 'a second root element @4'],
    ['<a>x & y</a>', 'a "&" that is not a reference @5'],
    ['<a x="<"/>', 'a "<" in the value of x @6'],
    ['<a x=1/>', 'the value of x without quotes @5'],
    ['<a x="1"y="2"/>', 'no space before an attribute of <a> @8'],
    ['<a><!-- cut', 'a comment cut short @3'],
    ['<a>\u0001</a>', 'a character XML does not allow @3'],
    ['<a>&#1;</a>', 'a reference to a character XML does not allow @3'],
    ['<a/><?xml version="1.0"?>', 'an XML declaration that is not at the start @4'],
  ])('refuses %s', (xml, why) => {
    expect(xmlError(xml)).toBe(why);
  });

  it('reads a large part in one pass (references checked once, not from every text)', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    let cells = 0;
    scanXml(`<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`, { open: (t) => void (t.local === 'c' && cells++) });
    expect(cells).toBe(20_000);
  });
});

function zipOf(parts: Record<string, string>): Buffer {
  return writeZip(Object.entries(parts).map(([name, text]) => newEntry(name, text)));
}

function damage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof PackageError) return `${err.kind} ${err.part ?? '-'}`;
    throw err;
  }
  return 'none';
}

describe('crc32', () => {
  it('is the CRC-32 of zip ("123456789" → cbf43926), and continues from a previous CRC', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
    expect(crc32(Buffer.from('6789'), crc32(Buffer.from('12345')))).toBe(crc32(Buffer.from('123456789')));
  });
});

describe('the zip reader', () => {
  it.runIf(existsSync('../shared/corpus/defects/zip64.xlsx'))('reads a zip64 package', () => {
    const entries = readZip(readFileSync('../shared/corpus/defects/zip64.xlsx'));
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    for (const e of entries) expect(() => entryBytes(e)).not.toThrow();
  });

  it('refuses two entries that name one part, whatever their case and slashes', () => {
    expect(damage(() => new Package(zipOf({ 'xl/a.xml': '<a/>', 'XL\\A.xml': '<a/>' })))).toBe('duplicate XL\\A.xml');
  });

  it('refuses a part whose bytes do not match its CRC', () => {
    const bytes = zipOf({ 'a.xml': '<a>一些文字一些文字一些文字</a>' });
    const entry = readZip(bytes)[0]!;
    entry.data[entry.data.length - 2]! ^= 0x01;
    expect(damage(() => entryBytes(entry))).toBe('crc a.xml');
  });

  it('refuses a package that declares more than the limits, before inflating anything', () => {
    const saved = { ...LIMITS };
    try {
      LIMITS.part = 100;
      expect(damage(() => readZip(zipOf({ 'a.xml': `<a>${'x'.repeat(200)}</a>` })))).toBe('too-large a.xml');
      LIMITS.part = saved.part;
      LIMITS.total = 300;
      expect(damage(() => readZip(zipOf({ 'a.xml': `<a>${'x'.repeat(200)}</a>`, 'b.xml': `<b>${'x'.repeat(200)}</b>` })))).toBe('too-large -');
    } finally {
      Object.assign(LIMITS, saved);
    }
  });

  it('refuses a part that inflates to more than it declares (a zip bomb that lies)', () => {
    const entry = newEntry('a.xml', `<a>${'x'.repeat(10_000)}</a>`);
    expect(damage(() => entryBytes({ ...entry, size: 50 }))).toBe('crc a.xml');
  });
});

const TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>';
const ROOT_RELS = '<ns0:Relationships xmlns:ns0="http://schemas.openxmlformats.org/package/2006/relationships"><ns0:Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/XL/Workbook.xml"/></ns0:Relationships>';
const BOOK = `<x:workbook xmlns:x="${MAIN}"><x:sheets><x:sheet name="表" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></x:sheets></x:workbook>`;
const BOOK_RELS = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets\\sheet%201.xml"/></Relationships>';

describe('the package', () => {
  const parts = { '[content_types].xml': TYPES, '_rels/.rels': ROOT_RELS, 'xl/workbook.xml': BOOK, 'xl/_rels/workbook.xml.rels': BOOK_RELS, 'xl/worksheets/sheet 1.xml': `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>` };

  it('finds parts through relationships, in any case, with either slash, percent-encoded', () => {
    const info = readWorkbookInfo(new Package(zipOf(parts)));
    expect(info.main).toBe('xl/workbook.xml');
    expect(info.sheets).toEqual([{ name: '表', part: 'xl/worksheets/sheet 1.xml', kind: 'worksheet', hidden: false }]);
  });

  it('names the part a relationship points at that is not there', () => {
    const { 'xl/worksheets/sheet 1.xml': _gone, ...rest } = parts;
    expect(damage(() => readWorkbookInfo(new Package(zipOf(rest))))).toBe('missing xl/worksheets/sheet 1.xml');
  });

  it('checks every part\'s bytes, and the parts a reader or writer of cells reads for well-formedness', () => {
    const COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
    const withComments = { ...parts, '[content_types].xml': TYPES.replace('</Types>', `<Override PartName="/xl/comments1.xml" ContentType="${COMMENTS}"/></Types>`), 'xl/comments1.xml': '<comments><x></comments>' };
    expect(damage(() => new Package(zipOf(withComments)).verify([COMMENTS]))).toBe('xml xl/comments1.xml');
    expect(damage(() => new Package(zipOf({ ...parts, 'xl/_rels/x.xml.rels': '<Relationships>' })).verify())).toBe('xml xl/_rels/x.xml.rels');
    // A theme or a VML drawing is the user's, copied as it is.
    expect(damage(() => new Package(zipOf({ ...parts, 'xl/theme/theme1.xml': '<a:theme xmlns:a="urn:a"><a:x></a:theme>', 'xl/drawings/v.vml': '<xml><br></xml>' })).verify([COMMENTS]))).toBe('none');
    const bytes = zipOf({ ...parts, 'xl/theme/theme1.xml': '<a:theme xmlns:a="urn:a">一些文字一些文字</a:theme>' });
    const pkg = new Package(bytes);
    pkg.entry('xl/theme/theme1.xml')!.data[3]! ^= 0x10;
    expect(damage(() => pkg.verify())).toBe('crc xl/theme/theme1.xml');
  });

  it('adds relationships and content types in the prefixes the parts use, and copies every other part as stored', () => {
    const pkg = new Package(zipOf(parts));
    const edit = new PackageEdit(pkg);
    expect(edit.addRelationship('', 'http://example/x', 'docProps/x.xml')).toBe('rId2');
    edit.addContentType('Override', 'docProps/x.xml', 'application/x');
    edit.set('docProps/x.xml', '<x/>');
    const copy = new Package(edit.toBuffer());
    expect(copy.text('_rels/.rels')).toBe(ROOT_RELS.replace('</ns0:Relationships>', '<ns0:Relationship Id="rId2" Type="http://example/x" Target="docProps/x.xml"/></ns0:Relationships>'));
    expect(copy.contentType('docProps/x.xml')).toBe('application/x');
    // Names as the references give them: the workbook as `/XL/Workbook.xml` names it, its relationships
    // and its sheet after it.
    expect(copy.entries.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'XL/Workbook.xml', 'XL/_rels/Workbook.xml.rels', 'XL/worksheets/sheet 1.xml', 'docProps/x.xml']);
    expect(copy.entry('xl/workbook.xml')!.data.equals(pkg.entry('xl/workbook.xml')!.data)).toBe(true);
    expect(readWorkbookInfo(copy).sheets.map((x) => x.part)).toEqual(['XL/worksheets/sheet 1.xml']);
  });

  it('writes a copy\'s part names as they are referred to: `/` for `\\`, the references\' case', () => {
    const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
    const bytes = zipOf({
      '[content_types].xml': TYPES.replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="y"/></Types>'),
      '_rels\\.rels': `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="t/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
      'xl\\_rels\\workbook.xml.rels': `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="t/worksheet" Target="worksheets/Sheet1.xml"/><Relationship Id="rId9" Type="t/hyperlink" Target="http://example.com/" TargetMode="External"/></Relationships>`,
      'XL\\WORKBOOK.XML': '<workbook/>',
      'xl\\sharedstrings.xml': '<sst/>',
      'xl\\worksheets\\sheet1.xml': '<worksheet/>',
    });
    const copy = new PackageEdit(new Package(bytes)).toBuffer();
    expect(readZip(copy).map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/worksheets/Sheet1.xml']);
    expect(entryBytes(readZip(copy)[3]!).toString()).toBe('<workbook/>');
  });

  it('leaves a part out with the relationship to it and its content type', () => {
    const edit = new PackageEdit(new Package(zipOf({ ...parts, '[content_types].xml': TYPES.replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="x"/></Types>'), 'xl/calcChain.xml': '<calcChain/>', 'xl/_rels/workbook.xml.rels': BOOK_RELS.replace('</Relationships>', '<Relationship Id="rId9" Type="c" Target="calcChain.xml"/></Relationships>') })));
    edit.remove('xl/calcChain.xml', 'xl/workbook.xml');
    const copy = new Package(edit.toBuffer());
    expect(copy.find('xl/calcChain.xml')).toBeUndefined();
    expect(copy.text('xl/_rels/workbook.xml.rels')).toBe(BOOK_RELS);
    expect(copy.text('[Content_Types].xml')).toBe(TYPES);
  });
});

const STYLES =
  `<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="10"/><name val="宋体"/></font><font><b/><sz val="16"/></font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border/><border><left style="thin"/></border></borders>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"><alignment horizontal="left"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

const sheet = (data: string, extra = '') =>
  `<worksheet xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:C3"/><cols><col min="1" max="5" width="9" customWidth="1"/></cols><sheetData>${data}</sheetData><pageMargins left="0.7"/>${extra}</worksheet>`;

function patched(xml: string, change: (p: SheetPatch) => void, styles = new Styles('s.xml', STYLES)): string {
  const patch = new SheetPatch();
  change(patch);
  return patch.apply(indexSheet('sheet.xml', xml, patch.rows()), styles);
}

const data = (xml: string) => /<sheetData>([\s\S]*)<\/sheetData>/.exec(xml)![1];

describe('SheetPatch', () => {
  it('sets cells in column order, in existing rows and in new ones between them, and grows the dimension', () => {
    const xml = patched(sheet('<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1"><v>3</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>'), (p) => {
      p.set(1, 2, 'B');
      p.set(1, 4, 7.5);
      p.set(2, 1, null);
      p.set(5, 6, '新&<行>');
    });
    expect(data(xml)).toBe(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">B</t></is></c><c r="C1" s="1"><v>3</v></c><c r="D1"><v>7.5</v></c></row>' +
        '<row r="2"><c r="A2"/></row><row r="3"><c r="A3"><v>1</v></c></row>' +
        '<row r="5"><c r="F5" t="inlineStr"><is><t xml:space="preserve">新&amp;&lt;行&gt;</t></is></c></row>',
    );
    expect(xml).toContain('<dimension ref="A1:F5"/>');
  });

  it('never overwrites a declared value when asked to fill an empty cell, and fills an empty one', () => {
    const xml = patched(sheet('<row r="1"><c r="A1"><v>0</v></c><c r="B1" s="1"/><c r="C1"><f>A1*2</f></c></row>'), (p) => {
      for (const c of [1, 2, 3]) p.set(1, c, 9, { numFmtId: 2 }, true);
    });
    expect(data(xml)).toBe('<row r="1"><c r="A1"><v>0</v></c><c r="B1" s="3"><v>9</v></c><c r="C1"><f>A1*2</f></c></row>');
  });

  it('restyles a cell on top of its own style, keeping its value and its other attributes', () => {
    const styles = new Styles('s.xml', STYLES);
    const xml = patched(sheet('<row r="1"><c r="A1" s="1" t="s" cm="1"><v>4</v></c></row>'), (p) => p.style(1, 1, { fill: 'FFFFC7CE' }), styles);
    expect(data(xml)).toBe('<row r="1"><c r="A1" s="3" t="s" cm="1"><v>4</v></c></row>');
    const out = styles.toXml();
    expect(out).toContain('<cellXfs count="4">');
    expect(out).toContain('<fills count="3">');
    expect(out).toContain('<xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyBorder="1" applyFill="1"><alignment horizontal="left"/></xf></cellXfs>');
    expect(out).toContain('<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill></fills>');
  });

  it('widens a column by splitting the range it is in, and adds a column the sheet had none for', () => {
    const xml = patched(sheet(''), (p) => {
      p.minWidth(3, 40);
      p.minWidth(2, 5);
      p.minWidth(8, 12);
    });
    expect(/<cols>.*<\/cols>/.exec(xml)![0]).toBe(
      '<cols><col min="1" max="2" width="9" customWidth="1"/><col min="3" max="3" width="40" customWidth="1"/><col min="4" max="5" width="9" customWidth="1"/><col min="8" max="8" width="12" customWidth="1"/></cols>',
    );
  });

  it('writes in the sheet\'s own prefix, into an empty sheetData', () => {
    const xml = patched(`<x:worksheet xmlns:x="${MAIN}"><x:sheetData/></x:worksheet>`, (p) => p.set(2, 2, 1));
    expect(xml).toBe(`<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="2"><x:c r="B2"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`);
  });

  it('gives rows and cells that number themselves by their place their number when something is inserted before them', () => {
    const xml = patched(sheet('<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row><row r="9"><c r="A9"><v>4</v></c></row>'), (p) => {
      p.set(2, 1, null);
      p.set(1, 1, undefined, { bold: true });
      p.set(5, 1, 5);
      p.set(2, 3, 6);
    });
    expect(data(xml)).toBe('<row r="1"><c s="3"><v>1</v></c><c><v>2</v></c></row><row r="2"><c r="A2"/><c r="C2"><v>6</v></c></row><row r="5"><c r="A5"><v>5</v></c></row><row r="9"><c r="A9"><v>4</v></c></row>');
  });

  it('numbers a row it changes and a row it inserts after at once, a row with spans included', () => {
    const xml = patched(sheet('<row spans="1:2"><c><v>1</v></c></row><row spans="1:2"><c><v>2</v></c></row>'), (p) => {
      p.set(2, 3, 'x');
      p.set(4, 1, 5);
    });
    expect(data(xml)).toBe('<row spans="1:2" r="1"><c><v>1</v></c></row><row r="2"><c><v>2</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve">x</t></is></c></row><row r="4"><c r="A4"><v>5</v></c></row>');
  });

  it('puts a new child of the worksheet where the schema orders it, never inside another element\'s extLst', () => {
    const cf = '<conditionalFormatting sqref="A1"><cfRule type="dataBar" priority="1"><dataBar/><extLst><ext uri="u"/></extLst></cfRule></conditionalFormatting>';
    const xml = patched(sheet('', `${cf}<extLst><ext uri="w"/></extLst>`).replace('<pageMargins', `${cf}<pageMargins`).replace(`${cf}<extLst>`, '<extLst>'), (p) =>
      p.addChild('legacyDrawing', (name, decl) => `<${name}${decl} r:id="rId9"/>`),
    );
    expect(parseTree(xml).root.children.map((c) => c.tag.local)).toEqual(['dimension', 'cols', 'sheetData', 'conditionalFormatting', 'pageMargins', 'legacyDrawing', 'extLst']);
    expect(xml).toContain(cf);
  });
});

describe('SheetPatch: a sheet as a document', () => {
  it('merges into the sheet\'s mergeCells (its count updated), or adds one at its place', () => {
    const own = patched(sheet('', '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>').replace('<pageMargins left="0.7"/><mergeCells', '<mergeCells').replace('</mergeCells>', '</mergeCells><pageMargins left="0.7"/>'), (p) => p.merge('D1:D2'));
    expect(own).toContain('<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="D1:D2"/></mergeCells><pageMargins');
    const none = patched(sheet(''), (p) => p.merge('D1:D2'));
    expect(parseTree(none).root.children.map((c) => c.tag.local)).toEqual(['dimension', 'cols', 'sheetData', 'mergeCells', 'pageMargins']);
    expect(none).toContain('<mergeCells count="1"><mergeCell ref="D1:D2"/></mergeCells>');
  });

  it('makes a row taller, never lower, and leaves a hidden row hidden; an empty row and a new row too', () => {
    const xml = patched(sheet('<row r="1" ht="40" customHeight="1"><c r="A1"><v>1</v></c></row><row r="2"/><row r="3" hidden="1"><c r="A3"><v>1</v></c></row><row r="4" ht="12"><c r="A4"><v>1</v></c></row>'), (p) => {
      for (const r of [1, 2, 3, 4, 6]) p.minHeight(r, 31.5);
    });
    expect(data(xml)).toBe(
      '<row r="1" ht="40" customHeight="1"><c r="A1"><v>1</v></c></row><row r="2" ht="31.5" customHeight="1"/><row r="3" hidden="1"><c r="A3"><v>1</v></c></row>' +
        '<row r="4" ht="31.5" customHeight="1"><c r="A4"><v>1</v></c></row><row r="6" ht="31.5" customHeight="1"></row>',
    );
  });

  it('writes a formula with its result as text, for readers that do not calculate', () => {
    const xml = patched(sheet(''), (p) => p.set(1, 1, { formula: `HYPERLINK("#'自评表'!H25","H25")`, result: 'H25' }));
    expect(data(xml)).toBe(`<row r="1"><c r="A1" t="str"><f>HYPERLINK("#'自评表'!H25","H25")</f><v>H25</v></c></row>`);
  });

  it('sets a sheet to print one page wide: fitToPage in sheetPr (after tabColor), the page setup\'s own attributes kept', () => {
    const xml = patched(sheet('', '<pageSetup paperSize="9" scale="80" r:id="rId1"/>').replace('<dimension', '<sheetPr codeName="S"><tabColor rgb="FF00FF00"/></sheetPr><dimension'), (p) => p.printSetup({ fitToWidth: true }));
    expect(xml).toContain('<sheetPr codeName="S"><tabColor rgb="FF00FF00"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<pageSetup paperSize="9" scale="80" r:id="rId1" fitToWidth="1" fitToHeight="0"/>');
    // A sheet with neither gets both, where CT_Worksheet puts them, with what else is added there in order.
    const bare = patched(sheet(''), (p) => {
      p.printSetup({ fitToWidth: true, orientation: 'portrait', paperSize: 9 });
      p.addChild('legacyDrawing', (name, decl) => `<${name}${decl} r:id="rId9"/>`);
    });
    expect(parseTree(bare).root.children.map((c) => c.tag.local)).toEqual(['sheetPr', 'dimension', 'cols', 'sheetData', 'pageMargins', 'pageSetup', 'legacyDrawing']);
    expect(bare).toContain('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
  });
});

describe('Styles', () => {
  it('makes a bold font from the cell font, once per font, and keeps a font already bold', () => {
    const styles = new Styles('s.xml', STYLES);
    expect(styles.xf(0, { bold: true })).toBe(3);
    expect(styles.xf(0, { bold: true })).toBe(3);
    expect(styles.xf(2, { bold: true, numFmtId: 2 })).toBe(4);
    expect(styles.xf(0, {})).toBe(0);
    const out = styles.toXml();
    expect(out).toContain('<fonts count="3"><font><sz val="10"/><name val="宋体"/></font><font><b/><sz val="16"/></font><font><b/><sz val="10"/><name val="宋体"/></font></fonts>');
    expect(out).toContain('<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>');
    expect(out).toContain('<xf numFmtId="2" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>');
  });

  it('frames a cell with a thin border made once, and makes a font sized or a link\'s (blue, underlined)', () => {
    const styles = new Styles('s.xml', STYLES);
    expect(styles.xf(1, { border: 'thin' })).toBe(3);
    expect(styles.xf(0, { border: 'thin', size: 16, bold: true })).toBe(4);
    expect(styles.xf(0, { link: true })).toBe(5);
    const out = styles.toXml();
    expect(out).toContain('<borders count="3"><border/><border><left style="thin"/></border><border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right><top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>');
    expect(out).toContain('<xf numFmtId="0" fontId="0" fillId="0" borderId="2" xfId="0" applyBorder="1"><alignment horizontal="left"/></xf>');
    expect(out).toContain('<font><b/><sz val="16"/><name val="宋体"/></font><font><u/><color rgb="FF0563C1"/><sz val="10"/><name val="宋体"/></font></fonts>');
  });

  it('counts an item offered through mc:AlternateContent once, and writes new items in the part\'s prefix', () => {
    const xml = `<x:styleSheet xmlns:x="${MAIN}"><x:fonts count="1"><x:font/></x:fonts><x:fills count="2"><x:fill/><x:fill/></x:fills><x:cellXfs count="2"><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:hs="urn:hs" Requires="hs"><x:xf hs:a="1" fontId="0"/></mc:Choice><mc:Fallback><x:xf fontId="0"/></mc:Fallback></mc:AlternateContent><x:xf fontId="0" numFmtId="10"/></x:cellXfs></x:styleSheet>`;
    const styles = new Styles('s.xml', xml);
    expect(styles.xf(1, { fill: 'FF000000' })).toBe(2);
    expect(styles.toXml()).toContain('<x:xf fontId="0" numFmtId="10" fillId="2" applyFill="1"/></x:cellXfs>');
    expect(styles.toXml()).toContain('<x:cellXfs count="3">');
    expect(styles.toXml()).toContain('<x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FF000000"/><x:bgColor indexed="64"/></x:patternFill></x:fill></x:fills>');
  });
});

describe('the layer', () => {
  it('knows nothing of the rest of perf-score: src/ooxml imports only itself and Node', () => {
    for (const file of readdirSync('src/ooxml')) {
      const source = readFileSync(`src/ooxml/${file}`, 'utf8');
      const { static: direct, dynamic } = importsOf(source);
      expect([...direct, ...dynamic].filter((spec) => !spec.startsWith('./')), file).toEqual([]);
      expect(source, file).not.toMatch(/from '(?!node:|\.\/)/);
    }
  });
});
