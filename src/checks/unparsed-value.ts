// A value that is there but cannot be read: a weight or score that is not a number, a target or
// actual that is no comparison, word or deadline, an actual that cannot be compared with its target
// (units that differ, an unrelated word), a budget figure that is not a number.
import type { Raised } from '../model.js';
import type { Check } from './types.js';

export const unparsedValue: Check<'unparsed-value'> = {
  code: 'unparsed-value',
  severity: 'error',
  row({ raw, indicator, issues, parsed, scored }) {
    const found: Raised<'unparsed-value'>[] = issues
      .filter((i) => i.issue !== 'missing')
      .map(({ field }) => ({ ref: raw[field].ref, indicator, data: { problem: 'not-a-number', field, text: raw[field].text ?? '' } }));
    for (const field of ['target', 'actual'] as const) {
      if (parsed[field]?.ok === false) found.push({ ref: raw[field].ref, indicator, data: { problem: 'not-an-expression', field, text: raw[field].text ?? '' } });
    }
    const problem = scored?.problem;
    if (problem?.kind === 'unit-mismatch') {
      found.push({ ref: raw.actual.ref, indicator, data: { problem: 'unit-mismatch', target: problem.target, actual: problem.actual } });
    } else if (problem?.kind === 'incomparable') {
      found.push({ ref: raw.actual.ref, indicator, data: { problem: 'incomparable', target: raw.target.text ?? '', actual: raw.actual.text ?? '' } });
    }
    return found;
  },
  table: ({ budget }) =>
    (budget?.unreadable ?? []).map(({ field, cell }) => ({
      ref: cell.ref,
      indicator: budget!.result.raw.label.text,
      data: { problem: 'not-a-number', field, text: cell.text ?? '' },
    })),
};
