// A batch runs in a Node whose heap is sized for it. V8's defaults suit a long-lived server: each
// thread's young generation grows to two 16 MB semi-spaces, and its old generation may grow to four
// times what is live before it is collected. A batch allocates a workbook's worth per file and keeps
// next to nothing, so with those defaults its memory climbed with the number of files for the first
// ~1,500 and only then levelled off (153 MiB at 500 files, 210 at 5,000). With these flags it is level
// from the first few hundred files on (README → Speed).
//
// The flags can only be given when Node starts, so a batch runs the same command again in a Node
// started with them, its standard streams the terminal's own, and exits as it exits. The old space's
// limit is there to lower its growing factor (V8 lets it grow ×4 only from 2 GiB up), not as a cap a
// workbook could reach: a real 自评表 is read in a few MB, and no one file comes near 1 GiB.
//
// The second Node lives no longer than the first: they share an IPC channel, and when it closes (the
// first Node is gone, even by `kill -9`) the second ends as a signal would end it, removing the
// temporary files of the writes it was making (interrupt.ts).
import { spawn } from 'node:child_process';
import { EXIT } from '../errors.js';
import { endBy } from '../interrupt.js';
import { cwdOf, type Io } from './io.js';

/** Set in the batch's Node: the pid of the Node that started it. */
const PARENT_ENV = 'PERF_SCORE_BATCH_PARENT';

export const BATCH_HEAP_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=1024'];

/** Whether the heap is already sized: by us (this is the batch's own Node) or by the user's flags or NODE_OPTIONS. */
export function heapIsSized(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((a) => /^--max[-_](semi|old)[-_]space[-_]size\b/.test(a));
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Whether this process may run a batch again in a Node with BATCH_HEAP_FLAGS: not when its heap is
 * sized already, nor under a debugger (the batch stays in the process being debugged; a second one
 * could not take the port).
 */
export function mayRerun(): boolean {
  return !process.execArgv.some((a) => a.startsWith('--inspect')) && !heapIsSized(process.execArgv, process.env.NODE_OPTIONS);
}

/**
 * Runs this process's command again in a Node started with BATCH_HEAP_FLAGS, and resolves with its
 * exit code, or with null, for the caller to go on in this process, when that Node could not be
 * started. A signal that ends the batch ends this process the same way.
 */
export function inBatchHeap(): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...BATCH_HEAP_FLAGS, ...process.argv.slice(1)], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [PARENT_ENV]: String(process.pid) },
    });
    // A Ctrl-C reaches both processes from the terminal; any signal sent to this one alone is passed on.
    // Until the batch has ended, this process stays to report how it ended.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    const stopForwarding = () => {
      for (const signal of FORWARDED) process.off(signal, forward);
    };
    child.on('error', () => {
      stopForwarding();
      resolve(null);
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      // Ended by a signal (a Ctrl-C): end the same way, so the shell sees what it would have seen.
      if (signal !== null) process.kill(process.pid, signal);
      resolve(code ?? EXIT.couldNotRun);
    });
  });
}

/**
 * In the batch's Node: ends it when the Node that started it is gone (its IPC channel closes), as
 * SIGTERM would, so that nothing goes on writing after the command has ended. The channel does not
 * keep this Node alive.
 */
export function tieToParent(env: Record<string, string | undefined> = process.env): void {
  if (env[PARENT_ENV] === undefined || process.channel === undefined) return;
  process.channel.unref();
  process.once('disconnect', () => endBy('SIGTERM'));
}

/**
 * Whether this run goes on in a Node sized for a batch: when the process may start one (`io.rerunForBatch`)
 * and the paths may stand for more than one file. Resolves with that Node's exit code, or with null to
 * go on in this process. Called once the options are parsed, before anything of the run is loaded.
 */
export async function rerunIfBatch(paths: readonly string[], io: Io): Promise<number | null> {
  if (!io.rerunForBatch) return null;
  const { mayBeBatch } = await import('./inputs.js');
  return (await mayBeBatch(paths, cwdOf(io))) ? io.rerunForBatch() : null;
}
