// Whether the console report is coloured, decided once, as users of chalk (supports-color) and of
// Node expect: the command line first, then FORCE_COLOR, then NO_COLOR, then the terminal.
import type { Io } from './io.js';

/**
 * In order: a report written to a file (--output-file) is never coloured; `--no-color` / `--color`;
 * `FORCE_COLOR` (`0` or `false` off; `1`, `2`, `3`, `true` or empty on, as chalk reads it); `NO_COLOR`
 * set to anything but the empty string, off (no-color.org); otherwise colour on a terminal whose
 * `TERM` is not `dumb`.
 */
export function useColor(io: Io, flag: boolean | undefined, toFile: boolean): boolean {
  if (toFile) return false;
  if (flag !== undefined) return flag;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return Boolean(io.stdout.isTTY) && io.env.TERM !== 'dumb';
}
