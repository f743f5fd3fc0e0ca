// Files we write are written whole or not at all: into a temporary file beside the target, renamed
// over it only once every byte is written and the file closed. A failed or interrupted run leaves the
// target as it was, and no temporary file: one that fails is removed at once, and those still open
// when a signal ends the run are removed by interrupt.ts (the main thread's through `removeOpenTemps`,
// a worker thread's by their name, `tempsBeside`).
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RunError } from './errors.js';
import { isInterrupted } from './interrupt.js';

/** The file-system calls a write makes; tests pass their own to fail where a real disk would. */
export interface WriteFs {
  openSync(path: string, flags: string): number;
  /** Writes from `data[offset]` up to `length` bytes, returning how many were written (maybe fewer). */
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
}

const NODE_FS: WriteFs = nodeFs;

/** The start of the temporary names of `path` made by this process: `.<basename>.<pid>.`, then `<rand>.tmp`. */
function tempPrefix(path: string): string {
  return `.${basename(path)}.${process.pid}.`;
}

/** A hidden temporary name beside `path`, unique to this process and call. */
function tempBeside(path: string): string {
  return join(dirname(path), `${tempPrefix(path)}${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * The temporary files of `path` that this process (any of its threads: they share the pid) left
 * beside it. For the main thread to clean up after a worker thread it stopped.
 */
export function tempsBeside(path: string): string[] {
  const prefix = tempPrefix(path);
  try {
    return nodeFs
      .readdirSync(dirname(path))
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp') && /^[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length)))
      .map((name) => join(dirname(path), name));
  } catch {
    return [];
  }
}

/** Removes what `tempsBeside` finds; never throws. */
export function removeTempsBeside(path: string): void {
  for (const temp of tempsBeside(path)) removeQuietly(NODE_FS, temp);
}

function removeQuietly(fs: WriteFs, path: string): void {
  try {
    fs.rmSync(path, { force: true });
  } catch {
    // Nothing more can be done about it here; the write has already failed or been stopped.
  }
}

/** Why a write failed, as the system says it (`ENOSPC`, `EACCES` …), or our own words for a write that stalled. */
type Reason = { code: string } | { stalled: true };

function reasonOf(err: unknown): Reason {
  if (err instanceof ShortWrite) return { stalled: true };
  return { code: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
}

/** A write that wrote nothing: no error from the system, but no progress either. */
class ShortWrite extends Error {}

/** Writes all of `data`, however many calls it takes; a call that writes nothing is a failure. */
function writeAll(fs: WriteFs, fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) {
    const n = fs.writeSync(fd, data, offset, data.length - offset);
    if (!(n > 0)) throw new ShortWrite();
    offset += n;
  }
}

/** Temporary files this thread has open, removed when a signal ends the run (`removeOpenTemps`). */
const openTemps = new Set<string>();

/** Removes this thread's temporary files that are still open; never throws. For the signal handler. */
export function removeOpenTemps(): void {
  for (const temp of openTemps) removeQuietly(NODE_FS, temp);
  openTemps.clear();
}

/** A file being written: `write` as often as needed, then `commit` (rename into place) or `abort`. */
export interface AtomicFile {
  write(text: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/**
 * Starts writing `path` whole-or-nothing. Any failure (open, a write that is short or fails, close,
 * rename) removes the temporary file and throws a RunError (exit 2) naming the file `name` (`path`
 * unless the user spelled it otherwise); the target is then as it was. After a signal has ended the
 * run, nothing is committed.
 */
export function openAtomic(path: string, fs: WriteFs = NODE_FS, name: string = path): AtomicFile {
  const temp = tempBeside(path);
  let fd: number | null = null;
  let created = false;
  let done = false;
  const release = () => {
    done = true;
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing: the temporary file is removed below either way.
      }
      fd = null;
    }
    // A name taken already (EEXIST) is another write's: only the file this one made is removed.
    if (created) removeQuietly(fs, temp);
    openTemps.delete(temp);
  };
  const fail = (err: unknown): never => {
    release();
    const reason = reasonOf(err);
    throw new RunError((ui) => ui.writeFailed(name, 'stalled' in reason ? ui.wroteNothing() : ui.writeReason(reason.code)));
  };
  try {
    openTemps.add(temp);
    fd = fs.openSync(temp, 'wx');
    created = true;
  } catch (err) {
    fail(err);
  }
  return {
    write(text) {
      if (done) return;
      try {
        writeAll(fs, fd!, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
      } catch (err) {
        fail(err);
      }
    },
    commit() {
      if (done) return;
      if (isInterrupted()) return release();
      try {
        const closing = fd!;
        fd = null;
        // A close can report what the writes did not (a full disk on NFS, a quota): the file is then not whole.
        fs.closeSync(closing);
        fs.renameSync(temp, path);
        done = true;
        openTemps.delete(temp);
      } catch (err) {
        fail(err);
      }
    },
    abort() {
      if (!done) release();
    },
  };
}

/** Writes `data` to `path` whole or not at all; a failure names the file `name`. */
export function writeFileAtomic(path: string, data: string | Uint8Array, fs: WriteFs = NODE_FS, name: string = path): void {
  const file = openAtomic(path, fs, name);
  file.write(data);
  file.commit();
}
