// The command line: commander wiring only, options to a typed request handed to a command.
// Returns the exit code; never calls process.exit (that would cut piped output short).
import { Command, CommanderError, Option } from 'commander';
import { EXIT, RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import type { Lang } from '../model.js';
import { defaultProfileName } from '../profiles/builtin.js';
import type { EvalOptions } from './eval.js';
import type { InspectOptions } from './inspect.js';
import type { ExplainOptions } from './explain.js';

/** Where the CLI writes and what it knows of its terminal; tests pass their own. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  /** Where perf-score.config.json is looked for (and its parents); the process's by default. */
  cwd?: string;
}

/** The options every scoring command shares: which rules, which language. */
function ruleOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', `built-in rule profile (default: ${defaultProfileName}, or perf-score.config.json when found)`)
    .option('--rules <file>', 'rule profile file (JSON) that extends a built-in profile')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'));
}

function program(io: Io, done: (code: number) => void): Command {
  const cmd = new Command('perf-score')
    .description('为部门整体 / 项目支出绩效自评表评分 — score performance self-evaluation workbooks')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  ruleOptions(cmd.command('eval'))
    .description('score workbooks, write a scored copy beside each, print a summary')
    .argument('<files...>', 'xlsx workbooks')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'where to write the scored copy (default: <name>.scored.xlsx beside the input)')
    .option('--no-write', 'do not write a scored copy')
    .exitOverride()
    .action(async (files: string[], opts: EvalOptions) => {
      // Loaded on demand: `perf-score --help` must not pay for exceljs, zod and the formatters.
      const { runEval } = await import('./eval.js');
      done(await runEval(files, opts, io));
    });
  cmd
    .command('inspect')
    .description('show how workbooks were read, without scoring: table range, columns, budget block, parsed targets and actuals (a git textconv driver)')
    .argument('<files...>', 'xlsx workbooks')
    .addOption(new Option('--lang <lang>', 'language of error messages').choices(['zh', 'en']).default('zh'))
    .exitOverride()
    .action(async (files: string[], opts: InspectOptions) => {
      const { runInspect } = await import('./inspect.js');
      done(await runInspect(files, opts, io));
    });
  ruleOptions(cmd.command('explain'))
    .description('show how each score was reached: parsed target and actual, rule, formula, rounding')
    .argument('<file>', 'xlsx workbook')
    .option('--row <name|cell>', 'only the rows whose indicator name contains NAME, or that hold CELL (D27, 自评表!H27)')
    .exitOverride()
    .action(async (file: string, opts: ExplainOptions) => {
      const { runExplain } = await import('./explain.js');
      done(await runExplain(file, opts, io));
    });
  cmd
    .command('profiles')
    .description('list the built-in rule profiles; `profiles show NAME|FILE` prints the effective rules')
    .argument('[action]', '"show"')
    .argument('[name]', 'a built-in profile name, or a profile file')
    .exitOverride()
    .action(async (action: string | undefined, name: string | undefined) => {
      const { runProfiles } = await import('./profiles.js');
      done(runProfiles(action, name, io));
    });
  return cmd;
}

/** The language asked for, known before commander has parsed (for messages about parsing itself). */
function langOf(argv: string[]): Lang {
  const i = argv.indexOf('--lang');
  return argv.includes('--lang=en') || (i >= 0 && argv[i + 1] === 'en') ? 'en' : 'zh';
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let code: number = EXIT.clean;
  const lang = langOf(argv);
  try {
    await program(io, (c) => (code = c)).parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.clean : EXIT.couldNotRun;
    }
    if (err instanceof RunError) {
      io.stderr.write(`${err.render(uiFor(lang))}\n`);
      return err.exitCode;
    }
    io.stderr.write(`${uiFor(lang).crashed(err instanceof Error ? err.message : String(err))}\n`);
    return EXIT.couldNotRun;
  }
  return code;
}
