// When a signal ends a run (Ctrl-C: SIGINT; `kill`: SIGTERM; a closed terminal: SIGHUP): stop what
// is running, remove every temporary file, then end by the same signal, so that the shell sees what
// it would have seen without us (exit status 130, 143, 129). A reader that closes the pipe ends the
// run the same way, with exit code 2 (bin/perf-score.js). Until the process has ended, nothing is
// committed (atomic.ts asks `isInterrupted`). Only the main thread receives signals.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How long the clean-up may take before the process ends anyway (its threads die with it). */
const CLEANUP_CAP_MS = 5000;

type Cleanup = () => void | Promise<void>;

const cleanups = new Set<Cleanup>();
let ending = false;

/** Whether the run is ending (a signal, a closed pipe): nothing more is to be written. */
export function isInterrupted(): boolean {
  return ending;
}

/** Adds a clean-up to run when a signal ends the run, in the order added; returns its removal. */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** Runs every clean-up once (within CLEANUP_CAP_MS), then `finish`; a second call changes nothing. */
async function end(finish: () => void): Promise<void> {
  if (ending) return;
  ending = true;
  const all = (async () => {
    for (const cleanup of [...cleanups]) {
      try {
        await cleanup();
      } catch {
        // Each clean-up is on its own: one that fails must not keep the others from running.
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, CLEANUP_CAP_MS)))]);
  clearTimeout(timer);
  finish();
}

function handle(signal: NodeJS.Signals): void {
  void end(() => {
    for (const s of SIGNALS) process.off(s, handle);
    // With no listener left, the signal's default action ends the process, as the shell expects.
    process.kill(process.pid, signal);
  });
}

let installed = 0;

/**
 * Handles SIGINT, SIGTERM and SIGHUP as above until the returned function is called (calls nest: the
 * handlers go when the last caller is done).
 */
export function handleSignals(): () => void {
  if (installed++ === 0) for (const s of SIGNALS) process.on(s, handle);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--installed === 0 && !ending) for (const s of SIGNALS) process.off(s, handle);
  };
}

/** Ends the run as `signal` would: its clean-ups, then the signal. For a Node whose parent is gone. */
export function endBy(signal: NodeJS.Signals): void {
  handle(signal);
}

/** Ends the process with `code` once the clean-ups have run: for a reader that closed the pipe. */
export function exitAfterCleanup(code: number): void {
  void end(() => process.exit(code));
}
