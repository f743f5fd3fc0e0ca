// A declared score that differs from the computed one by more than the profile's tolerance.
import { inRange } from '../engine/score.js';
import { differs } from './compare.js';
import type { Check } from './types.js';

export const scoreMismatch: Check<'score-mismatch'> = {
  code: 'score-mismatch',
  severity: 'warning',
  row({ raw, indicator, result: { declaredScore }, scored, profile }) {
    if (scored === null || scored.score === null || declaredScore === null) return [];
    // A score outside its tier's range is that range's finding (qualitative-tier), not this one.
    if (scored.range !== null && !inRange(declaredScore, scored.range)) return [];
    if (!differs(declaredScore, scored.score, profile.tolerance)) return [];
    return [{ ref: raw.score.ref, indicator, data: { declared: declaredScore, computed: scored.score } }];
  },
};
