// A row that needs a reason (偏差原因) by the profile's rules and has none: it misses its target, or it
// meets it but is scored below its weight (扣分须说明原因), its deviation is beyond a bound, or it over-achieves; or the budget
// execution rate is under the profile's bound with no reason on the 预算执行率 row.
import { Decimal } from 'decimal.js';
import { round2 } from '../engine/numbers.js';
import type { FindingData } from '../model.js';
import type { Check, RowContext } from './types.js';

/** Why the profile requires a reason for this row, or null when it does not. */
function why({ result, scored, profile }: RowContext): FindingData['missing-reason'] | null {
  if (scored === null || scored.problem !== null || result.reason !== null) return null;
  const rules = profile.reasons;
  const weight = result.weight!;
  const scoredBelow = [scored.score, result.declaredScore].some((s) => s !== null && s.lt(weight));
  const score = result.declaredScore ?? scored.score ?? new Decimal(0);
  if (rules.missed && scored.met === false && result.target !== null && result.actual !== null) {
    return { why: 'missed', target: result.target, actual: result.actual, score, weight };
  }
  if (rules.belowWeight && scoredBelow) return { why: 'below-weight', score, weight };
  if (rules.deviationBeyond !== null && scored.deviation !== null && scored.deviation.abs().gt(rules.deviationBeyond)) {
    return { why: 'deviation', deviation: scored.deviation, limit: new Decimal(rules.deviationBeyond) };
  }
  const { target, actual } = result;
  if (rules.overAchievement !== null && target && actual && (target.kind === 'at-least' || target.kind === 'exact') && 'value' in actual && target.value.gt(0)) {
    const ratio = actual.value.div(target.value).times(100);
    if (ratio.gte(rules.overAchievement)) return { why: 'over-achievement', ratio: round2(ratio), limit: new Decimal(rules.overAchievement) };
  }
  return null;
}

export const missingReason: Check<'missing-reason'> = {
  code: 'missing-reason',
  severity: 'error',
  row(ctx) {
    const data = why(ctx);
    // At the reason cell, or at the 得分 cell when the table has no reason column.
    return data === null ? [] : [{ ref: (ctx.raw.reason ?? ctx.raw.score).ref, indicator: ctx.indicator, data }];
  },
  // Some practices require a reason when the budget execution rate is low: on a 预算执行率 row, or the block itself.
  table({ budget, indicators, profile }) {
    const limit = profile.reasons.budgetRateBelow;
    const rate = budget?.result.rate ?? null;
    if (limit === null || budget === null || rate === null || rate.gte(limit)) return [];
    if (indicators.some((row) => row.budgetRate && row.reason !== null)) return [];
    const { raw } = budget.result;
    return [{ ref: (raw.rate ?? raw.label).ref, indicator: raw.label.text, data: { why: 'budget-rate', rate, limit: new Decimal(limit) } }];
  },
};
