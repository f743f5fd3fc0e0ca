// Real layouts, round 2 (issue 14): published 自评表 of provinces the first fixtures did not show, one
// fixture each (fixtures/<province>-*.grid, its source URL, year and every completed cell in its
// comments). Every expected score is computed by hand in the comments, from domain.md's rules (mof
// profile: budget benchmark 100%, reverse ratio, tiers 80/60, rows rounded half up to 2 decimals).
import { describe, expect, it } from 'vitest';
import { renderFinding } from '../src/i18n/findings.js';
import { budget, findings, levels, missed, rows, score, scoreAll } from './cli/tables.js';
import { run } from './cli/helpers.js';

describe('hebei-langfang-shipin: 河北 2019 project table, template numbering in the names, a first level repeated', async () => {
  const r = await score('hebei-langfang-shipin.xlsx');

  it('scores the budget: 37.24 / 43.2 = 86.20% → 10 × 0.862 = 8.62 (declared 9; the rate 86% as published, rounded)', () => {
    expect(budget(r)).toEqual(['43.2', '37.24', '86.20', '8.62']);
  });

  it('scores every row, skips the 指标2 / …… / empty 生态效益 rows, keeps 效益指标 one first level', () => {
    expect(rows(r)).toEqual([
      // 43.2, actual 37.24: exact, missed → 10 × 37.24 / 43.2 = 8.6204 → 8.62 (declared 9)
      [14, '指标1工程资金金额', '43.2', '10', '8.62'],
      [17, '指标1工程完工率', '100', '10', '10.00'],
      [18, '指标2工程验收合格率', '100', '10', '10.00'],
      [20, '指标1项目完成及时率', '100', '10', '10.00'],
      [23, '指标1成本控制率', '100', '10', '10.00'],
      [26, '指标1安全率', '100', '10', '10.00'],
      [29, '指标1学校发展能力', '100', '10', '10.00'],
      [35, '指标1长期使用性', '100', '10', '10.00'],
      [38, '指标1学生满意度', '100', '10', '10.00'],
    ]);
    // 产出 8.62 + 40 = 48.62; 效益 (A26 and again A35) 30; 满意度 10
    expect(levels(r)).toEqual([
      ['产出指标', '50', null, '48.62'],
      ['效益指标', '30', null, '30.00'],
      ['满意度指标', '10', null, '10.00'],
    ]);
  });

  it('totals 8.62 + 48.62 + 30 + 10 = 97.24, and flags the two self-scores of 9', () => {
    expect(r.total.toFixed(2)).toBe('97.24');
    expect(r.declaredTotal).toBeNull();
    expect(findings(r)).toEqual([
      ['budget-mismatch', 'H7', '年度资金总额'],
      ['score-mismatch', 'G14', '指标1工程资金金额'],
    ]);
    // The missed row gives its reason: listed, not an error.
    expect(missed(r)).toEqual([['H14', '指标1工程资金金额']]);
  });
});

describe('yn-lijiang-weipian: 云南 project table, 绩效指标 over 一级 | 二级 | 三级 beside 年度指标值 over 指标性质 | 指标值 | 度量单位', async () => {
  const r = await score('yn-lijiang-weipian.xlsx');

  it('takes the columns from the second header row under both spread cells', () => {
    expect([r.table.headerTop, r.table.headerRow]).toEqual([11, 12]);
    expect(r.table.columns).toMatchObject({ level1: 1, level2: 2, name: 3, nature: 4, target: 5, unit: 6, actual: 7, weight: 8, score: 9, reason: 10 });
  });

  it('reads ﹦ and ≥ in 指标性质 and scores every row met: 10 + 20 + 20 + 30 + 10 with the budget 7.29 / 7.29 → 10', () => {
    expect(budget(r)).toEqual(['7.29', '7.29', '100.00', '10.00']);
    expect(rows(r)).toEqual([
      [13, '卫片执法补助经费', '﹦72890', '10', '10.00'],
      [14, '项目验收合格率', '﹦100', '20', '20.00'],
      [15, '项目完成及时率', '﹦100', '20', '20.00'],
      [16, '违法行为责停率', '≥95', '30', '30.00'],
      [17, '满意度', '≥95', '10', '10.00'],
    ]);
    expect(r.total.toFixed(2)).toBe('100.00');
  });

  it('flags each met row docked below its weight, and asks for the reason (扣分须说明原因), at the reason cell', () => {
    expect(findings(r)).toEqual([
      ['score-mismatch', 'I13', '卫片执法补助经费'],
      ['missing-reason', 'J13', '卫片执法补助经费'],
      ['score-mismatch', 'I14', '项目验收合格率'],
      ['missing-reason', 'J14', '项目验收合格率'],
      ['score-mismatch', 'I15', '项目完成及时率'],
      ['missing-reason', 'J15', '项目完成及时率'],
      ['score-mismatch', 'I16', '违法行为责停率'],
      ['missing-reason', 'J16', '违法行为责停率'],
    ]);
  });
});

