// The table of CLI cases (test/cli/cases.ts), run in this process through main(argv, io).
import { afterEach, describe, it } from 'vitest';
import { CASES, expectCase, inProcess, runCase } from './cli/cases.js';
import { cleanWorkdirs } from './cli/helpers.js';

afterEach(cleanWorkdirs);

describe('CLI cases, in process', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expectCase(c, await runCase(c, inProcess));
  });
});
