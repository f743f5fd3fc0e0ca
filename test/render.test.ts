// Words at the edge (src/i18n): a finding's or an explanation's data in, a sentence out, in Chinese
// and in English.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { RunError } from '../src/errors.js';
import { renderExplanation } from '../src/i18n/explain.js';
import { renderFinding, ruleTitle } from '../src/i18n/findings.js';
import { FINDING_CODES, type Finding, type FindingCode, type Expression, type FindingData, type RowExplanation } from '../src/model.js';

const d = (n: number | string) => new Decimal(n);
const ROUNDING = { decimals: 2, mode: 'half-up' } as const;

/** A finding of `code` with `data`, at 表!H5. */
function finding<C extends FindingCode>(code: C, data: FindingData[C]): Finding {
  return { code, severity: 'warning', ref: { sheet: '表', address: 'H5', row: 5, col: 8 }, indicator: '指标一', data } as Finding;
}

/** The message of a finding in both languages. */
function both<C extends FindingCode>(code: C, data: FindingData[C]): [string, string] {
  const f = finding(code, data);
  return [renderFinding(f, 'zh'), renderFinding(f, 'en')];
}

describe('renderFinding', () => {
  it('words scores with 2 decimals and sums of weights as they are', () => {
    expect(both('score-mismatch', { declared: d('1.5'), computed: d(2) })).toEqual(['自评得分 1.50，按规则应为 2.00', 'declared score 1.50, the rules give 2.00']);
    expect(both('weight-sum', { scope: 'level', level: '产出指标', sum: d('39.5'), declared: d(40) })).toEqual([
      '“产出指标”下各指标分值合计 39.5，与标注的 40 分不符',
      'weights under "产出指标" add up to 39.5, not the 40 its label declares',
    ]);
    expect(both('weight-sum', { scope: 'total', sum: d(90), budget: d(0), expected: d(100) })).toEqual([
      '分值合计 90（其中预算执行 0），应为 100',
      'weights add up to 90 (budget execution 0 included), not 100',
    ]);
  });

  it('says why a reason is needed', () => {
    const atLeast85: Expression = { kind: 'at-least', value: d(85), unit: '%', strict: false };
    const exact83: Expression = { kind: 'exact', value: d(83), unit: '%' };
    // The trigger is named with its numbers: a row scored in full whose actual misses its target.
    expect(both('missing-reason', { why: 'missed', target: atLeast85, actual: exact83, score: d(10), weight: d(10) })).toEqual([
      '实际 83%，未达到目标 ≥85%（得分 10.00/10.00），未填写偏差原因',
      'actual 83% misses the target ≥85% (scored 10.00 of 10.00) and no reason given',
    ]);
    expect(both('missing-reason', { why: 'below-weight', score: d('1.5'), weight: d(2) })).toEqual([
      '得分 1.50 低于分值 2.00（已扣分），未填写扣分原因',
      'scored 1.50, below its weight 2.00 (points docked), and no reason given',
    ]);
    expect(both('missed-target', { target: atLeast85, actual: exact83, deviation: d('-2.35'), reason: '受疫情影响' })).toEqual([
      '实际 83%，未达到目标 ≥85%，偏差 -2.35%；原因：受疫情影响',
      'actual 83% misses the target ≥85%, deviation -2.35%; reason: 受疫情影响',
    ]);
    expect(both('missing-reason', { why: 'deviation', deviation: d('28.95'), limit: d(10) })[1]).toBe('deviation 28.95% is beyond ±10% and no reason given');
    expect(both('missing-reason', { why: 'over-achievement', ratio: d(146), limit: d(130) })[0]).toBe('实际完成值达到指标值的 146.00%（不低于 130%），未说明超额完成原因');
    expect(both('missing-reason', { why: 'budget-rate', rate: d('74.21'), limit: d(90) })).toEqual([
      '预算执行率 74.21% 低于 90%，未说明原因',
      'budget execution rate 74.21% is under 90% and no reason given',
    ]);
  });

  it('names the field and the text that cannot be read, and what was missing', () => {
    expect(both('unparsed-value', { problem: 'not-a-number', field: 'rate', text: '九成' })).toEqual(['无法识别执行率“九成”，应为数字', 'cannot read the execution rate "九成": expected a number']);
    expect(both('unparsed-value', { problem: 'not-an-expression', field: 'target', text: '约300' })[0]).toBe(
      '无法识别年度指标值“约300”，应为数字、比较式（≥99%、≤20%、1次）、定性词（达标）或期限（7月31日前）',
    );
    expect(both('unparsed-value', { problem: 'unit-mismatch', target: '万', actual: '万元' })[0]).toBe('指标值单位“万”与实际完成值单位“万元”不一致');
    expect(both('unparsed-value', { problem: 'incomparable', target: '达标', actual: '很好' })[1]).toBe('the actual value "很好" cannot be compared with the target "达标"');
    expect(both('missing-value', { field: 'executed' })).toEqual(['缺少全年执行数', 'missing amount executed']);
    expect(both('missing-value', { field: 'budget-block' })[0]).toBe('未找到预算执行情况（全年预算数、全年执行数）');
  });

  it('writes an expression back as the table would state it', () => {
    expect(both('ambiguous-comparator', { text: '20≤', read: { kind: 'at-most', value: d(20), unit: '%', strict: false } })).toEqual([
      '“20≤”的比较符写在数字之后，按“≤20%”理解',
      '"20≤" has its comparator after the number; read as "≤20%"',
    ]);
  });

  it('writes amounts as given, — for none', () => {
    expect(both('budget-total-empty', { label: '年度资金总额', lines: ['其中：当年财政拨款', '上年结转资金'], budget: d(100), executed: null })).toEqual([
      '预算总额行“年度资金总额”金额为空或为 0，按其下分项（其中：当年财政拨款、上年结转资金）合计计分：预算 100，执行 —',
      'the budget total row "年度资金总额" holds no amounts (empty or 0): scored from its sub-rows (其中：当年财政拨款、上年结转资金), budget 100, executed —',
    ]);
  });

  it('says why a file could not be read: a refusal in its own words, a crash or a worker out of memory', () => {
    const refused = new RunError((ui) => ui.notFound('a.xlsx'));
    expect(both('unreadable-file', { file: 'a.xlsx', cause: { kind: 'refused', error: refused } })).toEqual(['a.xlsx：文件不存在', 'a.xlsx: no such file']);
    expect(both('unreadable-file', { file: 'a.xlsx', cause: { kind: 'crashed', detail: 'boom' } })).toEqual(['内部错误：boom', 'internal error: boom']);
    expect(both('unreadable-file', { file: 'd/m.xlsx', cause: { kind: 'out-of-memory' } })[1]).toBe('d/m.xlsx: ran out of memory while reading it (the file is too large or damaged)');
  });

  it('has a title for every code in both languages', () => {
    for (const code of FINDING_CODES) {
      expect(ruleTitle(code, 'zh')).not.toBe('');
      expect(ruleTitle(code, 'en')).toMatch(/^[A-Z]/);
    }
    expect(ruleTitle('total-mismatch', 'en')).toBe('Declared total differs from the computed total');
  });
});

