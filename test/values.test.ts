// The values reader (src/workbook/values.ts) against exceljs, which perf-score read workbooks with
// before: every fixture, a sample of the bench's workbooks and a package written by hand with every
// kind of cell must give the same grid both ways, cell by cell, with the same used range and merges.
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the bench
import { generate } from '../scripts/bench/generate.mjs';
import { cellText, Grid, type CellValue } from '../src/workbook/grid.js';
import { Package, resolveTarget } from '../src/ooxml/package.js';
import { decodeText, escapeAttr } from '../src/ooxml/xml.js';
import { entryBytes, newEntry, readZip, writeZip } from '../src/ooxml/zip.js';
import { BUILTIN_FORMATS, readWorkbook } from '../src/workbook/values.js';

/** An exceljs cell value as the plain value the reader gives. */
function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return { error: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) return plain(((value as { result?: unknown }).result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return plain(value.text as ExcelJS.CellValue);
  return null;
}

/** exceljs knows none of the Chinese built-in number formats (27–36, 50–58): perf-score defined them in styles.xml before exceljs loaded a package. */
function forExceljs(bytes: Buffer): Buffer {
  const zip = readZip(bytes);
  const entry = zip.find((e) => e.name === 'xl/styles.xml');
  if (!entry) return bytes;
  const xml = entryBytes(entry).toString('utf8');
  const used = new Set(Array.from(/<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(xml)?.[0].matchAll(/numFmtId="(\d+)"/g) ?? [], (m) => Number(m[1])));
  const ids = [...used].filter((id) => (id >= 27 && id <= 36) || (id >= 50 && id <= 58));
  if (ids.length === 0) return bytes;
  const defs = ids.map((id) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(BUILTIN_FORMATS[id]!)}"/>`).join('');
  const patched = /<numFmts\b[^>]*>/.test(xml) ? xml.replace('</numFmts>', `${defs}</numFmts>`) : xml.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts>${defs}</numFmts>`);
  return writeZip(zip.map((e) => (e === entry ? newEntry(e.name, patched) : e)));
}

/** The grids as perf-score built them from exceljs until the values reader replaced it. */
async function exceljsGrids(bytes: Buffer): Promise<Grid[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(forExceljs(bytes) as unknown as ArrayBuffer);
  return workbook.worksheets.map((ws) => {
    const grid = new Grid(ws.name, ws.rowCount, ws.columnCount);
    const merges = (ws as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges;
    for (const { model: m } of Object.values(merges)) grid.addMerge(m.top, m.left, m.bottom, m.right);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (!grid.isMaster(r, c)) return;
        const value = cell.formula ? ((cell.result ?? null) as ExcelJS.CellValue) : cell.value;
        grid.setText(r, c, cellText(plain(value), cell.numFmt));
      });
    });
    return grid;
  });
}

/** Everything a grid tells the table finder, as plain data to compare. */
function dump(grid: Grid) {
  const cells: string[] = [];
  for (let r = 1; r <= grid.rowCount; r++) {
    for (let c = 1; c <= grid.colCount; c++) {
      const text = grid.text(r, c);
      const master = grid.master(r, c);
      const extent = grid.extent(r, c);
      if (text !== null || master.row !== r || master.col !== c || extent.row !== r || extent.col !== c) {
        cells.push(`${grid.ref(r, c).address}@${r},${c} ${JSON.stringify(text)} ${extent.row},${extent.col}`);
      }
    }
  }
  return { sheet: grid.sheet, rowCount: grid.rowCount, colCount: grid.colCount, cells };
}

function ourGrids(bytes: Buffer): Grid[] {
  const pkg = new Package(bytes);
  return readWorkbook(pkg).sheets.map((s) => s.grid);
}

async function expectSameGrids(bytes: Buffer): Promise<void> {
  const ours = ourGrids(bytes).map(dump);
  expect(ours).toEqual((await exceljsGrids(bytes)).map(dump));
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="#,##0.00&quot;元&quot;"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>`;

const STRINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t xml:space="preserve">  三级指标 </t></si>
<si><r><rPr><b/><sz val="11"/></rPr><t>产出</t></r><r><t xml:space="preserve">指标 </t></r><rPh sb="0" eb="2"><t>chanchu</t></rPh></si>
<si><t>&lt;预算&gt; &amp; 执行_x000D_
率</t></si>
<si><t/></si>
</sst>`;

/** A sheet with every kind of cell: shared, rich, inline and formula strings, numbers in several formats, dates, booleans, errors, merges, styled empty cells. */
const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<dimension ref="A1:Z20"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="3" width="12" customWidth="1"/></cols>
<sheetData>
<row r="1" spans="1:26"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>行内 文本</t></is></c><c r="D1"><v>0.30000000000000004</v></c><c r="E1" s="1"><v>0.955</v></c><c r="F1" s="2"><v>44798</v></c><c r="G1" s="3"><v>44798</v></c><c r="H1" s="4"><v>44798.5</v></c><c r="I1" t="b"><v>1</v></c><c r="J1" t="e"><v>#DIV/0!</v></c><c r="K1"><f>SUM(D1,E1)</f><v>1.255</v></c><c r="L1" t="str"><f>A1&amp;"x"</f><v>三级指标x</v></c><c r="M1"><f>D1*2</f></c><c r="N1" s="5"><f t="shared" ref="N1:N2" si="0">D1*100</f><v>30.000000000000004</v></c><c r="O1"><v>1E-7</v></c><c r="P1" t="b"><f>TRUE()</f><v>0</v></c><c r="Q1" t="e"><f>NA()</f><v>#N/A</v></c><c r="R1" s="6"><v>0.6041666666666666</v></c><c r="S1" t="s"><v>3</v></c><c r="Z1" s="1"/></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="N2" s="5"><f t="shared" si="0"/><v>12</v></c><c r="B2" s="0"/></row>
<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="D3"><v>-12.5</v></c></row>
<row r="4" s="1" customFormat="1"><c r="B4" s="1"/></row>
<row r="7"><c r="E7"><v>100</v></c><c r="AB7" s="2"/></row>
<row r="20" s="1" customFormat="1"/>
</sheetData>
<mergeCells count="3"><mergeCell ref="A3:C4"/><mergeCell ref="E10:F12"/><mergeCell ref="H7:I8"/></mergeCells>
<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>
</worksheet>`;

const EMPTY_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`;

/** A package written by hand, as Excel lays one out. */
function handWritten(date1904: boolean): Buffer {
  const parts: [string, string][] = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="评分&amp;表" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ['xl/styles.xml', STYLES],
    ['xl/sharedStrings.xml', STRINGS],
    ['xl/worksheets/sheet1.xml', SHEET],
    ['xl/worksheets/sheet2.xml', EMPTY_SHEET],
  ];
  return writeZip(parts.map(([name, text]) => newEntry(name, text)));
}

describe('the values reader reads what exceljs read', () => {
  const fixtures = readdirSync('fixtures').filter((f) => f.endsWith('.xlsx'));

  it.each(fixtures)('fixtures/%s', async (file) => {
    await expectSameGrids(readFileSync(join('fixtures', file)));
  });

  let benchDir = '';
  beforeAll(async () => {
    benchDir = mkdtempSync(join(tmpdir(), 'perf-score-values-'));
    await generate(benchDir, 12);
  });
  afterAll(() => rmSync(benchDir, { recursive: true, force: true }));

  it('the bench workbooks', async () => {
    const files = readdirSync(benchDir).filter((f) => f.endsWith('.xlsx'));
    expect(files).toHaveLength(12);
    for (const file of files) await expectSameGrids(readFileSync(join(benchDir, file)));
  });

  it.each([false, true])('a package written by hand with every kind of cell (date1904 %s)', async (date1904) => {
    const bytes = handWritten(date1904);
    await expectSameGrids(bytes);
    const [sheet, hidden] = ourGrids(bytes);
    // The values as the user sees them, spelled out.
    expect(sheet!.sheet).toBe('评分&表');
    // Row 7 holds a value, so its styled empty AB7 counts, as exceljs counts it.
    expect([sheet!.rowCount, sheet!.colCount]).toEqual([20, 28]);
    const row1 = Array.from({ length: 19 }, (_, i) => sheet!.text(1, i + 1));
    const day = date1904 ? ['2026年8月26日'] : ['2022年8月25日'];
    expect(row1).toEqual(['三级指标', '产出指标', '行内 文本', '0.30000000000000004', '95.5%', day[0], day[0], day[0], 'TRUE', '#DIV/0!', '1.255', '三级指标x', null, '30.000000000000004', '0.0000001', 'FALSE', '#N/A', '14:30', null]);
    expect(sheet!.text(2, 1)).toBe('<预算> & 执行\r\n率');
    expect(sheet!.text(4, 3)).toBe('三级指标');
    expect(sheet!.extent(3, 1)).toEqual({ row: 4, col: 3 });
    expect([hidden!.sheet, hidden!.rowCount, hidden!.colCount]).toEqual(['说明', 0, 0]);
  });
});

describe('values reader parts', () => {
  it('resolves relationship targets from the part that holds them', () => {
    expect(resolveTarget('xl/', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/worksheets/', '../drawings/drawing1.xml')).toBe('xl/drawings/drawing1.xml');
    expect(resolveTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolveTarget('xl\\', 'worksheets\\sheet%201.xml')).toBe('xl/worksheets/sheet 1.xml');
  });

  it('reads character data as an XML parser does', () => {
    expect(decodeText('a&lt;b&gt;&amp;&quot;&apos;&#20320;&#x597D;')).toBe('a<b>&"\'你好');
    expect(decodeText('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('reads back a zip it wrote, entry by entry', () => {
    const zip = readZip(writeZip([newEntry('a.xml', '<a/>'), newEntry('文件/b.txt', '说明')]));
    expect(zip.map((e) => e.name)).toEqual(['a.xml', '文件/b.txt']);
  });
});
