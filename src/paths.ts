// Whether two paths are one file: what keeps a run from writing over its input, at every place a
// file is written (run/outputs.ts decides every output up front; the writer checks once more).
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A path with its links and `..` resolved; for a path that does not exist (yet), its deepest existing folder's. */
export function realPath(p: string): string {
  const absolute = resolve(p);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realPath(parent), basename(absolute));
  }
}

/** The device and inode of an existing file (through links), or null. */
export function inodeOf(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** Whether two paths name one file: through `..`, symbolic links, or as hard links of one file. */
export function samePath(a: string, b: string): boolean {
  if (realPath(a) === realPath(b)) return true;
  const ia = inodeOf(a);
  return ia !== null && ia === inodeOf(b);
}

