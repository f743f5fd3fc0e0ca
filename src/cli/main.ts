// The command line: commander wiring only, options to a typed request handed to a command.
// Returns the exit code; never calls process.exit (that would cut piped output short).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import type { Lang } from '../model.js';
import { defaultProfileName } from '../profiles/builtin.js';
import { VERSION } from '../version.js';
import { inBatchHeap, mayRerun, tieToParent } from './batch-heap.js';
import type { CheckOptions, EvalOptions } from './eval.js';
import type { InspectOptions } from './inspect.js';
import type { ExplainOptions } from './explain.js';

// For bin/perf-score.js: a reader that closed the pipe ends the run, its temporary files removed first.
export { exitAfterCleanup } from '../interrupt.js';

/** Where the CLI writes and what it knows of its terminal; tests pass their own. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  /** Where perf-score.config.json is looked for (and its parents); the process's by default. */
  cwd?: string;
  /**
   * Runs the whole command again in a Node sized for a batch and resolves with its exit code, or
   * with null to go on here (batch-heap.ts). Only the process's own Io has it, and only when that
   * Node is not the batch's already: a test's Io runs in place.
   */
  rerunForBatch?: () => Promise<number | null>;
}

/** The options every scoring command shares: which rules, which language. */
function ruleOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', `built-in rule profile (default: ${defaultProfileName}, or perf-score.config.json when found)`)
    .option('--rules <file>', 'rule profile file (JSON) that extends a built-in profile')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'));
}

/** A whole number ≥ 0 (≥ 1 when `min` is 1), or commander's usage error (exit 2). */
function count(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return Number(value);
  };
}

/** What `eval` and `check` share: files, folders and globs in; the report out; the batch's options. */
function scoringOptions(cmd: Command): Command {
  return ruleOptions(cmd)
    .argument('<paths...>', 'xlsx workbooks, folders (searched recursively) or quoted globs ("材料/**/*.xlsx")')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'junit', 'sarif', 'github']).default('table'))
    .option('--output-file <file>', 'write the report to FILE instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more than N warnings', count(0))
    .option('--summary <file>', 'write the ranking to FILE: .xlsx (with a sheet of every finding) or .csv')
    .option('--jobs <n>', 'worker threads scoring the files of a batch (default: the number of CPU cores)', count(1))
    .exitOverride();
}

/** The worker script of a batch: dist/worker.js, beside the bundle this file is built into. */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * A batch runs again in a Node sized for it (batch-heap.ts), decided before anything else is loaded or
 * read: the exit code of that run, or null to go on in this process.
 */
async function rerunIfBatch(paths: string[], io: Io): Promise<number | null> {
  if (!io.rerunForBatch) return null;
  const { mayBeBatch } = await import('./inputs.js');
  return (await mayBeBatch(paths, io.cwd ?? process.cwd())) ? io.rerunForBatch() : null;
}

function program(io: Io, done: (code: number) => void): Command {
  const cmd = new Command('perf-score')
    .description('为部门整体 / 项目支出绩效自评表评分 — score performance self-evaluation workbooks')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  scoringOptions(cmd.command('eval'))
    .description('score workbooks, write a scored copy of each, print a summary (a ranking for a batch)')
    .option('-o, --output <file>', 'where to write the scored copy of a single file (default: <name>.scored.xlsx beside the input)')
    .option('--out-dir <dir>', 'write the scored copies under DIR, keeping their folders, instead of beside each input')
    .option('--no-write', 'do not write scored copies')
    .action(async (paths: string[], opts: EvalOptions) => {
      const rerun = await rerunIfBatch(paths, io);
      if (rerun !== null) return done(rerun);
      // Loaded on demand: `perf-score --help` must not pay for the reader, zod and the formatters.
      const { runEval } = await import('./eval.js');
      done(await runEval(paths, opts, io, WORKER_URL));
    });
  scoringOptions(cmd.command('check'))
    .description('score workbooks without writing any, for CI: --format json|junit|sarif|github, --max-warnings')
    .action(async (paths: string[], opts: CheckOptions) => {
      const rerun = await rerunIfBatch(paths, io);
      if (rerun !== null) return done(rerun);
      const { runCheck } = await import('./eval.js');
      done(await runCheck(paths, opts, io, WORKER_URL));
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

const PROCESS_IO: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, rerunForBatch: mayRerun() ? inBatchHeap : undefined };

export async function main(argv: string[], io: Io = PROCESS_IO): Promise<number> {
  // The batch's own Node (batch-heap.ts) ends with the Node that started it.
  if (io === PROCESS_IO) tieToParent();
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
