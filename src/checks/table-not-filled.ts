// A table published unfilled (the template as sent out, 完成值 and 得分 empty on every row): said once,
// above the missing values of its rows, so that nobody reads its total as a score.
import { isPlaceholder } from '../text/normalize.js';
import type { Check } from './types.js';

export const tableNotFilled: Check<'table-not-filled'> = {
  code: 'table-not-filled',
  severity: 'error',
  subject: 'total',
  table({ indicators }) {
    const empty = (text: string | null) => text === null || isPlaceholder(text);
    if (indicators.length === 0 || !indicators.every((r) => empty(r.raw.actual.text) && empty(r.raw.score.text))) return [];
    const first = indicators[0]!.raw.actual;
    return [{ ref: first.ref, indicator: null, data: { rows: indicators.length } }];
  },
};
