// The layouts of domain.md's "Layouts seen in the wild", one fixture each (fixtures/*.grid), scored end
// to end in process. Every expected score is computed by hand in the comments, from domain.md's rules
// (mof profile: budget benchmark 100%, reverse ratio, tiers 80/60, rows rounded half up to 2 decimals).
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunError } from '../src/errors.js';
import { uiFor } from '../src/i18n/messages.js';
import { analyzeTable } from '../src/engine/analyze.js';
import { renderFinding } from '../src/i18n/findings.js';
import { loadProfile } from '../src/profiles/index.js';
import { composeTarget, findTables } from '../src/workbook/find-table.js';
import { Grid } from '../src/workbook/grid.js';
import { openWorkbook } from '../src/workbook/read.js';
import { writeScoredCopy } from '../src/workbook/write.js';
import { cleanWorkdirs, loadWorkbook, run, workdir } from './cli/helpers.js';
import { budget, findings, levels, missed, rows, score, scoreAll } from './cli/tables.js';

/** The first table of a sheet, as most sheets hold one. */
const findTable = (grid: Grid) => findTables(grid)[0] ?? null;

describe('project-split: 项目支出绩效自评表, weight before the target, target split into 指标性质 | 指标值 | 度量单位', async () => {
  const r = await score('project-split.xlsx');

  it('reads the project header block: 实施单位 as the unit, 项目名称 as the project', () => {
    expect(r.department).toBe('某区养老服务指导中心');
    expect(r.table.project?.text).toBe('社区居家养老服务补贴项目');
  });

  it('maps the two-row header: the sub-headers of 年度指标值 take its place, 是否核心指标 is ignored', () => {
    const t = r.table;
    expect([t.headerTop, t.headerRow, t.firstColumn, t.lastColumn]).toEqual([12, 13, 1, 11]);
    expect(t.columns).toMatchObject({ level1: 1, level2: 2, name: 3, weight: 4, nature: 5, target: 6, unit: 7, actual: 8, score: 9, reason: 10, adjustedTarget: null, deviation: null });
    expect(t.headers.map((h) => [h.col, h.text, h.field])).toEqual([
      [1, '一级指标', 'level1'],
      [2, '二级指标', 'level2'],
      [3, '三级指标', 'name'],
      [4, '分值', 'weight'],
      [5, '年度指标值 / 指标性质', 'nature'],
      [6, '年度指标值 / 指标值', 'target'],
      [7, '年度指标值 / 度量单位', 'unit'],
      [8, '实际完成值', 'actual'],
      [9, '得分', 'score'],
      [10, '偏差原因分析及改进措施', 'reason'],
      [11, '是否核心指标', null],
    ]);
  });

  it('scores the budget from 全年预算数: 138 / 150 = 92.00% → 10 × 0.92 = 9.20', () => {
    expect(budget(r)).toEqual(['150', '138', '92.00', '9.20']);
    expect(r.budget?.declaredScore?.toFixed(2)).toBe('9.20');
    // The sub-rows are read, never counted.
    expect(r.table.budget?.subRows.map((s) => s.label.text)).toEqual(['其中：当年财政拨款', '上年结转资金', '其他资金']);
  });

  it('combines 指标性质 with 指标值 and the unit column, keeps ★, skips the 指标2： placeholder row', () => {
    expect(rows(r)).toEqual([
      // ≥3200 人, 3350 人: met → 10
      [14, '★发放居家养老服务补贴人数', '≥3200', '10', '10.00'],
      // ≥12 次, 10 次: 8 × 10/12 = 6.666… → 6.67 (deviation (10−12)/12 = −16.67%)
      [15, '开展上门巡访次数', '≥12', '8', '6.67'],
      // = 100 %, 100%: met → 10
      [16, '补贴资金发放准确率', '=100', '10', '10.00'],
      // ≥95 %, 96.5 %: met → 7
      [17, '服务质量抽查合格率', '≥95', '7', '7.00'],
      // 定性 + 及时: the word alone; 及时 → 5
      [18, '补贴资金按月发放', '及时', '5', '5.00'],
      // ≤200 元/人·月, 200: met → 10
      [19, '人均补贴标准', '≤200', '10', '10.00'],
      // 定性 有效改善, 达成预期指标: tier 达成 (8–10), declared 10 → 10
      [20, '老年人生活质量改善情况', '有效改善', '10', '10.00'],
      // ≥98 %, 99%: met → 10
      [21, '困难老人兜底保障覆盖率', '≥98', '10', '10.00'],
      [22, '居家养老服务长效机制', '健全', '10', '10.00'],
      // ≥90 %, 93.6 %: met → 10
      [23, '服务对象满意度', '≥90', '10', '10.00'],
    ]);
    const row = (n: number) => r.indicators.find((i) => i.raw.name.ref.row === n)!;
    expect(row(14).target).toMatchObject({ kind: 'at-least', unit: '人' });
    expect(row(14).actual).toMatchObject({ kind: 'exact', unit: '人' });
    expect(row(15).deviation?.toFixed(2)).toBe('-16.67');
    expect(row(16).target).toMatchObject({ kind: 'exact', unit: '%' });
    expect(row(18).target).toMatchObject({ kind: 'qualitative', word: '及时' });
    expect(row(19).target).toMatchObject({ kind: 'at-most', unit: '元/人·月' });
    expect(row(20).actual).toMatchObject({ kind: 'tier', tier: 'met' });
  });

  it('reads the first-level weights in both bracket styles and adds up to 97.87', () => {
    // 产出 10 + 6.67 + 10 + 7 + 5 + 10 = 48.67; 效益 30; 满意度 10; budget 9.20 → 97.87
    expect(levels(r)).toEqual([
      ['产出指标', '50', '50', '48.67'],
      ['效益指标', '30', '30', '30.00'],
      ['满意度指标', '10', '10', '10.00'],
    ]);
    expect(r.total.toFixed(2)).toBe('97.87');
    expect(r.declaredTotal?.toFixed(2)).toBe('97.87');
    expect([r.grade, r.declaredGrade]).toEqual(['优', null]);
  });

  it('raises no finding: the missed row has its reason, the placeholder row is not a row', () => {
    expect(findings(r)).toEqual([]);
  });
});

