// Explaining a score: the parsed target and actual, the rule that applied, its formula with the
// numbers, the cap and the rounding (`结转结余率: at most 20%, actual 25.79% → ratio rule:
// 1 × 20 / 25.79 = 0.7755… → 0.78`).
import { Decimal } from 'decimal.js';
import { explainWordsFor } from '../i18n/explain.js';
import type { Expression, Lang } from '../model.js';
import type { Profile } from '../schema/profile.js';
import { describeExpression } from './describe.js';
import type { BudgetScore, RowScore } from './score.js';

/** A value as shown in a formula's result: up to 4 decimals (half up), `…` when there are more. */
function approx(d: Decimal): string {
  return d.decimalPlaces() > 4 ? `${d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4)}…` : d.toFixed();
}

function describe(expr: Expression, lang: Lang): string {
  const w = explainWordsFor(lang);
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

/** `= value` unless the formula is that value already. */
function equals(formula: string, value: Decimal): string {
  return formula === value.toFixed() ? '' : ` = ${approx(value)}`;
}

export function explainRow(name: string, target: Expression, actual: Expression, weight: Decimal, s: RowScore, lang: Lang): string {
  const w = explainWordsFor(lang);
  const head = `${name}${w.colon}${describe(target, lang)}${w.comma}${w.actual} ${describeExpression(actual)}`;
  if (s.score === null || s.rule === null || s.formula === null || s.value === null) return `${head} → ${w.notScored}`;
  const cap = s.capped ? w.cappedAt(weight.toFixed()) : '';
  return `${head} → ${w.rules[s.rule]}${w.colon}${s.formula}${equals(s.formula, s.value)}${cap} → ${s.score.toFixed(2)}`;
}

export function explainBudget(budget: Decimal, executed: Decimal, b: BudgetScore, profile: Profile, lang: Lang): string {
  const w = explainWordsFor(lang);
  const rate = b.rate === null ? '' : `${executed.toFixed()} / ${budget.toFixed()} = ${b.rate.toFixed(2)}% → `;
  const rule = profile.budget.rule === 'steps' ? w.budgetSteps : w.budgetRatio(String(profile.budget.benchmark));
  return `${w.budget}${w.colon}${rate}${rule}${w.colon}${b.formula}${equals(b.formula, b.value)} → ${b.score.toFixed(2)}`;
}

export function explainTotal(parts: Decimal[], total: Decimal, grade: string, lang: Lang): string {
  const w = explainWordsFor(lang);
  return `${w.total}${w.colon}${parts.map((p) => p.toFixed(2)).join(' + ')} = ${total.toFixed(2)} → ${grade}`;
}
