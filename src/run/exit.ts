// The exit code of a scoring run, from what it found: the one place the 0 / 1 / 2 policy is written.
import { EXIT } from '../errors.js';

export interface RunTally {
  /** A scored copy could not be written. */
  copyFailed: boolean;
  errors: number;
  warnings: number;
}

export interface ExitDecision {
  code: (typeof EXIT)[keyof typeof EXIT];
  /** The run failed only by having more warnings than --max-warnings: said on stderr. */
  tooManyWarnings: boolean;
}

/**
 * 2 when a scored copy could not be written; 1 when there is an error finding, or more warnings than
 * `maxWarnings`; else 0. (A run that could not start at all is 2 by its RunError.)
 */
export function exitCodeOf(tally: RunTally, maxWarnings: number | undefined): ExitDecision {
  if (tally.copyFailed) return { code: EXIT.couldNotRun, tooManyWarnings: false };
  if (tally.errors > 0) return { code: EXIT.findings, tooManyWarnings: false };
  if (maxWarnings !== undefined && tally.warnings > maxWarnings) return { code: EXIT.findings, tooManyWarnings: true };
  return { code: EXIT.clean, tooManyWarnings: false };
}