describe('units-comparators: header-name variants, comparators and units as typed', async () => {
  const r = await score('units-comparators.xlsx');

  it('reads the variant headers and the unit named in its label cell (部门（单位）名称：…)', () => {
    expect(r.department).toBe('某县卫生健康委员会');
    expect(r.table.headers.map((h) => [h.text, h.field])).toEqual([
      ['一级指标', 'level1'],
      ['二级指标', 'level2'],
      ['三级指标', 'name'],
      ['年度指标值(A)', 'target'],
      ['全年实际值(B)', 'actual'],
      ['权重', 'weight'],
      ['自评得分', 'score'],
      ['偏差度', 'deviation'],
      ['未完成原因分析', 'reason'],
    ]);
  });

  it('scores a budget block without 年初预算数, amounts in 万, a blank 执行率: 774.45 / 860.5 = 90.00% → 9.00', () => {
    expect(r.table.budget?.initial).toBeNull();
    expect(r.table.budget?.rate?.text).toBeNull();
    expect(budget(r)).toEqual(['860.5', '774.45', '90.00', '9.00']);
    expect(r.budget?.declaredScore?.toFixed(2)).toBe('9.00');
  });

  it('reads every comparator and unit and scores each row', () => {
    expect(rows(r)).toEqual([
      // >=95%, 90%: 4 × 90/95 = 3.789… → 3.79 (deviation −5.26%)
      [7, '预算执行率', '>=95%', '4', '3.79'],
      // <=5%, 3.2%: met
      [8, '预算调整率', '<=5%', '3', '3.00'],
      // ﹦0% (U+FE66), 0%: an exact 0 met by B ≤ 0
      [9, '结转结余率', '﹦0%', '3', '3.00'],
      // ＜100%, 86.5%: met
      [10, '“三公经费”控制率', '＜100%', '3', '3.00'],
      // ＞＝95％, ９８％: ≥95%, 98%: met
      [11, '政府采购执行率', '＞＝95％', '3', '3.00'],
      [12, '资产管理规范性', '规范', '4', '4.00'],
      // ≥21933人, 23105人: met
      [13, '家庭医生签约服务人数', '≥21933人', '6', '6.00'],
      // 12次, 96次: a bare number is exact, over-achieved: met
      [14, '基层医疗机构督导检查次数', '12次', '6', '6.00'],
      // 不少于5000人次, 4800人次: 8 × 4800/5000 = 7.68 (−4.00%)
      [15, '免费健康体检人次', '不少于5000人次', '8', '7.68'],
      // 不低于95%, 97.3%: met
      [16, '适龄儿童疫苗接种率', '不低于95%', '6', '6.00'],
      // ≥90％, 100百分比: met
      [17, '饮用水卫生监测合格率', '≥90％', '4', '4.00'],
      // 12月31日前, 2022年12月20日: met
      [18, '年度考核完成时间', '12月31日前', '4', '4.00'],
      // 583元/人*月 both: met
      [19, '村医人均补助标准', '583元/人*月', '3', '3.00'],
      // ≤150万, 142.8万元: units differ → not scored (counts its declared 3)
      [20, '乡村医生培训成本', '≤150万', '3', null],
      [21, '居民健康素养水平', '提高', '6', '6.00'],
      // 0起, 0起: met
      [22, '重大传染病暴发流行', '0起', '6', '6.00'],
      // 及时, 部分达成: tier 60–80% of 6 = 3.60–4.80, declared 4.2 → 4.20
      [23, '突发公共卫生事件处置', '及时', '6', '4.20'],
      // 有效提升, 未达成: tier 0–60% of 4 = [0, 2.40), declared 3 → outside; the nearest score inside 2.39
      [24, '基层卫生服务能力', '有效提升', '4', '2.39'],
      [25, '服务对象满意度', '≥90%', '4', '4.00'],
      // 达标, 98%: completion 4 × 98% = 3.92 (−2.00%)
      [26, '医务人员满意度', '达标', '4', '3.92'],
    ]);
    const row = (n: number) => r.indicators.find((i) => i.raw.name.ref.row === n)!;
    expect(row(7).target).toMatchObject({ kind: 'at-least', unit: '%' });
    expect(row(8).target).toMatchObject({ kind: 'at-most', unit: '%' });
    expect(row(9).target).toMatchObject({ kind: 'exact', unit: '%' });
    expect(row(10).target).toMatchObject({ kind: 'at-most', strict: true });
    expect(row(11).target).toMatchObject({ kind: 'at-least', strict: false, unit: '%' });
    expect(row(11).actual).toMatchObject({ kind: 'exact', unit: '%' });
    expect(row(14).target).toMatchObject({ kind: 'exact', unit: '次' });
    expect(row(15).target).toMatchObject({ kind: 'at-least', unit: '人次' });
    expect(row(17).actual).toMatchObject({ kind: 'exact', unit: '%' });
    expect(row(18).target).toMatchObject({ kind: 'deadline', month: 12, day: 31 });
    expect(row(19).target).toMatchObject({ kind: 'exact', unit: '元/人*月' });
    expect(row(20).target).toMatchObject({ kind: 'at-most', unit: '万' });
    expect(row(20).actual).toMatchObject({ kind: 'exact', unit: '万元' });
    expect(row(23).actual).toMatchObject({ kind: 'tier', tier: 'partial' });
    expect(row(24).actual).toMatchObject({ kind: 'tier', tier: 'unmet' });
    expect([row(7).deviation?.toFixed(2), row(15).deviation?.toFixed(2), row(26).deviation?.toFixed(2)]).toEqual(['-5.26', '-4.00', '-2.00']);
  });

  it('totals 94.98 against the declared 95.59', () => {
    // 投入 3.79 + 3 + 3 + 3 + 3 + 4 = 19.79
    // 产出 6 + 6 + 7.68 + 6 + 4 + 4 + 3 + 3 (declared, not scored) = 39.68
    // 效益 6 + 6 + 4.20 + 2.39 + 4 + 3.92 = 26.51
    // 9.00 + 19.79 + 39.68 + 26.51 = 94.98; declared: 效益 27.12 (3 instead of 2.39) → 95.59
    expect(levels(r)).toEqual([
      ['投入管理指标', '20', '20', '19.79'],
      ['产出指标', '40', '40', '39.68'],
      ['效益指标', '30', '30', '26.51'],
    ]);
    expect(r.total.toFixed(2)).toBe('94.98');
    expect(r.declaredTotal?.toFixed(2)).toBe('95.59');
  });

  it('flags the unit mismatch, the tier score and the total, and nothing else', () => {
    expect(findings(r)).toEqual([
      ['unparsed-value', 'E20', '乡村医生培训成本'],
      ['qualitative-tier', 'G24', '基层卫生服务能力'],
      ['total-mismatch', 'G27', null],
    ]);
    const unit = r.findings.find((f) => f.code === 'unparsed-value')!;
    expect(renderFinding(unit, 'zh')).toBe('指标值单位“万”与实际完成值单位“万元”不一致');
    expect(unit.severity).toBe('error');
    // No comparator is read as written after its number, no deviation or budget figure is off.
    for (const code of ['ambiguous-comparator', 'deviation-mismatch', 'budget-mismatch', 'missing-reason', 'weight-sum']) {
      expect(r.findings.map((f) => f.code)).not.toContain(code);
    }
  });
});

