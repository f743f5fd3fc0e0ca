// `perf-score explain <file> [--row NAME|CELL]`: its options, turned into an ExplainRequest for src/run/explain.ts.
import type { Command } from 'commander';
import { ruleOptions, ruleRequest, type CommandContext, type RuleFlags } from './options.js';

interface ExplainFlags extends RuleFlags {
  row?: string;
}

export function explainCommand(program: Command, { io, done, words: w }: CommandContext): void {
  ruleOptions(program.command('explain'), w)
    .description(w.explain)
    .argument('<file>', w.file)
    .option('--row <name|cell>', w.row)
    .exitOverride()
    .action(async (file: string, flags: ExplainFlags) => {
      const { runExplain } = await import('../run/explain.js');
      done(await runExplain({ ...ruleRequest(flags), file, row: flags.row }, io));
    });
}