describe('nx-yinchuan-gongyong: 宁夏 project table, money-only budget block, 预算执行率 as an indicator, total in the header only', async () => {
  const r = await score('nx-yinchuan-gongyong.xlsx');

  it('finds the table by its 参考分值 column, and does not score the budget block, which has no 分值 or 得分', () => {
    expect(r.table.columns.weight).toBe(4);
    expect(r.table.budget?.executed?.text).toBe('64.8');
    expect(r.budget).toBeNull();
    expect(r.indicators.filter((i) => i.budgetRate).map((i) => i.raw.name.ref.address)).toEqual(['C14']);
  });

  it('reads the sentence targets: a deadline with 完成, a sentence repeated word for word, amounts in 万元', () => {
    const row = (n: number) => r.indicators.find((i) => i.raw.name.ref.row === n)!;
    expect(row(22).target).toMatchObject({ kind: 'deadline', year: 2021, month: 12 });
    // 2021年12月完成 against itself: met → 5 (declared 4)
    expect(row(22).score?.toFixed(2)).toBe('5.00');
    // 改善学校的办学条件 / 社会认可的办学环境。: the same words → met, 15 and 10 (declared 13 and 8)
    expect([row(29).score?.toFixed(2), row(32).score?.toFixed(2)]).toEqual(['15.00', '10.00']);
  });

  it('scores each row the rules can read, and none of those without a target', () => {
    expect(rows(r).map(([n, , , w, s]) => [n, w, s])).toEqual([
      // — or empty targets: no score by the rules (the self-score counts in the total)
      [10, '4', null],
      [11, '2', null],
      [12, '2', null],
      [13, '2', null],
      [14, '10', null],
      [15, '7', null],
      [16, '2', null],
      [17, '6', null],
      // 2370人 / 2370人, the same words, 2021年12月完成 met, 15万元 / 35万元 / 14.8万元 as given
      [18, '10', '10.00'],
      [20, '5', '5.00'],
      [22, '5', '5.00'],
      [24, '4', '4.00'],
      [25, '3', '3.00'],
      [26, '3', '3.00'],
      [29, '15', '15.00'],
      [32, '10', '10.00'],
      // cut off in the source
      [34, '10', null],
    ]);
  });

  it('totals 89: the rows without a target count with their self-scores (10 + 24), then 30 + 25, the cut-off last row 0', () => {
    // 项目决策 4 + 2 + 2 + 2 = 10 (self-scores: no target to score them by)
    // 项目管理 9 (预算执行率, self) + 7 + 2 + 6 = 24
    // 项目产出 10 + 5 + 5 + 4 + 3 + 3 = 30
    // 项目效益 15 + 10 + (满意度: nothing known, 0) = 25
    expect(levels(r)).toEqual([
      ['项目决策', '10', '10', '10.00'],
      ['项目管理', '25', '25', '24.00'],
      ['项目产出', '30', '30', '30.00'],
      ['项目效益', '35', '35', '25.00'],
    ]);
    expect(r.total.toFixed(2)).toBe('89.00');
    expect(r.declaredTotal?.toFixed(2)).toBe('98.00');
  });

  it('says what is missing cell by cell, and no weight-sum and no missing budget block (the weights make 100 alone)', () => {
    expect(findings(r)).toEqual([
      ['total-mismatch', 'E4', null],
      ['missing-value', 'E10', '完整性'],
      ['missing-value', 'E11', '相关性'],
      ['missing-value', 'E12', '可行性'],
      ['missing-value', 'E13', '适当性'],
      ['missing-value', 'E14', '预算执行率'],
      ['missing-value', 'E15', '财务管理制度有效性'],
      ['missing-value', 'E16', '绩效监控有效性'],
      ['missing-value', 'E17', '管理制度有效性'],
      ['score-mismatch', 'G22', '公用经费完成时间'],
      ['missing-reason', 'H22', '公用经费完成时间'],
      ['score-mismatch', 'G29', '效果显著'],
      ['missing-reason', 'H29', '效果显著'],
      ['score-mismatch', 'G32', '使学生和老师有个更好的学习和工作环境，做到'],
      ['missing-reason', 'H32', '使学生和老师有个更好的学习和工作环境，做到'],
      ['missing-value', 'E34', '学生和老师满意度'],
      ['missing-value', 'F34', '学生和老师满意度'],
    ]);
  });
});

