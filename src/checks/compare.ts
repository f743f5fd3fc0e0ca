// How checks compare a declared value with the computed one: within the profile's tolerance.
import { Decimal } from 'decimal.js';
import { parsePercent } from '../engine/numbers.js';
import type { CellText } from '../model.js';

/** Whether a declared value differs from the computed one by more than the tolerance; a declared value is compared as written. */
export function differs(declared: Decimal, computed: Decimal, tolerance: number): boolean {
  return declared.minus(computed).abs().gt(tolerance);
}

/**
 * A declared percentage (执行率, 偏差度) that differs from the computed one, in points; null when it
 * matches, as points, as points written with fewer decimals (`86%` for 86.20%) or (written without a %
 * sign) as a fraction (0.7241), or when none is declared.
 */
export function percentDiffers(declared: CellText | null, computed: Decimal, tolerance: number): Decimal | null {
  const p = parsePercent(declared?.text ?? null);
  if (p === null) return null;
  if (!differs(p.points, computed, tolerance)) return null;
  // Written with fewer decimals (`86%` for 86.20%): the computed one rounded as it was written.
  const decimals = /[.．]([0-9０-９]+)/.exec(declared!.text!)?.[1]!.length ?? 0;
  if (p.sign && decimals < 2 && computed.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).eq(p.points)) return null;
  if (!p.sign && !differs(p.points.times(100), computed, tolerance)) return null;
  return p.points;
}
