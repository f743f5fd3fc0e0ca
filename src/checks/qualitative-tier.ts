// A self-score outside the range a tier word (达成 / 部分达成 / 未达成) or a missed deadline allows.
import { inRange } from '../engine/score.js';
import type { Check } from './types.js';

export const qualitativeTier: Check<'qualitative-tier'> = {
  code: 'qualitative-tier',
  severity: 'error',
  row({ raw, indicator, result: { declaredScore }, scored }) {
    const range = scored?.range ?? null;
    if (range === null || declaredScore === null || inRange(declaredScore, range)) return [];
    return [{ ref: raw.score.ref, indicator, data: { declared: declaredScore, min: range.min, max: range.max, maxIncluded: range.maxIncluded } }];
  },
};
