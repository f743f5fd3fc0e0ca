// The scored copy as a document a finance bureau prints and files: the added columns framed like the
// table and labelled over its whole header, rows tall enough for their findings, every sheet one
// page wide, the cells we filled in noted, notes without English in a Chinese run, and 评分结果 as a
// one-page A4 report. Read back with openpyxl (skipped, and said, where it is not installed).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeTable } from '../src/engine/analyze.js';
import type { Lang } from '../src/model.js';
import { loadProfile } from '../src/profiles/index.js';
import { openWorkbook } from '../src/workbook/read.js';
import { heightFor, linesIn } from '../src/workbook/print.js';
import { scoredCopy } from '../src/workbook/write.js';
import { cleanWorkdirs, FIXTURES, workdir } from './cli/helpers.js';
import { pageDump, type PageDump } from './tools/page.js';
import { have, openpyxlDump, type Dump } from './tools/readers.js';

afterEach(cleanWorkdirs);

const OPENPYXL = have('openpyxl');

/** Scores a workbook in process and writes its copy into a fresh folder. */
async function scored(file: string, profile = 'mof', lang: Lang = 'zh', dir = workdir()): Promise<{ out: string; bytes: Buffer }> {
  const opened = await openWorkbook(file.includes('/') ? file : join(FIXTURES, file));
  const p = loadProfile(profile);
  const reports = opened.tables.map((t) => analyzeTable(t, p));
  const { bytes } = scoredCopy(opened, reports, lang, '.xlsx', { profileDescription: p.description });
  const out = join(dir, 'copy.xlsx');
  writeFileSync(out, bytes);
  return { out, bytes };
}

async function part(bytes: Buffer, name: string): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file(name)!.async('string');
}

/** The values of a sheet's column, top to bottom, from openpyxl's dump. */
function column(dump: Dump, sheet: string, letter: string): { row: number; v: unknown }[] {
  return Object.entries(dump.cells[sheet]!)
    .filter(([ref]) => ref.replace(/\d+$/, '') === letter)
    .map(([ref, c]) => ({ row: Number(ref.slice(letter.length)), v: c.v }))
    .sort((a, b) => a.row - b.row);
}

