// The exit policy of a scoring run (src/run/exit.ts).
import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../src/run/exit.js';

describe('exitCodeOf', () => {
  it('0 clean, 1 for an error finding, 2 when a scored copy could not be written', () => {
    expect(exitCodeOf({ copyFailed: false, errors: 0, warnings: 5 }, undefined)).toEqual({ code: 0, tooManyWarnings: false });
    expect(exitCodeOf({ copyFailed: false, errors: 1, warnings: 0 }, undefined)).toEqual({ code: 1, tooManyWarnings: false });
    expect(exitCodeOf({ copyFailed: true, errors: 1, warnings: 9 }, 0)).toEqual({ code: 2, tooManyWarnings: false });
  });
  it('--max-warnings: 1 only for more warnings than N, said only when no error decided it', () => {
    expect(exitCodeOf({ copyFailed: false, errors: 0, warnings: 3 }, 3)).toEqual({ code: 0, tooManyWarnings: false });
    expect(exitCodeOf({ copyFailed: false, errors: 0, warnings: 4 }, 3)).toEqual({ code: 1, tooManyWarnings: true });
    expect(exitCodeOf({ copyFailed: false, errors: 2, warnings: 4 }, 3)).toEqual({ code: 1, tooManyWarnings: false });
  });
});
