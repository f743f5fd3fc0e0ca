import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../src/engine/expression.js';
import { roundTo } from '../src/engine/numbers.js';
import { gradeOf, scoreBudget, scoreIndicator } from '../src/engine/score.js';
import type { Expression } from '../src/model.js';
import { loadProfile } from '../src/profiles/index.js';
import type { Profile } from '../src/schema/profile.js';

const mof = loadProfile('mof');
const shangjie = loadProfile('zhengzhou-shangjie');

function expr(text: string, unit?: string): Expression {
  const r = parseExpression(text, unit ?? null);
  if (!r.ok) throw new Error(`cannot parse ${text}`);
  return r.expr;
}

/** Scores a row from its texts; returns score and deviation as fixed strings (null as null). */
function score(target: string, actual: string, weight: number | string, opts: { profile?: Profile; declared?: string; unit?: string } = {}) {
  const r = scoreIndicator(expr(target, opts.unit), expr(actual, opts.unit), new Decimal(weight), opts.declared ? new Decimal(opts.declared) : null, opts.profile ?? mof);
  return { score: r.score?.toFixed(2) ?? null, deviation: r.deviation?.toFixed(2) ?? null, met: r.met, rule: r.rule, problem: r.problem?.kind ?? null };
}

describe('at least', () => {
  it('met or over-achieved scores the weight, deviation 0', () => {
    expect(score('≥99%', '99%', 4)).toMatchObject({ score: '4.00', deviation: '0.00', met: true, rule: 'met' });
    expect(score('≥90%', '100%', 5)).toMatchObject({ score: '5.00', deviation: '0.00', met: true });
  });
  it('missed scores w × B/A (seed 000: ≥99%, 98% of 4 → 3.96, −1.01%)', () => {
    expect(score('≥99%', '98%', 4)).toMatchObject({ score: '3.96', deviation: '-1.01', met: false, rule: 'at-least-ratio' });
  });
  it('3 × 72.41% → 2.17, −27.59% (seed 000 预算执行率)', () => {
    expect(score('≥100%', '72.41%', 3)).toMatchObject({ score: '2.17', deviation: '-27.59' });
  });
  it('seed 002: ≥90%, 66.6% of 2 → 1.48, −26.00%', () => {
    expect(score('≥90%', '66.6%', 2)).toMatchObject({ score: '1.48', deviation: '-26.00' });
  });
  it('an actual of 0 scores 0, −100% (seed 000 政府采购执行率)', () => {
    expect(score('≥100%', '0%', 1)).toMatchObject({ score: '0.00', deviation: '-100.00', met: false });
  });
  it('a negative actual counts as 0', () => {
    expect(score('≥10', '-5', 2)).toMatchObject({ score: '0.00', met: false });
  });
  it('reads the unit from a 度量单位 column (seed 004: ≥70 %, 74.2 → 2)', () => {
    expect(score('≥70', '74.2', 2, { unit: '%' })).toMatchObject({ score: '2.00', met: true });
  });
  it('a target of 0 is met by anything at or above it', () => {
    expect(score('≥0', '3', 2)).toMatchObject({ score: '2.00', met: true });
  });
});

describe('exact', () => {
  it('is scored like at least: met, over, missed', () => {
    expect(score('1次', '1次', 5)).toMatchObject({ score: '5.00', met: true });
    expect(score('10次', '12次', 5)).toMatchObject({ score: '5.00', met: true });
    expect(score('100%', '90%', 1)).toMatchObject({ score: '0.90', deviation: '-10.00', met: false });
  });
  it('a target of 0 is met only by B ≤ 0', () => {
    expect(score('0%', '0%', 1)).toMatchObject({ score: '1.00', met: true });
    expect(score('0', '2', 1)).toMatchObject({ score: '0.00', met: false, rule: 'exact-zero', deviation: null });
  });
  it('different units cannot be compared', () => {
    expect(score('10万元', '100元', 1)).toMatchObject({ score: null, problem: 'unit-mismatch' });
  });
});