describe.runIf(OPENPYXL)('the indicator sheet of the copy prints as a document', () => {
  it('seed 000: the added columns L:N framed from the header to the total row, the computed total on it, one page wide, the header repeated', async () => {
    const { out } = await scored('seed-000.xlsx', 'zhengzhou-shangjie');
    const page = pageDump(out)['自评表']!;
    for (const cell of ['L14', 'M14', 'N14', 'L15', 'N15', 'M30', 'L45', 'N46']) expect(page.framed).toContain(cell);
    // Framed no further than the table: the row below it and the empty column K are left alone.
    for (const cell of ['L47', 'K15', 'O15']) expect(page.framed).not.toContain(cell);
    expect(openpyxlDump(out).cells['自评表']!.L46).toEqual({ v: 95.81, f: '0.00' });
    // Fit to one page wide, as tall as it takes; the table at 45% of its size in portrait, so landscape.
    expect([page.fitToPage, page.fitToWidth, page.fitToHeight, page.orientation]).toEqual([true, 1, 0, 'landscape']);
    expect(page.printTitleRows).toBe('$14:$14');
  });

  it('a table narrow enough keeps its portrait (seed 000 with columns 5 wide: at over 60% of its size); the user\'s page setup keeps its other attributes', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(FIXTURES, 'seed-000.xlsx')));
    const name = 'xl/worksheets/sheet1.xml';
    zip.file(name, (await zip.file(name)!.async('string')).replace(/(<col [^>]*width=")[\d.]+"/g, '$15"'));
    const dir = workdir();
    const file = join(dir, 'narrow.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const { out, bytes } = await scored(file, 'mof', 'zh', dir);
    const page = pageDump(out)['自评表']!;
    expect([page.fitToPage, page.fitToWidth, page.fitToHeight, page.orientation]).toEqual([true, 1, 0, 'portrait']);
    expect(await part(bytes, name)).toContain('<pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="0"/>');
  });

  it('a row with several findings is tall enough for them (H25: two findings, wrapped in M)', async () => {
    const { out } = await scored('seed-004.xlsx');
    const dump = openpyxlDump(out);
    const text = dump.cells['部门整体绩效自评表']!.M25!.v as string;
    expect(text.split('\n')).toHaveLength(2);
    const page = pageDump(out)['部门整体绩效自评表']!;
    expect(page.wrapped).toContain('M25');
    expect(page.heights['25']).toBeGreaterThanOrEqual(heightFor(linesIn(text, 40)));
    // A row with none keeps its height.
    expect(page.heights['24']).toBeUndefined();
  });

  it('a two-row header: each label merged over both rows (project-split, header rows 12-13)', async () => {
    const { out } = await scored('project-split.xlsx');
    const page = pageDump(out)['项目支出绩效自评表']!;
    expect(page.merges).toEqual(expect.arrayContaining(['M12:M13', 'N12:N13', 'O12:O13']));
    const cells = openpyxlDump(out).cells['项目支出绩效自评表']!;
    expect([cells.M12?.v, cells.N12?.v, cells.O12?.v]).toEqual(['计算得分', '计算偏差度', '检查结果']);
    expect(page.printTitleRows).toBe('$12:$13');
    // openpyxl frames a merge's covered cells on its outer edges only: the label's cell is framed whole.
    for (const cell of ['M12', 'N12', 'O12', 'M14', 'O23']) expect(page.framed).toContain(cell);
  });

  it('cells we fill in are noted 由 perf-score 计算填入 (Filled in by perf-score in English)', async () => {
    const zh = openpyxlDump((await scored('units-comparators.xlsx')).out);
    expect(zh.comments['自评表']!.H12).toEqual({ text: '由 perf-score 计算填入', author: 'perf-score' });
    // Its year as its header block says it (年度：2022), on 评分结果.
    expect(zh.cells['评分结果']![`B${column(zh, '评分结果', 'A').find((c) => c.v === '年度')!.row}`]!.v).toBe('2022 年度');
    const en = openpyxlDump((await scored('units-comparators.xlsx', 'mof', 'en')).out);
    expect(en.comments['自评表']!.H12!.text).toBe('Filled in by perf-score');
  });

  it('notes of a Chinese run carry no English but the code, last, in brackets', async () => {
    const dump = openpyxlDump((await scored('seed-004.xlsx')).out);
    const notes = Object.values(dump.comments['部门整体绩效自评表']!).map((n) => n.text);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.filter((t) => /\[[a-z-]+\]/.test(t))).toEqual([]);
    expect(dump.comments['部门整体绩效自评表']!.H27!.text).toMatch(/^自评得分 0\.00，按规则应为 0\.78[^\n]*（score-mismatch）$/m);
  });

  it('a sheet that has its own sheetPr keeps it, fit to page added after its tab colour; a landscape sheet stays landscape', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(FIXTURES, 'seed-004.xlsx')));
    const name = 'xl/worksheets/sheet2.xml';
    const xml = await zip.file(name)!.async('string');
    const changed = xml
      .replace(/<sheetPr[^>]*\/>|<sheetPr[\s\S]*?<\/sheetPr>/, '')
      .replace('<dimension', '<sheetPr codeName="自评"><tabColor rgb="FFFF0000"/><pageSetUpPr autoPageBreaks="0"/></sheetPr><dimension')
      .replace(/<pageSetup ([^>]*?)\/>/, (_m, attrs: string) => `<pageSetup ${attrs.replace(/orientation="\w+"/, '')} orientation="landscape" paperSize="8"/>`);
    zip.file(name, changed);
    const dir = workdir();
    const file = join(dir, 'own.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const { out, bytes } = await scored(file, 'mof', 'zh', dir);
    const sheet = await part(bytes, name);
    expect(sheet).toContain('<sheetPr codeName="自评"><tabColor rgb="FFFF0000"/><pageSetUpPr autoPageBreaks="0" fitToPage="1"/></sheetPr>');
    const page: PageDump = pageDump(out)['部门整体绩效自评表']!;
    expect([page.orientation, page.paperSize, page.fitToWidth, page.fitToHeight]).toEqual(['landscape', 8, 1, 0]);
  });
});

