// Golden tests: the three published tables (seeds 000, 002, 004) scored end to end, in process.
import { describe, expect, it } from 'vitest';
import { analyzeTable } from '../src/engine/analyze.js';
import { renderFinding } from '../src/i18n/findings.js';
import type { TableReport } from '../src/model.js';
import { loadProfile } from '../src/profiles/index.js';
import { openWorkbook } from '../src/workbook/read.js';

async function score(file: string, profile: string): Promise<TableReport> {
  const opened = await openWorkbook(`fixtures/${file}`);
  expect(opened.tables).toHaveLength(1);
  return analyzeTable(opened.tables[0]!, loadProfile(profile));
}

const levels = (r: TableReport) => r.levels.map((l) => [l.name, l.weight.toFixed(), l.score.toFixed(2)]);
/** The errors and warnings of a table (information, 提示, is asserted on its own). */
const findings = (r: TableReport) => r.findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.ref ? `${f.ref.sheet}!${f.ref.address}` : null, f.indicator]);
/** The rows that miss their target and give a reason. */
const missed = (r: TableReport) => r.findings.filter((f) => f.code === 'missed-target').map((f) => [f.ref!.address, f.indicator]);
const rows = (r: TableReport) => r.indicators.map((i) => [i.name, i.weight?.toFixed(), i.score?.toFixed(2)]);

describe('seed 000: 郑州市上街区信访局 2022, profile zhengzhou-shangjie', async () => {
  const r = await score('seed-000.xlsx', 'zhengzhou-shangjie');

  it('reproduces the published total, grade, budget and first-level subtotals', () => {
    expect(r.department).toBe('郑州市上街区信访局');
    expect(r.total.toFixed(2)).toBe('95.81');
    expect(r.declaredTotal?.toFixed(2)).toBe('95.81');
    expect(r.grade).toBe('优');
    expect([r.budget?.rate?.toFixed(2), r.budget?.score?.toFixed(2), r.budget?.declaredScore?.toFixed(2)]).toEqual(['72.41', '8.05', '8.05']);
    expect(levels(r)).toEqual([
      ['投入管理指标', '30', '28.17'],
      ['产出指标', '25', '24.79'],
      ['效益指标', '35', '34.80'],
    ]);
  });

  it('raises no error or warning: the self-scores follow the rules', () => {
    expect(findings(r)).toEqual([]);
  });

  it('lists, as information, the eight rows that miss their target and say why (rows 38 and 41 meet theirs)', () => {
    expect(missed(r)).toEqual([
      ['J20', '预算执行率'],
      ['J24', '政府采购执行率'],
      ['J35', '日常信访接待及办案费'],
      ['J36', '联合接访大厅水电费'],
      ['J37', '信访保障工作专项'],
      ['J39', '联合接访大厅水电费'],
      ['J40', '信访保障工作专项'],
      ['J42', '保证工作正常运转'],
    ]);
    expect(r.findings.every((f) => f.code !== 'missed-target' || f.severity === 'info')).toBe(true);
  });

  it('scores the missed rows by the rules, with the published deviations', () => {
    const row = (name: string, i = 0) => r.indicators.filter((x) => x.name === name)[i]!;
    expect([row('预算执行率').score?.toFixed(2), row('预算执行率').deviation?.toFixed(2)]).toEqual(['2.17', '-27.59']);
    expect([row('政府采购执行率').score?.toFixed(2), row('政府采购执行率').deviation?.toFixed(2)]).toEqual(['0.00', '-100.00']);
    expect([row('信访保障工作专项', 1).score?.toFixed(2), row('信访保障工作专项', 1).deviation?.toFixed(2)]).toEqual(['3.96', '-1.01']);
    expect([row('保证工作正常运转').score?.toFixed(2), row('保证工作正常运转').deviation?.toFixed(2)]).toEqual(['9.80', '-2.00']);
    expect(r.indicators).toHaveLength(31);
  });
});

