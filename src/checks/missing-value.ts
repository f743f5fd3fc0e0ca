// A value that is not there: a row's target, actual or weight (name too), the budget block's amounts,
// or the budget block itself.
import type { Raised } from '../model.js';
import type { Check } from './types.js';

export const missingValue: Check<'missing-value'> = {
  code: 'missing-value',
  severity: 'error',
  subject: (data) => (data.field === 'budget-block' ? 'budget' : null),
  row: ({ raw, indicator, issues }) =>
    issues.filter((i) => i.issue === 'missing').map(({ field }) => ({ ref: raw[field].ref, indicator, data: { field } })),
  table({ budget }) {
    if (budget === null) return [{ ref: null, indicator: null, data: { field: 'budget-block' } }];
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
