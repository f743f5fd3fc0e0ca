// Command-line paths to workbooks: files as given, folders walked, quoted globs matched, duplicates dropped,
// and the same order on every machine; lock files and scored copies left out of a batch, and listed.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandInputs, isCandidate, kindOfName, skippedLines } from '../src/run/inputs.js';
import { RunError } from '../src/errors.js';
import { uiFor } from '../src/i18n/messages.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding the given empty files (a path ending in `/` makes an empty folder). */
function tree(paths: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'perf-score-inputs-'));
  dirs.push(root);
  for (const p of paths) {
    if (p.endsWith('/')) mkdirSync(join(root, p), { recursive: true });
    else {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), '');
    }
  }
  return root;
}

async function files(args: readonly string[], cwd: string, ignore: readonly string[] = []): Promise<string[]> {
  return (await expandInputs(args, cwd, ignore)).files;
}

async function failure(args: readonly string[], cwd: string, ignore: readonly string[] = []): Promise<{ message: string; exitCode: number }> {
  try {
    await expandInputs(args, cwd, ignore);
  } catch (e) {
    expect(e).toBeInstanceOf(RunError);
    const err = e as RunError;
    return { message: err.render(uiFor('zh')), exitCode: err.exitCode };
  }
  throw new Error('expected expandInputs to reject');
}

async function skipped(args: readonly string[], cwd: string): Promise<{ scored: string[]; locks: string[] }> {
  const { scored, locks } = (await expandInputs(args, cwd)).skipped;
  return { scored, locks };
}

const MIXED = [
  '材料/部门A/自评表.xlsx',
  '材料/部门B/自评表.xlsx',
  '材料/部门B/~$自评表.xlsx',
  '材料/部门B/自评表.scored.xlsx',
  '材料/说明.docx',
  '材料/旧表.xls',
  '材料/宏.xlsm',
  '材料/宏.scored.xlsm',
  '材料/WPS.et',
  '材料/UPPER.XLSX',
  '材料/.git/x.xlsx',
  '材料/node_modules/y.xlsx',
];

describe('isCandidate', () => {
  it('keeps every workbook format, in any case, and leaves out lock files, our outputs and other files', () => {
    for (const name of ['自评表.xlsx', 'UPPER.XLSX', 'm.xlsm', 't.xltx', 't.xltm', '旧表.xls', 't.xlt', 'wps.et', 'wps.ett', 'calc.ods', 'b.xlsb', 'B.XLSB']) {
      expect(isCandidate(name), name).toBe(true);
    }
    for (const name of ['~$自评表.xlsx', '~$m.xlsm', '自评表.scored.xlsx', '自评表.SCORED.XLSX', 'm.scored.xlsm', 'a.xls.scored.xlsx', '说明.docx', 'data.csv', 'xlsx', '.x.xlsx.123.0123abcd.tmp']) {
      expect(isCandidate(name), name).toBe(false);
    }
  });

  it('tells lock files and scored copies apart from other files', () => {
    expect(kindOfName('~$自评表.xlsx')).toBe('lock');
    expect(kindOfName('~$说明.docx')).toBe('other');
    expect(kindOfName('a.scored.xlsm')).toBe('scored');
    expect(kindOfName('a.et')).toBe('workbook');
  });
});

