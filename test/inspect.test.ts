// `perf-score inspect`: how a workbook was read, on every fixture, through the real bin; and as a
// git textconv driver.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeWorkbookWithoutTable } from './cli/files.js';
import { BIN, FIXTURES, cleanWorkdirs, run, workdir } from './cli/helpers.js';

afterEach(cleanWorkdirs);

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort();

/** The table line of each sheet with a table: `sheet NAME: indicator table RANGE (…)`. */
const tableLines = (out: string) => out.split('\n').filter((l) => /^sheet .*: indicator table /.test(l));

describe('inspect on every fixture', () => {
  it('covers them all', () => {
    expect(fixtures).toEqual([
      'ah-tangxi-cunji.xlsx',
      'ah-tangxi-weituo.xlsx',
      'budget-subrows.xlsx',
      'budget-zero-total.xlsx',
      'cq-kexuecheng-rongmeiti.xlsx',
      'hb-huangshi-haimian.xlsx',
      'hebei-langfang-shipin.xlsx',
      'jx-nanchang-weishengyuan.xlsx',
      'nx-yinchuan-gongyong.xlsx',
      'one-decimal.xlsx',
      'project-split.xlsx',
      'sc-daying-two-tables.xlsx',
      'sc-qingshen-unfilled.xlsx',
      'sc-zhongjiang-shuili.xlsx',
      'seed-000.xlsx',
      'seed-002.xlsx',
      'seed-004.xlsx',
      'sh-putuo-tiyu.xlsx',
      'two-tables.xlsx',
      'units-comparators.xlsx',
      'yn-lijiang-weipian.xlsx',
    ]);
  });

  const expected: Record<string, string[]> = {
    'budget-subrows.xlsx': ['sheet 部门整体绩效自评表: indicator table A7:H13 (header row 7, 5 rows)'],
    'budget-zero-total.xlsx': ['sheet 项目自评表: indicator table A9:H15 (header row 9, 5 rows)'],
    'one-decimal.xlsx': ['sheet Sheet1: indicator table B10:J21 (header row 10, 10 rows)'],
    'project-split.xlsx': ['sheet 项目支出绩效自评表: indicator table A12:K25 (header rows 12-13, 10 rows)'],
    'seed-000.xlsx': ['sheet 自评表: indicator table B14:J46 (header row 14, 31 rows)'],
    'seed-002.xlsx': ['sheet 自评表: indicator table B13:J42 (header rows 13-14, 27 rows)'],
    'seed-004.xlsx': ['sheet 部门整体绩效自评表: indicator table A19:H49 (header row 19, 30 rows)'],
    'two-tables.xlsx': ['sheet 老年助餐: indicator table A6:H11 (header row 6, 4 rows)', 'sheet 垃圾分类: indicator table A6:H11 (header row 6, 4 rows)'],
    'units-comparators.xlsx': ['sheet 自评表: indicator table A6:I27 (header row 6, 20 rows)'],
    'ah-tangxi-cunji.xlsx': ['sheet Sheet1: indicator table B13:J21 (header row 13, 8 rows)'],
    'ah-tangxi-weituo.xlsx': ['sheet Sheet1: indicator table B13:J25 (header row 13, 10 rows)'],
    // No 分值 column: no table (refused by name, test/real-layouts.test.ts)
    'hb-huangshi-haimian.xlsx': [],
    'cq-kexuecheng-rongmeiti.xlsx': ['sheet 部门整体绩效自评表: indicator table A8:K27 (header row 8, 19 rows)'],
    'jx-nanchang-weishengyuan.xlsx': ['sheet 整体支出绩效自评表: indicator table A9:I25 (header row 9, 16 rows)'],
    'hebei-langfang-shipin.xlsx': ['sheet Sheet1: indicator table A13:H38 (header row 13, 9 rows)'],
    'nx-yinchuan-gongyong.xlsx': ['sheet Sheet1: indicator table A9:H34 (header row 9, 17 rows)'],
    'sc-daying-two-tables.xlsx': ['sheet Sheet1: indicator table B1:K3 (header row 1, 1 rows)', 'sheet Sheet1: indicator table B20:K22 (header row 20, 1 rows)'],
    'sc-qingshen-unfilled.xlsx': ['sheet 项目支出绩效自评表: indicator table B14:K17 (header row 14, 2 rows)'],
    'sc-zhongjiang-shuili.xlsx': ['sheet 绩效目标自评表: indicator table B11:I23 (header row 11, 9 rows)'],
    'sh-putuo-tiyu.xlsx': ['sheet 委托运营结算: indicator table B12:I18 (header row 12, 5 rows)', 'sheet 援滇对口支援: indicator table B12:I18 (header row 12, 5 rows)'],
    'yn-lijiang-weipian.xlsx': ['sheet Sheet1: indicator table A11:J17 (header rows 11-12, 5 rows)'],
  };

  for (const name of fixtures) {
    it(`${name}: exit 0, the table where it is, every row, the same output twice, nothing written`, () => {
      const dir = workdir([name]);
      const r = run(['inspect', name], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.startsWith(`file ${name}\n`)).toBe(true);
      expect(tableLines(r.stdout)).toEqual(expected[name]);
      // One `row N` block per indicator row counted in the table line.
      const counted = tableLines(r.stdout).reduce((n, l) => n + Number(/, (\d+) rows\)$/.exec(l)![1]), 0);
      expect(r.stdout.split('\n').filter((l) => /^ {2}row \d+ /.test(l))).toHaveLength(counted);
      // Every value is either read or named as not read; nothing is printed as undefined.
      expect(r.stdout).not.toMatch(/undefined|NaN|\[object/);
      expect(run(['inspect', name], { cwd: dir }).stdout).toBe(r.stdout);
      expect(readdirSync(dir)).toEqual([name]);
    });
  }

  it('nx-yinchuan-gongyong: a budget block that lists the money only is not scored; the 预算执行率 row is named the budget rate', () => {
    const r = run(['inspect', 'fixtures/nx-yinchuan-gongyong.xlsx']);
    expect(r.stdout).toContain(
      ['  budget (header row 5, not scored: no weight or score)', '    total B6 年度资金总额: initial D6 64.8 | adjusted E6 64.8 | executed F6 64.8 | rate G6 100%'].join('\n'),
    );
    expect(r.stdout).toContain('  row 14  项目管理 / 投入管理 / 预算执行率  (budget rate, scored as an indicator)\n');
  });

  it('sc-daying-two-tables: both tables of the sheet, each with its own budget block or none', () => {
    const out = run(['inspect', 'fixtures/sc-daying-two-tables.xlsx']).stdout;
    expect(out.split('\n').filter((l) => /^ {2}budget /.test(l))).toEqual(['  budget (not found)', '  budget (header row 14)']);
  });

  it('seed-004: columns, the header block, the budget block and its sub-rows, a comparator after its number', () => {
    const r = run(['inspect', 'fixtures/seed-004.xlsx']);
    expect(r.stdout).toContain(
      [
        'sheet 部门整体绩效自评表: indicator table A19:H49 (header row 19, 30 rows)',
        '  department  C4    郑州市金水区人民政府办公室',
        '  project     (not found)',
        '  total       G4    95.92',
        '  grade       G5    优',
        '',
        '  columns',
        '    A   一级指标    level1',
        '    B   二级指标    level2',
        '    C   三级指标    name',
        '    D   指标值      target',
        '    E   度量单位    unit',
        '    F   实际完成值  actual',
        '    G   分值        weight',
        '    H   得分        score',
        '    not found: nature, adjustedTarget, deviation, reason',
        '',
        '  budget (header row 13)',
        '    total B14 部门预算总额: initial D14 234 | adjusted E14 (empty) | executed F14 173.65 | rate G14 74.21% | weight H14 10 | score I14 7.42',
        '    sub   B15 1、资金来源: (1) 财政性资金: initial D15 234 | adjusted E15 (empty) | executed F15 173.65 | rate G15 74.21% | weight H15 (empty) | score I15 (empty)',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        '  row 27  投入管理指标 / 预算和财务管理 / 结转结余率',
        '    target    D27   20≤            at-most 20 % (comparator after the number)',
        '    unit      E27   %',
        '    actual    F27   25.79          exact 25.79 %',
        '    weight    G27   1',
        '    score     H27   0',
      ].join('\n'),
    );
    expect(r.stdout).toContain('    A20   投入管理指标  weight 20');
  });

  it('project-split: 指标性质 read into the target, the unit column, a tier word', () => {
    const r = run(['inspect', 'fixtures/project-split.xlsx']);
    expect(r.stdout).toContain(
      [
        '  row 15  产出指标 / 数量指标 / 开展上门巡访次数',
        '    nature    E15   ≥',
        '    target    F15   12             at-least 12 次 (read as ≥12)',
        '    unit      G15   次',
        '    actual    H15   10             exact 10 次',
        '    weight    D15   8',
        '    score     I15   6.67',
        '    reason    J15   受疫情影响，第四季度两次巡访未能开展，下年度将提前安排。',
      ].join('\n'),
    );
    expect(r.stdout).toContain('    actual    H20   达成预期指标   tier met');
    expect(r.stdout).toContain('    K   是否核心指标            (not used)');
  });

  it('one-decimal: the adjusted target replaces the original', () => {
    const r = run(['inspect', 'fixtures/one-decimal.xlsx']);
    expect(r.stdout).toContain(
      ['    original  E11   ≥1200户        replaced by the adjusted target', '    adjusted  F11   ≥1000户        at-least 1000 户'].join('\n'),
    );
    expect(r.stdout).toContain('    target    E12   39个           exact 39 个');
  });

  it('units-comparators: what cannot be compared is still shown as read', () => {
    const r = run(['inspect', 'fixtures/units-comparators.xlsx']);
    expect(r.stdout).toContain('    target    D20   ≤150万         at-most 150 万');
    expect(r.stdout).toContain('    actual    E20   142.8万元      exact 142.8 万元');
    expect(r.stdout).toMatch(/^ {4}target {4}D9 {4}﹦0% +exact 0 %$/m);
    expect(r.stdout).toMatch(/^ {4}target {4}D11 {3}＞＝95％ +at-least 95 %$/m);
    expect(r.stdout).toContain('    weight    F7    4');
  });

  it('two-tables: a sheet without a table lists its cells', () => {
    const r = run(['inspect', 'fixtures/two-tables.xlsx']);
    expect(r.stdout).toContain(
      ['sheet 填报说明: no indicator table (used range A1:A2)', '  A1    1. 每个项目填写一张自评表。', '  A2    2. 偏差原因分析及改进措施：未完成目标的指标必须填写。'].join('\n'),
    );
  });
});

