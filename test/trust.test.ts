// Trust: every workbook read whatever program saved it, and a scored copy that is the user's own
// workbook plus our additions. Each case is a bullet of the issue that found it: a fixture changed
// the way another program writes it, scored, and its copy checked by readers we did not write
// (exceljs here; openpyxl and LibreOffice when installed, skipped and said otherwise).
import JSZip from 'jszip';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeTable } from '../src/engine/analyze.js';
import type { TableReport } from '../src/model.js';
import { parseTree } from '../src/ooxml/tree.js';
import { loadProfile } from '../src/profiles/index.js';
import { openWorkbook, type OpenedWorkbook } from '../src/workbook/read.js';
import { scoredCopy } from '../src/workbook/write.js';
import { cleanWorkdirs, loadWorkbook, noteText, workdir } from './cli/helpers.js';
import { have, libreofficeOpens, openpyxlDump } from './tools/readers.js';

afterEach(cleanWorkdirs);

type Zip = JSZip;

/** A fixture with its package changed as another program would write it. */
async function variant(fixture: string, change: (zip: Zip) => Promise<void>, name = 'variant.xlsx'): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(join('fixtures', fixture)));
  await change(zip);
  const file = join(workdir(), name);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

async function edit(zip: Zip, name: string, change: (xml: string) => string): Promise<void> {
  const file = zip.file(name);
  if (!file) throw new Error(`no part ${name}`);
  zip.file(name, change(await file.async('string')));
}

async function text(bytes: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(name) ?? zip.file(new RegExp(`^${name.replace(/[.[\]]/g, '\\$&')}$`, 'i'))[0];
  return file!.async('string');
}

interface Scored {
  opened: OpenedWorkbook;
  reports: TableReport[];
  copy: Buffer;
  out: string;
}

/** Reads, scores and copies a workbook in process; the copy is written beside it. */
async function score(file: string, profile = 'mof'): Promise<Scored> {
  const opened = await openWorkbook(file);
  const reports = opened.tables.map((t) => analyzeTable(t, loadProfile(profile)));
  const copy = scoredCopy(opened, reports, 'zh').bytes;
  const out = file.replace(/\.xlsx$/, '.scored.xlsx');
  writeFileSync(out, copy);
  return { opened, reports, copy, out };
}

/**
 * The copy opens in readers we did not write: exceljs, openpyxl and LibreOffice. A reader is left out
 * where it cannot read the input either: exceljs (prefixed relationships, rows without `r`, notes as
 * openpyxl writes them), openpyxl (formats in mc:AlternateContent).
 */
async function opensEverywhere(out: string, { exceljs = true, openpyxl = true } = {}): Promise<void> {
  if (exceljs) expect((await loadWorkbook(out)).worksheets.map((w) => w.name)).toContain('评分结果');
  if (openpyxl && have('openpyxl')) expect(openpyxlDump(out).sheets).toContain('评分结果');
  if (have('libreoffice')) expect(libreofficeOpens(out)).toBe(true);
}

/** seed-000 under its own region's rules reproduces the published total (asserted by hand in seeds.test.ts). */
const PUBLISHED = '95.81';

