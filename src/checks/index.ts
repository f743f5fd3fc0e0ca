// Every check, one per finding code, in one literal list: adding a code is a file here, its line
// below, its words in src/i18n/findings.ts and its name in model.ts's FINDING_CODES.
import type { Finding, FindingCode } from '../model.js';
import { ambiguousComparator } from './ambiguous-comparator.js';
import { budgetMismatch } from './budget-mismatch.js';
import { budgetTotalEmpty } from './budget-total-empty.js';
import { deviationMismatch } from './deviation-mismatch.js';
import { droppedContent } from './dropped-content.js';
import { gradeMismatch } from './grade-mismatch.js';
import { levelWeight } from './level-weight.js';
import { missedTarget } from './missed-target.js';
import { missingReason } from './missing-reason.js';
import { missingValue } from './missing-value.js';
import { qualitativeTier } from './qualitative-tier.js';
import { scoreExceedsWeight } from './score-exceeds-weight.js';
import { scoreMismatch } from './score-mismatch.js';
import { tableNotFilled } from './table-not-filled.js';
import { totalMismatch } from './total-mismatch.js';
import type { AnyCheck, Subject } from './types.js';
import { unparsedValue } from './unparsed-value.js';
import { unreadableFile } from './unreadable-file.js';
import { weightSum } from './weight-sum.js';

export const CHECKS = [
  missingReason,
  scoreExceedsWeight,
  weightSum,
  unparsedValue,
  missingValue,
  qualitativeTier,
  scoreMismatch,
  deviationMismatch,
  budgetMismatch,
  totalMismatch,
  gradeMismatch,
  ambiguousComparator,
  levelWeight,
  budgetTotalEmpty,
  droppedContent,
  unreadableFile,
  missedTarget,
  tableNotFilled,
] as const satisfies readonly AnyCheck[];

// Every code has its check: a code of FINDING_CODES missing from the list above fails to compile here.
type Unchecked = Exclude<FindingCode, (typeof CHECKS)[number]['code']>;
const everyCodeChecked: Record<Unchecked, never> = {};
void everyCodeChecked;

const BY_CODE = new Map<FindingCode, AnyCheck>(CHECKS.map((c) => [c.code, c]));

/** The check of a code. */
export function checkOf(code: FindingCode): AnyCheck {
  return BY_CODE.get(code)!;
}

/** What a finding is about, when its check says (JUnit groups table-level findings by it). */
export function subjectOf(f: Finding): Subject | null {
  const subject = checkOf(f.code).subject as Subject | ((data: Finding['data']) => Subject | null) | undefined;
  if (subject === undefined) return null;
  return typeof subject === 'string' ? subject : subject(f.data);
}
