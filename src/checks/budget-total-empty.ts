// The budget block's total row holds no amounts (empty or 0) while its sub-rows do: scored from them.
import type { Check } from './types.js';

export const budgetTotalEmpty: Check<'budget-total-empty'> = {
  code: 'budget-total-empty',
  severity: 'warning',
  subject: 'budget',
  table({ budget }) {
    if (budget === null || budget.subRows === null) return [];
    const { raw } = budget.result;
    const { labels, budget: amount, executed } = budget.subRows;
    const label = raw.label.text;
    return [{ ref: (raw.adjusted ?? raw.initial ?? raw.executed ?? raw.label).ref, indicator: label, data: { label: label ?? '', lines: labels, budget: amount, executed } }];
  },
};