describe('at most (reverse)', () => {
  it('at or under the target scores the weight (seed 000: ≤30%, 10%; ≤100%, 0%)', () => {
    expect(score('≤30%', '10%', 1)).toMatchObject({ score: '1.00', met: true, deviation: '0.00' });
    expect(score('≤100%', '0%', 1)).toMatchObject({ score: '1.00', met: true });
  });
  it('the actual written with the comparator of its target, or as the bare number of it, is met (issue 14)', () => {
    expect(score('≤4', '4', 5)).toMatchObject({ score: '5.00', met: true });
    expect(score('≥266米', '≥266米', 10)).toMatchObject({ score: '10.00', met: true });
    expect(score('≤30万元', '≤30万元', 10)).toMatchObject({ score: '10.00', met: true });
  });
  it('ratio: w × A/B (seed 004 结转结余率: 1 × 20/25.79 = 0.7755 → 0.78)', () => {
    expect(score('20≤', '25.79', 1, { unit: '%' })).toMatchObject({ score: '0.78', met: false, rule: 'reverse-ratio', deviation: '28.95' });
  });
  it('linear: w × (1 − (B−A)/A), 0 from B ≥ 2A', () => {
    const linear = { ...mof, reverse: { rule: 'linear' as const } };
    // 1 × (1 − 5.79/20) = 0.7105 → 0.71
    expect(score('≤20%', '25.79%', 1, { profile: linear })).toMatchObject({ score: '0.71', rule: 'reverse-linear' });
    expect(score('≤20%', '40%', 1, { profile: linear })).toMatchObject({ score: '0.00' });
    expect(score('≤20%', '55%', 1, { profile: linear })).toMatchObject({ score: '0.00' });
  });
  it('per-point: a fixed deduction per point over A, never below 0', () => {
    const perPoint = { ...mof, reverse: { rule: 'per-point' as const, deduction: 0.1 } };
    // 2 − 0.1 × (25 − 20) = 1.5
    expect(score('≤20%', '25%', 2, { profile: perPoint })).toMatchObject({ score: '1.50', rule: 'reverse-per-point' });
    expect(score('≤20%', '60%', 2, { profile: perPoint })).toMatchObject({ score: '0.00' });
  });
  it('a target of 0 missed scores 0', () => {
    expect(score('≤0', '3', 2)).toMatchObject({ score: '0.00', met: false });
  });
});

describe('deadlines written as sentences (issue 14)', () => {
  it('2021年12月完成 against itself, 12月底前完成 against 11月底完成: met; 6月份完成 against 2021年7月完成: missed, a range', () => {
    expect(score('2021年12月完成', '2021年12月完成', 5)).toMatchObject({ score: '5.00', met: true });
    expect(score('12月底前完成', '11月底完成', 5)).toMatchObject({ score: '5.00', met: true });
    expect(score('6月份完成', '2021年7月完成', 5, { declared: '3' })).toMatchObject({ score: '3.00', met: false, rule: 'deadline-missed' });
  });
  it('按时完成 and 全年完成 are words: met by 完成 or 按时完成', () => {
    expect(score('按时完成', '按时完成', 5)).toMatchObject({ score: '5.00', met: true });
    expect(score('全年完成', '完成', 5)).toMatchObject({ score: '5.00', met: true });
  });
});

describe('qualitative', () => {
  it('the same word as actual is met (seed 004: 相关 / 相关)', () => {
    expect(score('相关', '相关', 1)).toMatchObject({ score: '1.00', met: true, deviation: '0.00' });
    expect(score('提高', '显著提高', 6)).toMatchObject({ score: '6.00', met: true });
  });
  it('a completion percentage gives w × min(p, 100%) (seed 000: 达标 99% of 4 → 3.96, −1.00%; 有效 98% of 10 → 9.80)', () => {
    expect(score('达标', '99%', 4)).toMatchObject({ score: '3.96', deviation: '-1.00', met: false, rule: 'completion' });
    expect(score('有效', '98%', 10)).toMatchObject({ score: '9.80', deviation: '-2.00' });
    expect(score('相关', '100%', 2)).toMatchObject({ score: '2.00', deviation: '0.00', met: true });
    expect(score('达标', '120%', 2)).toMatchObject({ score: '2.00', met: true });
  });
  it('an unrelated word cannot be compared', () => {
    expect(score('达标', '较差', 2)).toMatchObject({ score: null, problem: 'incomparable' });
    expect(score('提高', '未提高', 2)).toMatchObject({ score: null, problem: 'incomparable' });
  });
  it('tier words set a range: a declared score inside it stands, outside it the nearest score inside', () => {
    expect(score('达标', '达成', 5)).toMatchObject({ score: '5.00', met: true, rule: 'tier' });
    expect(score('达标', '达成', 5, { declared: '4' })).toMatchObject({ score: '4.00' });
    expect(score('达标', '部分达成', 5, { declared: '3.5' })).toMatchObject({ score: '3.50', met: false });
    // 部分达成 is 60–80% of 5 with 80% excluded: [3, 4)
    expect(score('达标', '部分达成', 5, { declared: '5' })).toMatchObject({ score: '3.99' });
    expect(score('达标', '部分达成', 5, { declared: '4' })).toMatchObject({ score: '3.99' });
    expect(score('达标', '未达成', 5, { declared: '4' })).toMatchObject({ score: '2.99' });
    const r = scoreIndicator(expr('达标'), expr('部分达成'), new Decimal(5), null, mof);
    expect([r.range?.min.toFixed(2), r.range?.max.toFixed(2)]).toEqual(['3.00', '4.00']);
  });
});

