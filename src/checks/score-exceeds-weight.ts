// A declared score above the row's weight.
import type { Check } from './types.js';

export const scoreExceedsWeight: Check<'score-exceeds-weight'> = {
  code: 'score-exceeds-weight',
  severity: 'error',
  row({ raw, indicator, result: { weight, declaredScore } }) {
    if (weight === null || declaredScore === null || !declaredScore.gt(weight)) return [];
    return [{ ref: raw.score.ref, indicator, data: { declared: declaredScore, weight } }];
  },
};
