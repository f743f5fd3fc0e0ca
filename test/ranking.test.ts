// The console's view of a batch: one line per file, sized to the terminal (80 and 120 columns, Chinese
// characters two columns wide), paths relative to the folder every file is under and cut in the middle,
// the unreadable and skipped files in the same table with their reason; --quiet and --ranking-only.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeTable, unreadableFile } from '../src/engine/analyze.js';
import { RunError } from '../src/errors.js';
import type { FileReport, Lang, SkippedFile } from '../src/model.js';
import { loadProfile } from '../src/profiles/index.js';
import { commonFolder } from '../src/report/common.js';
import { formatConsole } from '../src/report/console.js';
import { shortReason } from '../src/report/digest.js';
import { displayWidth, fitText } from '../src/report/text.js';
import { openWorkbook } from '../src/workbook/read.js';
import { CASES, bureauRanking, expectCase, rankingLines, runCase, type Invoke } from './cli/cases.js';
import { BIN, REPO, cleanWorkdirs } from './cli/helpers.js';

afterEach(cleanWorkdirs);

async function scored(file: string, as: string, profile = 'zhengzhou-shangjie'): Promise<FileReport> {
  const opened = await openWorkbook(file);
  return { file: as, tables: opened.tables.map((t) => analyzeTable(t, loadProfile(profile))), findings: [] };
}

/** Paths as a bureau gets them: 材料/区/部门/2022年度…（单位）.xlsx. */
const LONG = '材料/上街区/人大常委会办公室/2022年度部门整体支出绩效自评表（郑州市上街区人民代表大会常务委员会办公室）.xlsx';
const reports: FileReport[] = [
  await scored('fixtures/seed-000.xlsx', '材料/上街区/信访局/2022年度部门整体支出绩效自评表（郑州市上街区信访局）.xlsx'),
  await scored('fixtures/seed-002.xlsx', LONG),
  await scored('fixtures/two-tables.xlsx', '材料/金水区/民政局/2022年度项目支出绩效自评表（老年助餐、垃圾分类）.xlsx'),
  await scored('fixtures/seed-004.xlsx', '材料/金水区/人民政府办公室/2022年度部门整体支出绩效自评表.xlsx', 'mof'),
  unreadableFile('材料/金水区/财政局/自评表（已损坏）.xlsx', { kind: 'refused', error: new RunError((ui) => ui.damaged('材料/金水区/财政局/自评表（已损坏）.xlsx')) }, loadProfile('mof')),
];
const skipped: SkippedFile[] = [
  { file: '材料/上街区/信访局/2022年度部门整体支出绩效自评表（郑州市上街区信访局）.scored.xlsx', reason: 'scored-copy' },
  { file: '材料/金水区/人民政府办公室/~$2022年度部门整体支出绩效自评表.xlsx', reason: 'lock-file' },
];

function ranking(width: number, lang: Lang, extra: { quiet?: boolean; rankingOnly?: boolean } = { rankingOnly: true }): string {
  return formatConsole(reports, { lang, color: false, width, skipped, ...extra });
}

