// Reading plain numbers (weights, scores, amounts, declared rates) and rounding them.
import { Decimal } from 'decimal.js';
import type { Rounding } from '../model.js';

const FULL_WIDTH = /[０-９．－＋％，]/g;

function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * A number as users type it into a weight, score or amount cell: spaces, thousands separators,
 * full-width digits, a trailing `分`, `万元` or `万` are allowed. Null when the text is not one number.
 */
export function parseNumber(text: string | null): Decimal | null {
  if (text === null) return null;
  const t = toHalfWidth(text).replace(/[\s,]/g, '').replace(/(分|万元|万|元)$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return new Decimal(t);
}

/**
 * A declared percentage (执行率, 偏差度): `72.41`, `72.41%` and `-27.59%` are percentage points.
 * Returns the points, and whether the text carried a percent sign.
 */
export function parsePercent(text: string | null): { points: Decimal; sign: boolean } | null {
  if (text === null) return null;
  const t = toHalfWidth(text).replace(/\s/g, '');
  const sign = t.endsWith('%');
  const n = parseNumber(sign ? t.slice(0, -1) : t);
  return n === null ? null : { points: n, sign };
}

/** Rounds a row score, a rate or a deviation (half up by default, never binary floating point). */
export function roundTo(value: Decimal, rounding: Rounding): Decimal {
  return value.toDecimalPlaces(rounding.decimals, rounding.mode === 'half-up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_DOWN);
}

/** Half-up to 2 decimals: rates and deviations, whatever the profile says of scores. */
export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
