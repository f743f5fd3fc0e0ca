// Running the checks: every row check on each row, then every table check, or the file checks for a
// file that could not be read. The one place where a finding gets its severity (the profile's for its
// code, else the one its check gave it, else the check's) and where a code the profile turns `off` is dropped; findings come out in
// one order, by sheet, row, column and code (code-unit order), those without a cell last.
import type { Finding, FindingCode, Raised, ReadNotice } from '../model.js';
import { compareText } from '../order.js';
import type { Profile } from '../schema/profile.js';
import { checkOf, CHECKS } from './index.js';
import type { AnyCheck, FileContext, RowContext, TableContext } from './types.js';

/** The findings of what one code raised, with the severity the profile gives it; none when it is `off`. */
function findingsOf(code: FindingCode, raised: readonly Raised[], profile: Profile): Finding[] {
  const set = profile.severity[code];
  if (set === 'off') return [];
  // The profile's setting for the code, else the finding's own (a check that grades its findings), else the check's.
  // Each check raises the data of its own code (Check<C>), so the pairing holds.
  return raised.map((r) => ({ code, severity: set ?? r.severity ?? checkOf(code).severity, ref: r.ref, indicator: r.indicator, data: r.data }) as Finding);
}

/** Sheet, row, column, code; findings without a cell after those with one, by code. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.ref === null || b.ref === null) return Number(a.ref === null) - Number(b.ref === null) || compareText(a.code, b.code);
  return compareText(a.ref.sheet, b.ref.sheet) || a.ref.row - b.ref.row || a.ref.col - b.ref.col || compareText(a.code, b.code);
}

/** Every check, as checks of any code. */
const ALL: readonly AnyCheck[] = CHECKS;

/** The findings of one scored table: what the reader noticed, the row checks on each row, the table checks. */
export function checkTable(rows: readonly RowContext[], table: TableContext, notices: readonly ReadNotice[], profile: Profile): Finding[] {
  const found: Finding[] = [];
  for (const notice of notices) found.push(...findingsOf(notice.code, [notice], profile));
  for (const check of ALL) {
    if (!check.row) continue;
    const raised: Raised[] = [];
    for (const row of rows) raised.push(...check.row(row));
    found.push(...findingsOf(check.code, raised, profile));
  }
  for (const check of ALL) {
    if (check.table) found.push(...findingsOf(check.code, check.table(table), profile));
  }
  return found.sort(compareFindings);
}

/** The findings of a file that could not be read. */
export function checkFile(ctx: FileContext, profile: Profile): Finding[] {
  const found: Finding[] = [];
  for (const check of ALL) {
    if (check.file) found.push(...findingsOf(check.code, check.file(ctx), profile));
  }
  return found.sort(compareFindings);
}
