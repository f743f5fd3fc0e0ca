// Every finding code with its default severity: the codes are public API (README, JSON, CI
// formats); a profile may turn any of them off or change its severity.
import type { FindingCode, Severity } from '../model.js';

export const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  'missing-reason': 'error',
  'score-exceeds-weight': 'error',
  'weight-sum': 'error',
  'unparsed-value': 'error',
  'missing-value': 'error',
  'qualitative-tier': 'error',
  'score-mismatch': 'warning',
  'deviation-mismatch': 'warning',
  'budget-mismatch': 'warning',
  'total-mismatch': 'warning',
  'grade-mismatch': 'warning',
  'ambiguous-comparator': 'warning',
  'level-weight': 'warning',
  'budget-total-empty': 'warning',
  // Retired: the scored copy keeps everything now. Still a code, so that profiles naming it load.
  'dropped-content': 'warning',
  'unreadable-file': 'error',
};
