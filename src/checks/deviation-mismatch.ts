// A declared 偏差度 that differs from the computed one.
import { percentDiffers } from './compare.js';
import type { Check } from './types.js';

export const deviationMismatch: Check<'deviation-mismatch'> = {
  code: 'deviation-mismatch',
  severity: 'warning',
  row({ raw, indicator, scored, profile }) {
    const computed = scored?.deviation ?? null;
    if (computed === null || raw.deviation === null) return [];
    const declared = percentDiffers(raw.deviation, computed, profile.tolerance);
    return declared === null ? [] : [{ ref: raw.deviation.ref, indicator, data: { declared, computed } }];
  },
};
