// Naming cells the way users do: column letters, and `sheet!A1` for a reference.
import type { CellRef } from './model.js';

/** Column number → letters (1 → A, 28 → AB). */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Column letters → number (A → 1, AB → 28). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** `自评表!H23`; null for no cell. */
export function cellName(ref: CellRef): string;
export function cellName(ref: CellRef | null): string | null;
export function cellName(ref: CellRef | null): string | null {
  return ref ? `${ref.sheet}!${ref.address}` : null;
}