describe('one-decimal: self-scores given to one decimal, an adjusted target column', async () => {
  const r = await score('one-decimal.xlsx');

  it('prefers a filled 调整指标值 over the original target', () => {
    expect(r.table.columns).toMatchObject({ target: 5, adjustedTarget: 6 });
    const row = (n: number) => r.indicators.find((i) => i.raw.name.ref.row === n)!;
    // ≥1200户 adjusted to ≥1000户: 1150户 meets it → 20 (against 1200 it would be 19.17)
    expect([row(11).raw.target.text, row(11).raw.target.ref.address, row(11).score?.toFixed(2)]).toEqual(['≥1000户', 'F11', '20.00']);
    // An empty 调整指标值 leaves the original target.
    expect([row(12).raw.target.text, row(12).raw.target.ref.address]).toEqual(['39个', 'E12']);
    // 2022年11月底前 adjusted to 2022年12月底前: 2022年12月15日 meets it.
    expect(row(15).target).toMatchObject({ kind: 'deadline', year: 2022, month: 12, day: null });
  });

  it('scores each row to 2 decimals', () => {
    expect(rows(r).map(([row, , , w, s]) => [row, w, s])).toEqual([
      [11, '20', '20.00'],
      // 39个, 38个: 10 × 38/39 = 9.743… → 9.74 (declared 9.7)
      [12, '10', '9.74'],
      // ≥95%, 93.6%: 8 × 93.6/95 = 7.882… → 7.88 (declared 7.9)
      [13, '8', '7.88'],
      // ≥100%, 97.5%: 2 × 0.975 = 1.95 (declared 1.9)
      [14, '2', '1.95'],
      [15, '5', '5.00'],
      [16, '5', '5.00'],
      // ≥85%, 84.5%: 10 × 84.5/85 = 9.941… → 9.94 (declared 9.9)
      [17, '10', '9.94'],
      [18, '10', '10.00'],
      // 健全, 部分达成: 60–80% of 10 = 6–8, declared 7.5 → 7.50
      [19, '10', '7.50'],
      [20, '10', '10.00'],
    ]);
  });

  it('totals 96.76: budget 48.75 / 50 = 97.50% → 9.75 (declared 9.8)', () => {
    // 产出 20 + 9.74 + 7.88 + 1.95 + 5 + 5 = 49.57; 效益 9.94 + 10 + 7.5 = 27.44; 满意度 10
    // 9.75 + 49.57 + 27.44 + 10 = 96.76; declared 9.8 + 49.5 + 27.4 + 10 = 96.7
    expect(budget(r)).toEqual(['50', '48.75', '97.50', '9.75']);
    expect(levels(r)).toEqual([
      ['产出指标', '50', null, '49.57'],
      ['效益指标', '30', null, '27.44'],
      ['满意度指标', '10', null, '10.00'],
    ]);
    expect(r.total.toFixed(2)).toBe('96.76');
    expect(r.declaredTotal?.toFixed(2)).toBe('96.70');
  });

  it('with the default tolerance 0.01, every one-decimal score off by more is a score-mismatch', () => {
    expect(loadProfile('mof').tolerance).toBe(0.01);
    expect(findings(r)).toEqual([
      ['budget-mismatch', 'J6', '年度资金总额'],
      ['score-mismatch', 'I12', '村庄清洁行动覆盖村数'],
      ['score-mismatch', 'I13', '改厕验收合格率'],
      ['score-mismatch', 'I14', '户厕问题整改率'],
      // 1.9 of 2 with no reason
      ['missing-reason', 'J14', '户厕问题整改率'],
      ['score-mismatch', 'I17', '农村卫生厕所普及率'],
      ['total-mismatch', 'I21', null],
    ]);
    expect(renderFinding(r.findings.find((f) => f.ref?.address === 'I14')!, 'zh')).toBe('自评得分 1.90，按规则应为 1.95');
  });
});

describe('budget-subrows: sub-rows that repeat 执行率, 分值 and 得分', async () => {
  const r = await score('budget-subrows.xlsx');

  it('scores the total row only: 1178.3 / 1312.6 = 89.77% → 8.98; the weight 10 counts once', () => {
    expect(r.table.budget?.label.text).toBe('年度预算总额');
    expect(r.table.budget?.subRows.map((s) => [s.label.text, s.score?.text])).toEqual([
      ['其中：基本支出', '9.66'],
      ['项目支出', '6.77'],
    ]);
    expect(budget(r)).toEqual(['1312.6', '1178.3', '89.77', '8.98']);
    expect(r.budget?.weight.toFixed()).toBe('10');
  });

  it('totals 98.95 with no finding', () => {
    // 预算执行率 ≥90%, 89.77%: 10 × 89.77/90 = 9.974… → 9.97; 8.98 + 9.97 + 10 + 20 + 20 + 30 = 98.95
    expect(r.indicators.find((i) => i.name === '预算执行率')?.score?.toFixed(2)).toBe('9.97');
    expect(r.total.toFixed(2)).toBe('98.95');
    expect(findings(r)).toEqual([]);
  });
});

describe('budget-zero-total: a total row of zeros while its sub-rows hold the money', async () => {
  const r = await score('budget-zero-total.xlsx');

  it('scores the block from the sum of the sub-rows, with a warning at the total row', () => {
    // 全年预算数 80 + 20 = 100, 全年执行数 76.8 + 15 = 91.8: 91.80% → 9.18 (the first sub-row alone would give 96% → 9.60)
    expect(budget(r)).toEqual(['100', '91.8', '91.80', '9.18']);
    expect(r.budget?.declaredScore?.toFixed(2)).toBe('9.18');
    expect(findings(r)).toEqual([['budget-total-empty', 'D5', '年度资金总额']]);
    expect(r.findings[0]!.severity).toBe('warning');
    expect(renderFinding(r.findings[0]!, 'zh')).toBe('预算总额行“年度资金总额”金额为空或为 0，按其下分项（其中：当年财政拨款、上年结转资金）合计计分：预算 100，执行 91.8');
  });

  it('totals 99.18', () => {
    // 9.18 + 产出 50 + 效益 30 (达成, declared 30) + 满意度 10
    expect(r.total.toFixed(2)).toBe('99.18');
    expect(r.department).toBe('某县教育局');
  });
});