describe.runIf(OPENPYXL)('评分结果: a one-page A4 report', () => {
  it('seed 000: title, unit, year, the profile by its description, computed against declared, the eight rows that miss their target with their reasons', async () => {
    const { out } = await scored('seed-000.xlsx', 'zhengzhou-shangjie');
    const dump = openpyxlDump(out);
    const cells = dump.cells['评分结果']!;
    expect(cells.A1!.v).toBe('绩效自评表评分结果');
    const facts = Object.fromEntries(column(dump, '评分结果', 'A').map(({ row, v }) => [v, cells[`B${row}`]?.v]));
    expect(facts['单位']).toBe('郑州市上街区信访局');
    // Its sheet names no year (the published table had it in the file's name only): no 年度 line.
    expect(facts).not.toHaveProperty('年度');
    expect(facts['评分规则']).toBe('郑州市上街区 2022：预算执行率以90%为满分；部门整体表一级指标 投入管理 30、产出 25、效益 35（zhengzhou-shangjie）');
    expect(facts['总分']).toBe(95.81);
    expect(facts['等级']).toBe('优');
    const page = pageDump(out)['评分结果']!;
    expect([page.paperSize, page.orientation, page.fitToPage, page.fitToWidth, page.fitToHeight, page.printTitleRows]).toEqual([9, 'portrait', true, 1, 0, '$1:$1']);
    expect(page.merges).toContain('A1:F1');
    expect(page.fonts.A1).toMatchObject({ b: true, sz: 16 });
    // 偏差说明: each row a link to the indicator's cell, then indicator, target, actual, deviation, reason.
    const links = Object.entries(page.formulas);
    expect(links).toHaveLength(8);
    const [ref, formula] = links[0]!;
    expect(formula).toBe(`=HYPERLINK("#'自评表'!D20","D20")`);
    const row = ref.slice(1);
    expect([cells[`B${row}`]!.v, cells[`C${row}`]!.v, cells[`D${row}`]!.v, cells[`E${row}`]!.v]).toEqual(['预算执行率', '≥100%', '72.41%', -0.2759]);
    expect(cells[`F${row}`]!.v).toBe(openpyxlDump(join(FIXTURES, 'seed-000.xlsx')).cells['自评表']!.J20!.v);
    expect(page.wrapped).toContain(`F${row}`);
    expect(column(dump, '评分结果', 'A').map((c) => c.v)).toContain('未发现问题');
  });

  it('seed 004: its year from its title, the findings by severity, errors first, each with a link to its cell', async () => {
    const { out } = await scored('seed-004.xlsx');
    const dump = openpyxlDump(out);
    const labels = column(dump, '评分结果', 'A').map((c) => c.v);
    expect(dump.cells['评分结果']![`B${column(dump, '评分结果', 'A').find((c) => c.v === '年度')!.row}`]!.v).toBe('2021 年度');
    const errors = labels.indexOf('错误（2 项）');
    const warnings = labels.indexOf('警告（5 项）');
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(errors);
    const formulas = Object.values(pageDump(out)['评分结果']!.formulas);
    expect(formulas).toContain(`=HYPERLINK("#'部门整体绩效自评表'!H25","H25")`);
    expect(formulas).toContain(`=HYPERLINK("#'部门整体绩效自评表'!G4","G4")`);
    const messages = Object.values(dump.cells['评分结果']!).map((c) => String(c.v));
    expect(messages).toContain('自评得分 0.00，按规则应为 0.78（score-mismatch）');
  });

  it('偏差说明 of a table published unfilled does not say every indicator meets its target', async () => {
    const { out } = await scored('sc-qingshen-unfilled.xlsx');
    const labels = column(openpyxlDump(out), '评分结果', 'A').map((c) => c.v);
    expect(labels).toContain('没有指标未达到年度指标值，但有 2 个指标无法判断是否达到（见检查结果）');
    expect(labels).not.toContain('所有指标均已达到年度指标值');
  });
});
