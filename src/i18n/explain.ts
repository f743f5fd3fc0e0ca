// Explanations in words (`perf-score explain`, notes in the scored copy, JSON), zh and en: the
// parsed target and actual, the rule that applied, its formula with the numbers, the cap and the
// rounding (`结转结余率: at most 20%, actual 25.79% → ratio rule: 1 × 20 / 25.79 = 0.7755… → 0.78`).
import { Decimal } from 'decimal.js';
import type { BudgetExplanation, Explanation, Expression, Formula, Lang, RowExplanation, RuleId, TotalExplanation } from '../model.js';
import { describeExpression } from './describe.js';

const zh = {
  colon: '：',
  comma: '，',
  atLeast: (v: string) => `不低于${v}`,
  atMost: (v: string) => `不高于${v}`,
  exact: (v: string) => `${v}`,
  word: (w: string) => `“${w}”`,
  deadline: (d: string) => d,
  tier: (t: string) => t,
  target: '指标值',
  actual: '实际完成值',
  rules: {
    met: '达成，得满分',
    'at-least-ratio': '按完成比例',
    'exact-zero': '目标为 0 未达成',
    'reverse-ratio': '反向指标按比例（A/B）',
    'reverse-linear': '反向指标线性扣分',
    'reverse-per-point': '反向指标按点扣分',
    completion: '按完成程度',
    tier: '自评得分须在档次区间内',
    'deadline-missed': '逾期，自评得分须在区间内',
  } satisfies Record<RuleId, string>,
  cappedAt: (w: string) => `（以分值 ${w} 为上限）`,
  notScored: '无法计分',
  budget: '预算执行',
  budgetRatio: (benchmark: string) => `按执行率与 ${benchmark}% 之比`,
  budgetSteps: '按执行率分档',
  total: '总分',
};

type Words = typeof zh;

const en: Words = {
  colon: ': ',
  comma: ', ',
  atLeast: (v) => `at least ${v}`,
  atMost: (v) => `at most ${v}`,
  exact: (v) => `exactly ${v}`,
  word: (w) => `"${w}"`,
  deadline: (d) => `by ${d}`,
  tier: (t) => t,
  target: 'target',
  actual: 'actual',
  rules: {
    met: 'met, full weight',
    'at-least-ratio': 'ratio rule',
    'exact-zero': 'target 0 missed',
    'reverse-ratio': 'ratio rule',
    'reverse-linear': 'linear rule',
    'reverse-per-point': 'per-point rule',
    completion: 'completion rule',
    tier: 'the self-score must lie in the tier range',
    'deadline-missed': 'deadline missed: the self-score must lie in the range',
  },
  cappedAt: (w) => ` (capped at the weight ${w})`,
  notScored: 'cannot be scored',
  budget: 'budget execution',
  budgetRatio: (benchmark) => `ratio to ${benchmark}%`,
  budgetSteps: 'rate steps',
  total: 'total',
};

function wordsFor(lang: Lang): Words {
  return lang === 'en' ? en : zh;
}

/** A number as it stands in a formula: as written, no trailing zeros. */
function n(d: Decimal): string {
  return d.toFixed();
}

/** A formula with its numbers (`1 × 20 / 25.79`): the same in every language. */
export function renderFormula(f: Formula): string {
  switch (f.kind) {
    case 'value':
      return n(f.value);
    case 'ratio':
      return `${n(f.weight)} × ${n(f.numerator)} / ${n(f.denominator)}`;
    case 'linear':
      return `${n(f.weight)} × (1 − (${n(f.actual)} − ${n(f.target)}) / ${n(f.target)})`;
    case 'per-point':
      return `${n(f.weight)} − ${n(f.deduction)} × (${n(f.actual)} − ${n(f.target)})`;
    case 'share':
      return `${n(f.weight)} × ${n(f.percent)}%`;
    case 'range':
      return `${n(f.min)}–${n(f.max)}: ${n(f.value)}`;
  }
}

/** A value as shown in a formula's result: up to 4 decimals (half up), `…` when there are more. */
function approx(d: Decimal): string {
  return d.decimalPlaces() > 4 ? `${d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4)}…` : d.toFixed();
}

/** The formula, and ` = value` unless the formula is that value already. */
function formulaWithValue(formula: Formula, value: Decimal): string {
  const text = renderFormula(formula);
  return text === value.toFixed() ? text : `${text} = ${approx(value)}`;
}

function describe(expr: Expression, w: Words): string {
  const text = describeExpression(expr).replace(/^[≥≤<>]/, '');
  switch (expr.kind) {
    case 'at-least':
      return w.atLeast(text);
    case 'at-most':
      return w.atMost(text);
    case 'exact':
      return w.exact(text);
    case 'qualitative':
      return w.word(text);
    case 'deadline':
      return w.deadline(text);
    case 'tier':
      return w.tier(text);
  }
}

function renderRow(e: RowExplanation, w: Words): string {
  const head = `${e.name}${w.colon}${describe(e.target, w)}${w.comma}${w.actual} ${describeExpression(e.actual)}`;
  if (e.score === null || e.rule === null || e.formula === null || e.value === null) return `${head} → ${w.notScored}`;
  const cap = e.capped ? w.cappedAt(e.weight.toFixed()) : '';
  return `${head} → ${w.rules[e.rule]}${w.colon}${formulaWithValue(e.formula, e.value)}${cap} → ${e.score.toFixed(2)}`;
}

function renderBudget(e: BudgetExplanation, w: Words): string {
  const rate = e.rate === null ? '' : `${e.executed.toFixed()} / ${e.budget.toFixed()} = ${e.rate.toFixed(2)}% → `;
  const rule = e.rule.kind === 'steps' ? w.budgetSteps : w.budgetRatio(e.rule.benchmark.toFixed());
  return `${w.budget}${w.colon}${rate}${rule}${w.colon}${formulaWithValue(e.formula, e.value)} → ${e.score.toFixed(2)}`;
}

function renderTotal(e: TotalExplanation, w: Words): string {
  return `${w.total}${w.colon}${e.parts.map((p) => p.toFixed(2)).join(' + ')} = ${e.total.toFixed(2)} → ${e.grade}`;
}

/** An explanation in words, in `lang`. */
export function renderExplanation(e: Explanation, lang: Lang): string {
  const w = wordsFor(lang);
  switch (e.kind) {
    case 'row':
      return renderRow(e, w);
    case 'budget':
      return renderBudget(e, w);
    case 'total':
      return renderTotal(e, w);
  }
}
