// Files we write are written whole or not at all: into a temporary file beside the target, renamed
// over it only once complete. A failed or interrupted run leaves the target as it was.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RunError } from './errors.js';

/** A hidden temporary name beside `path`, unique to this process and call. */
function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Why a write failed, in words the user can act on (`EACCES`, `ENOENT` …). */
function reason(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/** A file being written: `write` as often as needed, then `commit` (rename into place) or `abort`. */
export interface AtomicFile {
  write(text: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/** Starts writing `path` whole-or-nothing; a RunError (exit 2) naming the file when it cannot be. */
export function openAtomic(path: string): AtomicFile {
  const temp = tempBeside(path);
  let fd: number | null = null;
  const fail = (err: unknown): never => {
    if (fd !== null) closeSync(fd);
    fd = null;
    rmSync(temp, { force: true });
    throw new RunError((ui) => ui.writeFailed(path, reason(err)));
  };
  try {
    fd = openSync(temp, 'wx');
  } catch (err) {
    fail(err);
  }
  return {
    write(text) {
      if (fd === null) return;
      try {
        writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
      } catch (err) {
        fail(err);
      }
    },
    commit() {
      if (fd === null) return;
      try {
        closeSync(fd);
        fd = null;
        renameSync(temp, path);
      } catch (err) {
        fail(err);
      }
    },
    abort() {
      if (fd !== null) closeSync(fd);
      fd = null;
      rmSync(temp, { force: true });
    },
  };
}

/** Writes `data` to `path` whole or not at all. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const file = openAtomic(path);
  file.write(data);
  file.commit();
}