describe('sc-zhongjiang-shuili: 四川 project table, actuals that repeat their target with its comparator, weights of 100 beside a weighted budget', async () => {
  const r = await score('sc-zhongjiang-shuili.xlsx');

  it('reads ≥266米 against ≥266米 as met, and every row met', () => {
    const row = (n: number) => r.indicators.find((i) => i.raw.name.ref.row === n)!;
    expect(row(12).actual).toMatchObject({ kind: 'at-least', unit: '米' });
    expect(rows(r).map(([n, , , w, s]) => [n, w, s])).toEqual([
      [12, '10', '10.00'],
      [13, '10', '10.00'],
      [14, '20', '20.00'],
      [15, '10', '10.00'],
      [16, '10', '10.00'],
      [17, '10', '10.00'],
      [19, '10', '10.00'],
      [20, '10', '10.00'],
      [21, '10', '10.00'],
    ]);
  });

  it('totals 100 as its 总分 row does: the indicators make 100 alone, so the budget block’s 10 is not added again', () => {
    // budget 20 / 20 = 100% → 10.00; indicators 70 + 20 + 10 = 100
    expect(budget(r)).toEqual(['20', '20', '100.00', '10.00']);
    expect(r.total.toFixed(2)).toBe('100.00');
    expect(r.declaredTotal?.toFixed(2)).toBe('100.00');
  });

  it('reports what the form itself gets wrong: weights of 110 with the budget, and first levels its own 注 does not allow', () => {
    expect(findings(r)).toEqual([
      ['level-weight', 'B12', '产出指标'],
      ['level-weight', 'B18', '效益指标'],
      ['weight-sum', null, null],
    ]);
    expect(renderFinding(r.findings.find((f) => f.code === 'weight-sum')!, 'zh')).toBe('分值合计 110（其中预算执行 10），应为 100');
  });
});

describe('sc-daying-two-tables: 四川 project tables stacked on one sheet, the 四川 budget block', async () => {
  const [first, second] = await scoreAll('sc-daying-two-tables.xlsx');

  it('finds both tables, each named by its place or its project', () => {
    expect([first!.table.label, second!.table.label]).toEqual(['Sheet1!B1', 'Sheet1 · 51092324T000010263357-2023年全县安可替代补助资金项目']);
    expect([first!.table.lastRow, second!.table.headerTop]).toEqual([3, 20]);
  });

  it('first: the tail of a table whose budget block is on the page before: 完成 for ≤30万元 is 达成 (72–90), declared 90', () => {
    expect(rows(first!)).toEqual([[2, '成本控制数', '≤30', '90', '90.00']]);
    expect(findings(first!)).toEqual([
      ['missing-value', null, null],
      ['weight-sum', null, null],
    ]);
  });

  it('second: the budget block under 年度预算数（万元）, total row 总额, 权重: 3.36 / 3.36 = 100% → 10; total 100', () => {
    expect(second!.table.budget?.label.text).toBe('总额');
    // 绩效指标(90分) down the left of the table: its rows make 90, as the caption says
    expect(second!.table.captions.map((c) => [c.ref.address, c.name, c.declaredWeight])).toEqual([['A20', '绩效指标', '90']]);
    expect(second!.table.budget?.subRows.map((s) => s.label.text)).toEqual(['其中:财政资金', '财政专户管理资金', '单位资金', '其他资金']);
    expect(budget(second!)).toEqual(['3.36', '3.36', '100.00', '10.00']);
    expect(rows(second!)).toEqual([[21, '完成安可产品购买并按要求支付资金', '=100', '90', '90.00']]);
    expect(second!.total.toFixed(2)).toBe('100.00');
    expect(findings(second!)).toEqual([]);
  });

  it('each is named on its own in what the command line prints (explain, the ranking)', () => {
    const explain = run(['explain', 'fixtures/sc-daying-two-tables.xlsx']).stdout.split('\n').filter((l) => l.includes('评分规则'));
    expect(explain).toEqual([
      'fixtures/sc-daying-two-tables.xlsx · Sheet1!B1 · 评分规则 mof',
      '大英县司法局 · Sheet1 · 51092324T000010263357-2023年全县安可替代补助资金项目 · 评分规则 mof',
    ]);
    const json = JSON.parse(run(['check', 'fixtures/sc-daying-two-tables.xlsx', '--format', 'json']).stdout);
    expect(json.files.map((f: { sheet: string; table: string }) => [f.sheet, f.table])).toEqual([
      ['Sheet1', 'Sheet1!B1'],
      ['Sheet1', 'Sheet1 · 51092324T000010263357-2023年全县安可替代补助资金项目'],
    ]);
  });
});

