// A declared 执行率 or budget score that differs from the one computed from the amounts.
import type { Raised } from '../model.js';
import { differs, percentDiffers } from './compare.js';
import type { Check } from './types.js';

export const budgetMismatch: Check<'budget-mismatch'> = {
  code: 'budget-mismatch',
  severity: 'warning',
  subject: 'budget',
  table({ budget, profile }) {
    if (budget === null || budget.result.score === null) return [];
    const { rate, score, declaredScore, raw } = budget.result;
    const found: Raised<'budget-mismatch'>[] = [];
    if (rate !== null && raw.rate) {
      const declared = percentDiffers(raw.rate, rate, profile.tolerance);
      if (declared !== null) found.push({ ref: raw.rate.ref, indicator: raw.label.text, data: { figure: 'rate', declared, computed: rate } });
    }
    if (declaredScore !== null && raw.score && differs(declaredScore, score, profile.tolerance)) {
      found.push({ ref: raw.score.ref, indicator: raw.label.text, data: { figure: 'score', declared: declaredScore, computed: score } });
    }
    return found;
  },
};
