// The formats other than xlsx (README, What it reads): what a file is, from its bytes (sniff.ts);
// .xls, .et, .ods, .fods, .xlsb, web pages and Excel 2003 XML converted to xlsx (convert.ts) and read
// cell for cell as the workbook they were saved from; the limits that refuse a crafted file; every
// other file told what it is. In process; the command line is in cli-formats.test.ts.
import * as XLSX from '@e965/xlsx';
import * as codepages from '@e965/xlsx/dist/cpexcel.full.mjs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeTable } from '../src/engine/analyze.js';
import { RunError } from '../src/errors.js';
import { uiFor } from '../src/i18n/messages.js';
import type { TableReport } from '../src/model.js';
import { loadProfile } from '../src/profiles/index.js';
import { convertToXlsx, LIMITS } from '../src/workbook/convert.js';
import { Package } from '../src/ooxml/package.js';
import { openWorkbook } from '../src/workbook/read.js';
import { Cfb } from '../src/workbook/cfb.js';
import { sniff } from '../src/workbook/sniff.js';
import { readWorkbook } from '../src/workbook/values.js';
import { readZip, writeZip } from '../src/ooxml/zip.js';
import { zipOf } from './cli/files.js';
import { cleanWorkdirs, REPO, workdir } from './cli/helpers.js';

afterEach(cleanWorkdirs);

const FORMATS = join(REPO, 'fixtures/formats');
/** The public corpus beside the project (../shared/corpus, see its README); tests on it are skipped where it is absent. */
const CORPUS = resolve(REPO, '../shared/corpus');
const hasCorpus = existsSync(join(CORPUS, 'poi')) && existsSync(join(CORPUS, 'wps'));

/** Every cell of every sheet as our reader reads it: sheet names in order, sizes, texts, merges. */
function cellsOf(xlsx: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  readWorkbook(new Package(xlsx)).sheets.forEach(({ grid: g }, i) => {
    out.set(`sheet ${i}`, g.sheet);
    out.set(`size ${i}`, `${g.rowCount}x${g.colCount}`);
    for (let r = 1; r <= g.rowCount; r++) {
      for (let c = 1; c <= g.colCount; c++) {
        const m = g.master(r, c);
        if (m.row !== r || m.col !== c) out.set(`${i}!R${r}C${c}`, `merged into R${m.row}C${m.col}`);
        else if (g.text(r, c) !== null) out.set(`${i}!R${r}C${c}`, g.text(r, c)!);
      }
    }
  });
  return out;
}

/** The package a file is read as: an xlsx as it is, another format converted. */
async function packageOf(path: string): Promise<Buffer> {
  const bytes = readFileSync(path);
  const s = sniff(bytes, path);
  if (s.kind === 'xlsx') return bytes;
  if (s.kind !== 'convert') throw new Error(`${path}: ${s.kind}`);
  return convertToXlsx(path, bytes, s.family, s.from);
}

/** The cells where two workbooks differ: `[where, in a, in b]`. */
async function differences(a: string, b: string): Promise<[string, string | undefined, string | undefined][]> {
  const [x, y] = [cellsOf(await packageOf(a)), cellsOf(await packageOf(b))];
  return [...new Set([...x.keys(), ...y.keys()])].filter((k) => x.get(k) !== y.get(k)).map((k) => [k, x.get(k), y.get(k)]);
}

/** The RunError a read ends in, rendered in Chinese; null when the file is read. */
async function refusalOf(path: string, lang: 'zh' | 'en' = 'zh'): Promise<string | null> {
  try {
    await openWorkbook(path, { requireTable: false });
    return null;
  } catch (err) {
    if (!(err instanceof RunError)) throw err;
    return err.render(uiFor(lang));
  }
}

/** The RunError converting these bytes ends in, rendered in Chinese. */
async function conversionRefusal(bytes: Buffer, name: string): Promise<string> {
  const s = sniff(bytes, name);
  if (s.kind !== 'convert') throw new Error(`${name} sniffed as ${s.kind}`);
  try {
    await convertToXlsx(name, bytes, s.family, s.from);
  } catch (err) {
    if (err instanceof RunError) return err.render(uiFor('zh'));
    throw err;
  }
  throw new Error(`${name} was converted`);
}

