import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { GridError, parseGrid, type GridValue } from '../fixtures/grid.js';
import { buildWorkbook, FIXTURE_DATE, writeWorkbook } from '../fixtures/xlsx.js';

function cells(line: string): { value: GridValue; numFmt: string | null }[] {
  return parseGrid(`[sheet S]\n${line}\n`, 't.grid').sheets[0]?.rows[0]?.cells ?? [];
}

function errorOf(text: string): string {
  try {
    parseGrid(text, 't.grid');
  } catch (error) {
    if (error instanceof GridError) return error.message;
    throw error;
  }
  throw new Error('expected a GridError');
}

describe('parseGrid cells', () => {
  it('reads numbers, percentages, forced text and quoted text', () => {
    expect(cells(`357.65 | 72.41% | -27.59% | 76% | 0.5% {0.0%} | '100% | " 2 " | - | 1次 |`)).toEqual([
      { value: { kind: 'number', value: 357.65 }, numFmt: null },
      { value: { kind: 'number', value: 0.7241 }, numFmt: '0.00%' },
      { value: { kind: 'number', value: -0.2759 }, numFmt: '0.00%' },
      { value: { kind: 'number', value: 0.76 }, numFmt: '0%' },
      { value: { kind: 'number', value: 0.005 }, numFmt: '0.0%' },
      { value: { kind: 'text', text: '100%' }, numFmt: null },
      { value: { kind: 'text', text: ' 2 ' }, numFmt: null },
      { value: { kind: 'text', text: '-' }, numFmt: null },
      { value: { kind: 'text', text: '1次' }, numFmt: null },
      { value: { kind: 'empty' }, numFmt: null },
    ]);
  });

  it('reads formulas, errors, booleans, rich text, escapes and markers', () => {
    expect(cells(String.raw`=SUM(G1:G9) => 95.81 | =G8/D8 => 76% | =A1 | #DIV/0! | TRUE | ~a **b** //c// | x\ny \| z | < | '<`)).toEqual([
      { value: { kind: 'formula', formula: 'SUM(G1:G9)', result: { kind: 'number', value: 95.81 } }, numFmt: null },
      { value: { kind: 'formula', formula: 'G8/D8', result: { kind: 'number', value: 0.76 } }, numFmt: '0%' },
      { value: { kind: 'formula', formula: 'A1', result: null }, numFmt: null },
      { value: { kind: 'error', error: '#DIV/0!' }, numFmt: null },
      { value: { kind: 'boolean', value: true }, numFmt: null },
      {
        value: {
          kind: 'rich',
          runs: [
            { text: 'a ', bold: false, italic: false },
            { text: 'b', bold: true, italic: false },
            { text: ' ', bold: false, italic: false },
            { text: 'c', bold: false, italic: true },
          ],
        },
        numFmt: null,
      },
      { value: { kind: 'text', text: 'x\ny | z' }, numFmt: null },
      { value: { kind: 'mergeLeft' }, numFmt: null },
      { value: { kind: 'text', text: '<' }, numFmt: null },
    ]);
  });

  it('reads row options, widths, comments and several sheets', () => {
    const doc = parseGrid('# c\n[sheet A]\n[widths 6 - 12]\n{title,height=30} T | <\n\n[sheet B]\n{plain}\nx\n', 't.grid');
    expect(doc.sheets.map((s) => [s.name, s.widths, s.rows.length])).toEqual([
      ['A', [6, null, 12], 1],
      ['B', [], 2],
    ]);
    expect(doc.sheets[0]?.rows[0]?.options).toMatchObject({ title: true, height: 30 });
    expect(doc.sheets[0]?.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
  });
});

describe('parseGrid merges', () => {
  it('accepts rectangles made of < and ^', () => {
    const doc = parseGrid('[sheet S]\na | < | b\n^ | ^ | ^\n^ | < | c\n', 't.grid');
    expect(doc.sheets[0]?.merges).toEqual([
      { top: 1, left: 1, bottom: 3, right: 2 },
      { top: 1, left: 3, bottom: 2, right: 3 },
    ]);
  });

  it('rejects a region that is not a rectangle, naming the line', () => {
    expect(errorOf('[sheet S]\na | <\n^ | b\n')).toMatch(/^t\.grid:3: merged region A1:B2 .*not a rectangle: B2 is not merged into it/);
  });

  it('rejects markers with nothing to merge with', () => {
    expect(errorOf('[sheet S]\n< | a\n')).toMatch(/^t\.grid:2: A1: "<" in the first column/);
    expect(errorOf('[sheet S]\na | ^\n')).toMatch(/^t\.grid:2: B1: "\^" has no cell above/);
    expect(errorOf('[sheet S]\na | b\nc\n^ | ^\n')).toMatch(/^t\.grid:4: B3: "\^" has no cell above/);
  });

  it('rejects rows before a sheet and unknown directives or options', () => {
    expect(errorOf('a | b\n')).toMatch(/^t\.grid:1: a row before any \[sheet/);
    expect(errorOf('[sheet S]\n[foo]\n')).toMatch(/^t\.grid:2: unknown directive/);
    expect(errorOf('[sheet S]\n{huge} a\n')).toMatch(/^t\.grid:2: unknown row option "huge"/);
  });
});

describe('workbook', () => {
  it('writes values, formats and merges that exceljs reads back', async () => {
    const doc = parseGrid("[sheet S]\nT | <\n72.41% | '100%\n=A2*2 => 1.4482 | #N/A\n", 't.grid');
    const bytes = await writeWorkbook(buildWorkbook(doc));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('S');
    expect(ws?.getCell('B1').isMerged).toBe(true);
    expect(ws?.getCell('A2').value).toBe(0.7241);
    expect(ws?.getCell('A2').numFmt).toBe('0.00%');
    expect(ws?.getCell('B2').value).toBe('100%');
    expect(ws?.getCell('A3').value).toEqual({ formula: 'A2*2', result: 1.4482 });
    expect(ws?.getCell('B3').value).toEqual({ error: '#N/A' });
    expect(wb.created.getTime()).toBe(FIXTURE_DATE.getTime());
  });

  it('is up to date: every fixtures/*.grid rebuilds to the committed .xlsx', async () => {
    const dir = resolve(import.meta.dirname, '../fixtures');
    const grids = readdirSync(dir).filter((f) => f.endsWith('.grid'));
    expect(grids.length).toBeGreaterThan(0);
    for (const grid of grids) {
      const doc = parseGrid(readFileSync(join(dir, grid), 'utf8'), grid);
      const bytes = await writeWorkbook(buildWorkbook(doc));
      const committed = readFileSync(join(dir, grid.replace(/\.grid$/, '.xlsx')));
      expect(bytes.equals(committed), `${grid}: run npm run fixtures`).toBe(true);
    }
  });
});
