// The table of CLI cases (test/cli/cases.ts), run by spawning the real bin; and each run in process
// too, which must give the same exit code, output and files.
import { afterEach, describe, expect, it } from 'vitest';
import { CASES, expectCase, inProcess, runCase, spawned } from './cli/cases.js';
import { cleanWorkdirs } from './cli/helpers.js';

afterEach(cleanWorkdirs);

describe('CLI cases, spawned', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const exec = await runCase(c, spawned);
    expectCase(c, exec);
    expect(await runCase(c, inProcess), 'in process and spawned differ').toEqual(exec);
  });
});
