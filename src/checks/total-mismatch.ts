// A declared 总分 that differs from the computed total.
import { differs } from './compare.js';
import type { Check } from './types.js';

export const totalMismatch: Check<'total-mismatch'> = {
  code: 'total-mismatch',
  severity: 'warning',
  subject: 'total',
  table({ table, total, declaredTotal, profile }) {
    if (declaredTotal === null || table.declaredTotal === null || !differs(declaredTotal, total, profile.tolerance)) return [];
    return [{ ref: table.declaredTotal.ref, indicator: null, data: { declared: declaredTotal, computed: total } }];
  },
};