describe('folders', () => {
  it('walks a folder recursively, keeping only workbooks to score, sorted by code unit', async () => {
    const cwd = tree(MIXED);
    expect(await files(['材料'], cwd)).toEqual([
      join('材料', 'UPPER.XLSX'),
      join('材料', 'WPS.et'),
      join('材料', '宏.xlsm'),
      join('材料', '旧表.xls'),
      join('材料', '部门A', '自评表.xlsx'),
      join('材料', '部门B', '自评表.xlsx'),
    ]);
    expect(await skipped(['材料'], cwd)).toEqual({
      scored: [join('材料', '宏.scored.xlsm'), join('材料', '部门B', '自评表.scored.xlsx')],
      locks: [join('材料', '部门B', '~$自评表.xlsx')],
    });
  });

  it('spells found files from the argument: relative stays relative, ./ is dropped, absolute stays absolute', async () => {
    const cwd = tree(['材料/a.xlsx']);
    expect(await files(['./材料'], cwd)).toEqual([join('材料', 'a.xlsx')]);
    expect(await files([join(cwd, '材料')], '/')).toEqual([join(cwd, '材料', 'a.xlsx')]);
    expect(await files(['.'], join(cwd, '材料'))).toEqual(['a.xlsx']);
  });

  it('compares whole relative paths, so a file beside a folder sorts by its name, not before the folder', async () => {
    const cwd = tree(['d/a-b.xlsx', 'd/a/z.xlsx', 'd/B.xlsx', 'd/a.xlsx']);
    // '-' (0x2d) < '.' (0x2e) < '/' (0x2f); capitals before small letters.
    const expected = ['B.xlsx', 'a-b.xlsx', 'a.xlsx', 'a/z.xlsx'].map((p) => join('d', p));
    expect(await files(['d'], cwd)).toEqual(expected);
  });

  it('does not follow symlinked folders, but keeps symlinked files', async () => {
    const cwd = tree(['d/a.xlsx', 'other/b.xlsx']);
    symlinkSync(join(cwd, 'd'), join(cwd, 'd', 'loop'), 'dir');
    symlinkSync(join(cwd, 'other'), join(cwd, 'd', 'other'), 'dir');
    symlinkSync(join(cwd, 'other', 'b.xlsx'), join(cwd, 'd', 'link.xlsx'), 'file');
    expect(await files(['d'], cwd)).toEqual([join('d', 'a.xlsx'), join('d', 'link.xlsx')]);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('skips a subfolder it may not read', async () => {
    const cwd = tree(['d/a.xlsx', 'd/locked/b.xlsx']);
    const { chmodSync } = await import('node:fs');
    chmodSync(join(cwd, 'd', 'locked'), 0o000);
    try {
      expect(await files(['d'], cwd)).toEqual([join('d', 'a.xlsx')]);
    } finally {
      chmodSync(join(cwd, 'd', 'locked'), 0o755);
    }
  });

  it('gives the same list whatever order the tree was created in', async () => {
    const shuffled = [...MIXED].reverse();
    shuffled.push(shuffled.shift() as string);
    const a = tree(MIXED);
    const b = tree(shuffled);
    expect(await files(['材料'], a)).toEqual(await files(['材料'], b));
    expect(await files(['材料/**/*.xlsx'], a)).toEqual(await files(['材料/**/*.xlsx'], b));
  });
});

describe('globs', () => {
  it('matches `材料/**/*.xlsx` relative to cwd, spelled from the static prefix', async () => {
    const cwd = tree([...MIXED, '其他/c.xlsx']);
    expect(await files(['材料/**/*.xlsx'], cwd)).toEqual([join('材料', '部门A', '自评表.xlsx'), join('材料', '部门B', '自评表.xlsx')]);
  });

  it('matches `*.xlsx` at the top level only', async () => {
    const cwd = tree(['a.xlsx', 'b.xlsx', 'sub/c.xlsx', '.hidden.xlsx', 'a.scored.xlsx', '~$b.xlsx']);
    expect(await files(['*.xlsx'], cwd)).toEqual(['a.xlsx', 'b.xlsx']);
    expect(await skipped(['*.xlsx'], cwd)).toEqual({ scored: ['a.scored.xlsx'], locks: ['~$b.xlsx'] });
  });

  it('matches every workbook format with `*`, and the scored copies it skips are listed', async () => {
    const cwd = tree(['a.xlsx', 'a.scored.xlsx', 'b.XLS', 'c.ods', 'd.txt']);
    expect(await files(['*'], cwd)).toEqual(['a.xlsx', 'b.XLS', 'c.ods']);
    expect(await skipped(['*'], cwd)).toEqual({ scored: ['a.scored.xlsx'], locks: [] });
  });

  it('matches braces and a segment glob in the middle', async () => {
    const cwd = tree(['材料/部门A/自评表.xlsx', '材料/部门B/自评表.xlsx', '材料/部门C/自评表.xlsx', '材料/部门A/deep/x.xlsx']);
    expect(await files(['材料/部门{A,C}/*.xlsx'], cwd)).toEqual([join('材料', '部门A', '自评表.xlsx'), join('材料', '部门C', '自评表.xlsx')]);
    expect(await files(['材料/*/自评表.xlsx'], cwd)).toEqual([
      join('材料', '部门A', '自评表.xlsx'),
      join('材料', '部门B', '自评表.xlsx'),
      join('材料', '部门C', '自评表.xlsx'),
    ]);
    expect(await files(['{材料/部门B,材料/部门A/deep}/*.xlsx'], cwd)).toEqual([
      join('材料', '部门A', 'deep', 'x.xlsx'),
      join('材料', '部门B', '自评表.xlsx'),
    ]);
  });

  it('matches an absolute glob, spelled absolute', async () => {
    const root = tree(['材料/部门A/自评表.xlsx', '材料/部门A/说明.docx']);
    const pattern = `${root.replaceAll('\\', '/')}/材料/**/*.xlsx`;
    expect(await files([pattern], tmpdir())).toEqual([join(root, '材料', '部门A', '自评表.xlsx')]);
  });

  it('is an error (exit 2) naming it when it matches nothing, whatever the other arguments find', async () => {
    const cwd = tree(['a.xlsx', 'b.xlsx']);
    expect(await failure(['a.xlsx', 'nowhere/*.xlsx'], cwd)).toEqual({ message: '没有找到与“nowhere/*.xlsx”匹配的工作簿', exitCode: 2 });
    expect(await failure(['*.xls', 'a.xlsx'], cwd)).toEqual({ message: '没有找到与“*.xls”匹配的工作簿', exitCode: 2 });
  });

  it('prefers an existing file over reading its name as a glob', async () => {
    const cwd = tree(['[2024]自评表.xlsx', '2自评表.xlsx']);
    expect(await files(['[2024]自评表.xlsx'], cwd)).toEqual(['[2024]自评表.xlsx']);
  });
});

describe('files named by the user', () => {
  it('takes a single file as given, a scored copy or another format included', async () => {
    const cwd = tree(['说明.docx', '自评表.scored.xlsx']);
    expect(await files(['说明.docx'], cwd)).toEqual(['说明.docx']);
    expect(await files(['自评表.scored.xlsx'], cwd)).toEqual(['自评表.scored.xlsx']);
  });

  it('refuses a single lock file, saying what it is (exit 2)', async () => {
    const cwd = tree(['~$锁.xlsx']);
    expect(await failure(['~$锁.xlsx'], cwd)).toEqual({ message: '~$锁.xlsx：是 Excel 或 WPS 打开工作簿时生成的锁定文件（~$ 开头），不是工作簿；请对不带 ~$ 的原文件评分', exitCode: 2 });
  });

  it('skips scored copies and lock files among several paths (what a shell makes of *.xlsx), and keeps the rest as given', async () => {
    const cwd = tree(['a.xlsx', 'a.scored.xlsx', '~$a.xlsx', '说明.docx']);
    const shell = ['a.scored.xlsx', 'a.xlsx', '~$a.xlsx', '说明.docx'];
    expect(await files(shell, cwd)).toEqual(['a.xlsx', '说明.docx']);
    expect(await skipped(shell, cwd)).toEqual({ scored: ['a.scored.xlsx'], locks: ['~$a.xlsx'] });
  });

  it('skips them beside a folder or a glob too', async () => {
    const cwd = tree(['d/b.xlsx', 'a.scored.xlsx']);
    expect(await files(['a.scored.xlsx', 'd'], cwd)).toEqual([join('d', 'b.xlsx')]);
  });

  it('keeps argument order across arguments and drops duplicates, keeping the first', async () => {
    const cwd = tree(['z/b.xlsx', 'z/a.xlsx', 'a/c.xlsx']);
    expect(await files(['z/b.xlsx', 'a', 'z', './z/a.xlsx', '*/*.xlsx'], cwd)).toEqual([
      join('z', 'b.xlsx'),
      join('a', 'c.xlsx'),
      join('z', 'a.xlsx'),
    ]);
  });
});

describe('skippedLines', () => {
  it('says each kind skipped in one line, with a count and up to three names, in either language', () => {
    const list = { scored: ['a.scored.xlsx', 'b.scored.xlsx'], locks: ['~$1.xlsx', '~$2.xlsx', '~$3.xlsx', '~$4.xlsx', '~$5.xlsx'], others: [], ignored: ['旧/a.xlsx'] };
    expect(skippedLines(list, uiFor('zh'))).toEqual([
      '已跳过 2 个评分副本（*.scored.xlsx、*.scored.xlsm）：a.scored.xlsx、b.scored.xlsx',
      '已跳过 5 个锁定文件（~$…，Excel/WPS 打开工作簿时生成）：~$1.xlsx、~$2.xlsx、~$3.xlsx 等 5 个',
      '已排除 1 个文件（--ignore 或 ! 模式）：旧/a.xlsx',
    ]);
    expect(skippedLines(list, uiFor('en'))).toEqual([
      'skipped 2 scored copies (*.scored.xlsx, *.scored.xlsm): a.scored.xlsx, b.scored.xlsx',
      'skipped 5 lock files (~$…, made by Excel or WPS while a workbook is open): ~$1.xlsx, ~$2.xlsx, ~$3.xlsx and 2 more',
      'excluded 1 file (--ignore or a ! pattern): 旧/a.xlsx',
    ]);
    expect(skippedLines({ scored: [], locks: [], others: [], ignored: [] }, uiFor('zh'))).toEqual([]);
  });
});

describe('errors', () => {
  it('reports a missing path that is not a glob as not found, exit code 2', async () => {
    const cwd = tree(['a.xlsx']);
    expect(await failure(['a.xlsx', '缺失.xlsx'], cwd)).toEqual({ message: '缺失.xlsx：文件不存在', exitCode: 2 });
  });

  it('refuses a folder without a workbook, or a glob matching none, naming it (exit 2), in either language', async () => {
    const cwd = tree(['空/', 'other/说明.docx', 'a.xlsx']);
    expect(await failure(['空'], cwd)).toEqual({ message: '没有找到与“空”匹配的工作簿', exitCode: 2 });
    expect(await failure(['a.xlsx', 'other'], cwd)).toEqual({ message: '没有找到与“other”匹配的工作簿', exitCode: 2 });
    try {
      await expandInputs(['*.xlsm'], cwd);
      expect.unreachable();
    } catch (e) {
      expect((e as RunError).render(uiFor('en'))).toBe('No files matching the pattern "*.xlsm" were found.');
    }
  });

  it('takes a folder holding only scored copies or lock files as matched: they are skipped and listed', async () => {
    const cwd = tree(['copies/a.scored.xlsx', 'b.xlsx']);
    expect(await expandInputs(['copies', 'b.xlsx'], cwd)).toEqual({ files: ['b.xlsx'], skipped: { scored: [join('copies', 'a.scored.xlsx')], locks: [], others: [], ignored: [] } });
  });
});

describe('ignore patterns', () => {
  const TREE = ['材料/部门A/自评表.xlsx', '材料/旧/2020.xlsx', '材料/旧/2021/自评表.xlsx', '材料/部门B/草稿.xlsx', '材料/部门B/自评表.xlsx'];

  it('leaves out what --ignore matches, relative to the working directory, and lists it', async () => {
    const cwd = tree(TREE);
    expect(await expandInputs(['材料'], cwd, ['材料/旧/**'])).toEqual({
      files: [join('材料', '部门A', '自评表.xlsx'), join('材料', '部门B', '自评表.xlsx'), join('材料', '部门B', '草稿.xlsx')],
      skipped: { scored: [], locks: [], others: [], ignored: [join('材料', '旧', '2020.xlsx'), join('材料', '旧', '2021', '自评表.xlsx')] },
    });
  });

  it('takes "!" arguments among the paths as ignore patterns, with --ignore, repeated', async () => {
    const cwd = tree(TREE);
    expect(await files(['材料/**/*.xlsx', '!材料/旧/**'], cwd, ['**/草稿.xlsx'])).toEqual([join('材料', '部门A', '自评表.xlsx'), join('材料', '部门B', '自评表.xlsx')]);
  });

  it('excludes what is under a folder the pattern names, spelled with ./ or a trailing slash', async () => {
    const cwd = tree(TREE);
    for (const pattern of ['材料/旧', './材料/旧/', '材料/*/2021']) {
      const found = await files(['材料'], cwd, [pattern]);
      expect(found, pattern).not.toContain(join('材料', '旧', '2021', '自评表.xlsx'));
    }
    expect(await files(['材料'], cwd, ['材料/*/2021'])).toContain(join('材料', '旧', '2020.xlsx'));
  });

  it('leaves out a file named on the command line (CI passes changed files), without failing when all are', async () => {
    const cwd = tree(TREE);
    expect(await expandInputs(['材料/旧/2020.xlsx', '材料/部门A/自评表.xlsx'], cwd, ['材料/旧/**'])).toEqual({
      files: ['材料/部门A/自评表.xlsx'],
      skipped: { scored: [], locks: [], others: [], ignored: ['材料/旧/2020.xlsx'] },
    });
    expect(await expandInputs(['材料/旧/2020.xlsx'], cwd, ['材料/旧'])).toEqual({ files: [], skipped: { scored: [], locks: [], others: [], ignored: ['材料/旧/2020.xlsx'] } });
  });

  it('refuses a glob or folder whose every file is ignored, naming it', async () => {
    const cwd = tree(TREE);
    expect(await failure(['材料/旧', '材料/部门A'], cwd, ['材料/旧/**'])).toEqual({ message: '与“材料/旧”匹配的文件都已被 --ignore 或 ! 模式排除', exitCode: 2 });
  });

  it('matches an absolute pattern against the absolute path', async () => {
    const cwd = tree(TREE);
    expect(await files(['材料'], cwd, [`${cwd.replaceAll('\\', '/')}/材料/部门B/**`])).toEqual([join('材料', '旧', '2020.xlsx'), join('材料', '旧', '2021', '自评表.xlsx'), join('材料', '部门A', '自评表.xlsx')]);
  });
});
