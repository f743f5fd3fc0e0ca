#!/usr/bin/env node
// The executable: run the CLI, set the exit code; a crash is one line, never a stack trace.
import { main } from '../dist/cli.js';

// A reader that stops early (`| head`) closes the pipe: stop at once and quietly, as the output can
// no longer be delivered (exit code 2, "could not run").
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') process.stderr.write(`perf-score: ${err.message}\n`);
    process.exit(2);
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