describe('two-tables: a workbook with two project tables on two sheets, and a sheet without one', async () => {
  const [a, b, ...rest] = await scoreAll('two-tables.xlsx');

  it('finds one table per sheet, in sheet order, none on the instructions sheet', () => {
    expect(rest).toEqual([]);
    expect([a!.sheet, b!.sheet]).toEqual(['老年助餐', '垃圾分类']);
    expect([a!.table.project?.text, b!.table.project?.text]).toEqual(['老年助餐服务项目', '生活垃圾分类推进项目']);
    expect([a!.department, b!.department]).toEqual(['某区民政局', '某区环境卫生服务中心']);
  });

  it('scores each on its own', () => {
    // 老年助餐: 28.5 / 30 = 95% → 9.50; every row met: 9.50 + 50 + 30 + 10 = 99.50
    expect([a!.total.toFixed(2), budget(a!)[3], findings(a!)]).toEqual(['99.50', '9.50', []]);
    // 垃圾分类: 42 / 60 = 70% → 7.00; ≥150个, 120个: 25 × 120/150 = 20.00; ≥85%, 83%: 10 × 83/85 = 9.764… → 9.76
    // 7.00 + 20 + 25 + 30 + 9.76 = 91.76 (declared 92)
    expect([b!.total.toFixed(2), budget(b!)[3]]).toEqual(['91.76', '7.00']);
    expect(findings(b!)).toEqual([
      ['score-mismatch', 'G10', '居民满意度'],
      ['missing-reason', 'H10', '居民满意度'],
      ['total-mismatch', 'G11', null],
    ]);
    // Findings name their own sheet.
    expect(b!.findings.every((f) => f.ref === null || f.ref.sheet === '垃圾分类')).toBe(true);
  });
});

/** A grid from rows of texts (null or '': empty), without exceljs; merges as [top, left, bottom, right]. */
function gridOf(rows: (string | null)[][], merges: [number, number, number, number][] = []): Grid {
  const grid = new Grid('S', rows.length, Math.max(...rows.map((r) => r.length)));
  for (const [top, left, bottom, right] of merges) grid.addMerge(top, left, bottom, right);
  rows.forEach((row, r) => row.forEach((text, c) => grid.setText(r + 1, c + 1, text || null)));
  return grid;
}

const BUDGET_ROWS: (string | null)[][] = [
  ['项目资金', '', '全年预算数', '全年执行数', '分值', '得分'],
  ['年度资金总额', '', '100', '100', '10', '10'],
];