describe('sc-qingshen-unfilled: 四川 project table published unfilled', async () => {
  const r = await score('sc-qingshen-unfilled.xlsx');

  it('reads the budget block (年度预算数（万元） over the labels, 总额, 权重) and the whole header, not the note merged beside it', () => {
    expect([r.table.headerTop, r.table.headerRow]).toEqual([14, 14]);
    expect(r.table.columns).toMatchObject({ level1: 2, name: 4, nature: 5, target: 6, unit: 7, actual: 8, weight: 9, score: 10, reason: 11 });
    expect(r.table.budget?.subRows.map((s) => s.label.text)).toEqual(['其中:财政资金', '财政专户管理资金', '单位资金', '其他资金']);
    // 251.89 / 251.89 = 100% → 10 (its 得分 left empty too)
    expect(budget(r)).toEqual(['251.89', '251.89', '100.00', '10.00']);
  });

  it('says the table was not filled in, and each empty actual; no weight or total finding (10 + 60 + 30 = 100)', () => {
    expect(findings(r)).toEqual([
      ['missing-value', 'H15', '发放(缴纳)覆盖率'],
      ['table-not-filled', 'H15', null],
      ['missing-value', 'H16', '足额保障率(参保率)'],
    ]);
    expect(renderFinding(r.findings.find((f) => f.code === 'table-not-filled')!, 'zh')).toBe('表格未填写：2 个指标的实际完成值和自评得分均为空，无法评分');
  });

  it('exits 1 through the command line', () => {
    const out = run(['check', 'fixtures/sc-qingshen-unfilled.xlsx']);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('表格未填写');
  });
});

describe('ah-tangxi-weituo: 安徽 township project table, a 0 total row over a funded 其中 row, tier words for sentence targets', async () => {
  const r = await score('ah-tangxi-weituo.xlsx');

  it('scores the budget from its sub-row: 89.974 / 89.974 = 100% → 10, with a warning at the empty total row', () => {
    expect(budget(r)).toEqual(['89.974', '89.974', '100.00', '10.00']);
    expect(r.budget?.declaredScore?.toFixed(2)).toBe('0.00');
  });

  it('scores every row met: bare-number actuals against targets with comparator and unit, 达成预期指标 against sentences', () => {
    expect(rows(r).map(([n, , t, w, s]) => [n, t, w, s])).toEqual([
      [14, '≥50个', '8', '8.00'],
      [15, '≥100百分比', '8', '8.00'],
      // 严格执行相关制度规定 / 达成预期指标: tier 达成 (6.4–8), declared 8
      [16, '严格执行相关制度规定', '8', '8.00'],
      [17, '在项目计划完成时间内完成', '8', '8.00'],
      [18, '≤90万元', '8', '8.00'],
      [19, '符合相关规定', '10', '10.00'],
      [20, '效果明显', '10', '10.00'],
      [21, '效果明显', '10', '10.00'],
      [22, '效果明显', '10', '10.00'],
      [24, '≥90百分比', '10', '10.00'],
    ]);
    expect(levels(r)).toEqual([
      ['产出指标', '50', '50', '50.00'],
      ['效益指标', '30', '30', '30.00'],
      ['满意度指标', '10', '10', '10.00'],
    ]);
  });

  it('totals 10 + 50 + 30 + 10 = 100 against the declared 90 (the self-scores, the budget at 0)', () => {
    expect([r.total.toFixed(2), r.declaredTotal?.toFixed(2)]).toEqual(['100.00', '90.00']);
    expect(findings(r)).toEqual([
      ['budget-total-empty', 'F7', '年度资金总额:'],
      ['budget-mismatch', 'I7', '年度资金总额:'],
      ['budget-mismatch', 'J7', '年度资金总额:'],
      ['total-mismatch', 'H25', null],
    ]);
  });
});

