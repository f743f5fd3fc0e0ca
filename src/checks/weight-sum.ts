// Weights that do not add up: the rows of a first level against the weight its label declares, and
// all weights (the budget block's included) against 100.
import { Decimal } from 'decimal.js';
import type { Raised } from '../model.js';
import type { Check } from './types.js';

const TOTAL_WEIGHT = new Decimal(100);

export const weightSum: Check<'weight-sum'> = {
  code: 'weight-sum',
  severity: 'error',
  subject: 'weights',
  table({ table, levels, indicators, budget }) {
    const found: Raised<'weight-sum'>[] = [];
    for (const level of levels) {
      if (level.declaredWeight !== null && !level.weight.eq(level.declaredWeight)) {
        const ref = table.levels.find((l) => l.name === level.name)?.ref ?? null;
        found.push({ ref, indicator: level.name, data: { scope: 'level', level: level.name, sum: level.weight, declared: level.declaredWeight } });
      }
    }
    // The total is only checked when every row's weight could be read.
    if (indicators.every((row) => row.weight !== null)) {
      const budgetWeight = budget?.result.weight ?? new Decimal(0);
      const sum = levels.reduce((s, l) => s.plus(l.weight), budgetWeight);
      if (!sum.eq(TOTAL_WEIGHT)) found.push({ ref: null, indicator: null, data: { scope: 'total', sum, budget: budgetWeight, expected: TOTAL_WEIGHT } });
    }
    return found;
  },
};
