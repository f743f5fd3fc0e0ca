// A declared 总分 that differs from the computed total: a warning while both totals fall in one grade,
// an error when the declared total claims another grade than the computed one (99.60 优 against 88.60 良).
import { gradeOf } from '../engine/score.js';
import { differs } from './compare.js';
import type { Check } from './types.js';

export const totalMismatch: Check<'total-mismatch'> = {
  code: 'total-mismatch',
  severity: 'warning',
  subject: 'total',
  table({ filled, table, total, declaredTotal, profile }) {
    if (!filled) return [];
    if (declaredTotal === null || table.declaredTotal === null || !differs(declaredTotal, total, profile.tolerance)) return [];
    const declaredGrade = gradeOf(declaredTotal, profile);
    const computedGrade = gradeOf(total, profile);
    const data = { declared: declaredTotal, computed: total, declaredGrade, computedGrade };
    return [{ ref: table.declaredTotal.ref, indicator: null, data, ...(declaredGrade !== computedGrade && { severity: 'error' as const }) }];
  },
};
