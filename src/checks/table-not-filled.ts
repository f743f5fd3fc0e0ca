// A table published unfilled (the template as sent out, 完成值 and 得分 empty on every row): said once,
// besides the missing values of its rows, so that nobody reads its total as a score. Its weights and
// total are then not checked (weight-sum, level-weight, total-mismatch, grade-mismatch).
import type { Check } from './types.js';

export const tableNotFilled: Check<'table-not-filled'> = {
  code: 'table-not-filled',
  severity: 'error',
  subject: 'total',
  table({ indicators, filled }) {
    if (filled) return [];
    return [{ ref: indicators[0]!.raw.actual.ref, indicator: null, data: { rows: indicators.length } }];
  },
};
