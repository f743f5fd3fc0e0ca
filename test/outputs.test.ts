// Where a run writes (src/run/outputs.ts), decided before any file is read: the scored copies' names,
// and the refusals that keep a run from writing one file twice or over an input.
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOutputs, defaultOutputPath, planCopies, type Output } from '../src/run/outputs.js';
import { samePath } from '../src/paths.js';
import { RunError } from '../src/errors.js';
import { uiFor } from '../src/i18n/messages.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding the given files (each holding its own name). */
function tree(paths: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'perf-score-outputs-'));
  dirs.push(root);
  for (const p of paths) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), p);
  }
  return root;
}

/** The message of the RunError `fn` throws (exit code 2), in Chinese and English. */
function refusal(fn: () => unknown): { zh: string; en: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).exitCode).toBe(2);
    return { zh: (e as RunError).render(uiFor('zh')), en: (e as RunError).render(uiFor('en')) };
  }
  throw new Error('expected a refusal');
}

const beside = { write: true };

describe('the scored copy’s name', () => {
  it('is <name>.scored.xlsx, and .scored.xlsm for a macro-enabled workbook or template', () => {
    expect(defaultOutputPath(join('材料', '自评表.xlsx'))).toBe(join('材料', '自评表.scored.xlsx'));
    expect(defaultOutputPath('r.XLSM')).toBe('r.scored.xlsm');
    expect(defaultOutputPath('t.xltm')).toBe('t.scored.xlsm');
    for (const ext of ['.xls', '.et', '.ods', '.xlsb', '.xltx', '.xlt', '.ett']) expect(defaultOutputPath(`a${ext}`)).toBe('a.scored.xlsx');
  });

  it('gives r.xlsm and r.xlsx a copy each (the run that wrote both to r.scored.xlsx)', () => {
    const cwd = tree(['c/r.xlsm', 'c/r.xlsx']);
    expect(planCopies(['c/r.xlsm', 'c/r.xlsx'], beside, cwd)).toEqual([join('c', 'r.scored.xlsm'), join('c', 'r.scored.xlsx')]);
  });

  it('when two inputs would share one, the .xlsx keeps it and the others keep their extension in the name', () => {
    const cwd = tree(['a.xls', 'a.xlsx', 'a.et', 'm.xlsm', 'm.xltm']);
    expect(planCopies(['a.xls', 'a.xlsx', 'a.et', 'm.xlsm', 'm.xltm'], beside, cwd)).toEqual([
      'a.xls.scored.xlsx',
      'a.scored.xlsx',
      'a.et.scored.xlsx',
      'm.xlsm.scored.xlsm',
      'm.xltm.scored.xlsm',
    ]);
    // Alone, each keeps the plain name.
    expect(planCopies(['a.xls'], beside, cwd)).toEqual(['a.scored.xlsx']);
  });

  it('does the same under --out-dir, keeping the folders', () => {
    const cwd = tree(['材料/甲/a.xls', '材料/甲/a.xlsx', '材料/乙/a.xls']);
    expect(planCopies(['材料/甲/a.xls', '材料/甲/a.xlsx', '材料/乙/a.xls'], { write: true, outDir: 'out' }, cwd)).toEqual([
      join('out', '甲', 'a.xls.scored.xlsx'),
      join('out', '甲', 'a.scored.xlsx'),
      join('out', '乙', 'a.scored.xlsx'),
    ]);
  });

  it('refuses two inputs that still share one, naming both, in either language', () => {
    const cwd = tree(['a.xls', 'a.xlsx', 'a.xls.xlsx']);
    const r = refusal(() => planCopies(['a.xls', 'a.xlsx', 'a.xls.xlsx'], beside, cwd));
    expect(r.zh).toBe('a.xls 和 a.xls.xlsx 的评分副本会写到同一个文件 a.xls.scored.xlsx：请将其中一个改名后再评分');
    expect(r.en).toBe('a.xls and a.xls.xlsx would both have their scored copy written to a.xls.scored.xlsx: rename one of them and run again');
  });

  it('is -o when given, and none with --no-write', () => {
    expect(planCopies(['a.xlsx'], { write: true, output: 'x.xlsx' }, '/')).toEqual(['x.xlsx']);
    expect(planCopies(['a.xlsx', 'b.xlsx'], { write: false }, '/')).toEqual([null, null]);
  });
});

describe('checkOutputs', () => {
  const out = (path: string, label = path): Output => ({ path, label: () => label });

  it('lets distinct outputs through', () => {
    const cwd = tree(['a.xlsx', 'b.xlsx']);
    expect(() => checkOutputs(['a.xlsx', 'b.xlsx'], [out('a.scored.xlsx'), out('b.scored.xlsx'), out('report.json'), out('汇总.csv')], cwd)).not.toThrow();
  });

  it('refuses an output that is an input: as spelled, through `..`, through a symbolic link', () => {
    const cwd = tree(['材料/a.xlsx', 'b.xlsx']);
    symlinkSync(join(cwd, '材料'), join(cwd, 'link'), 'dir');
    for (const path of ['材料/a.xlsx', 'b.xlsx/../材料/a.xlsx', 'link/a.xlsx', join(cwd, '材料', '.', 'a.xlsx')]) {
      expect(refusal(() => checkOutputs(['材料/a.xlsx'], [out(path)], cwd)).zh).toBe(`${path}：输出文件不能与输入文件相同`);
    }
  });

  it('refuses an output that is a hard link to an input', () => {
    const cwd = tree(['a.xlsx']);
    linkSync(join(cwd, 'a.xlsx'), join(cwd, 'a.scored.xlsx'));
    const r = refusal(() => checkOutputs(['a.xlsx'], [out('a.scored.xlsx')], cwd));
    expect(r.zh).toBe('a.scored.xlsx：与输入文件 a.xlsx 是同一个文件（链接），不能作为输出');
    expect(r.en).toBe('a.scored.xlsx: is the input file a.xlsx (a link to it), and cannot be an output');
    expect(samePath(join(cwd, 'a.xlsx'), join(cwd, 'a.scored.xlsx'))).toBe(true);
  });

  it('refuses two outputs that are one file (--output-file, --summary, -o, a copy), in any spelling', () => {
    const cwd = tree(['a.xlsx']);
    mkdirSync(join(cwd, 'out'));
    const r = refusal(() => checkOutputs(['a.xlsx'], [out('r.csv', '--output-file'), out('out/../r.csv', '--summary')], cwd));
    expect(r.zh).toBe('--output-file 和 --summary 会写到同一个文件 out/../r.csv');
    expect(r.en).toBe('--output-file and --summary would both be written to out/../r.csv');
    expect(refusal(() => checkOutputs(['a.xlsx'], [out('x.xlsx', '-o'), out('x.xlsx', '--summary')], cwd)).zh).toBe('-o 和 --summary 会写到同一个文件 x.xlsx');
  });
});
