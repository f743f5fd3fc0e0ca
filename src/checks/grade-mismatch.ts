// A declared grade that differs from the grade of the computed total (优秀 declares 优): an error, as
// the grade is what the bureau files and ranks by.
import type { Check } from './types.js';

export const gradeMismatch: Check<'grade-mismatch'> = {
  code: 'grade-mismatch',
  severity: 'error',
  subject: 'grade',
  table({ filled, table, grade, total }) {
    if (!filled) return [];
    const declared = table.declaredGrade?.text ?? null;
    if (table.declaredGrade === null || declared === null || declared.startsWith(grade)) return [];
    return [{ ref: table.declaredGrade.ref, indicator: null, data: { declared, computed: grade, total } }];
  },
};