describe('the ranking of a batch', () => {
  for (const width of [80, 120]) {
    for (const lang of ['zh', 'en'] as const) {
      it(`fits ${width} columns in ${lang}: one line per table, unreadable and skipped file, none wrapped`, () => {
        const out = ranking(width, lang);
        const title = lang === 'zh' ? '排名（文件路径相对于 材料/）' : 'Ranking (paths relative to 材料/)';
        const [, head, rule, ...rows] = rankingLines(out, width, title);
        // 5 tables (two-tables holds two), the unreadable file, the two skipped: 8 lines, no more.
        expect(rows).toHaveLength(8);
        expect(displayWidth(rule!)).toBe(displayWidth(head!));
        // The columns line up: every row's totals end where the header's total column ends.
        const totals = rows.slice(0, 5).map((r) => r.match(/^ *\d+ .*? (\d+\.\d\d) +(\d+\.\d\d) /));
        expect(totals.map((m) => m?.[1])).toEqual(['100.00', '97.20', '96.88', '95.81', '92.54']);
        const ends = rows.slice(0, 5).map((r, i) => displayWidth(r.slice(0, r.indexOf(totals[i]![1]!) + totals[i]![1]!.length)));
        expect(new Set(ends).size).toBe(1);
        // Paths are relative to 材料/; a long one is cut in the middle, keeping its end.
        for (const r of rows) expect(r).not.toContain('材料/');
        const long = rows.find((r) => r.includes('96.88'))!;
        if (width === 80) expect(long).toMatch(/ 上街区\/\S*…\S*）\.xlsx /);
        // Unreadable and skipped: their reason last.
        const reasons = lang === 'zh' ? ['工作簿已损坏', '评分副本', '锁定文件'] : ['the workbook is damaged and cannot be read', 'scored copy', 'lock file'];
        // (or its start, cut with … where the column is narrower than the reason)
        rows.slice(5).forEach((r, i) => expect(r.endsWith(reasons[i]!) || (r.endsWith('…') && r.includes(` ${reasons[i]!.slice(0, 3)}`)), r).toBe(true));
        expect(out).toContain(lang === 'zh' ? '\n\n共 7 个文件：已评分 4 个，无法读取 1 个，已跳过 2 个\n' : '\n\n7 files: 4 scored, 1 unreadable, 2 skipped\n');
      });
    }
  }

  it('at 120 columns, the units whole but the longest, a path whole when it fits, the lines as wide as they may be', () => {
    const out = ranking(120, 'zh');
    const lines = rankingLines(out, 120, '排名（文件路径相对于 材料/）');
    expect(Math.max(...lines.map(displayWidth))).toBe(120);
    expect(out).toContain(' 郑州市金水区人民政府办公室 ');
    expect(out).toContain(' 郑州市上街区信访局 ');
    expect(out).toContain(' 金水区/财政局/自评表（已损坏）.xlsx ');
    expect(out).not.toContain(LONG.slice('材料/'.length));
    // At 80 the same unit is cut.
    expect(ranking(80, 'zh')).not.toContain(' 郑州市金水区人民政府办公室 ');
  });

  it('--ranking-only prints no file block; --quiet only the errors of the files that have some', () => {
    expect(ranking(80, 'zh').startsWith('排名（文件路径相对于 材料/）\n')).toBe(true);
    const quiet = ranking(100, 'zh', { quiet: true });
    const blocks = quiet.slice(0, quiet.indexOf('排名（'));
    // seed-000 and seed-002 have no error; two-tables has one in 垃圾分类 only; seed-004 two; the damaged file one.
    expect(blocks).not.toContain('信访局/2022');
    expect(blocks).not.toContain(LONG);
    expect(blocks).not.toContain('老年助餐 · ');
    expect(blocks).toContain('垃圾分类 · ');
    expect(blocks.match(/^│ 错误 │/gm)).toHaveLength(4);
    expect(blocks).not.toMatch(/^│ 警告 │/m);
    // 偏差说明 is for proof-reading: not in an errors-only report.
    expect(blocks).not.toContain('偏差说明');
    expect(ranking(100, 'zh', {})).toContain('偏差说明');
    // Without --quiet every block and every warning.
    const full = ranking(100, 'zh', {});
    expect(full.match(/^│ 警告 │/gm)!.length).toBeGreaterThan(0);
    expect(full).toContain('老年助餐 · ');
  });
});