/** An OLE compound file holding these streams (written by SheetJS's CFB writer, not by ours). */
function compoundFile(streams: Record<string, Buffer>): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, `/${name}`, data);
  return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

const levels = (r: TableReport) => r.levels.map((l) => [l.name, l.weight.toFixed(), l.score.toFixed(2)]);
/** The errors and warnings of a table (seed 000's eight missed targets with reasons are information). */
const findings = (r: TableReport) => r.findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.ref ? `${f.ref.sheet}!${f.ref.address}` : null, f.indicator]);
const rows = (r: TableReport) => r.indicators.map((i) => [i.name, i.weight?.toFixed(), i.score?.toFixed(2)]);

async function scoreAll(path: string, profile: string): Promise<TableReport[]> {
  const opened = await openWorkbook(path);
  return opened.tables.map((t) => analyzeTable(t, loadProfile(profile)));
}

describe('sniff: what a file is, from its bytes', () => {
  const cases: [string, Buffer, unknown][] = [
    ['a.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), { kind: 'other', what: 'pdf' }],
    ['扫描件.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), { kind: 'other', what: 'image', detail: 'PNG' }],
    ['照片.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), { kind: 'other', what: 'image', detail: 'JPEG' }],
    ['a.gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), { kind: 'other', what: 'image', detail: 'GIF' }],
    ['a.rar', Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), { kind: 'other', what: 'rar' }],
    ['a.7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), { kind: 'other', what: '7z' }],
    ['a.xls.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), { kind: 'other', what: 'gzip' }],
    ['空.xlsx', Buffer.alloc(0), { kind: 'other', what: 'empty' }],
    ['~$自评表.xlsx', Buffer.concat([Buffer.from([5]), Buffer.from('zhang'.padEnd(53, ' ')), Buffer.from([5, 0]), Buffer.from('zhang', 'utf16le'), Buffer.alloc(100, 0x20)]), { kind: 'other', what: 'lock' }],
    ['~$空锁.xls', Buffer.alloc(0), { kind: 'other', what: 'lock' }],
    ['.~lock.自评表.xlsx#', Buffer.from('张三,DESKTOP/zhang,DESKTOP,30.11.2026 10:00,file:///C:/Users/zhang/AppData/Roaming/LibreOffice/4;'), { kind: 'other', what: 'lock' }],
    ['说明.txt', Buffer.from('本文件说明自评表的填报口径。\n'), { kind: 'other', what: 'text' }],
    ['表.csv', Buffer.from('三级指标,指标值\n预算执行率,≥100%\n'), { kind: 'other', what: 'csv' }],
    ['导出.xls', Buffer.from('\ufeff<!DOCTYPE html><html><body><table><tr><td>三级指标</td></tr></table></body></html>'), { kind: 'convert', family: 'html', from: 'html' }],
    ['登录页.xls', Buffer.from('<html><head><title>请登录</title></head><body>会话已过期</body></html>'), { kind: 'other', what: 'html' }],
    ['导出.xls', Buffer.from('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'), { kind: 'convert', family: 'xml2003', from: 'xml2003' }],
    ['a.fods', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'), { kind: 'convert', family: 'fods', from: '.fods' }],
    ['a.xml', Buffer.from('<?xml version="1.0"?><config><a/></config>'), { kind: 'other', what: 'xml' }],
    ['网页.mht', Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n'), { kind: 'other', what: 'mht' }],
    ['a.bin', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x00, 0xff, 0x10, 0x00, 0x11]), { kind: 'other', what: 'unknown' }],
    ['说明.docx', zipOf({ '[Content_Types].xml': '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>', 'word/document.xml': '<w:document/>' }), { kind: 'other', what: 'word' }],
    ['汇报.pptx', zipOf({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p:presentation/>' }), { kind: 'other', what: 'powerpoint' }],
    ['a.odt', zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' }), { kind: 'other', what: 'odf-text' }],
    ['发票.ofd', zipOf({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' }), { kind: 'other', what: 'ofd' }],
    ['材料.zip', zipOf({ '自评表.xlsx': 'PK…', '说明.txt': '…' }), { kind: 'other', what: 'zip' }],
    ['a.ods', zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' }), { kind: 'convert', family: 'ods', from: '.ods' }],
    [
      '加密.ods',
      zipOf({
        mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
        'META-INF/manifest.xml': '<manifest:manifest><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>',
        'content.xml': 'encrypted bytes',
      }),
      { kind: 'encrypted' },
    ],
    ['a.xlsb', zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': '' }), { kind: 'convert', family: 'xlsb', from: '.xlsb' }],
    [
      'SheetJS 写的.xlsx',
      zipOf({
        '[Content_Types].xml': '<Types><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        'xl/workbook.xml': '<workbook/>',
      }),
      { kind: 'xlsx' },
    ],
    ['小写.xlsx', zipOf({ '[content_types].xml': '<Types/>', 'xl\\workbook.xml': '<workbook/>' }), { kind: 'xlsx' }],
    // A damaged zip named as an xlsx goes to the package reader, which names what is wrong with it.
    ['坏.xlsx', Buffer.from('PK\x03\x04 and then nothing', 'latin1'), { kind: 'xlsx' }],
    ['坏.ods', Buffer.from('PK\x03\x04 and then nothing', 'latin1'), { kind: 'damaged', format: '.ods' }],
    ['坏.et', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), { kind: 'damaged', format: '.et' }],
    ['文档.doc', compoundFile({ WordDocument: Buffer.alloc(4096, 1), '1Table': Buffer.alloc(100) }), { kind: 'other', what: 'word' }],
    ['演示.ppt', compoundFile({ 'PowerPoint Document': Buffer.alloc(200, 1) }), { kind: 'other', what: 'powerpoint' }],
    ['邮件.msg', compoundFile({ __properties_version1: Buffer.alloc(32) }), { kind: 'other', what: 'ole' }],
    ['加密.xlsx', compoundFile({ EncryptionInfo: Buffer.alloc(200, 4), EncryptedPackage: Buffer.alloc(5000, 7) }), { kind: 'encrypted' }],
    ['旧表.et', compoundFile({ Workbook: Buffer.alloc(5000) }), { kind: 'convert', family: 'biff', from: '.et' }],
    ['旧表.dat', compoundFile({ Book: Buffer.alloc(100) }), { kind: 'convert', family: 'biff', from: '.xls' }],
  ];

  it.each(cases)('%s', (name, bytes, expected) => {
    expect(sniff(bytes, join('材料', name))).toEqual(expected);
  });

  it('takes the file for what its bytes say, whatever its extension: an xlsx named .xls is an xlsx', () => {
    const bytes = readFileSync(join(REPO, 'fixtures/seed-000.xlsx'));
    expect(sniff(bytes, '自评表.xls')).toEqual({ kind: 'xlsx' });
    expect(sniff(readFileSync(join(FORMATS, 'seed-000.xls')), '自评表.xlsx')).toEqual({ kind: 'convert', family: 'biff', from: '.xls' });
  });

});

describe('the fixtures saved by LibreOffice in other formats read cell for cell as their .xlsx sources', () => {
  // Each difference is one of a writer, explained: LibreOffice writes a formula's result to an .ods with 15
  // significant digits; SheetJS drops the merge of an empty cell written as <table:table-cell …/> in an
  // .ods (seed-000 B3:D3, seed-004 B13:C13: no text either way); a web page has no sheet names.
  it.each([
    ['seed-000', '.xls', []],
    ['seed-000', '.ods', [['0!R3C3', 'merged into R3C2', undefined], ['0!R3C4', 'merged into R3C2', undefined]]],
    ['seed-000', '.fods', [['0!R3C3', 'merged into R3C2', undefined], ['0!R3C4', 'merged into R3C2', undefined]]],
    ['seed-000', '.web.xls', [['sheet 0', '自评表', 'Sheet1']]],
    ['seed-004', '.xls', []],
    [
      'seed-004',
      '.ods',
      [
        ['1!R8C9', '75.83636363636364%', '75.8363636363636%'],
        ['1!R9C9', '69.68181818181818%', '69.6818181818182%'],
        ['1!R13C3', 'merged into R13C2', undefined],
      ],
    ],
    ['two-tables', '.xls', []],
    ['two-tables', '.ods', []],
  ])('%s%s', async (name, ext, expected) => {
    expect(await differences(join(REPO, `fixtures/${name}.xlsx`), join(FORMATS, `${name}${ext}`))).toEqual(expected);
  });

  it('fixtures/formats holds exactly these files', () => {
    expect(readdirSync(FORMATS).sort()).toEqual(['seed-000.fods', 'seed-000.ods', 'seed-000.web.xls', 'seed-000.xls', 'seed-004.ods', 'seed-004.xls', 'two-tables.ods', 'two-tables.xls']);
  });
});

describe('each format scores as its .xlsx source does', () => {
  // The figures are those test/seeds.test.ts and test/layouts.test.ts assert for the .xlsx fixtures.
  describe.each(['seed-000.xls', 'seed-000.ods', 'seed-000.fods', 'seed-000.web.xls'])('seed 000 as %s, profile zhengzhou-shangjie', async (file) => {
    const [r, ...others] = await scoreAll(join(FORMATS, file), 'zhengzhou-shangjie');
    const [xlsx] = await scoreAll(join(REPO, 'fixtures/seed-000.xlsx'), 'zhengzhou-shangjie');

    it('total 95.81, budget 72.41% → 8.05, the subtotals, no finding', () => {
      expect(others).toEqual([]);
      expect(r!.department).toBe('郑州市上街区信访局');
      expect([r!.total.toFixed(2), r!.declaredTotal?.toFixed(2), r!.grade]).toEqual(['95.81', '95.81', '优']);
      expect([r!.budget?.rate?.toFixed(2), r!.budget?.score?.toFixed(2), r!.budget?.declaredScore?.toFixed(2)]).toEqual(['72.41', '8.05', '8.05']);
      expect(levels(r!)).toEqual([
        ['投入管理指标', '30', '28.17'],
        ['产出指标', '25', '24.79'],
        ['效益指标', '35', '34.80'],
      ]);
      expect(findings(r!)).toEqual([]);
    });

    it('every row as the .xlsx: 31 rows, 预算执行率 from 0.7241 shown as 72.41% → 2.17', () => {
      expect(r!.indicators).toHaveLength(31);
      const row = r!.indicators.find((i) => i.name === '预算执行率')!;
      expect([row.raw.actual.text, row.score?.toFixed(2), row.deviation?.toFixed(2)]).toEqual(['72.41%', '2.17', '-27.59']);
      expect(rows(r!)).toEqual(rows(xlsx!));
      expect(r!.indicators.map((i) => i.raw.name.ref.address)).toEqual(xlsx!.indicators.map((i) => i.raw.name.ref.address));
    });
  });

  describe.each(['seed-004.xls', 'seed-004.ods'])('seed 004 as %s, profile mof', async (file) => {
    const [r] = await scoreAll(join(FORMATS, file), 'mof');

    it('total 97.20 (declared 95.92), budget 74.21% → 7.42, the subtotals', () => {
      expect([r!.sheet, r!.total.toFixed(2), r!.declaredTotal?.toFixed(2), r!.grade, r!.declaredGrade]).toEqual(['部门整体绩效自评表', '97.20', '95.92', '优', '优']);
      expect([r!.budget?.rate?.toFixed(2), r!.budget?.score?.toFixed(2)]).toEqual(['74.21', '7.42']);
      expect(levels(r!)).toEqual([
        ['投入管理指标', '20', '19.78'],
        ['产出指标', '40', '40.00'],
        ['效益指标', '30', '30.00'],
      ]);
      expect(rows(r!).find((x) => x[0] === '结转结余率')).toEqual(['结转结余率', '1', '0.78']);
    });

    it('the same findings at the same cells', () => {
      const s = '部门整体绩效自评表';
      expect(findings(r!)).toEqual([
        ['total-mismatch', `${s}!G4`, null],
        ['missing-reason', `${s}!H25`, '预算执行率'],
        ['score-mismatch', `${s}!H25`, '预算执行率'],
        ['ambiguous-comparator', `${s}!D26`, '预算调整率'],
        ['ambiguous-comparator', `${s}!D27`, '结转结余率'],
        ['missing-reason', `${s}!H27`, '结转结余率'],
        ['score-mismatch', `${s}!H27`, '结转结余率'],
      ]);
    });
  });

  describe.each(['two-tables.xls', 'two-tables.ods'])('two-tables as %s, profile mof', async (file) => {
    const tables = await scoreAll(join(FORMATS, file), 'mof');

    it('two tables on their sheets: 99.50 and 91.76, the second one flagged at G10, H10, G11', () => {
      expect(tables.map((t) => [t.sheet, t.total.toFixed(2)])).toEqual([
        ['老年助餐', '99.50'],
        ['垃圾分类', '91.76'],
      ]);
      expect(findings(tables[0]!)).toEqual([]);
      expect(findings(tables[1]!)).toEqual([
        ['score-mismatch', '垃圾分类!G10', '居民满意度'],
        ['missing-reason', '垃圾分类!H10', '居民满意度'],
        ['total-mismatch', '垃圾分类!G11', null],
      ]);
    });
  });

  it('seed 000 as .xlsb (written by SheetJS, the only xlsb writer at hand): every cell with a value, 95.81', async () => {
    const wb = XLSX.read(readFileSync(join(REPO, 'fixtures/seed-000.xlsx')), { type: 'buffer', cellNF: true });
    const dir = workdir();
    const file = join(dir, 'seed-000.xlsb');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsb' }) as Buffer);
    // SheetJS's xlsb writer keeps no formatted empty cell, so only the used range may differ.
    const diff = await differences(join(REPO, 'fixtures/seed-000.xlsx'), file);
    expect(diff.filter(([key]) => !key.startsWith('size'))).toEqual([]);
    const [r] = await scoreAll(file, 'zhengzhou-shangjie');
    expect([r!.total.toFixed(2), findings(r!)]).toEqual(['95.81', []]);
  });
});

describe('what the conversion keeps', () => {
  it('the Chinese built-in date formats an .xls names by id alone, percentages, hidden sheets and their order', async () => {
    // Excel and WPS in Chinese refer to yyyy"年"m"月"d"日" (31) and the others by id, without writing their
    // codes into the file; SheetJS writes them so too for ids under 50, and writes 57 and 58 with their codes.
    const dates: Record<number, string> = { 31: 'yyyy"年"m"月"d"日"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"' };
    const ws: XLSX.WorkSheet = { '!ref': 'A1:D2', '!merges': [XLSX.utils.decode_range('A2:D2')] };
    ws.A1 = { t: 'n', v: 44798, z: dates[31] };
    ws.B1 = { t: 'n', v: 44798, z: dates[57] };
    ws.C1 = { t: 'n', v: 44798, z: dates[58] };
    ws.D1 = { t: 'n', v: 0.7241, z: '0.00%' };
    ws.A2 = { t: 's', v: '合并单元格' };
    const wb: XLSX.WorkBook = {
      SheetNames: ['说明', '日期'],
      Sheets: { 说明: { '!ref': 'A1', A1: { t: 's', v: '隐藏的说明' } }, 日期: ws },
      Workbook: { Sheets: [{ name: '说明', Hidden: 1 }, { name: '日期', Hidden: 0 }] },
    };
    (wb as { SSF?: unknown }).SSF = { ...(XLSX.SSF.get_table() as object), ...dates };
    const xls = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);

    const cells = cellsOf(await convertToXlsx('日期.xls', xls, 'biff', '.xls'));
    expect([cells.get('sheet 0'), cells.get('0!R1C1'), cells.get('sheet 1')]).toEqual(['说明', '隐藏的说明', '日期']);
    expect(['1!R1C1', '1!R1C2', '1!R1C3', '1!R1C4', '1!R2C1', '1!R2C4'].map((k) => cells.get(k))).toEqual(['2022年8月25日', '2022年8月', '8月25日', '72.41%', '合并单元格', 'merged into R2C1']);
  });

  it('an Excel 2003 XML file saved as .xls, in GB2312: text, numbers, percent and date styles, merges', async () => {
    const xml = `<?xml version="1.0" encoding="gb2312"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Styles>
  <Style ss:ID="pct"><NumberFormat ss:Format="0.00%"/></Style>
  <Style ss:ID="day"><NumberFormat ss:Format="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></Style>
 </Styles>
 <Worksheet ss:Name="自评表">
  <Table>
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">部门整体支出绩效自评表</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">预算执行率</Data></Cell><Cell ss:StyleID="pct"><Data ss:Type="Number">0.7241</Data></Cell><Cell ss:StyleID="day"><Data ss:Type="DateTime">2022-08-25T00:00:00.000</Data></Cell><Cell><Data ss:Type="Number">357.65</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>`;
    const bytes = encodeGbk(xml);
    expect(sniff(bytes, '导出.xls')).toEqual({ kind: 'convert', family: 'xml2003', from: 'xml2003' });
    const cells = cellsOf(await convertToXlsx('导出.xls', bytes, 'xml2003', 'xml2003'));
    expect(['sheet 0', '0!R1C1', '0!R1C3', '0!R2C1', '0!R2C2', '0!R2C3', '0!R2C4'].map((k) => cells.get(k))).toEqual(['自评表', '部门整体支出绩效自评表', 'merged into R1C1', '预算执行率', '72.41%', '2022年8月25日', '357.65']);
  });

  it('a web page saved as .xls by a web system, in GBK: each cell as the page shows it, rowspans as merges', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"><style>td{border:1px}</style></head>
<body><h1>导出结果</h1><table border="1">
<tr><td>一级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td></tr>
<tr><td rowspan="2">产出指标</td><td>预算执行率</td><td>≥100%</td><td>72.41%</td></tr>
<tr><td>办结时间</td><td>7月31日前</td><td>1-2</td></tr>
</table></body></html>`;
    const bytes = encodeGbk(html);
    const cells = cellsOf(await convertToXlsx('导出.xls', bytes, 'html', 'html'));
    // Kept as text: 72.41% is not made 0.7241 without a format, 1-2 is not made a date.
    expect(['0!R2C1', '0!R2C4', '0!R3C1', '0!R3C3', '0!R3C4'].map((k) => cells.get(k))).toEqual(['产出指标', '72.41%', 'merged into R2C1', '7月31日前', '1-2']);
  });
});

/** GBK bytes of a text (Node decodes GBK but does not encode it): through SheetJS's code-page tables. */
function encodeGbk(text: string): Buffer {
  // The module's named export `utils` (its types declare it under `cptable`).
  return Buffer.from((codepages as unknown as codepages.CP$Module).utils.encode(936, text) as number[]);
}

describe('the limits: a file that would take too much is refused before SheetJS reads it', () => {
  it(`an .ods asking for more than ${LIMITS.cells} cells by repeating one (number-columns-repeated × number-rows-repeated)`, async () => {
    const content =
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">' +
      '<table:table-row table:number-rows-repeated="100000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"><text:p>1</text:p></table:table-cell></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>';
    const ods = zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': content });
    expect(await conversionRefusal(ods, '炸弹.ods')).toBe('炸弹.ods：.ods 工作簿的数据超过 100,000 个单元格，无法转换；请在 Excel 或 WPS 中另存为 .xlsx 后再评分');
  });

  it('a sheet whose few cells span more than 20 million positions (one stray value far away)', async () => {
    const cell = (v: number) => `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
    const content =
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">' +
      `<table:table-row>${cell(1)}</table:table-row><table:table-row table:number-rows-repeated="99998"><table:table-cell/></table:table-row>` +
      `<table:table-row><table:table-cell table:number-columns-repeated="299"/>${cell(2)}</table:table-row>` +
      '</table:table></office:spreadsheet></office:body></office:document-content>';
    const manifest = '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>';
    const ods = zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'META-INF/manifest.xml': manifest, 'styles.xml': '<office:document-styles/>', 'content.xml': content });
    expect(await conversionRefusal(ods, '远.ods')).toBe('远.ods：.ods 工作簿的工作表“S”数据范围过大（A1:KN100000），无法转换；请在 Excel 或 WPS 中删除多余的行列，或另存为 .xlsx 后再评分');
  });

  it('merged ranges holding more than a million cells (the reader maps each one)', async () => {
    const content =
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">' +
      '<table:table-row><table:table-cell table:number-columns-spanned="1000" table:number-rows-spanned="2000" office:value-type="string"><text:p>整表合并</text:p></table:table-cell></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>';
    const manifest = '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>';
    const ods = zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'META-INF/manifest.xml': manifest, 'styles.xml': '<office:document-styles/>', 'content.xml': content });
    expect(await conversionRefusal(ods, '合并.ods')).toBe('合并.ods：.ods 工作簿的工作表“S”数据范围过大（A1:ALL2000），无法转换；请在 Excel 或 WPS 中删除多余的行列，或另存为 .xlsx 后再评分');
  });

  it('an .xls whose records hold more cells than the limit (MULRK, six cells each)', async () => {
    const record = (type: number, body: Buffer) => Buffer.concat([Buffer.from([type & 0xff, type >> 8, body.length & 0xff, body.length >> 8]), body]);
    const mulrk = record(0x00bd, Buffer.alloc(6 + 6 * 6));
    const stream = Buffer.concat([record(0x0809, Buffer.from([0, 6, 0x10, 0, 0, 0, 0, 0])), ...Array.from({ length: 40_000 }, () => mulrk)]);
    const xls = compoundFile({ Workbook: stream });
    expect(await conversionRefusal(xls, '大表.xls')).toBe('大表.xls：.xls 工作簿的数据超过 100,000 个单元格，无法转换；请在 Excel 或 WPS 中另存为 .xlsx 后再评分');
  });

  it(`a file larger than ${LIMITS.bytes / 1024 / 1024} MB`, async () => {
    const xls = compoundFile({ Workbook: Buffer.alloc(LIMITS.bytes) });
    expect(await conversionRefusal(xls, '大.et')).toBe('大.et：.et 文件超过 32 MB，无法转换；请在 Excel 或 WPS 中另存为 .xlsx 后再评分');
  });

  it('a web page whose merges would make SheetJS look up every merge for every cell', async () => {
    const html = `<html><body><table>${'<tr><td rowspan="2">x</td></tr>'.repeat(5000)}</table></body></html>`;
    expect(await conversionRefusal(Buffer.from(html), '网页.xls')).toContain('个单元格，无法转换');
  });

  it('an .ods whose parts say they inflate to more than 128 MB', async () => {
    const real = zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' });
    const [mimetype, content] = [...readZip(real).values()];
    const big = writeZip([mimetype!, { ...content!, size: 200 * 1024 * 1024 }]);
    expect(await conversionRefusal(big, '大.ods')).toBe('大.ods：.ods 文件解压后超过 128 MB，无法转换；请在 Excel 或 WPS 中另存为 .xlsx 后再评分');
  });

  it('an .ods part that inflates to more than its stated size (a zip bomb) is damaged', async () => {
    const real = zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' });
    const entries = [...readZip(real).values()];
    const bomb = deflateRawSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    const lying = writeZip([entries[0]!, { name: 'content.xml', method: 8, crc: 0, size: 100, data: bomb }]);
    expect(await conversionRefusal(lying, '炸弹.ods')).toBe('炸弹.ods：.ods 工作簿已损坏，无法读取');
  });

  it('an .xls with a password to open (a FilePass record after its BOF) is said to have one', async () => {
    const record = (type: number, body: number[]) => Buffer.from([type & 0xff, type >> 8, body.length & 0xff, body.length >> 8, ...body]);
    const stream = Buffer.concat([record(0x0809, [0, 6, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), record(0x002f, [0, 0, 0x34, 0x12, 0x78, 0x56]), record(0x000a, [])]);
    expect(await conversionRefusal(compoundFile({ Workbook: stream }), '加密.xls')).toBe('加密.xls：已设置打开密码，请取消密码后再评分');
  });

  it('an .xls whose document properties count billions of names: read, the properties never given to SheetJS', async () => {
    // SheetJS's reader of property sets loops as many times as a dictionary says it holds names (found by fuzzing).
    const xls = readFileSync(join(FORMATS, 'seed-000.xls'));
    const cfb = new Cfb(xls);
    const properties = Buffer.from(cfb.stream(cfb.find('\u0005DocumentSummaryInformation')!));
    // The user-defined section's dictionary (property 0), holding one name as LibreOffice writes it.
    expect([properties.readUInt32LE(0x18), properties.readUInt32LE(92 + 8), properties.readUInt32LE(92 + 12), properties.readUInt32LE(124)]).toEqual([2, 0, 124 - 92, 1]);
    properties.writeUInt32LE(0xa6000001, 124);
    const crafted = compoundFile({ Workbook: cfb.stream(cfb.find('Workbook')!), '\u0005DocumentSummaryInformation': properties });
    expect(cellsOf(await convertToXlsx('seed-000.xls', crafted, 'biff', '.xls'))).toEqual(cellsOf(readFileSync(join(REPO, 'fixtures/seed-000.xlsx'))));
  });

  it('an .xls that SheetJS cannot read is damaged, naming the format, never an internal error', async () => {
    const garbage = compoundFile({ Workbook: Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xff, 0xff, 0xff, 0xff, 0x33, 0x33]) });
    expect(await conversionRefusal(garbage, '坏.xls')).toBe('坏.xls：.xls 工作簿已损坏，无法读取');
  });
});

describe.skipIf(!hasCorpus)('the public corpus (../shared/corpus)', () => {
  it.each(['artifacts_wps_write', 'wps_fn', 'wps_image'])('WPS: %s.et and .xls read cell for cell as the .xlsx WPS saved of the same workbook', async (name) => {
    const dir = join(CORPUS, 'wps');
    expect(await refusalOf(join(dir, `${name}.xlsx`))).toBeNull();
    expect(await differences(join(dir, `${name}.xlsx`), join(dir, `${name}.et`))).toEqual([]);
    expect(await differences(join(dir, `${name}.xlsx`), join(dir, `${name}.xls`))).toEqual([]);
  });

  // Every .xls and .ods of POI's sample, and its compound files named .xlsx: read, or refused with a precise reason.
  const poi = hasCorpus ? readdirSync(join(CORPUS, 'poi')).filter((f) => /\.(xls|ods)$/.test(f) || ['58616.xlsx', 'protected_passtika.xlsx'].includes(f)) : [];
  const refused: Record<string, string> = {
    'clusterfuzz-testcase-minimized-POIHSSFFuzzer-5436547081830400.xls': '.xls 工作簿已损坏，无法读取',
    '58616.xlsx': '已设置打开密码，请取消密码后再评分',
    'protected_passtika.xlsx': '已设置打开密码，请取消密码后再评分',
  };
  it.each(poi)('POI %s', async (name) => {
    const path = join(CORPUS, 'poi', name);
    const message = await refusalOf(path);
    expect(message).toBe(refused[name] === undefined ? null : `${path}：${refused[name]}`);
  });

  it('WPS: wps_fn.et with one byte of the zip in its theme record changed: read (SheetJS would inflate that zip for ever)', async () => {
    const bytes = Buffer.from(readFileSync(join(CORPUS, 'wps/wps_fn.et')));
    // The theme record (0x0896, 3277 bytes, repeating its type) and its zip, which starts 16 bytes into it.
    const theme = bytes.indexOf(Buffer.from([0x96, 0x08, 0xcd, 0x0c, 0x96, 0x08]));
    expect([theme, bytes.subarray(theme + 20, theme + 24).toString('latin1')]).toEqual([12056, 'PK\x03\x04']);
    bytes[theme + 170] = 48;
    const cells = cellsOf(await convertToXlsx('wps_fn.et', bytes, 'biff', '.et'));
    expect(cells).toEqual(cellsOf(readFileSync(join(CORPUS, 'wps/wps_fn.xlsx'))));
  });

  it('POI: an Excel 3.0 worksheet (a bare BIFF stream) and a sheet name longer than Excel allows are read', async () => {
    const old = await openWorkbook(join(CORPUS, 'poi/testEXCEL_3.xls'), { requireTable: false });
    expect(old.sheets[0]!.text(1, 1)).toBe('Table C-13--Lemons: Utilization of production, by State, 1977/78 to date');
    const long = await openWorkbook(join(CORPUS, 'poi/BOOK_in_capitals.xls'), { requireTable: false });
    expect(long.sheets.every((s) => s.name.length <= 31)).toBe(true);
  });
});