describe('header names: every variant of domain.md', () => {
  const headerOf = (names: string[]) => {
    const table = findTable(gridOf([...BUDGET_ROWS, names, ['产出指标', '数量指标', '指标一', '≥1', '1', '10', '10', '', '']]));
    expect(table).not.toBeNull();
    return table!.headers.map((h) => h.field);
  };

  it.each([
    [['一级指标', '二级指标', '三级指标', '年度指标值(A)', '实际完成值(B)', '分值', '得分', '偏差度', '偏差原因分析及改进措施']],
    [['一级指标', '二级指标', '三级指标', '指标值', '全年实际值', '权重', '自评得分', '偏差度', '未完成原因分析']],
    [['一级指标', '二级指标', '三级指标', '年初指标值', '完成值', '指标分值', '得分', '偏差度', '未完成原因及拟采取的改进措施']],
    [['一级指标', '二级指标', '三级指标', '预期指标值', '实际完成值（B）', '分值', '自评得分', '偏差度', '偏差原因分析及改进措施']],
    [['一级\n指标', '二级\n指标', '三级指标', '年度\n指标值', '实际\n完成值', '分\n值', '得\n分', '偏差\n度', '偏差原因分析\n及改进措施']],
  ])('%j', (names) => {
    expect(headerOf(names)).toEqual(['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'deviation', 'reason']);
  });

  it('ignores columns it does not use, and keeps them inside the table (the computed columns go after them)', () => {
    const table = findTable(gridOf([...BUDGET_ROWS, ['一级指标', '二级指标', '三级指标', '是否核心指标', '年度指标值', '实际完成值', '分值', '得分', '单项指标完成情况'], ['产出指标', '数量指标', '指标一', '是', '≥1', '1', '10', '10', '完成']]))!;
    expect(table.headers.map((h) => [h.text, h.field])).toEqual([
      ['一级指标', 'level1'],
      ['二级指标', 'level2'],
      ['三级指标', 'name'],
      ['是否核心指标', null],
      ['年度指标值', 'target'],
      ['实际完成值', 'actual'],
      ['分值', 'weight'],
      ['得分', 'score'],
      ['单项指标完成情况', null],
    ]);
    expect(table.lastColumn).toBe(9);
  });
});

describe('rows as templates leave them', () => {
  const HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const tableOf = (rows: (string | null)[][]) => findTable(gridOf([...BUDGET_ROWS, HEADER, ...rows]))!;

  it('skips placeholder rows (指标2:, ……, / everywhere, a 0 left by a formula) without findings', () => {
    const table = tableOf([
      ['产出指标(90分)', '数量指标', '培训基层干部人数（≥**人）', '≥200人', '236人', '90', '90', ''],
      [null, null, '指标2:', null, null, null, null, null],
      [null, null, '指标3：', '/', '/', '/', '/', '/'],
      [null, null, '……', '……', '……', '……', '……', '……'],
      [null, null, '/', '/', '/', '/', '/', '/'],
      [null, null, '指标4', null, null, '0', '0', null],
      ['总分', '', '', '', '', '100', '100', ''],
    ]);
    expect(table.rows.map((r) => r.name.text)).toEqual(['培训基层干部人数（≥**人）']);
    const report = analyzeTable(table, loadProfile('mof'));
    expect(findings(report)).toEqual([]);
    expect(report.total.toFixed(2)).toBe('100.00');
  });

  it('keeps a row with a placeholder name that carries values, and reports what is missing', () => {
    const table = tableOf([['产出指标', '数量指标', '指标1：', '', '', '10', '', ''], ['总分', '', '', '', '', '100', '', '']]);
    expect(table.rows.map((r) => r.name.text)).toEqual(['指标1：']);
    const report = analyzeTable(table, loadProfile('mof'));
    expect(findings(report).filter(([code]) => code === 'missing-value')).toEqual([
      ['missing-value', 'D4', '指标1：'],
      ['missing-value', 'E4', '指标1：'],
    ]);
  });

  it('skips 小计 rows and a header repeated after a page break', () => {
    const table = tableOf([
      ['产出指标', '数量指标', '指标一', '≥1', '1', '50', '50', ''],
      ['小计', '', '', '', '', '50', '50', ''],
      HEADER,
      ['效益指标', '社会效益', '指标二', '达标', '达标', '40', '40', ''],
      ['总分', '', '', '', '', '100', '100', ''],
    ]);
    expect(table.rows.map((r) => [r.level1, r.name.text])).toEqual([
      ['产出指标', '指标一'],
      ['效益指标', '指标二'],
    ]);
  });

  it.each([
    ['产出指标(50分)', '产出指标', '50'],
    ['满意度指标（10分）', '满意度指标', '10'],
    ['产出指标 (40分)', '产出指标', '40'],
    ['效益指标（30）', '效益指标', '30'],
    ['效益指标 30分', '效益指标', '30'],
    ['产出指标', '产出指标', null],
  ])('reads the first-level label %s as %s with weight %s', (label, name, weight) => {
    const table = tableOf([[label, '数量', '指标一', '≥1', '1', '10', '10', '']]);
    expect(table.levels.map((l) => [l.name, l.declaredWeight])).toEqual([[name, weight]]);
    expect(table.rows[0]!.level1).toBe(name);
  });
});

describe('composeTarget: 指标性质 and 指标值 read as one target', () => {
  it.each([
    ['≥', '95', '≥95'],
    ['≤', '20', '≤20'],
    ['=', '100', '=100'],
    ['＝', '1', '＝1'],
    ['﹦', '12', '﹦12'],
    ['>=', '3200', '>=3200'],
    ['＞', '90', '＞90'],
    ['不低于', '95', '不低于95'],
    ['正向', '90', '≥90'],
    ['反向指标', '5', '≤5'],
    ['定性', '达标', '达标'],
    ['定性指标', '良好', '良好'],
    ['定量', '12', '12'],
    ['=', '及时', '及时'],
    ['≥', '≥95', '≥95'],
    ['/', '95', '95'],
    [null, '95', '95'],
    ['≥', null, null],
    ['≥', '/', '/'],
    ['约', '95', '约95'],
    ['≤', '≥95', '≤≥95'],
  ])('%s + %s → %s', (nature, value, expected) => {
    expect(composeTarget(nature, value)).toBe(expected);
  });

  it('an unknown 指标性质 makes the target unreadable: an error at the value cell, not a guess', () => {
    const grid = gridOf(
      [
        ...BUDGET_ROWS,
        ['一级指标', '二级指标', '三级指标', '年度指标值', null, null, '实际完成值', '分值', '得分'],
        [null, null, null, '指标性质', '指标值', '度量单位', null, null, null],
        ['产出指标', '数量指标', '培训人次', '约', '300', '人次', '320', '10', '10'],
        ['产出指标', '质量指标', '合格率', '正向', '95', '%', '96', '10', '10'],
      ],
      [[3, 1, 4, 1], [3, 2, 4, 2], [3, 3, 4, 3], [3, 4, 3, 6], [3, 7, 4, 7], [3, 8, 4, 8], [3, 9, 4, 9]],
    );
    const table = findTable(grid)!;
    expect(table.columns).toMatchObject({ nature: 4, target: 5, unit: 6, actual: 7 });
    const report = analyzeTable(table, loadProfile('mof'));
    expect(findings(report).filter(([code]) => code === 'unparsed-value')).toEqual([['unparsed-value', 'E5', '培训人次']]);
    expect(renderFinding(report.findings.find((f) => f.code === 'unparsed-value')!, 'zh')).toContain('“约300”');
    expect(report.indicators[1]!.target).toMatchObject({ kind: 'at-least', unit: '%' });
    expect(report.indicators[1]!.score?.toFixed(2)).toBe('10.00');
  });
});

/** A fixture's package with its parts changed: `edit` gets the zip to change, as WPS would have written it. */
async function repackage(fixture: string, edit: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(`fixtures/${fixture}`));
  await edit(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The text of a part of a written workbook. */
async function partOf(file: string, name: string): Promise<string> {
  return (await JSZip.loadAsync(readFileSync(file))).file(name)!.async('string');
}

async function editPart(zip: JSZip, name: string, change: (xml: string) => string): Promise<void> {
  zip.file(name, change(await zip.file(name)!.async('string')));
}

/** Dropdowns over whole columns, as templates and WPS write them: `H12:H1048576` for every column given. */
function wholeColumnValidations(columns: string[]): string {
  const items = columns.map((c) => `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${c}12:${c}1048576"><formula1>"是,否"</formula1></dataValidation>`);
  return `<dataValidations count="${columns.length}">${items.join('')}</dataValidations>`;
}

describe('files as government templates and WPS make them', () => {
  afterEach(cleanWorkdirs);

  it('reads a workbook with nine whole-column dropdowns at once, and keeps them as they were in the scored copy', async () => {
    const columns = ['C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'];
    const bytes = await repackage('project-split.xlsx', (zip) =>
      editPart(zip, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<pageMargins', `${wholeColumnValidations(columns)}<pageMargins`)),
    );
    const dir = workdir();
    const file = join(dir, 'wps.xlsx');
    writeFileSync(file, bytes);
    // exceljs alone expanded every one of these ranges cell by cell: over a second per column.
    const opened = await openWorkbook(file);
    const [report] = opened.tables.map((t) => analyzeTable(t, loadProfile('mof')));
    expect(report!.total.toFixed(2)).toBe('97.87');

    const out = join(dir, 'wps.scored.xlsx');
    await writeScoredCopy(opened, [report!], out, 'zh');
    const sheet = await partOf(out, 'xl/worksheets/sheet1.xml');
    const sqrefs = [...sheet.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]*)"/g)].map((m) => m[1]);
    expect(sqrefs).toEqual(columns.map((c) => `${c}12:${c}1048576`));
  });

  it('reads cells in Chinese built-in date formats (numFmtId 27–36, 50–58) as dates, and keeps the format in the copy', async () => {
    // budget-zero-total.xlsx: the 实际完成值 of 开学前完工 (8月31日前) typed as a date, shown with the built-in format 31.
    const bytes = await repackage('budget-zero-total.xlsx', async (zip) => {
      const styles = await zip.file('xl/styles.xml')!.async('string');
      // A cell style like the first one, with the built-in format 31 (yyyy"年"m"月"d"日") and no definition of it.
      const count = Number(/<cellXfs count="(\d+)"/.exec(styles)![1]);
      zip.file(
        'xl/styles.xml',
        styles.replace(/<cellXfs count="\d+">/, `<cellXfs count="${count + 1}">`).replace('</cellXfs>', '<xf numFmtId="31" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>'),
      );
      // E12 (实际完成值 of 开学前完工, 8月25日) becomes the serial 44798 (2022-08-25) in that style.
      await editPart(zip, 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/<c r="E12"[^>]*?(\/>|>[\s\S]*?<\/c>)/, `<c r="E12" s="${count}"><v>44798</v></c>`));
    });
    const dir = workdir();
    const file = join(dir, 'dates.xlsx');
    writeFileSync(file, bytes);

    const opened = await openWorkbook(file);
    const report = analyzeTable(opened.tables[0]!, loadProfile('mof'));
    const row = report.indicators.find((i) => i.name === '开学前完工')!;
    expect(row.raw.actual.text).toBe('2022年8月25日');
    expect(row.actual).toMatchObject({ kind: 'deadline', year: 2022, month: 8, day: 25 });
    expect(row.score?.toFixed(2)).toBe('10.00');

    const out = join(dir, 'dates.scored.xlsx');
    await writeScoredCopy(opened, [report], out, 'zh');
    const copy = await openWorkbook(out);
    expect(copy.tables[0]!.rows.find((r) => r.name.text === '开学前完工')!.actual.text).toBe('2022年8月25日');
  });

  it('keeps in the scored copy what exceljs could not: charts, shapes, cell pictures, custom XML, macros, x14 dropdowns, byte for byte', async () => {
    const drawing = '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><xdr:twoCellAnchor><xdr:sp macro="" textlink=""/><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>';
    const x14 = '<extLst><ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list"><x14:formula1><xm:f>填报说明!$A$1:$A$2</xm:f></x14:formula1><xm:sqref>H7:H10</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>';
    const added: Record<string, string> = {
      'xl/charts/chart1.xml': '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
      'xl/cellimages.xml': '<etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>',
      'customXml/item1.xml': '<root/>',
      'xl/drawings/drawing1.xml': drawing,
      'xl/vbaProject.bin': 'x',
    };
    const bytes = await repackage('two-tables.xlsx', async (zip) => {
      for (const [name, text] of Object.entries(added)) zip.file(name, text);
      await editPart(zip, 'xl/worksheets/sheet2.xml', (xml) => xml.replace('</worksheet>', `${x14}</worksheet>`));
    });
    const dir = workdir();
    const file = join(dir, 'parts.xlsx');
    writeFileSync(file, bytes);
    const opened = await openWorkbook(file);
    const reports = opened.tables.map((t) => analyzeTable(t, loadProfile('mof')));
    expect(reports.flatMap((r) => r.findings.filter((f) => f.code === 'dropped-content'))).toEqual([]);

    const out = join(dir, 'parts.scored.xlsx');
    await writeScoredCopy(opened, reports, out, 'zh');
    for (const [name, text] of Object.entries(added)) expect(await partOf(out, name)).toBe(text);
    expect(await partOf(out, 'xl/worksheets/sheet2.xml')).toContain(x14);
    const summary = (await loadWorkbook(out)).getWorksheet('评分结果')!;
    expect(summary.getCell('A1').value).toBe('绩效自评表评分结果');
    // Two tables: each under its sheet's name.
    expect(summary.getCell('A3').value).toBe('工作表“老年助餐”');
    expect(summary.getCell('A4').value).toBe('单位');
  });

  it.each([['table.csv', Buffer.from('三级指标,指标值,实际完成值,分值,得分\n', 'utf8'), '.csv']])('refuses %s with a message saying to save it as .xlsx (exit 2)', async (name, bytes, ext) => {
    const dir = workdir();
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const error = await openWorkbook(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RunError);
    const run = error as RunError;
    expect(run.exitCode).toBe(2);
    expect(run.render(uiFor('zh'))).toBe(`${file}：不支持 ${ext} 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再评分`);
  });
});

describe('the scored copy, as Excel reads it back', () => {
  afterEach(cleanWorkdirs);

  it('fills an empty declared score, formats the computed columns, keeps each cell its own style, widens the columns', async () => {
    // seed-004 with the declared score of row 25 (H25, 1.5) left empty.
    const bytes = await repackage('seed-004.xlsx', (zip) => editPart(zip, 'xl/worksheets/sheet2.xml', (xml) => xml.replace('<c r="H25" s="4"><v>1.5</v></c>', '<c r="H25" s="4"/>')));
    const dir = workdir();
    const file = join(dir, 'blank.xlsx');
    writeFileSync(file, bytes);
    const opened = await openWorkbook(file);
    const report = analyzeTable(opened.tables[0]!, loadProfile('mof'));
    const row25 = report.indicators.find((i) => i.raw.name.ref.row === 25)!;
    expect(row25.raw.score.text).toBeNull();
    const out = join(dir, 'blank.scored.xlsx');
    await writeScoredCopy(opened, [report], out, 'zh');

    const original = (await loadWorkbook(file)).getWorksheet('部门整体绩效自评表')!;
    const ws = (await loadWorkbook(out)).getWorksheet('部门整体绩效自评表')!;
    // The empty score is filled with the computed one, in 0.00, with the cell's border kept.
    expect(ws.getCell('H25').value).toBe(row25.score!.toNumber());
    expect(ws.getCell('H25').numFmt).toBe('0.00');
    expect(ws.getCell('H25').border).toEqual(original.getCell('H25').border);
    // A declared score is kept as it was.
    expect(ws.getCell('H26').value).toBe(1);
    expect(ws.getCell('H26').numFmt).toBe(original.getCell('H26').numFmt);
    // The computed columns: a bold, filled, wrapped header; scores in 0.00, deviations in 0.00%.
    // Past the budget block's column I and one empty column (J): a bold, filled, wrapped header;
    // scores in 0.00, deviations in 0.00%.
    expect(ws.getCell('J19').value).toBeNull();
    const header = ws.getCell('K19');
    expect(header.value).toBe('计算得分');
    expect(header.font?.bold).toBe(true);
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } });
    expect(header.alignment).toMatchObject({ wrapText: true, horizontal: 'center', vertical: 'middle' });
    expect([ws.getCell('K27').value, ws.getCell('K27').numFmt]).toEqual([0.78, '0.00']);
    expect(ws.getCell('L27').numFmt).toBe('0.00%');
    expect(ws.getCell('M27').alignment).toMatchObject({ wrapText: true });
    // H and I keep their widths; K, L and M get 10, 12 and 40.
    expect([8, 9, 11, 12, 13].map((c) => ws.getColumn(c).width)).toEqual([original.getColumn(8).width, original.getColumn(9).width, 10, 12, 40]);
  });
});