describe('the ranking keeps to one line a row', () => {
  it('a unit written on two lines in its cell, a file name with a line break', () => {
    const [first, second] = reports as [FileReport, FileReport];
    const twoLines: FileReport = { ...first, file: '材料/a\nb.xlsx', tables: first.tables.map((t) => ({ ...t, department: '郑州市上街区\n信访局' })) };
    const out = formatConsole([twoLines, second], { lang: 'zh', color: false, width: 80, rankingOnly: true });
    const [, , , ...rows] = rankingLines(out, 80, '排名（文件路径相对于 材料/）');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^ +2 郑州市\S* 信访局 +a b\.xlsx +95\.81 /);
    // No line ends in spaces, painted or not.
    const painted = formatConsole([twoLines, second], { lang: 'zh', color: true, width: 80, rankingOnly: true });
    for (const line of painted.split('\n')) expect(line).not.toMatch(/ (\x1b\[\d+m)*$/);
  });
});

describe('text helpers of the ranking', () => {
  it('cuts text in the middle or at the end by display width, Chinese characters two columns wide', () => {
    expect(fitText('上街区/信访局/自评表.xlsx', 40)).toBe('上街区/信访局/自评表.xlsx');
    const cut = fitText('上街区/信访局/2022年度部门整体支出绩效自评表.xlsx', 24);
    expect(displayWidth(cut)).toBeLessThanOrEqual(24);
    expect(cut).toMatch(/^上街区\/.*….*自评表\.xlsx$/);
    expect(fitText('工作簿已损坏，缺少', 9, 'end')).toBe('工作簿已…');
    expect(fitText('abc', 1)).toBe('…');
  });

  it('finds the folder every file is under', () => {
    expect(commonFolder(['材料/上街区/a.xlsx', '材料/金水区/b/c.xlsx'])).toBe('材料/');
    expect(commonFolder(['材料/上街区/a.xlsx'])).toBe('材料/上街区/');
    expect(commonFolder(['a.xlsx', '材料/b.xlsx'])).toBe('');
    expect(commonFolder(['/tmp/x/a.xlsx', '/tmp/x/y/b.xlsx'])).toBe('/tmp/x/');
    expect(commonFolder(['材料\\上街区\\a.xlsx', '材料\\金水区\\b.xlsx'])).toBe('材料\\');
  });

  it('says an unreadable file\'s reason in its first clause', () => {
    expect(shortReason({ file: 'a.xlsx', message: 'a.xlsx：工作簿已损坏，缺少 xl/styles.xml；请在 Excel 或 WPS 中打开并另存后再评分' })).toBe('工作簿已损坏');
    expect(shortReason({ file: 'a.xlsx', message: 'a.xlsx：读取时内存不足（文件过大或已损坏）' })).toBe('读取时内存不足');
    expect(shortReason({ file: 'a.xlsx', message: 'a.xlsx: is a PDF file, not a workbook' })).toBe('is a PDF file');
  });
});

describe('the ranking of a run, on a terminal of 120 columns', () => {
  /** main() in this process, its stdout a terminal 120 columns wide (no colour: NO_COLOR is set). */
  const wide: Invoke = async (args, dir, env) => {
    const { main } = (await import(pathToFileURL(join(REPO, 'dist/cli.js')).href)) as typeof import('../src/cli/main.js');
    let stdout = '';
    let stderr = '';
    const status = await main([process.execPath, BIN, ...args], {
      stdout: { write: (s: string) => (stdout += s), isTTY: true, columns: 120 },
      stderr: { write: (s: string) => (stderr += s), isTTY: false },
      env,
      cwd: dir,
    });
    return { status, stdout, stderr };
  };

  it('the bureau folder: every line fits 120 columns, the shorter paths whole', async () => {
    const c = CASES.find((x) => x.name.startsWith('a bureau folder: the ranking fits 80 columns'))!;
    const r = await runCase(c, wide);
    expectCase({ ...c, stdout: bureauRanking(120) }, r);
    expect(r.stdout).toContain(' 金水区/财政局/自评表.xlsx ');
    expect(rankingLines(r.stdout, 120).some((l) => displayWidth(l) > 80)).toBe(true);
  });
});
