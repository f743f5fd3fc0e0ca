// A comparator written after the number (`20≤`): read as `≤20`, and said.
import type { Raised } from '../model.js';
import type { Check } from './types.js';

export const ambiguousComparator: Check<'ambiguous-comparator'> = {
  code: 'ambiguous-comparator',
  severity: 'warning',
  row({ raw, indicator, parsed }) {
    const found: Raised<'ambiguous-comparator'>[] = [];
    for (const field of ['target', 'actual'] as const) {
      const p = parsed[field];
      if (p?.ok && p.comparatorAfter) found.push({ ref: raw[field].ref, indicator, data: { text: raw[field].text ?? '', read: p.expr } });
    }
    return found;
  },
};