describe('renderExplanation', () => {
  const row = (over: Partial<RowExplanation>): RowExplanation => ({
    kind: 'row',
    name: '结转结余率',
    target: { kind: 'at-most', value: d(20), unit: '%', strict: false },
    actual: { kind: 'exact', value: d('25.79'), unit: '%' },
    weight: d(1),
    rule: 'reverse-ratio',
    formula: { kind: 'ratio', weight: d(1), numerator: d(20), denominator: d('25.79') },
    value: d(20).div(d('25.79')),
    capped: false,
    rounding: ROUNDING,
    score: d('0.78'),
    ...over,
  });

  it('a row: target and actual, the rule, the formula with its value to 4 decimals, the rounded score', () => {
    expect(renderExplanation(row({}), 'zh')).toBe('结转结余率：不高于20%，实际完成值 25.79% → 反向指标按比例（A/B）：1 × 20 / 25.79 = 0.7755… → 0.78');
    expect(renderExplanation(row({}), 'en')).toBe('结转结余率: at most 20%, actual 25.79% → ratio rule: 1 × 20 / 25.79 = 0.7755… → 0.78');
  });

  it('a row met: the weight alone, no `= value`; a capped value says so', () => {
    const met = row({ name: '预算调整率', target: { kind: 'at-most', value: d(5), unit: '%', strict: false }, actual: { kind: 'exact', value: d(0), unit: '%' }, rule: 'met', formula: { kind: 'value', value: d(1) }, value: d(1), score: d(1) });
    expect(renderExplanation(met, 'en')).toBe('预算调整率: at most 5%, actual 0% → met, full weight: 1 → 1.00');
    const capped = row({ rule: 'completion', formula: { kind: 'share', weight: d(1), percent: d(120) }, value: d('1.2'), capped: true, score: d(1) });
    expect(renderExplanation(capped, 'zh')).toBe('结转结余率：不高于20%，实际完成值 25.79% → 按完成程度：1 × 120% = 1.2（以分值 1 为上限） → 1.00');
  });

  it('a row that could not be scored says so', () => {
    expect(renderExplanation(row({ rule: null, formula: null, value: null, score: null }), 'en')).toBe('结转结余率: at most 20%, actual 25.79% → cannot be scored');
  });

  it('the budget block: rate, rule, formula; steps', () => {
    const budget = {
      kind: 'budget' as const,
      budget: d(234),
      executed: d('173.65'),
      rate: d('74.21'),
      rule: { kind: 'ratio' as const, benchmark: d(100) },
      formula: { kind: 'ratio' as const, weight: d(10), numerator: d('74.21'), denominator: d(100) },
      value: d('7.421'),
      rounding: ROUNDING,
      score: d('7.42'),
    };
    expect(renderExplanation(budget, 'en')).toBe('budget execution: 173.65 / 234 = 74.21% → ratio to 100%: 10 × 74.21 / 100 = 7.421 → 7.42');
    const steps = { ...budget, rule: { kind: 'steps' as const }, formula: { kind: 'share' as const, weight: d(10), percent: d(50) }, value: d(5), score: d(5) };
    expect(renderExplanation(steps, 'zh')).toBe('预算执行：173.65 / 234 = 74.21% → 按执行率分档：10 × 50% = 5 → 5.00');
  });

  it('the total: its parts, their sum, the grade', () => {
    const total = { kind: 'total' as const, parts: [d('7.42'), d('19.78'), d(40), d(30)], total: d('97.2'), grade: '优' };
    expect(renderExplanation(total, 'zh')).toBe('总分：7.42 + 19.78 + 40.00 + 30.00 = 97.20 → 优');
    expect(renderExplanation(total, 'en')).toBe('total: 7.42 + 19.78 + 40.00 + 30.00 = 97.20 → 优');
  });
});
