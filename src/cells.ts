// Naming cells the way users do: column letters, and `sheet!A1` for a reference.
import type { CellRef } from './model.js';

export { columnLetters, columnNumber } from './ooxml/spreadsheet.js';

/** `自评表!H23`; null for no cell. */
export function cellName(ref: CellRef): string;
export function cellName(ref: CellRef | null): string | null;
export function cellName(ref: CellRef | null): string | null {
  return ref ? `${ref.sheet}!${ref.address}` : null;
}
