// Checks that fail today for the tool's reasons, each with its cause as we see it. A listed check
// runs as `it.fails`: it passes while the tool still fails it, and fails the run the moment the tool
// keeps its promise, so that whoever fixed it removes the entry (the list can only shrink). Readers
// and writers: empty this list.
import { it } from 'vitest';

export const EXPECTED_FAILURES: Record<string, string> = {};

export interface CheckOptions {
  timeout?: number;
  /** Skipped (a reader it needs is not installed). */
  skip?: boolean;
  /** Whether the list applies: not to a fuzz run with other mutants than the default ones. */
  expectations?: boolean;
}

/** `it`, or `it.fails` for a check listed in EXPECTED_FAILURES (by its full title, `section › title`); `it.skip` when `skip`. */
export function check(section: string, title: string, fn: () => unknown | Promise<unknown>, opts: CheckOptions = {}): void {
  const cause = opts.expectations === false ? undefined : EXPECTED_FAILURES[`${section} › ${title}`];
  if (opts.skip) it.skip(title, fn, opts.timeout);
  else if (cause === undefined) it(title, fn, opts.timeout);
  else it.fails(`${title} [expected to fail today: ${cause}]`, fn, opts.timeout);
}

/** Entries of a section that name no check: a renamed check must take its entry along. */
export function staleEntries(section: string, titles: string[]): string[] {
  return Object.keys(EXPECTED_FAILURES).filter((k) => k.startsWith(`${section} › `) && !titles.includes(k.slice(section.length + 3)));
}
