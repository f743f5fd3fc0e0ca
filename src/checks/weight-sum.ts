// Weights that do not add up: the rows of a first level against the weight its label declares, and
// all weights (the budget block's included) against 100.
import { Decimal } from 'decimal.js';
import type { Raised } from '../model.js';
import { parseNumber } from '../text/numbers.js';
import type { Check } from './types.js';

const TOTAL_WEIGHT = new Decimal(100);

export const weightSum: Check<'weight-sum'> = {
  code: 'weight-sum',
  severity: 'error',
  subject: 'weights',
  table({ filled, table, levels, indicators, budget }) {
    if (!filled) return [];
    const found: Raised<'weight-sum'>[] = [];
    for (const level of levels) {
      if (level.declaredWeight !== null && !level.weight.eq(level.declaredWeight)) {
        const ref = table.levels.find((l) => l.name === level.name)?.ref ?? null;
        found.push({ ref, indicator: level.name, data: { scope: 'level', level: level.name, sum: level.weight, declared: level.declaredWeight } });
      }
    }
    // A caption's block (`年度绩效目标2（40分）`): the rows from its row to the next caption's.
    table.captions.forEach((caption, i) => {
      if (caption.declaredWeight === null) return;
      const declared = parseNumber(caption.declaredWeight);
      if (declared === null) return;
      const end = table.captions[i + 1]?.ref.row ?? Infinity;
      const rows = indicators.filter((r) => r.raw.name.ref.row > caption.ref.row && r.raw.name.ref.row < end);
      const sum = rows.reduce((s, r) => s.plus(r.weight ?? 0), new Decimal(0));
      if (!sum.eq(declared)) found.push({ ref: caption.ref, indicator: caption.name, data: { scope: 'level', level: caption.name, sum, declared } });
    });
    // The total is only checked when every row's weight could be read.
    if (indicators.every((row) => row.weight !== null)) {
      const budgetWeight = budget?.result.weight ?? new Decimal(0);
      const sum = levels.reduce((s, l) => s.plus(l.weight), budgetWeight);
      if (!sum.eq(TOTAL_WEIGHT)) found.push({ ref: null, indicator: null, data: { scope: 'total', sum, budget: budgetWeight, expected: TOTAL_WEIGHT } });
    }
    return found;
  },
};
