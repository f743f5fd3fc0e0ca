// `perf-score profiles` lists the built-in rule profiles; `profiles show NAME|FILE` prints the
// effective rules of one (after `extends`), as JSON.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, RunError } from '../errors.js';
import { builtinProfileNames, defaultProfileName, loadProfile, loadProfileFile } from '../profiles/index.js';
import { cwdOf, type Io } from './io.js';
import type { ProfilesRequest } from './request.js';

export function runProfiles({ action, name }: ProfilesRequest, io: Io): number {
  if (action === undefined) {
    const names = builtinProfileNames();
    const width = Math.max(...names.map((n) => n.length));
    for (const n of names) {
      io.stdout.write(`${n.padEnd(width)}  ${loadProfile(n).description}${n === defaultProfileName ? ' (default)' : ''}\n`);
    }
    return EXIT.clean;
  }
  if (action !== 'show' || name === undefined) throw new RunError((ui) => ui.profilesUsage());
  const cwd = cwdOf(io);
  const profile = builtinProfileNames().includes(name) || !existsSync(resolve(cwd, name)) ? loadProfile(name) : loadProfileFile(name, cwd);
  io.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
  return EXIT.clean;
}
