// `perf-score explain <file> [--row NAME|CELL]`: its options, turned into an ExplainRequest for src/run/explain.ts.
import type { Command } from 'commander';
import { ruleOptions, ruleRequest, type CommandContext, type RuleFlags } from './options.js';

interface ExplainFlags extends RuleFlags {
  row?: string;
}

export function explainCommand(program: Command, { io, done }: CommandContext): void {
  ruleOptions(program.command('explain'))
    .description('show how each score was reached: parsed target and actual, rule, formula, rounding')
    .argument('<file>', 'xlsx workbook')
    .option('--row <name|cell>', 'only the rows whose indicator name contains NAME, or that hold CELL (D27, 自评表!H27)')
    .exitOverride()
    .action(async (file: string, flags: ExplainFlags) => {
      const { runExplain } = await import('../run/explain.js');
      done(await runExplain({ ...ruleRequest(flags), file, row: flags.row }, io));
    });
}
