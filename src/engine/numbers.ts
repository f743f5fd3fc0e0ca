// Rounding scores, rates and deviations; reading plain numbers (weights, scores, amounts, declared rates).
import { Decimal } from 'decimal.js';
import type { Rounding } from '../model.js';

// Reading a number from text is src/text/'s; the engine's modules take it from here.
export { parseNumber, parsePercent } from '../text/numbers.js';

/** Rounds a row score, a rate or a deviation (half up by default, never binary floating point). */
export function roundTo(value: Decimal, rounding: Rounding): Decimal {
  return value.toDecimalPlaces(rounding.decimals, rounding.mode === 'half-up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_DOWN);
}

/** Half-up to 2 decimals: rates and deviations, whatever the profile says of scores. */
export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