describe('ah-tangxi-cunji: 安徽 township project table cut off in its source, a budget cut during the year', async () => {
  const r = await score('ah-tangxi-cunji.xlsx');

  it('measures the budget against 全年预算数, not 年初: 132.912 / 132.912 = 100% → 10 (against 202.64 it would be 65.59%)', () => {
    expect(budget(r)).toEqual(['132.912', '132.912', '100.00', '10.00']);
  });

  it('reads =8个 as exact, ≤202.6万元 against 132.9 as met; what the source keeps totals 10 + 50 + 20 = 80', () => {
    const row = (n: number) => r.indicators.find((i) => i.raw.name.ref.row === n)!;
    expect(row(14).target).toMatchObject({ kind: 'exact', unit: '个' });
    expect(row(19).met).toBe(true);
    expect(rows(r).map(([n, , t, w, s]) => [n, t, w, s])).toEqual([
      // =8个 / 8, =42个 / 42: met
      [14, '=8个', '8', '8.00'],
      [15, '=42个', '8', '8.00'],
      // words answered with 达成预期指标: tier 达成 (6.4–8), declared 8
      [16, '合规', '8', '8.00'],
      [17, '严格执行相关制度规定', '8', '8.00'],
      [18, '及时', '8', '8.00'],
      // ≤202.6万元, 132.9: met
      [19, '≤202.6万元', '10', '10.00'],
      [20, '效果明显', '10', '10.00'],
      [21, '效果明显', '10', '10.00'],
    ]);
    expect(levels(r)).toEqual([
      ['产出指标', '50', '50', '50.00'],
      ['效益指标', '20', '30', '20.00'],
    ]);
    expect(r.total.toFixed(2)).toBe('80.00');
  });

  it('says where the weights fall short: 效益指标 20 of its 30, all 80 of 100 (the page ends there)', () => {
    expect(findings(r)).toEqual([
      ['budget-total-empty', 'F7', '年度资金总额:'],
      ['budget-mismatch', 'I7', '年度资金总额:'],
      ['budget-mismatch', 'J7', '年度资金总额:'],
      ['weight-sum', 'B20', '效益指标'],
      ['weight-sum', null, null],
    ]);
  });
});

describe('hb-huangshi-haimian: 湖北 project table with no 分值 column at all (only the block caption 年度绩效目标1（80分）)', () => {
  it('is refused by name: the row that looks like the header, and the column it lacks', () => {
    const out = run(['check', 'fixtures/hb-huangshi-haimian.xlsx', '--format', 'json']);
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout).unreadable.map((u: { message: string }) => u.message)).toEqual([
      'fixtures/hb-huangshi-haimian.xlsx：未找到绩效指标表：项目自评表!B9 所在行像表头，但缺少“分值”列',
    ]);
  });
});

describe('sh-putuo-tiyu: 上海 two project tables of one unit on two sheets, amounts in 元', async () => {
  const [first, second] = await scoreAll('sh-putuo-tiyu.xlsx');

  it('first: 215457.6 / 250000 = 86.18% → 8.62 (the published 86.19% is within the tolerance); every row met; 98.62 as declared', () => {
    expect(budget(first!)).toEqual(['250000', '215457.6', '86.18', '8.62']);
    expect(rows(first!).map(([n, , t, w, s]) => [n, t, w, s])).toEqual([
      [13, '=100%', '10', '10.00'],
      [14, '=100%', '20', '20.00'],
      [15, '及时', '20', '20.00'],
      [16, '=100%', '30', '30.00'],
      [17, '>=90%', '10', '10.00'],
    ]);
    // 8.62 + 50 + 30 + 10
    expect([first!.total.toFixed(2), first!.declaredTotal?.toFixed(2)]).toEqual(['98.62', '98.62']);
    expect(findings(first!)).toEqual([]);
  });

  it('second: only its budget block and indicator names survive in the source: not filled in, and nothing said of its weights or total', () => {
    // 9034 / 20000 = 45.17% → 4.52
    expect(budget(second!)).toEqual(['20000', '9034', '45.17', '4.52']);
    const codes = findings(second!).map(([c]) => c);
    expect(codes.filter((c) => c !== 'missing-value')).toEqual(['table-not-filled']);
    expect(codes.filter((c) => c === 'missing-value')).toHaveLength(15);
  });
});