describe('the scored copy keeps the user\'s workbook and adds to it', () => {
  it('a workbook saved by openpyxl (r: declared on each <sheet>) gives a copy that opens', async () => {
    const file = await variant('seed-000.xlsx', (zip) =>
      edit(zip, 'xl/workbook.xml', (xml) =>
        xml.replace(/ xmlns:r="[^"]*"/, '').replace(/<sheet /g, '<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '),
      ),
    );
    const { copy, out } = await score(file);
    const book = await text(copy, 'xl/workbook.xml');
    expect(() => parseTree(book)).not.toThrow();
    expect(book).toMatch(/<sheet xmlns:r="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships" name="评分结果" sheetId="2" r:id="rId\d+"\/><\/sheets>/);
    await opensEverywhere(out);
  });

  it('a sheet with a data bar: the notes\' drawing goes among the worksheet\'s children, not into the rule\'s own extLst', async () => {
    const dataBar =
      '<conditionalFormatting sqref="G15:G45"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>' +
      '<extLst><ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"><x14:id>{00000000-0001-0000-0000-000000000000}</x14:id></ext></extLst></cfRule></conditionalFormatting>';
    const sheetExt =
      '<extLst><ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="{00000000-0001-0000-0000-000000000000}"><x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule><xm:sqref>G15:G45</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>';
    const file = await variant('seed-000.xlsx', (zip) => edit(zip, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<pageMargins', `${dataBar}<pageMargins`).replace('</worksheet>', `${sheetExt}</worksheet>`)));
    const { copy, out } = await score(file);
    const sheet = await text(copy, 'xl/worksheets/sheet1.xml');
    const root = parseTree(sheet).root;
    const names = root.children.map((c) => c.tag.local);
    // CT_Worksheet: … pageMargins, pageSetup, … legacyDrawing, … extLst.
    expect(names.slice(-4)).toEqual(['pageMargins', 'pageSetup', 'legacyDrawing', 'extLst']);
    expect(sheet).toContain(dataBar);
    expect(sheet).toContain(sheetExt);
    await opensEverywhere(out);
  });

  it('content beside the table is never written over: a reviewer\'s remark, helper formulas without a header, a shared formula', async () => {
    const file = await variant('seed-000.xlsx', (zip) =>
      edit(zip, 'xl/worksheets/sheet1.xml', (xml) =>
        xml
          // K20: a remark right of the table; M15…M17 helper formulas; N15:N18 a shared formula.
          .replace(/(<row r="20"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="K20" t="inlineStr"><is><t>复核：执行率偏低</t></is></c>$2')
          .replace(/(<row r="15"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="M15"><f>G15*2</f><v>4</v></c><c r="N15"><f t="shared" ref="N15:N18" si="0">G15+1</f><v>3</v></c>$2')
          .replace(/(<row r="16"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="M16"><f>G16*2</f><v>4</v></c><c r="N16"><f t="shared" si="0"/><v>3</v></c>$2')
          .replace(/(<row r="17"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="N17"><f t="shared" si="0"/><v>3</v></c>$2')
          .replace(/(<row r="18"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="N18"><f t="shared" si="0"/><v>3</v></c>$2'),
      ),
    );
    const { copy, out } = await score(file);
    const sheet = await text(copy, 'xl/worksheets/sheet1.xml');
    for (const cell of [
      '<c r="K20" t="inlineStr"><is><t>复核：执行率偏低</t></is></c>',
      '<c r="M15"><f>G15*2</f><v>4</v></c>',
      '<c r="N15"><f t="shared" ref="N15:N18" si="0">G15+1</f><v>3</v></c>',
      '<c r="N16"><f t="shared" si="0"/><v>3</v></c>',
      '<c r="N18"><f t="shared" si="0"/><v>3</v></c>',
    ]) {
      expect(sheet).toContain(cell);
    }
    // The computed columns start past the last used column (N) and one empty one (O).
    const ws = (await loadWorkbook(out)).getWorksheet('自评表')!;
    expect(ws.getCell('O14').value).toBeNull();
    expect(ws.getCell('P14').value).toBe('计算得分');
    expect(ws.getCell('K20').value).toBe('复核：执行率偏低');
    await opensEverywhere(out);
  });

  it('a note already on a cell we annotate is kept, and ours added to it; notes elsewhere stay as they were', async () => {
    const comments =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>王科长</author></authors><commentList>' +
      '<comment ref="H46" authorId="0"><text><r><rPr><b/><sz val="9"/></rPr><t>王科长:</t></r><r><rPr><sz val="9"/></rPr><t xml:space="preserve">\n财务科王科长：总分已与局长核对，勿改。</t></r></text></comment>' +
      '<comment ref="D20" authorId="0"><text><r><rPr><sz val="9"/></rPr><t>口径同上年</t></r></text></comment></commentList></comments>';
    const shape = (id: number, r: number, c: number) =>
      `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="#ffffe1"><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`;
    const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"/>${shape(1025, 45, 7)}${shape(1026, 19, 3)}</xml>`;
    const file = await variant('seed-000.xlsx', async (zip) => {
      zip.file('xl/comments1.xml', comments);
      zip.file('xl/drawings/vmlDrawing1.vml', vml);
      zip.file(
        'xl/worksheets/_rels/sheet1.xml.rels',
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>',
      );
      await edit(zip, '[Content_Types].xml', (xml) => xml.replace('</Types>', '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>'));
      await edit(zip, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('</worksheet>', '<legacyDrawing r:id="rId2"/></worksheet>'));
    });
    const { copy, out, reports } = await score(file);
    // Under mof the declared total (H46) and budget score (J4) are flagged.
    expect(reports[0]!.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.ref?.address}`)).toEqual(['budget-mismatch J4', 'total-mismatch H46']);
    const ws = (await loadWorkbook(out)).getWorksheet('自评表')!;
    const h46 = noteText(ws.getCell('H46').note);
    expect(h46).toContain('财务科王科长：总分已与局长核对，勿改。');
    expect(h46).toContain('perf-score:');
    expect(h46).toContain('填报总分 95.81，计算总分为 95.00');
    expect(noteText(ws.getCell('D20').note)).toBe('口径同上年');
    const part = await text(copy, 'xl/comments1.xml');
    expect(part.match(/<comment ref="H46"/g)).toHaveLength(1);
    expect(part).toContain('<authors><author>王科长</author><author>perf-score</author></authors>');
    // One box per note: H46 keeps its own; J4 gets a new one, in a new block of ids.
    const drawing = await text(copy, 'xl/drawings/vmlDrawing1.vml');
    expect(() => parseTree(drawing)).not.toThrow();
    const boxes = [...drawing.matchAll(/<x:Row>(\d+)<\/x:Row><x:Column>(\d+)<\/x:Column>/g)].map((m) => `${m[1]},${m[2]}`);
    expect(boxes.filter((b) => b === '45,7')).toHaveLength(1);
    expect(boxes).toContain('3,9');
    expect(drawing).toContain('data="1,2"');
    if (have('openpyxl')) {
      const dump = openpyxlDump(out);
      expect(dump.comments['自评表']!.H46!.text).toContain('财务科王科长：总分已与局长核对，勿改。');
      expect(dump.comments['自评表']!.D20!.text).toBe('口径同上年');
    }
    await opensEverywhere(out);
  });

  it('notes written the way openpyxl writes them (each element declaring its own prefixes) get well-formed boxes', async () => {
    const vml =
      '<xml><ns0:shapelayout xmlns:ns0="urn:schemas-microsoft-com:office:office" xmlns:ns1="urn:schemas-microsoft-com:vml" ns1:ext="edit"><ns0:idmap ns1:ext="edit" data="1"/></ns0:shapelayout>' +
      '<ns2:shapetype xmlns:ns2="urn:schemas-microsoft-com:vml" xmlns:ns3="urn:schemas-microsoft-com:office:office" id="_x0000_t202" coordsize="21600,21600" ns3:spt="202" path="m,l,21600r21600,l21600,xe"><ns2:stroke joinstyle="miter"/></ns2:shapetype>' +
      '<ns0:shape xmlns:ns0="urn:schemas-microsoft-com:vml" xmlns:ns1="urn:schemas-microsoft-com:office:office" type="#_x0000_t202" id="_x0000_s1026"><ns0:textbox/><ns2:ClientData xmlns:ns2="urn:schemas-microsoft-com:office:excel" ObjectType="Note"><ns2:Row>3</ns2:Row><ns2:Column>9</ns2:Column></ns2:ClientData></ns0:shape></xml>';
    const file = await variant('seed-000.xlsx', async (zip) => {
      zip.file('xl/comments/comment1.xml', '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>王科长</author></authors><commentList><comment ref="J4" authorId="0" shapeId="0"><text><t>预算得分已复核</t></text></comment></commentList></comments>');
      zip.file('xl/drawings/commentsDrawing1.vml', vml);
      zip.file(
        'xl/worksheets/_rels/sheet1.xml.rels',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="/xl/comments/comment1.xml" Id="comments"/><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml" Id="anysvml"/></Relationships>',
      );
      await edit(zip, '[Content_Types].xml', (xml) => xml.replace('</Types>', '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/comments/comment1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>'));
      await edit(zip, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('</worksheet>', '<legacyDrawing r:id="anysvml"/></worksheet>'));
    });
    const { copy, out } = await score(file);
    const drawing = await text(copy, 'xl/drawings/commentsDrawing1.vml');
    const tree = parseTree(drawing);
    // exceljs reads no workbook with notes as openpyxl writes them, the input included: openpyxl reads the note.
    if (have('openpyxl')) expect(openpyxlDump(out).comments['自评表']!.J4!.text).toMatch(/^预算得分已复核\nperf-score:\n填报预算执行得分 8\.05，[^\n]*（budget-mismatch）/);
    // J4 (row 3, column 9) keeps its one box; H46, the computed scores (column L) and the computed
    // total beside H46 (L46) get theirs, with their prefixes declared on them.
    const boxes = [...drawing.matchAll(/Row>(\d+)<\/\w+:Row><\w+:Column>(\d+)</g)].map((m) => `${m[1]},${m[2]}`);
    expect(boxes.filter((b) => b === '3,9')).toHaveLength(1);
    expect(boxes.filter((b) => b === '45,7')).toHaveLength(1);
    expect(boxes.filter((b) => b.endsWith(',11'))).toHaveLength(32);
    expect(boxes).toContain('45,11');
    expect(tree.root.children.filter((c) => c.tag.local === 'shape')).toHaveLength(34);
    expect(drawing).toContain('<v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" id="_x0000_s2049"');
    expect(drawing).toContain('data="1,2"');
    await opensEverywhere(out, { exceljs: false });
  });

  it('threaded comments are copied as they are', async () => {
    const threaded = '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="H46" dT="2023-01-05T08:00:00.00" personId="{11111111-1111-1111-1111-111111111111}" id="{22222222-2222-2222-2222-222222222222}"><text>总分已核对</text></threadedComment></ThreadedComments>';
    const file = await variant('seed-000.xlsx', async (zip) => {
      zip.file('xl/threadedComments/threadedComment1.xml', threaded);
      zip.file('xl/worksheets/_rels/sheet1.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>');
      await edit(zip, '[Content_Types].xml', (xml) => xml.replace('</Types>', '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/></Types>'));
    });
    const { copy, out } = await score(file);
    expect(await text(copy, 'xl/threadedComments/threadedComment1.xml')).toBe(threaded);
    expect(await text(copy, 'xl/worksheets/_rels/sheet1.xml.rels')).toContain('Target="../threadedComments/threadedComment1.xml"');
    await opensEverywhere(out);
  });

  it('a cell under a conditional format says so in its note; a print area is widened to take the new columns in', async () => {
    const file = await variant('seed-000.xlsx', async (zip) => {
      await edit(zip, 'xl/worksheets/sheet1.xml', (xml) =>
        xml.replace('<pageMargins', '<conditionalFormatting sqref="H15:H46"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>1</formula></cfRule></conditionalFormatting><pageMargins'),
      );
      await edit(zip, 'xl/styles.xml', (xml) => xml.replace('<dxfs count="0"/>', '<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FFFFFF00"/></patternFill></fill></dxf></dxfs>'));
      await edit(zip, 'xl/workbook.xml', (xml) => xml.replace('</sheets>', `</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'自评表'!$A$1:$J$46</definedName></definedNames>`));
    });
    const { out } = await score(file);
    const ws = (await loadWorkbook(out)).getWorksheet('自评表')!;
    expect(noteText(ws.getCell('H46').note)).toContain('此单元格设有条件格式');
    expect(noteText(ws.getCell('J4').note)).not.toContain('条件格式');
    // The table ends at J: the new columns are L, M and N.
    expect(ws.getCell('L14').value).toBe('计算得分');
    if (have('openpyxl')) {
      const dump = openpyxlDump(out);
      expect(dump.printAreas['自评表']).toBe('$A$1:$N$46');
      expect(dump.conditional['自评表']).toEqual([{ sqref: 'H15:H46', rules: ['cellIs'] }]);
    }
    await opensEverywhere(out);
  });

  it('the new columns stay out of dropdown ranges, tables and hidden columns, and are not added when the sheet has no room', async () => {
    const file = await variant('seed-000.xlsx', (zip) =>
      edit(zip, 'xl/worksheets/sheet1.xml', (xml) =>
        xml
          .replace('<pageMargins', '<dataValidations count="1"><dataValidation type="list" sqref="L15:L1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations><pageMargins')
          .replace('</cols>', '<col min="14" max="14" width="9" hidden="1" customWidth="1"/></cols>'),
      ),
    );
    const { out } = await score(file);
    const ws = (await loadWorkbook(out)).getWorksheet('自评表')!;
    // L is a dropdown column, M the empty one, N hidden: the columns are O, P, Q.
    expect([ws.getCell('M14').value, ws.getCell('N14').value, ws.getCell('O14').value]).toEqual([null, null, '计算得分']);

    const full = await variant('seed-000.xlsx', (zip) => edit(zip, 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/(<row r="2"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="XFD2" t="inlineStr"><is><t>末列</t></is></c>$2')), 'full.xlsx');
    const scored = await score(full);
    const copy = await loadWorkbook(scored.out);
    expect(copy.getWorksheet('评分结果')!.getCell('A2').value).toMatch(/^说明：工作表“自评表”右侧已无空列/);
    // The findings are still marked on their cells.
    expect(noteText(copy.getWorksheet('自评表')!.getCell('J4').note)).toContain('budget-mismatch');
    await opensEverywhere(scored.out);
  });
});

describe('workbooks are read whatever program saved them', () => {
  async function published(file: string): Promise<Scored> {
    const scored = await score(file, 'zhengzhou-shangjie');
    expect(scored.reports.map((r) => [r.total.toFixed(2), r.declaredTotal?.toFixed(2)])).toEqual([[PUBLISHED, PUBLISHED]]);
    return scored;
  }

  it('part names in another case and with backslashes: [content_types].xml, xl\\worksheets\\sheet1.xml', async () => {
    const file = await variant('seed-000.xlsx', async (zip) => {
      for (const [from, to] of [
        ['[Content_Types].xml', '[content_types].xml'],
        ['xl/worksheets/sheet1.xml', 'xl\\worksheets\\sheet1.xml'],
        ['xl/sharedStrings.xml', 'xl\\sharedStrings.xml'],
      ] as const) {
        zip.file(to, await zip.file(from)!.async('nodebuffer'));
        zip.remove(from);
      }
    });
    const { copy, out } = await published(file);
    // The copy names its parts the way every reader finds them (the input's cannot be opened by openpyxl).
    const names = Object.keys((await JSZip.loadAsync(copy)).files);
    expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']));
    expect(names.filter((n) => n.includes('\\') || n === '[content_types].xml')).toEqual([]);
    await opensEverywhere(out);
  });

  it('SpreadsheetML written with prefixes (x:worksheet, ns0:Relationships), as web systems export it', async () => {
    const prefix = (xml: string, p: string, ns: string) => xml.replace(/<(\/?)(?![?!])([A-Za-z][\w.-]*)(?=[\s/>])/g, `<$1${p}:$2`).replace(` xmlns="${ns}"`, ` xmlns:${p}="${ns}"`);
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
    const file = await variant('seed-000.xlsx', async (zip) => {
      for (const part of ['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']) await edit(zip, part, (xml) => prefix(xml, 'x', MAIN));
      for (const part of ['_rels/.rels', 'xl/_rels/workbook.xml.rels']) await edit(zip, part, (xml) => prefix(xml, 'ns0', RELS));
    });
    const { copy, out } = await published(file);
    const sheet = await text(copy, 'xl/worksheets/sheet1.xml');
    expect(() => parseTree(sheet)).not.toThrow();
    expect(sheet).toMatch(/<x:c r="L14" s="\d+" t="inlineStr"><x:is><x:t xml:space="preserve">计算得分<\/x:t><\/x:is><\/x:c>/);
    expect(await text(copy, 'xl/_rels/workbook.xml.rels')).toMatch(/<ns0:Relationship Id="rId\d+" Type="[^"]+\/worksheet" Target="worksheets\/sheet2\.xml"\/><\/ns0:Relationships>/);
    // exceljs reads no prefixed relationships, the input's included.
    await opensEverywhere(out, { exceljs: false });
  });

  it('rows and cells without an r attribute', async () => {
    const file = await variant('seed-000.xlsx', (zip) =>
      edit(zip, 'xl/worksheets/sheet1.xml', (xml) => {
        // Every row follows the one before (1 … 46): its number can go; so can a cell's that follows the one before it.
        let out = xml.replace(/<row r="\d+"/g, '<row');
        out = out.replace(/<row\b[^>]*>([\s\S]*?)<\/row>/g, (row) => {
          let last = 0;
          return row.replace(/<c r="([A-Z]+)\d+"/g, (cell, letters: string) => {
            const col = letters.charCodeAt(0) - 64;
            const keep = letters.length > 1 || col !== last + 1;
            last = col;
            return keep ? cell : '<c';
          });
        });
        return out;
      }),
    );
    const { copy, out } = await published(file);
    // The rows that follow a row inserted before them say their numbers; the ones before keep none.
    const sheet = await text(copy, 'xl/worksheets/sheet1.xml');
    expect(sheet).toMatch(/<row(?! r=)[^>]*>/);
    // exceljs reads no row without a number, the input's included.
    await opensEverywhere(out, { exceljs: false });
    const copied = await openWorkbook(out);
    expect(copied.tables[0]!.declaredTotal?.text).toBe(PUBLISHED);
  });

  it('parts offered in two versions through mc:AlternateContent (cell formats, as a Korean spreadsheet writes them)', async () => {
    const file = await variant('seed-000.xlsx', (zip) =>
      edit(zip, 'xl/styles.xml', (xml) =>
        xml.replace(/<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/, (_all, count: string, body: string) => {
          // The first format offered to a consumer that knows the made-up namespace hs, with a plain fallback.
          const [first, ...rest] = body.match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
          const wrapped = `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:hs="urn:example:hs" Requires="hs">${first!.replace('<xf ', '<xf hs:extension="1" ')}</mc:Choice><mc:Fallback>${first}</mc:Fallback></mc:AlternateContent>`;
          return `<cellXfs count="${count}">${wrapped}${rest.join('')}</cellXfs>`;
        }),
      ),
    );
    const { copy, out } = await published(file);
    const styles = await text(copy, 'xl/styles.xml');
    // Items counted as Excel counts them: the wrapped one once.
    const xfs = parseTree(styles).root.children.find((c) => c.tag.local === 'cellXfs')!;
    expect(Number(/count="(\d+)"/.exec(styles.slice(xfs.tag.start, xfs.tag.end))![1])).toBe(xfs.children.length);
    await opensEverywhere(out, { openpyxl: false });
  });

  it('strict OOXML (ISO/IEC 29500 strict namespaces)', async () => {
    const strict = (xml: string) =>
      xml
        .replaceAll('http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main')
        .replaceAll('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships');
    const file = await variant('seed-000.xlsx', async (zip) => {
      for (const part of ['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels']) await edit(zip, part, strict);
    });
    const { copy } = await published(file);
    expect(await text(copy, 'xl/_rels/workbook.xml.rels')).toContain('Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="worksheets/sheet2.xml"');
    expect(await text(copy, 'xl/worksheets/sheet2.xml')).toContain('<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"');
  });

  // The reproducer lives in ../shared/corpus: without it (a clone on its own) there is nothing to read.
  it.runIf(existsSync('../shared/corpus/defects/zip64.xlsx'))('a zip64 package', async () => {
    const file = join(workdir(), 'zip64.xlsx');
    writeFileSync(file, readFileSync('../shared/corpus/defects/zip64.xlsx'));
    await published(file);
  });
});
