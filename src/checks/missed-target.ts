// A row that misses its target and says why (偏差原因): listed, so that the unit can proof-read the
// reasons the bureau will read. Information only; a profile may turn it off like any code.
import type { Check } from './types.js';

export const missedTarget: Check<'missed-target'> = {
  code: 'missed-target',
  severity: 'info',
  row({ raw, result, scored, indicator }) {
    if (scored === null || scored.problem !== null || scored.met !== false || result.reason === null) return [];
    const { target, actual } = result;
    if (target === null || actual === null) return [];
    return [{ ref: (raw.reason ?? raw.actual).ref, indicator, data: { target, actual, deviation: result.deviation, reason: result.reason } }];
  },
};
