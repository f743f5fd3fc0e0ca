#!/usr/bin/env node
// The executable: run the CLI, set the exit code; a crash is one line, never a stack trace.
import { main } from '../dist/cli.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`perf-score: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