describe('inspect on files that are not indicator tables', () => {
  it('a workbook without a table: its cells, exit 0 (a textconv driver must not fail on any workbook)', async () => {
    const dir = workdir();
    const file = join(dir, 'notes.xlsx');
    await writeWorkbookWithoutTable(file);
    const r = run(['inspect', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`file ${file}\n\nsheet 说明: no indicator table (used range A1:B3)\n  A1    部门整体绩效自评表\n  A2    本表尚未填写\n  B3    联系人：张三\n`);
  });

  it('a file that cannot be read: one line on stderr, exit 2, in either language', () => {
    const dir = workdir();
    const missing = join(dir, 'missing.xlsx');
    const r = run(['inspect', missing]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${missing}：文件不存在\n`);
    expect(run(['inspect', missing, '--lang', 'en']).stderr).toBe(`${missing}: no such file\n`);
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    expect(run(['inspect', xls]).stderr).toBe(`${xls}：.xls 工作簿已损坏，无法读取\n`);
  });

  it('is listed by --help', () => {
    expect(run(['--help']).stdout).toMatch(/^\s+inspect\b/m);
  });
});

describe('inspect as a git textconv driver', () => {
  it('makes `git diff` of a workbook show the values that changed', () => {
    const dir = workdir();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    // The two lines of README.md, with the bin called through node.
    writeFileSync(join(dir, '.gitattributes'), '*.xlsx diff=perf-score\n');
    git('config', 'diff.perf-score.textconv', `"${process.execPath}" "${BIN}" inspect --textconv`);
    copyFileSync(join(FIXTURES, 'one-decimal.xlsx'), join(dir, 'table.xlsx'));
    git('add', '.');
    git('commit', '-q', '-m', 'one decimal');
    copyFileSync(join(FIXTURES, 'project-split.xlsx'), join(dir, 'table.xlsx'));
    const diff = git('diff', '--', 'table.xlsx');
    expect(diff).not.toContain('Binary files');
    expect(diff).toContain('-  project     D3    农村人居环境整治提升项目');
    expect(diff).toContain('+  project     C3    社区居家养老服务补贴项目');
    // The first line is the same on both sides (git passes the old side as a temporary file): no change there.
    expect(diff).toContain('\n perf-score inspect\n');
    expect(diff).not.toMatch(/^[-+](file|perf-score inspect)/m);
    // A damaged workbook is a text too: git diff and git log -p go on.
    git('commit', '-q', '-am', 'project split');
    writeFileSync(join(dir, 'table.xlsx'), 'PK\u0003\u0004 cut short');
    git('commit', '-q', '-am', 'damaged');
    const log = git('log', '-p', '--', 'table.xlsx');
    expect(log).toMatch(/^\+cannot be read: the workbook is damaged: [^\n]+$|^\+无法读取：工作簿已损坏，[^\n]+$/m);
    expect(log).toContain('-  project     C3    社区居家养老服务补贴项目');
    expect(log).toContain('+  project     C3    社区居家养老服务补贴项目');
  });
});
