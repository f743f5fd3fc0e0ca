// A table whose first levels are those of one of the profile's sets must carry that set's weights.
import { Decimal } from 'decimal.js';
import type { Raised } from '../model.js';
import type { Check } from './types.js';

/** `产出指标 (50分)` and `产出` name the same first level in a profile's expected weights. */
function levelKey(name: string): string {
  return name.replace(/[(（].*$/, '').replace(/指标$/, '');
}

export const levelWeight: Check<'level-weight'> = {
  code: 'level-weight',
  severity: 'warning',
  subject: 'weights',
  table({ filled, table, levels, profile }) {
    if (!filled) return [];
    const names = levels.map((l) => levelKey(l.name)).sort();
    const set = profile.levelWeights.find((s) => Object.keys(s).sort().join('|') === names.join('|'));
    if (!set) return [];
    const found: Raised<'level-weight'>[] = [];
    for (const level of levels) {
      const expected = new Decimal(set[levelKey(level.name)]!);
      const weight = level.declaredWeight ?? level.weight;
      if (!weight.eq(expected)) {
        const ref = table.levels.find((l) => l.name === level.name)?.ref ?? null;
        found.push({ ref, indicator: level.name, data: { level: level.name, weight, expected, profile: profile.name } });
      }
    }
    return found;
  },
};
