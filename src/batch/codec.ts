// Reports cross from a worker thread to the main one by structured clone, which keeps plain data but
// not classes: a Decimal would arrive as a bare object. Decimals travel as `{ $decimal: '12.34' }`.
import { Decimal } from 'decimal.js';

const KEY = '$decimal';

/** A copy of `value` with every Decimal replaced by its marker. */
export function encodeDecimals(value: unknown): unknown {
  if (value instanceof Decimal) return { [KEY]: value.toString() };
  if (Array.isArray(value)) return value.map(encodeDecimals);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeDecimals(v);
    return out;
  }
  return value;
}

/** `value` with every marker turned back into a Decimal, in place. */
export function decodeDecimals<T>(value: unknown): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeDecimals(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const marker = record[KEY];
    if (typeof marker === 'string' && Object.keys(record).length === 1) return new Decimal(marker) as T;
    for (const k of Object.keys(record)) record[k] = decodeDecimals(record[k]);
  }
  return value as T;
}