describe('jx-nanchang-weishengyuan: 江西 部门整体 table, first levels in 分解目标 with their weight in 自评权重 beside them', async () => {
  const r = await score('jx-nanchang-weishengyuan.xlsx');

  it('takes 分解目标 as the first level and 自评权重 as its declared weight, not as a level of its own', () => {
    expect(r.table.columns).toMatchObject({ level1: 1, levelWeight: 2, level2: 3, name: 4, target: 5, actual: 6, weight: 7, score: 8, reason: 9 });
    expect(r.department).toBe('南昌县黄马乡蚕茶卫生院');
  });

  it('has no budget block to score (its rows give rates only), and the year’s goals are not read as one', () => {
    expect(r.table.budget).toBeNull();
    expect(r.budget).toBeNull();
  });

  it('scores what the rules can read; 达成目标值 and 全部达成 are the tier 达成; sentences of change are named at their cell', () => {
    expect(rows(r).map(([n, , , w, s]) => [n, w, s])).toEqual([
      [10, '4', '4.00'], // 100% / 100%
      [11, '4', null], // 100% / 按规定执行: not comparable
      [12, '4', '4.00'], // 小于5% / 达成目标值: 达成, 3.2–4, declared 4
      [13, '4', null], // 按规定公开 / 已公开
      [14, '4', '4.00'], // 全部达成: declared 4
      [15, '5', '5.00'], // 100% / 100%
      [16, '5', null], // 无资产损失、利用率高于80%: no target the rules read
      [17, '5', null], // 增加 / 增372人次
      [18, '5', null], // 超上年2%
      [19, '5', '5.00'], // 95%以上 / 97%
      [20, '3', '3.00'], // 100% / 完成
      [21, '4', null], // no actual
      [22, '3', null],
      [23, '13', null], // 超上年度 / 增收27万元
      [24, '12', null],
      [25, '10', null],
    ]);
    // 管理 4 + (按规定执行: self 4) + 4 (小于5% / 达成目标值: 3.2–4, declared 4) + (已公开: self 4) + 4 (全部达成) + 5 + (target unreadable: self 5) = 30
    // 产出 (增372人次: self 5) + (超上年2%: self 5) + 5 (95%以上 / 97%) + 3 (100% / 完成) + (no actual: self 3) + (self 2) = 23
    // 效果 (self 13) + (self 6) + (self 10) = 29; 满意度: its row cut off in the source, 0
    expect(levels(r)).toEqual([
      ['管理指标', '30', '30', '30.00'],
      ['产出指标', '25', '25', '23.00'],
      ['效果指标', '35', '35', '29.00'],
      ['满意度指标', '0', '10', '0.00'],
    ]);
    expect(r.total.toFixed(2)).toBe('82.00');
    expect(findings(r)).toEqual([
      ['unparsed-value', 'F11', '完成率、控制率'],
      ['unparsed-value', 'F13', '信息公开完善'],
      ['unparsed-value', 'E16', '安全性、利用率'],
      ['unparsed-value', 'F17', '任务1：门诊住院人次'],
      ['unparsed-value', 'E18', '任务2：特殊人群健康管理率'],
      ['missing-value', 'F21', '任务1：医疗文书及时率'],
      ['missing-value', 'F22', '任务2：健康档案更新率'],
      ['unparsed-value', 'F23', '业务收入'],
      ['unparsed-value', 'E24', '公卫均等化签约完成率、特殊人群体检率'],
      ['unparsed-value', 'F24', '公卫均等化签约完成率、特殊人群体检率'],
      ['unparsed-value', 'F25', '绿化、节能'],
      // the source ends at the 满意度指标 label: its rows are not there
      ['weight-sum', 'A26', '满意度指标'],
      ['weight-sum', null, null],
    ]);
  });
});

