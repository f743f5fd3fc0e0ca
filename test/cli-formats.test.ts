// The formats other than xlsx through the real bin: an .xls scored and its copy written as .xlsx,
// saying on its summary sheet that it was converted; files that are not workbooks, or that need a
// password, each told what they are, alone (exit 2 for inspect, an unreadable-file error for eval)
// and in a batch.
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeTable } from '../src/engine/analyze.js';
import { loadProfile } from '../src/profiles/index.js';
import { openWorkbook } from '../src/workbook/read.js';
import { zipOf } from './cli/files.js';
import { cleanWorkdirs, FIXTURES, listing, loadWorkbook, merges, noteText, REPO, run, sha256, workdir } from './cli/helpers.js';

afterEach(cleanWorkdirs);

const CORPUS = resolve(REPO, '../shared/corpus');

/** A directory holding a copy of fixtures/formats/<name>. */
function withFormat(name: string): { dir: string; file: string } {
  const dir = workdir();
  const file = join(dir, name);
  copyFileSync(join(FIXTURES, 'formats', name), file);
  return { dir, file };
}

describe('eval of an .xls', () => {
  it('scores it, writes an .xlsx copy our reader and exceljs read back, says on 评分结果 that it was converted', async () => {
    const { dir, file } = withFormat('seed-000.xls');
    const before = sha256(file);
    const r = run(['eval', file, '--profile', 'zhengzhou-shangjie']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('95.81');
    const copy = join(dir, 'seed-000.scored.xlsx');
    expect(r.stdout).toContain(`已写入评分副本：${copy}`);
    expect(listing(dir)).toEqual(['seed-000.scored.xlsx', 'seed-000.xls']);
    expect(sha256(file)).toBe(before);

    // Our reader: the same table, the same scores, and no longer a conversion.
    const opened = await openWorkbook(copy);
    expect(opened.converted).toBeNull();
    const report = analyzeTable(opened.tables[0]!, loadProfile('zhengzhou-shangjie'));
    expect([report.total.toFixed(2), report.findings.filter((f) => f.severity !== 'info')]).toEqual(['95.81', []]);

    // exceljs: the sheet with its merges and column widths, the computed columns, the summary.
    const wb = await loadWorkbook(copy);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['自评表', '评分结果']);
    const sheet = wb.getWorksheet('自评表')!;
    expect(merges(sheet)).toContain('A1:J1');
    expect(merges(sheet)).toContain('A15:A45');
    expect(sheet.getColumn(4).width).toBeCloseTo(30, 0);
    // The table ends at J; the computed columns start past one empty column.
    expect(sheet.getCell('L14').value).toBe('计算得分');
    const summary = wb.getWorksheet('评分结果')!;
    expect(summary.getCell('A1').value).toBe('绩效自评表评分结果');
    expect(summary.getCell('A2').value).toBe('本副本由 .xls 文件转换为 .xlsx，原表的边框、字体、颜色、图片和公式未保留（公式保留计算结果）');
    expect(summary.getCell('A4').value).toBe('单位');
  });

  it('says it in English with --lang en, naming the format (.et, .ods …)', async () => {
    for (const [name, format] of [['two-tables.xls', '.xls'], ['two-tables.ods', '.ods']] as const) {
      const { dir, file } = withFormat(name);
      const r = run(['eval', file, '--lang', 'en']);
      expect(r.status).toBe(1);
      const summary = (await loadWorkbook(join(dir, 'two-tables.scored.xlsx'))).getWorksheet('评分结果')!;
      expect(summary.getCell('A2').value).toBe(`This copy was converted from a ${format} file to .xlsx: the original's borders, fonts, colours, pictures and formulas are not kept (formulas keep their results)`);
    }
  });

  it("keeps the converted workbook's own notes, ours added to a note a flagged cell already has", async () => {
    // seed 004 with two notes, as an .ods written by SheetJS (LibreOffice's fixtures have none).
    const wb = XLSX.read(readFileSync(join(FIXTURES, 'formats/seed-004.xls')), { type: 'buffer', cellNF: true });
    const ws = wb.Sheets['部门整体绩效自评表']!;
    ws.B20!.c = [{ a: '财政局', t: '原有批注：请核实' }];
    ws.H25!.c = [{ a: '财政局', t: '得分待复核' }];
    const dir = workdir();
    const file = join(dir, 'notes.ods');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'ods' }) as Buffer);
    expect(run(['eval', file]).status).toBe(1);
    const copy = join(dir, 'notes.scored.xlsx');
    const sheet = (await loadWorkbook(copy)).getWorksheet('部门整体绩效自评表')!;
    expect(noteText(sheet.getCell('H25').note)).toContain('（missing-reason）');
    // SheetJS writes a note's text without a run (<text><t>…</t></text>), which exceljs does not read: read the part.
    const zip = await JSZip.loadAsync(readFileSync(copy));
    const comments = await zip.file(/^xl\/comments\d*\.xml$/)[0]!.async('string');
    expect(comments).toContain('<comment ref="B20" authorId="0"><text><t>原有批注：请核实</t></text></comment>');
    expect(comments).toMatch(/<comment ref="H25" authorId="0"><text><t>得分待复核<\/t><r>.*perf-score:.*（missing-reason）/s);
  });

  it('a folder holding .xls, .et and .ods workbooks: every one scored, none skipped, each copy an .xlsx', () => {
    const dir = workdir();
    mkdirSync(join(dir, '材料'));
    copyFileSync(join(FIXTURES, 'formats', 'seed-000.xls'), join(dir, '材料', '信访局.xls'));
    // WPS's .et is a BIFF workbook as .xls is.
    copyFileSync(join(FIXTURES, 'formats', 'seed-000.xls'), join(dir, '材料', '信访局WPS.et'));
    copyFileSync(join(FIXTURES, 'formats', 'seed-000.ods'), join(dir, '材料', '信访局.ods'));
    const r = run(['eval', '材料', '--profile', 'zhengzhou-shangjie', '--format', 'json'], { cwd: dir });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout) as { files: { file: string; total: number }[]; summary: { files: number } };
    // The published total of seed 000, whichever format it came in.
    expect(doc.files.map((f) => [f.file, f.total])).toEqual([
      [join('材料', '信访局.ods'), 95.81],
      [join('材料', '信访局.xls'), 95.81],
      [join('材料', '信访局WPS.et'), 95.81],
    ]);
    expect(doc.summary.files).toBe(3);
    // 信访局.xls and 信访局.ods would share 信访局.scored.xlsx: each keeps its extension in the name.
    expect(listing(join(dir, '材料'))).toEqual(['信访局.ods', '信访局.ods.scored.xlsx', '信访局.xls', '信访局.xls.scored.xlsx', '信访局WPS.et', '信访局WPS.scored.xlsx']);
  });

  it('check of a web page saved as .xls, a .fods and an .ods: the scores of their source', () => {
    const dir = workdir();
    for (const name of ['seed-000.web.xls', 'seed-000.fods', 'seed-000.ods']) copyFileSync(join(FIXTURES, 'formats', name), join(dir, name));
    const r = run(['check', 'seed-000.web.xls', 'seed-000.fods', 'seed-000.ods', '--profile', 'zhengzhou-shangjie', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { files: { file: string; sheet: string; total: number }[] };
    expect(doc.files.map((f) => [f.file, f.sheet, f.total])).toEqual([
      ['seed-000.web.xls', 'Sheet1', 95.81],
      ['seed-000.fods', '自评表', 95.81],
      ['seed-000.ods', '自评表', 95.81],
    ]);
  });
});

