// `perf-score check <paths...>`: its options, turned into a CheckRequest for src/run/eval.ts.
import type { Command } from 'commander';
import { rerunIfBatch } from '../run/batch-heap.js';
import { checkRequest, scoringOptions, type CommandContext, type ScoringFlags } from './options.js';

export function checkCommand(program: Command, { io, done, workerUrl, words: w }: CommandContext): void {
  scoringOptions(program.command('check'), w)
    .description(w.check)
    .action(async (paths: string[], flags: ScoringFlags) => {
      const request = checkRequest(paths, flags);
      const rerun = await rerunIfBatch(paths, io);
      if (rerun !== null) return done(rerun);
      const { runCheck } = await import('../run/eval.js');
      done(await runCheck(request, io, workerUrl));
    });
}