describe('two-tables through the command line: each table reported and marked on its own', () => {
  afterEach(cleanWorkdirs);

  it('JSON: one entry per table, the file counted once', () => {
    const dir = workdir(['two-tables.xlsx']);
    const r = run(['eval', join(dir, 'two-tables.xlsx'), '--format', 'json', '--no-write']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // 居民满意度: missing-reason
    const doc = JSON.parse(r.stdout) as { files: { sheet: string; department: string; total: number; findings: { code: string; cell: string }[] }[]; summary: unknown };
    expect(doc.files.map((t) => [t.sheet, t.department, t.total])).toEqual([
      ['老年助餐', '某区民政局', 99.5],
      ['垃圾分类', '某区环境卫生服务中心', 91.76],
    ]);
    expect(doc.files[1]!.findings.map((f) => [f.code, f.cell])).toEqual([
      ['missed-target', '垃圾分类!H7'],
      ['score-mismatch', '垃圾分类!G10'],
      ['missing-reason', '垃圾分类!H10'],
      ['total-mismatch', '垃圾分类!G11'],
    ]);
    expect(doc.summary).toEqual({ files: 1, tables: 2, unreadable: 0, skipped: 0, errors: 1, warnings: 2, infos: 1 });
  });

  it('console: a block per table, one count for the run', () => {
    const dir = workdir(['two-tables.xlsx']);
    const r = run(['eval', join(dir, 'two-tables.xlsx'), '--no-write']);
    const heads = r.stdout.split('\n').filter((l) => l.includes('two-tables.xlsx ·'));
    expect(heads.map((l) => l.split(' · ')[1])).toEqual(['老年助餐', '垃圾分类']);
    expect(r.stdout).toContain('99.50');
    expect(r.stdout).toContain('91.76');
    expect(r.stdout).toContain('错误 1 项，警告 2 项，提示 1 项');
  });

  it('scored copy: computed columns on both sheets, both tables on the summary sheet', async () => {
    const dir = workdir(['two-tables.xlsx']);
    const r = run(['eval', join(dir, 'two-tables.xlsx')]);
    expect(r.status).toBe(1);
    const copy = await loadWorkbook(join(dir, 'two-tables.scored.xlsx'));
    expect(copy.worksheets.map((ws) => ws.name)).toEqual(['填报说明', '老年助餐', '垃圾分类', '评分结果']);
    for (const sheet of ['老年助餐', '垃圾分类']) expect(copy.getWorksheet(sheet)!.getCell('J6').value).toBe('计算得分');
    expect(copy.getWorksheet('垃圾分类')!.getCell('J10').value).toBe(9.76);
    expect(copy.getWorksheet('填报说明')!.getCell('J6').value).toBeNull();
    const totals: unknown[][] = [];
    copy.getWorksheet('评分结果')!.eachRow((row) => {
      if (row.getCell(1).value === '工作表') totals.push([row.getCell(2).value]);
      if (row.getCell(1).value === '总分') totals.push([row.getCell(2).value, row.getCell(3).value]);
    });
    expect(totals).toEqual([['老年助餐'], [99.5, 99.5], ['垃圾分类'], [91.76, 92]]);
  });
});

describe('budget figures that cannot be read', () => {
  const HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
  const reportOf = (budgetRow: (string | null)[]) =>
    analyzeTable(
      findTable(gridOf([['项目资金', '', '全年预算数', '全年执行数', '执行率', '分值', '得分'], budgetRow, HEADER, ['产出指标', '数量', '指标一', '≥1', '1', '90', '90']]))!,
      loadProfile('mof'),
    );

  it('are named at their cell as not numbers, not as missing', () => {
    const r = reportOf(['年度资金总额', '', '约100万', '95', '九成', '十分', '9.5']);
    expect(findings(r)).toEqual([
      ['unparsed-value', 'C2', '年度资金总额'],
      ['unparsed-value', 'E2', '年度资金总额'],
      ['unparsed-value', 'F2', '年度资金总额'],
    ]);
    expect(r.findings.map((f) => renderFinding(f, 'zh'))).toEqual([
      '无法识别全年预算数“约100万”，应为数字',
      '无法识别执行率“九成”，应为数字',
      '无法识别分值“十分”，应为数字',
    ]);
    expect(r.budget?.score).toBeNull();
  });

  it('an empty amount is missing', () => {
    const r = reportOf(['年度资金总额', '', '100', '', '', '10', '']);
    expect(findings(r)).toEqual([['missing-value', 'D2', '年度资金总额']]);
  });
});

describe('header cells spread over several columns', () => {
  it('a wide 年度指标值 or 三级指标 over the first indicator row is not a two-row header', () => {
    const table = findTable(
      gridOf(
        [
          ...BUDGET_ROWS,
          ['一级指标', '二级指标', '三级指标', null, '年度指标值', null, '实际完成值', '分值', '得分'],
          ['产出指标', '数量指标', '培训人次', null, '≥300人次', null, '320人次', '10', '10'],
          ['效益指标', '社会效益', '群众满意度', null, '≥90%', null, '95%', '90', '90'],
        ],
        [[3, 3, 3, 4], [3, 5, 3, 6], [4, 3, 4, 4], [4, 5, 4, 6], [5, 3, 5, 4], [5, 5, 5, 6]],
      ),
    )!;
    expect([table.headerTop, table.headerRow]).toEqual([3, 3]);
    expect(table.columns).toMatchObject({ name: 3, target: 5, actual: 7 });
    expect(table.rows.map((r) => [r.name.text, r.target.text])).toEqual([
      ['培训人次', '≥300人次'],
      ['群众满意度', '≥90%'],
    ]);
  });

  it('年度指标值 over 年初 | 调整后: the adjusted target by its parent', () => {
    const table = findTable(
      gridOf(
        [
          ...BUDGET_ROWS,
          ['一级指标', '二级指标', '三级指标', '年度指标值', null, '实际完成值', '分值', '得分'],
          [null, null, null, '年初', '调整后', null, null, null],
          ['产出指标', '数量指标', '培训人次', '≥300人次', '≥280人次', '290人次', '100', '100'],
        ],
        [[3, 1, 4, 1], [3, 2, 4, 2], [3, 3, 4, 3], [3, 4, 3, 5], [3, 6, 4, 6], [3, 7, 4, 7], [3, 8, 4, 8]],
      ),
    )!;
    expect(table.columns).toMatchObject({ target: 4, adjustedTarget: 5, actual: 6 });
    expect(table.rows.map((r) => [r.target.text, r.target.ref.address])).toEqual([['≥280人次', 'E5']]);
  });
});

describe('captions: a row that opens a block of indicators (年度绩效目标1, 年度绩效目标2（50分）)', () => {
  const HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const across = (row: number): [number, number, number, number] => [row, 1, row, 8];
  const reportOf = (rows: (string | null)[][], merges: [number, number, number, number][]) => analyzeTable(findTable(gridOf([...BUDGET_ROWS, HEADER, ...rows], merges))!, loadProfile('mof'));

  it('a caption merged across the table is a heading: its blocks keep their first levels apart, its weight is checked', () => {
    const r = reportOf(
      [
        ['年度绩效目标1（40分）'],
        ['产出指标', '数量指标', '指标一', '≥1', '1', '20', '20'],
        ['效益指标', '社会效益指标', '指标二', '提高', '提高', '20', '20'],
        ['年度绩效目标2（50分）'],
        ['产出指标', '数量指标', '指标三', '≥2', '1', '30', '15', '下半年开工，年底未完工'],
        ['效益指标', '社会效益指标', '指标四', '提高', '提高', '15', '15'],
      ],
      [across(4), across(7)],
    );
    expect(r.table.captions.map((c) => [c.ref.address, c.name, c.declaredWeight])).toEqual([
      ['A4', '年度绩效目标1', '40'],
      ['A7', '年度绩效目标2', '50'],
    ]);
    // 10 (budget) + 20 + 20 + 30 × 1/2 = 15 + 15 = 80
    expect(levels(r)).toEqual([
      ['年度绩效目标1 / 产出指标', '20', null, '20.00'],
      ['年度绩效目标1 / 效益指标', '20', null, '20.00'],
      ['年度绩效目标2 / 产出指标', '30', null, '15.00'],
      ['年度绩效目标2 / 效益指标', '15', null, '15.00'],
    ]);
    expect(r.total.toFixed(2)).toBe('80.00');
    // Block 2 weighs 30 + 15 = 45 against its 50, and all weights 10 + 40 + 45 = 95: no unparsed value, no weight-0 level.
    expect(findings(r)).toEqual([
      ['weight-sum', 'A7', '年度绩效目标2'],
      ['weight-sum', null, null],
    ]);
    expect(r.findings.filter((f) => f.code === 'weight-sum').map((f) => renderFinding(f, 'zh'))).toEqual([
      '“年度绩效目标2”下各指标分值合计 45，与标注的 50 分不符',
      '分值合计 95（其中预算执行 10），应为 100',
    ]);
  });

  it('a label alone in its row is a first level when the rows under it take it, a caption when they name their own', () => {
    const r = reportOf(
      [
        ['产出指标（45分）'],
        [null, '数量指标', '指标一', '≥1', '1', '45', '45'],
        ['绩效目标二'],
        ['效益指标（45分）', '社会效益指标', '指标二', '提高', '提高', '45', '45'],
      ],
      [],
    );
    expect(r.table.captions.map((c) => [c.ref.address, c.name])).toEqual([['A6', '绩效目标二']]);
    expect(levels(r)).toEqual([
      ['产出指标', '45', '45', '45.00'],
      ['绩效目标二 / 效益指标', '45', '45', '45.00'],
    ]);
    expect(findings(r)).toEqual([]);
  });
});

describe('a caption down the left of the table (绩效指标(90分) merged from the header over the rows)', () => {
  it('is the indicators’ declared weight, checked against their rows, and names no level', () => {
    const rows: (string | null)[][] = [
      ['绩效指标(90分)', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      [null, '产出指标', '数量指标', '指标一', '≥1', '1', '50', '50'],
      [null, '效益指标', '社会效益指标', '指标二', '提高', '提高', '30', '30'],
    ];
    const r = analyzeTable(findTable(gridOf([['项目资金', '', '', '全年预算数', '全年执行数', '分值', '得分'], ['年度资金总额', '', '', '100', '100', '10', '10'], ...rows], [[3, 1, 5, 1]]))!, loadProfile('mof'));
    expect(r.table.captions.map((c) => [c.ref.address, c.name, c.declaredWeight])).toEqual([['A3', '绩效指标', '90']]);
    expect(levels(r).map(([name]) => name)).toEqual(['产出指标', '效益指标']);
    // 50 + 30 = 80 against its 90; all weights 10 + 80 = 90
    expect(findings(r)).toEqual([
      ['weight-sum', 'A3', '绩效指标'],
      ['weight-sum', null, null],
    ]);
  });
});

describe('several tables on one sheet', () => {
  it('ends a table where the next one’s title or 项目名称 starts, and reads each with its own header block and budget', () => {
    const table = (project: string, executed: string): (string | null)[][] => [
      ['项目支出绩效自评表'],
      ['项目名称', project],
      ['项目资金', '', '全年预算数', '全年执行数', '分值', '得分'],
      ['年度资金总额', '', '100', executed, '10', ''],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '指标一', '≥1', '1', '90', '90'],
    ];
    const tables = findTables(gridOf([...table('甲项目', '100'), ...table('乙项目', '80')]));
    expect(tables.map((t) => [t.label, t.project?.text, t.headerTop, t.lastRow, t.budget?.executed?.text, t.rows.length])).toEqual([
      ['S · 甲项目', '甲项目', 5, 6, '100', 1],
      ['S · 乙项目', '乙项目', 11, 12, '80', 1],
    ]);
  });
});
