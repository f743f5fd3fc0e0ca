// What a run is given of the world around it: where it writes, its environment, its working
// directory. The process passes its own (cli/main.ts); a test passes one of its own, so that a run
// in process sees only what a spawned one would.

/** A stream a run writes to, and what it knows of its terminal. */
export interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Where the CLI writes and what it knows of its terminal; tests pass their own. */
export interface Io {
  stdout: Stream;
  stderr: Stream;
  env: Record<string, string | undefined>;
  /**
   * The working directory: relative paths (inputs, outputs, --rules, profile files) start here, and
   * perf-score.config.json is looked for here and in its parents. The process's by default.
   */
  cwd?: string;
  /**
   * Runs the whole command again in a Node sized for a batch and resolves with its exit code, or
   * with null to go on here (batch-heap.ts). Only the process's own Io has it, and only when that
   * Node is not the batch's already: a test's Io runs in place.
   */
  rerunForBatch?: () => Promise<number | null>;
}

/** The working directory of a run. */
export function cwdOf(io: Io): string {
  return io.cwd ?? process.cwd();
}