describe('seed 002: 郑州市上街区人大常委会办公室 2022, profile zhengzhou-shangjie', async () => {
  const r = await score('seed-002.xlsx', 'zhengzhou-shangjie');

  it('reproduces the published total, budget and subtotals from a two-row header', () => {
    expect(r.department).toBe('郑州市上街区人民代表大会常务委员会办公室');
    expect(r.total.toFixed(2)).toBe('96.88');
    expect(r.grade).toBe('优');
    expect([r.budget?.rate?.toFixed(2), r.budget?.score?.toFixed(2)]).toEqual(['66.60', '7.40']);
    expect(levels(r)).toEqual([
      ['投入管理指标', '30', '29.48'],
      ['产出指标', '25', '25.00'],
      ['效益指标', '35', '35.00'],
    ]);
    expect(findings(r)).toEqual([]);
    // 66.6% against ≥100%, with its reason.
    expect(missed(r)).toEqual([['J20', '预算执行率']]);
  });

  it('reads the deadline and count rows', () => {
    const row = (name: string) => r.indicators.find((x) => x.name === name)!;
    expect(row('人民代表大会召开时间').target).toMatchObject({ kind: 'deadline', month: 7, day: 31 });
    expect(row('人民代表大会开展次数').score?.toFixed(2)).toBe('5.00');
    expect([row('预算执行率').score?.toFixed(2), row('预算执行率').deviation?.toFixed(2)]).toEqual(['1.48', '-26.00']);
  });
});

describe('seed 004: 郑州市金水区人民政府办公室 2021, default profile', async () => {
  const r = await score('seed-004.xlsx', 'mof');

  it('computes its own total from the rules, not the published 95.92', () => {
    expect(r.department).toBe('郑州市金水区人民政府办公室');
    expect(r.sheet).toBe('部门整体绩效自评表');
    expect(r.declaredTotal?.toFixed(2)).toBe('95.92');
    expect(r.total.toFixed(2)).toBe('97.20');
    expect([r.grade, r.declaredGrade]).toEqual(['优', '优']);
    expect([r.budget?.rate?.toFixed(2), r.budget?.score?.toFixed(2)]).toEqual(['74.21', '7.42']);
    expect(levels(r)).toEqual([
      ['投入管理指标', '20', '19.78'],
      ['产出指标', '40', '40.00'],
      ['效益指标', '30', '30.00'],
    ]);
  });

  it('scores every row', () => {
    expect(rows(r)).toEqual([
      ['年度履职目标相关性', '1', '1.00'],
      ['工作任务科学性', '1', '1.00'],
      ['绩效指标合理性', '1', '1.00'],
      ['预算编制完整性', '1', '1.00'],
      ['专项资金细化率', '1', '1.00'],
      ['预算执行率', '2', '2.00'],
      ['预算调整率', '1', '1.00'],
      ['结转结余率', '1', '0.78'],
      ['“三公经费”控制率', '1', '1.00'],
      ['政府采购执行率', '1', '1.00'],
      ['决算真实性', '1', '1.00'],
      ['资金使用合规性', '1', '1.00'],
      ['管理制度健全性', '1', '1.00'],
      ['预决算信息公开性', '1', '1.00'],
      ['资产管理规范性', '1', '1.00'],
      ['绩效监控完成率', '1', '1.00'],
      ['绩效自评完成率', '1', '1.00'],
      ['部门绩效评价完成率', '1', '1.00'],
      ['评价结果应用率', '1', '1.00'],
      ['办公用品采购数量', '6', '6.00'],
      ['项目完成及时性', '7', '7.00'],
      ['办理案件数量', '6', '6.00'],
      ['办公用品采购完成率', '7', '7.00'],
      ['法律案件结案率', '7', '7.00'],
      ['提供地情资料', '7', '7.00'],
      ['提高业务工作水平', '6', '6.00'],
      ['区域稳定度', '6', '6.00'],
      ['业务工作保障率', '6', '6.00'],
      ['服务单位满意度', '6', '6.00'],
      ['辖区居民满意', '6', '6.00'],
    ]);
    expect(r.indicators.find((i) => i.name === '提高业务工作水平')).toMatchObject({ level1: '效益指标', level2: '履职效益' });
  });

  it('flags the self-scores that break the rules, the reversed comparators and the total', () => {
    const s = '部门整体绩效自评表';
    expect(findings(r)).toEqual([
      ['total-mismatch', `${s}!G4`, null],
      ['missing-reason', `${s}!H25`, '预算执行率'],
      ['score-mismatch', `${s}!H25`, '预算执行率'],
      ['ambiguous-comparator', `${s}!D26`, '预算调整率'],
      ['ambiguous-comparator', `${s}!D27`, '结转结余率'],
      ['missing-reason', `${s}!H27`, '结转结余率'],
      ['score-mismatch', `${s}!H27`, '结转结余率'],
    ]);
    expect(renderFinding(r.findings.find((f) => f.code === 'score-mismatch' && f.indicator === '结转结余率')!, 'zh')).toBe('自评得分 0.00，按规则应为 0.78');
  });
});
