// Command-line paths to workbooks: files as given, folders walked, quoted globs matched, duplicates dropped,
// and the same order on every machine.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandInputs, isCandidate } from '../src/cli/inputs.js';
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

async function files(args: readonly string[], cwd: string): Promise<string[]> {
  return (await expandInputs(args, cwd)).files;
}

async function failure(args: readonly string[], cwd: string): Promise<{ message: string; exitCode: number }> {
  try {
    await expandInputs(args, cwd);
  } catch (e) {
    expect(e).toBeInstanceOf(RunError);
    const err = e as RunError;
    return { message: err.render(uiFor('zh')), exitCode: err.exitCode };
  }
  throw new Error('expected expandInputs to reject');
}

const MIXED = [
  '材料/部门A/自评表.xlsx',
  '材料/部门B/自评表.xlsx',
  '材料/部门B/~$自评表.xlsx',
  '材料/部门B/自评表.scored.xlsx',
  '材料/说明.docx',
  '材料/旧表.xls',
  '材料/UPPER.XLSX',
  '材料/.git/x.xlsx',
  '材料/node_modules/y.xlsx',
];

describe('isCandidate', () => {
  it('keeps workbooks and leaves out lock files, our outputs and other formats', () => {
    expect(isCandidate('自评表.xlsx')).toBe(true);
    expect(isCandidate('UPPER.XLSX')).toBe(true);
    expect(isCandidate('~$自评表.xlsx')).toBe(false);
    expect(isCandidate('自评表.scored.xlsx')).toBe(false);
    expect(isCandidate('自评表.SCORED.XLSX')).toBe(false);
    expect(isCandidate('旧表.xls')).toBe(false);
    expect(isCandidate('说明.docx')).toBe(false);
    expect(isCandidate('xlsx')).toBe(false);
  });
});

describe('folders', () => {
  it('walks a folder recursively, keeping only workbooks to score, sorted by code unit', async () => {
    const cwd = tree(MIXED);
    expect(await files(['材料'], cwd)).toEqual([
      join('材料', 'UPPER.XLSX'),
      join('材料', '部门A', '自评表.xlsx'),
      join('材料', '部门B', '自评表.xlsx'),
    ]);
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

  it('contributes nothing when it matches nothing, without failing the other arguments', async () => {
    const cwd = tree(['a.xlsx']);
    expect(await files(['nowhere/*.xlsx', '*.xls', 'a.xlsx'], cwd)).toEqual(['a.xlsx']);
  });

  it('prefers an existing file over reading its name as a glob', async () => {
    const cwd = tree(['[2024]自评表.xlsx', '2自评表.xlsx']);
    expect(await files(['[2024]自评表.xlsx'], cwd)).toEqual(['[2024]自评表.xlsx']);
  });
});

describe('files named by the user', () => {
  it('keeps them whatever their name', async () => {
    const cwd = tree(['说明.docx', '自评表.scored.xlsx', '~$锁.xlsx']);
    expect(await files(['说明.docx', '自评表.scored.xlsx', '~$锁.xlsx'], cwd)).toEqual(['说明.docx', '自评表.scored.xlsx', '~$锁.xlsx']);
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

describe('errors', () => {
  it('reports a missing path that is not a glob as not found, exit code 2', async () => {
    const cwd = tree(['a.xlsx']);
    expect(await failure(['a.xlsx', '缺失.xlsx'], cwd)).toEqual({ message: '缺失.xlsx：文件不存在', exitCode: 2 });
  });

  it('reports nothing to score when a folder is empty or a glob matches nothing', async () => {
    const cwd = tree(['空/', 'other/说明.docx']);
    expect(await failure(['空'], cwd)).toEqual({ message: '没有找到要评分的 .xlsx 工作簿：空', exitCode: 2 });
    expect(await failure(['空', 'other', '*.xlsx'], cwd)).toEqual({ message: '没有找到要评分的 .xlsx 工作簿：空 other *.xlsx', exitCode: 2 });
  });
});
