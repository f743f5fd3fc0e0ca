// Plain numbers as users type them into weight, score, amount and rate cells.
import { Decimal } from 'decimal.js';
import { compactText } from './normalize.js';

/**
 * A number as users type it into a weight, score or amount cell: spaces, thousands separators,
 * full-width digits, a trailing `分`, `万元` or `万` are allowed. Null when the text is not one number.
 */
export function parseNumber(text: string | null): Decimal | null {
  if (text === null) return null;
  const t = compactText(text).replace(/,/g, '').replace(/(分|万元|万|元)$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return new Decimal(t);
}

/**
 * A declared percentage (执行率, 偏差度): `72.41`, `72.41%` and `-27.59%` are percentage points.
 * Returns the points, and whether the text carried a percent sign.
 */
export function parsePercent(text: string | null): { points: Decimal; sign: boolean } | null {
  if (text === null) return null;
  const t = compactText(text);
  const sign = t.endsWith('%');
  const n = parseNumber(sign ? t.slice(0, -1) : t);
  return n === null ? null : { points: n, sign };
}