describe('cq-kexuecheng-rongmeiti: 重庆 部门整体 table, one list of indicators, 得分系数 beside 指标得分, the total in the header only', async () => {
  const r = await score('cq-kexuecheng-rongmeiti.xlsx');

  it('reads 指标权重（分） as the weight and 指标得分（分）, not 得分系数（%）, as the score; the total 自评总分（分） in the header', () => {
    expect(r.table.columns).toMatchObject({ name: 2, unit: 3, nature: 4, target: 5, adjustedTarget: 6, actual: 7, weight: 9, score: 10 });
    expect(r.declaredTotal?.toFixed(2)).toBe('97.60');
    // 主管部门's value is empty in the source: 财政处室 beside it is a label, not the unit
    expect(r.department).toBeNull();
  });

  it('reads the budget block’s 执行率权重 and 执行率得分 on its one unlabelled row: 76%, weight 10, declared 7.6 (its amounts lost)', () => {
    expect([r.table.budget?.label.text, r.table.budget?.rate?.text, r.table.budget?.weight?.text, r.table.budget?.score?.text]).toEqual(['部门预算执行情况（万元）', '76%', '10', '7.6']);
    expect(r.budget?.score).toBeNull();
    expect(r.budget?.declaredScore?.toFixed(2)).toBe('7.60');
  });

  it('scores the rows as written: a bare 3% or 2% target is exact, so 0 against 0; 92% of 100% → 1.84; 72.74% → 1.45', () => {
    expect(rows(r).map(([n, , t, w, s]) => [n, t, w, s])).toEqual([
      [9, '100%', '2', '1.84'], // 2 × 92 / 100
      [10, null, '2', null], // no target, no actual
      [11, '100%', '1', '1.00'],
      [12, '70%', '2', '2.00'], // 76% of 70%: met
      [13, '3%', '2', '0.00'], // exact 3%, actual 0: 2 × 0 / 3
      [14, '2%', '2', '0.00'],
      [15, '100%', '2', '1.94'], // 2 × 97 / 100
      [16, null, '2', null],
      [17, '100%', '2', '1.45'], // 2 × 72.74 / 100 = 1.4548
      [18, '高', '3', '3.00'],
      [19, '好', '5', '5.00'],
      [20, '高', '1', '1.00'],
      [21, '好', '2', '2.00'],
      [22, '90%', '2', '2.00'],
      [23, '≥6次', '5', '5.00'],
      [24, '≥40次', '10', '10.00'],
      [25, '≥10份', '5', '5.00'],
      [26, '≥200篇', '10', '10.00'],
      [27, '90%', '10', '10.00'],
    ]);
    // rows: 1.84 + (self 2) + 1 + 2 + 0 + 0 + 1.94 + (self 2) + 1.45 + 3 + 5 + 1 + 2 + 2 + 5 + 10 + 5 + 10 + 10 = 65.23; budget 7.6 (declared)
    expect(levels(r)).toEqual([['绩效指标', '70', null, '65.23']]);
    expect(r.total.toFixed(2)).toBe('72.83');
    expect(r.indicators.filter((i) => i.budgetRate).map((i) => i.name)).toEqual(['预算完成率']);
  });

  it('flags the declared 97.6 (another grade), the lost amounts, the empty rows, the five missed rows scored in full, the 80 points of weight', () => {
    const missedRow = (cell: string, name: string) => [
      ['missing-reason', cell, name],
      ['score-mismatch', cell, name],
    ];
    expect(findings(r)).toEqual([
      ['total-mismatch', 'K2', null],
      ['missing-value', 'E5', '部门预算执行情况（万元）'],
      ...missedRow('J9', '财政供养人员控制率'),
      ['missing-value', 'E10', '“三公”经费变动率'],
      ['missing-value', 'G10', '“三公”经费变动率'],
      ...missedRow('J13', '预算调整率'),
      ...missedRow('J14', '结转结余率'),
      ...missedRow('J15', '公用经费控制率'),
      ['missing-value', 'E16', '“三公”经费控制率'],
      ['missing-value', 'G16', '“三公”经费控制率'],
      ...missedRow('J17', '政府采购执行率'),
      // 70 of rows (the page ends there) + the budget block's 10
      ['weight-sum', null, null],
    ]);
  });
});
