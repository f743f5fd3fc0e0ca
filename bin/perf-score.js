#!/usr/bin/env node
// The executable: run the CLI, set the exit code; a crash is one line, never a stack trace.
import { exitAfterCleanup, main } from '../dist/cli.js';

// A reader that stops early (`| head`) closes the pipe: stop quietly, as the output can no longer be
// delivered (exit code 2, "could not run"), once the temporary files of the writes under way are removed.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') process.stderr.write(`perf-score: ${err.message}\n`);
    exitAfterCleanup(2);
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`perf-score: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
