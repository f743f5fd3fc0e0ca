// The command line: commander wiring only. Each command's file (eval.ts, check.ts …) turns its
// options into a typed request handed to src/run/, which runs it and says the exit code.
// Returns the exit code; never calls process.exit (that would cut piped output short).
import { Command, CommanderError, Help } from 'commander';
import { EXIT, RunError } from '../errors.js';
import { helpFor, type HelpWords } from '../i18n/help.js';
import { uiFor } from '../i18n/messages.js';
import type { Lang } from '../model.js';
import { inBatchHeap, mayRerun, tieToParent } from '../run/batch-heap.js';
import type { Io } from '../run/io.js';
import { VERSION } from '../version.js';
import { checkCommand } from './check.js';
import { evalCommand } from './eval.js';
import { explainCommand } from './explain.js';
import { inspectCommand } from './inspect.js';
import type { CommandContext } from './options.js';
import { profilesCommand } from './profiles.js';

export type { Io } from '../run/io.js';

// For bin/perf-score.js: a reader that closed the pipe ends the run, its temporary files removed first.
export { exitAfterCleanup } from '../interrupt.js';

/** The worker script of a batch: dist/worker.js, beside the bundle this file is built into. */
const WORKER_URL = new URL('./worker.js', import.meta.url);

function program(io: Io, done: (code: number) => void, lang: Lang): Command {
  const w = helpFor(lang);
  const cmd = new Command('perf-score')
    .description(w.program)
    .version(VERSION, '-V, --version', w.version)
    .helpOption('-h, --help', w.help)
    .helpCommand('help [command]', w.helpCommand)
    .exitOverride()
    .configureHelp({
      // commander's headings and its notes on an option (choices, default) in the user's language.
      styleTitle: (title) => w.titles[title] ?? title,
      optionDescription(option) {
        return localNotes(new Help().optionDescription(option), w, lang);
      },
      argumentDescription(argument) {
        return localNotes(new Help().argumentDescription(argument), w, lang);
      },
    })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // A usage error in the user's language (commander words it in English).
      outputError: (s, write) => write(lang === 'en' ? s : `${w.errorPrefix}${w.error(s.trimEnd())}\n`),
      // Help is as wide as the Io's terminal, as commander would take it from the process's (80 off a terminal).
      getOutHelpWidth: () => (io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 80),
      getErrHelpWidth: () => (io.stderr.isTTY && io.stderr.columns ? io.stderr.columns : 80),
    });
  const context: CommandContext = { io, done, workerUrl: WORKER_URL, words: w };
  evalCommand(cmd, context);
  checkCommand(cmd, context);
  inspectCommand(cmd, context);
  explainCommand(cmd, context);
  profilesCommand(cmd, context);
  return cmd;
}

/** commander's notes after a description, `(choices: "zh", "en", default: "zh")`, in Chinese: `（可选："zh", "en"；默认："zh"）`. */
function localNotes(text: string, w: HelpWords, lang: Lang): string {
  if (lang === 'en') return text;
  return text.replace(/\(((?:choices|default): .*)\)$/, (_, notes: string) =>
    `（${notes.replace(/^choices: /, `${w.choices}：`).replace(/(^|, )default: /, (_m, sep: string) => `${sep ? '；' : ''}${w.default}：`)}）`,
  );
}

/** The language asked for, known before commander has parsed (for messages about parsing itself). */
function langOf(argv: string[]): Lang {
  const i = argv.indexOf('--lang');
  return argv.includes('--lang=en') || (i >= 0 && argv[i + 1] === 'en') ? 'en' : 'zh';
}

const PROCESS_IO: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, rerunForBatch: mayRerun() ? inBatchHeap : undefined };

/** Runs the command line `argv` (`node`, the script, then the arguments) and resolves with its exit code. */
export async function main(argv: string[], io: Io = PROCESS_IO): Promise<number> {
  // The batch's own Node (batch-heap.ts) ends with the Node that started it.
  if (io === PROCESS_IO) tieToParent();
  let code: number = EXIT.clean;
  const lang = langOf(argv);
  try {
    await program(io, (c) => (code = c), lang).parseAsync(argv);
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