/** An encrypted Office package: an OLE compound file with EncryptionInfo and EncryptedPackage (written by SheetJS's CFB writer). */
function encryptedPackage(): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(248, 4));
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(8192, 7));
  return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

const NOT_WORKBOOKS: [string, () => Buffer, string, string][] = [
  ['自评表.pdf', () => Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), '是 PDF 文件，不是工作簿', 'is a PDF file, not a workbook'],
  [
    '说明.docx',
    () => zipOf({ '[Content_Types].xml': '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>', 'word/document.xml': '<w:document/>' }),
    '是 Word 文档，不是工作簿',
    'is a Word document, not a workbook',
  ],
  ['空表.xlsx', () => Buffer.alloc(0), '是空文件（0 字节），不是工作簿', 'is an empty file (0 bytes), not a workbook'],
  ['加密.xlsx', encryptedPackage, '已设置打开密码，请取消密码后再评分', 'the workbook has a password to open; remove the password and score it again'],
];

describe('files that are not workbooks we can read', () => {
  it.each(NOT_WORKBOOKS)('%s, alone: inspect says what it is on one line, exit 2; eval reports it as unreadable-file, exit 1', (name, bytes, zh, en) => {
    const dir = workdir();
    const file = join(dir, name);
    writeFileSync(file, bytes());
    const inspect = run(['inspect', file]);
    expect([inspect.status, inspect.stdout, inspect.stderr]).toEqual([2, '', `${file}：${zh}\n`]);
    expect(run(['explain', file, '--lang', 'en']).stderr).toBe(`${file}: ${en}\n`);
    const r = run(['eval', file, '--format', 'json']);
    expect([r.status, r.stderr]).toEqual([1, '']);
    expect(JSON.parse(r.stdout).unreadable).toEqual([{ file, code: 'unreadable-file', severity: 'error', message: `${file}：${zh}` }]);
    expect(listing(dir)).toEqual([name]);
  });

  it('a lock file: named alone it is refused saying what it is (exit 2); in a batch it is skipped, and said so', () => {
    const dir = workdir(['seed-000.xlsx']);
    const lock = Buffer.concat([Buffer.from([4]), Buffer.from('wang'.padEnd(53, ' ')), Buffer.from([4, 0]), Buffer.from('wang', 'utf16le'), Buffer.alloc(99, 0x20)]);
    writeFileSync(join(dir, '~$seed-000.xlsx'), lock);
    const said = '是 Excel 或 WPS 打开工作簿时生成的锁定文件（~$ 开头），不是工作簿；请对不带 ~$ 的原文件评分';
    const inspect = run(['inspect', '~$seed-000.xlsx'], { cwd: dir });
    expect([inspect.status, inspect.stdout, inspect.stderr]).toEqual([2, '', `~$seed-000.xlsx：${said}\n`]);
    const alone = run(['eval', '~$seed-000.xlsx'], { cwd: dir });
    expect([alone.status, alone.stdout, alone.stderr]).toEqual([2, '', `~$seed-000.xlsx：${said}\n`]);
    const batch = run(['check', '~$seed-000.xlsx', 'seed-000.xlsx', '--profile', 'zhengzhou-shangjie', '--format', 'json'], { cwd: dir });
    expect([batch.status, batch.stderr]).toEqual([0, '已跳过 1 个锁定文件（~$…，Excel/WPS 打开工作簿时生成）：~$seed-000.xlsx\n']);
    expect(listing(dir)).toEqual(['seed-000.xlsx', '~$seed-000.xlsx']);
  });

  it('in a batch: each is an unreadable-file error in its place, the workbooks around them scored; exit 1', () => {
    const dir = workdir(['seed-000.xlsx']);
    copyFileSync(join(FIXTURES, 'formats', 'seed-004.xls'), join(dir, 'seed-004.xls'));
    for (const [name, bytes] of NOT_WORKBOOKS) writeFileSync(join(dir, name), bytes());
    const names = ['seed-000.xlsx', ...NOT_WORKBOOKS.map(([n]) => n), 'seed-004.xls'];
    const r = run(['check', ...names, '--profile', 'zhengzhou-shangjie', '--format', 'json', '--jobs', '2'], { cwd: dir });
    expect([r.status, r.stderr]).toEqual([1, '']);
    const doc = JSON.parse(r.stdout) as { files: { file: string; total: number }[]; unreadable: { file: string; code: string; message: string }[]; summary: unknown };
    expect(doc.files.map((f) => [f.file, f.total])).toEqual([
      ['seed-000.xlsx', 95.81],
      // as cli-batch.test.ts has seed-004.xlsx under this profile
      ['seed-004.xls', 98.03],
    ]);
    expect(doc.unreadable.map((u) => [u.file, u.code, u.message])).toEqual(NOT_WORKBOOKS.map(([n, , zh]) => [n, 'unreadable-file', `${n}：${zh}`]));
    expect(doc.summary).toMatchObject({ files: 6, tables: 2, unreadable: 4 });
  });

  it.skipIf(!existsSync(join(CORPUS, 'poi/protected_passtika.xlsx')))('an xlsx saved with a password by Excel (POI protected_passtika.xlsx)', () => {
    const dir = workdir();
    const file = join(dir, 'protected.xlsx');
    writeFileSync(file, readFileSync(join(CORPUS, 'poi/protected_passtika.xlsx')));
    expect(run(['inspect', file]).stderr).toBe(`${file}：已设置打开密码，请取消密码后再评分\n`);
  });
});
