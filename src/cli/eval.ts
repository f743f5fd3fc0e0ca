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

export function evalCommand(program: Command, { io, done, workerUrl }: CommandContext): void {
  scoringOptions(program.command('eval'))
    .description('score workbooks, write a scored copy of each, print a summary (a ranking for a batch)')
    .option('-o, --output <file>', 'where to write the scored copy of a single file (default: <name>.scored.xlsx beside the input)')
    .option('--out-dir <dir>', 'write the scored copies under DIR, keeping their folders, instead of beside each input')
    .option('--no-write', 'do not write scored copies')
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