describe('deadline', () => {
  it('a completion percentage (seed 002: 7月31日前, 100% of 5 → 5)', () => {
    expect(score('7月31日前', '100%', 5)).toMatchObject({ score: '5.00', met: true });
  });
  it('a date on or before the deadline is met', () => {
    expect(score('7月31日前', '7月20日', 5)).toMatchObject({ score: '5.00', met: true });
    expect(score('12月底前', '2022年12月31日', 5)).toMatchObject({ score: '5.00', met: true });
  });
  it('a date after it is scored like a tier below 达成', () => {
    expect(score('7月31日前', '8月15日', 5, { declared: '4.5' })).toMatchObject({ score: '3.99', met: false, rule: 'deadline-missed' });
    expect(score('7月31日前', '8月15日', 5, { declared: '3' })).toMatchObject({ score: '3.00' });
  });
  it('an unrelated word is not met: it cannot be compared', () => {
    expect(score('7月31日前', '较差', 5)).toMatchObject({ score: null, problem: 'incomparable' });
    expect(score('7月31日前', '良好', 5)).toMatchObject({ score: null, problem: 'incomparable' });
  });
  it('按时 / 完成 are met', () => {
    expect(score('7月31日前', '按时', 5)).toMatchObject({ score: '5.00', met: true });
    expect(score('7月31日前', '完成', 5)).toMatchObject({ score: '5.00', met: true });
  });
});

describe('rounding', () => {
  it('half up to 2 decimals in decimal arithmetic: 1.005 → 1.01 (binary floating point gives 1.00)', () => {
    expect(roundTo(new Decimal('1.005'), mof.rounding).toFixed(2)).toBe('1.01');
    expect(Math.round(1.005 * 100) / 100).toBe(1); // what a number would do
    expect(roundTo(new Decimal('2.675'), mof.rounding).toFixed(2)).toBe('2.68');
    expect(roundTo(new Decimal('-1.005'), mof.rounding).toFixed(2)).toBe('-1.01');
  });
  it('each row is rounded on its own: 3 × 72.41% → 2.17', () => {
    expect(score('≥100%', '72.41%', 3).score).toBe('2.17');
  });
  it('truncation when the profile says so', () => {
    const truncate = { ...mof, rounding: { decimals: 2, mode: 'truncate' as const } };
    expect(score('≥99%', '98%', 4, { profile: truncate }).score).toBe('3.95');
  });
  it('no row scores above its weight', () => {
    expect(score('≥50%', '100%', 3).score).toBe('3.00');
  });
});

describe('budget block', () => {
  const budget = (b: string, e: string, profile: Profile) => {
    const r = scoreBudget(new Decimal(b), new Decimal(e), new Decimal(10), profile);
    return [r.rate?.toFixed(2), r.score.toFixed(2)];
  };
  it('benchmark 100% (seed 004: 173.65 / 234 = 74.21% → 7.42)', () => {
    expect(budget('234', '173.65', mof)).toEqual(['74.21', '7.42']);
  });
  it('benchmark 90% (seed 000: 273.8 / 378.1 = 72.41% → 8.05; seed 002: 615.33 / 923.86 = 66.60% → 7.40)', () => {
    expect(budget('378.1', '273.8', shangjie)).toEqual(['72.41', '8.05']);
    expect(budget('923.86', '615.33', shangjie)).toEqual(['66.60', '7.40']);
  });
  it('at or over the benchmark scores the weight; no budget scores 0', () => {
    expect(budget('100', '95', shangjie)).toEqual(['95.00', '10.00']);
    expect(budget('0', '0', mof)).toEqual([undefined, '0.00']);
  });
});

describe('grades', () => {
  it('优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below', () => {
    expect(['95.81', '90', '89.99', '80', '60', '59.99'].map((t) => gradeOf(new Decimal(t), mof))).toEqual(['优', '优', '良', '良', '中', '差']);
  });
});
