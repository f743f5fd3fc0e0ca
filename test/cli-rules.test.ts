// The rule-profile commands through the real bin: --rules, perf-score.config.json, profiles, explain.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanWorkdirs, listing, loadWorkbook, noteText, run, workdir } from './cli/helpers.js';

afterEach(cleanWorkdirs);

describe('--rules and perf-score.config.json', () => {
  it('a broken profile file: every problem at once, exit 2, before any workbook is read', () => {
    const dir = workdir();
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ extends: 'mof', budget: { benchmark: 0 }, reverse: { rule: 'sqrt' }, grades: [] }));
    // The workbook does not exist: a profile error must come first.
    const r = run(['eval', join(dir, 'missing.xlsx'), '--rules', rules, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${rules}: the profile is not valid\n` +
        '  budget.benchmark: expected a percentage between 0 and 100\n' +
        '  reverse.rule: expected rule "ratio", "linear", or "per-point" with a deduction\n' +
        '  grades: expected at least one grade\n',
    );
    const zh = run(['eval', join(dir, 'missing.xlsx'), '--rules', rules]);
    expect(zh.stderr.split('\n')[0]).toBe(`${rules}：评分规则文件有误`);
  });

  it('perf-score.config.json in a parent of the working directory is used; --profile wins over it', () => {
    const dir = workdir(['seed-000.xlsx'], 'dept/2022');
    writeFileSync(join(dir, 'perf-score.config.json'), JSON.stringify({ extends: 'zhengzhou-shangjie', name: '上街区财政局' }));
    const cwd = join(dir, 'dept/2022');
    const found = run(['eval', 'seed-000.xlsx', '--format', 'json', '--no-write'], { cwd });
    expect(found.status).toBe(0);
    const doc = JSON.parse(found.stdout);
    expect([doc.files[0].profile, doc.files[0].total]).toEqual(['上街区财政局', 95.81]);
    const explicit = JSON.parse(run(['eval', 'seed-000.xlsx', '--format', 'json', '--no-write', '--profile', 'mof'], { cwd }).stdout);
    expect([explicit.files[0].profile, explicit.files[0].budget.score]).toEqual(['mof', 7.24]);
  });

  it('--rules scores by the file: a jiangxi-based file gives seed 004 a stepped budget score', () => {
    const dir = workdir(['seed-004.xlsx']);
    writeFileSync(join(dir, 'jx.json'), JSON.stringify({ extends: 'jiangxi', name: '江西某县' }));
    const r = run(['eval', join(dir, 'seed-004.xlsx'), '--rules', join(dir, 'jx.json'), '--format', 'json', '--no-write']);
    const f = JSON.parse(r.stdout).files[0];
    // 74.21% is in the 60–80% step: 50% of 10 = 5.00; total 5.00 + 19.78 + 40 + 30 = 94.78
    expect([f.profile, f.budget.score, f.total]).toEqual(['江西某县', 5, 94.78]);
    expect(f.budget.explanation).toBe('预算执行：173.65 / 234 = 74.21% → 按执行率分档：10 × 50% = 5 → 5.00');
  });
});

describe('profiles', () => {
  it('lists the built-in profiles, the default marked', () => {
    const r = run(['profiles']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(['mof', 'zhengzhou-shangjie', 'zhengzhou-jinshui', 'hubei', 'jiangxi', 'mof-linear']);
    expect(r.stdout.split('\n')[0]).toMatch(/\(default\)$/);
  });

  it('show prints the effective rules after extends, of a built-in profile or a file', () => {
    const hubei = JSON.parse(run(['profiles', 'show', 'hubei']).stdout);
    expect([hubei.name, hubei.budget, hubei.tiers, hubei.reverse]).toEqual(['hubei', { rule: 'ratio', benchmark: 100, steps: [], weight: 20 }, { met: 80, partial: 50 }, { rule: 'ratio' }]);
    const dir = workdir();
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ extends: 'hubei', reverse: { rule: 'per-point', deduction: 0.2 } }));
    const file = JSON.parse(run(['profiles', 'show', join(dir, 'p.json')]).stdout);
    expect([file.name, file.budget.weight, file.reverse]).toEqual(['p.json', 20, { rule: 'per-point', deduction: 0.2 }]);
    expect(run(['profiles', 'show', 'nope']).status).toBe(2);
  });
});

describe('explain', () => {
  it('explains seed 004: budget, every row, total', () => {
    const r = run(['explain', 'fixtures/seed-004.xlsx', '--lang', 'en']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '郑州市金水区人民政府办公室 · 部门整体绩效自评表 · Profile mof',
      '  budget execution: 173.65 / 234 = 74.21% → ratio to 100%: 10 × 74.21 / 100 = 7.421 → 7.42',
    ]);
    expect(lines).toContain('  结转结余率: at most 20%, actual 25.79% → ratio rule: 1 × 20 / 25.79 = 0.7755… → 0.78  [部门整体绩效自评表!H27]');
    expect(lines).toContain('  预算执行率: at least 70%, actual 74.2% → met, full weight: 2 → 2.00  [部门整体绩效自评表!H25]');
    expect(lines).toContain('  total: 7.42 + 19.78 + 40.00 + 30.00 = 97.20 → 优');
    expect(lines.filter((l) => l.includes('!H'))).toHaveLength(30);
  });

  it('--row by name or by cell; a row that is not there is exit 2', () => {
    const byName = run(['explain', 'fixtures/seed-000.xlsx', '--profile', 'zhengzhou-shangjie', '--row', '信访保障工作专项']);
    expect(byName.stdout.trim().split('\n').slice(1)).toEqual([
      '  信访保障工作专项：“达标”，实际完成值 99% → 按完成程度：5 × 99% = 4.95 → 4.95  [自评表!H37]',
      '  信访保障工作专项：不低于99%，实际完成值 98% → 按完成比例：4 × 98 / 99 = 3.9596… → 3.96  [自评表!H40]',
    ]);
    const byCell = run(['explain', 'fixtures/seed-000.xlsx', '--profile', 'zhengzhou-shangjie', '--row', '自评表!F20']);
    expect(byCell.stdout).toContain('预算执行率：不低于100%，实际完成值 72.41% → 按完成比例：3 × 72.41 / 100 = 2.1723 → 2.17');
    const none = run(['explain', 'fixtures/seed-000.xlsx', '--row', '不存在的指标']);
    expect([none.status, none.stderr]).toEqual([2, 'fixtures/seed-000.xlsx：没有与“不存在的指标”相符的指标行\n']);
  });

  it('the explanation is the note on the computed-score cell of the scored copy, and a JSON field', async () => {
    const dir = workdir(['seed-004.xlsx']);
    const r = run(['eval', join(dir, 'seed-004.xlsx'), '--format', 'json']);
    const row = JSON.parse(r.stdout).files[0].indicators.find((i: { name: string }) => i.name === '结转结余率');
    expect(row.explanation).toBe('结转结余率：不高于20%，实际完成值 25.79% → 反向指标按比例（A/B）：1 × 20 / 25.79 = 0.7755… → 0.78');
    expect(listing(dir)).toEqual(['seed-004.scored.xlsx', 'seed-004.xlsx']);
    const ws = (await loadWorkbook(join(dir, 'seed-004.scored.xlsx'))).getWorksheet('部门整体绩效自评表')!;
    expect(noteText(ws.getCell('K27').note)).toBe(row.explanation);
  });
});

