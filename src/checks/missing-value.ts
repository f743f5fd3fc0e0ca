// A value that is not there: a row's target, actual or weight (name too), the budget block's amounts,
// or the budget block itself (when nothing else scores budget execution and the weights fall short of 100).
import { Decimal } from 'decimal.js';
import type { Raised } from '../model.js';
import type { Check } from './types.js';

/** Whether weights, every one of them read, add up to 100. */
function makeHundred(weights: (Decimal | null)[]): boolean {
  if (weights.length === 0 || weights.some((w) => w === null)) return false;
  return weights.reduce((sum: Decimal, w) => sum.plus(w!), new Decimal(0)).eq(100);
}

export const missingValue: Check<'missing-value'> = {
  code: 'missing-value',
  severity: 'error',
  subject: (data) => (data.field === 'budget-block' ? 'budget' : null),
  row: ({ raw, indicator, issues }) =>
    issues.filter((i) => i.issue === 'missing').map(({ field }) => ({ ref: raw[field].ref, indicator, data: { field } })),
  table({ table, budget, indicators, levels }) {
    if (budget === null) {
      // Not missing: a block that lists the money only, a 预算执行率 row, or first levels that make 100
      // without a block (their rows' weights, or the weights their labels declare).
      const whole = makeHundred(indicators.map((r) => r.weight)) || makeHundred(levels.map((l) => l.declaredWeight));
      if (table.budget !== null || indicators.some((r) => r.budgetRate) || whole) return [];
      return [{ ref: null, indicator: null, data: { field: 'budget-block' } }];
    }
    const { result, unreadable } = budget;
    const { raw } = result;
    // The adjusted full-year budget; 年初预算数 only when no adjusted figure is given.
    const amount = result.adjusted ?? result.initial;
    if (amount !== null && result.executed !== null) return [];
    const missing = amount === null ? (raw.adjusted ?? raw.initial) : raw.executed;
    // A figure that is there but is not a number is said at its cell (unparsed-value), never taken as missing.
    if (missing !== null && unreadable.some((u) => u.cell === missing)) return [];
    const found: Raised<'missing-value'> = { ref: (missing ?? raw.label).ref, indicator: raw.label.text, data: { field: amount === null ? 'budget' : 'executed' } };
    return [found];
  },
};
