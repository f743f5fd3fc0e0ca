// `perf-score eval <paths...>`: its options, turned into an EvalRequest for src/run/eval.ts.
import type { Command } from 'commander';
import { rerunIfBatch } from '../run/batch-heap.js';
import type { EvalRequest } from '../run/request.js';
import { checkRequest, scoringOptions, type CommandContext, type ScoringFlags } from './options.js';

interface EvalFlags extends ScoringFlags {
  output?: string;
  outDir?: string;
  write: boolean;
}

export function evalCommand(program: Command, { io, done, workerUrl, words: w }: CommandContext): void {
  scoringOptions(program.command('eval'), w)
    .description(w.eval)
    .option('-o, --output <file>', w.output)
    .option('--out-dir <dir>', w.outDir)
    .option('--no-write', w.noWrite)
    .action(async (paths: string[], flags: EvalFlags) => {
      const request: EvalRequest = { ...checkRequest(paths, flags), write: flags.write, output: flags.output, outDir: flags.outDir };
      // A batch runs in a Node sized for it (run/batch-heap.ts), decided before the run is loaded.
      const rerun = await rerunIfBatch(paths, io);
      if (rerun !== null) return done(rerun);
      // Loaded on demand: `perf-score --help` must not pay for the reader, zod and the formatters.
      const { runEval } = await import('../run/eval.js');
      done(await runEval(request, io, workerUrl));
    });
}
