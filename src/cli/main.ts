// The command line: options to a typed request, then read → analyze → write → format.
// Returns the exit code; never calls process.exit (that would cut piped output short).
import { Command, CommanderError, Option } from 'commander';
import { analyzeTable } from '../engine/analyze.js';
import { EXIT, RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, Lang } from '../model.js';
import { defaultProfileName, loadProfile } from '../profiles/index.js';
import { formatConsole } from '../report/console.js';
import { formatJson } from '../report/json.js';

/** Where the CLI writes and what it knows of its terminal; tests pass their own. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
}

interface EvalOptions {
  profile: string;
  lang: Lang;
  format: 'table' | 'json';
  output?: string;
  write: boolean;
}

async function runEval(files: string[], opts: EvalOptions, io: Io): Promise<number> {
  const ui = uiFor(opts.lang);
  const profile = loadProfile(opts.profile);
  if (opts.output !== undefined && files.length > 1) throw new RunError((u) => u.outWithMany());
  // exceljs is loaded here, not at start-up: `perf-score --help` must stay fast.
  const { openWorkbook } = await import('../workbook/read.js');
  const { defaultOutputPath, writeScoredCopy } = await import('../workbook/write.js');

  const reports: FileReport[] = [];
  const written: string[] = [];
  let failed = false;
  for (const file of files) {
    try {
      const opened = await openWorkbook(file);
      const tables = opened.tables.map((t) => analyzeTable(t, profile, opts.lang));
      if (opts.write) {
        const out = opts.output ?? defaultOutputPath(file);
        await writeScoredCopy(opened, tables, out, opts.lang);
        written.push(out);
      }
      reports.push({ file, tables });
    } catch (err) {
      if (!(err instanceof RunError)) throw err;
      io.stderr.write(`${err.render(ui)}\n`);
      failed = true;
    }
  }

  if (opts.format === 'json') io.stdout.write(formatJson(reports));
  else if (reports.length > 0) {
    const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
    io.stdout.write(formatConsole(reports, { lang: opts.lang, color, width: io.stdout.columns ?? 100 }));
    for (const out of written) io.stdout.write(`${ui.wrote(out)}\n`);
  }
  if (failed) return EXIT.couldNotRun;
  const errors = reports.some((r) => r.tables.some((t) => t.findings.some((f) => f.severity === 'error')));
  return errors ? EXIT.findings : EXIT.clean;
}

function program(io: Io, done: (code: number) => void): Command {
  const cmd = new Command('perf-score')
    .description('为部门整体 / 项目支出绩效自评表评分 — score performance self-evaluation workbooks')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  cmd
    .command('eval')
    .description('score workbooks, write a scored copy beside each, print a summary')
    .argument('<files...>', 'xlsx workbooks')
    .addOption(new Option('--profile <name>', 'rule profile').default(defaultProfileName))
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'where to write the scored copy (default: <name>.scored.xlsx beside the input)')
    .option('--no-write', 'do not write a scored copy')
    .exitOverride()
    .action(async (files: string[], opts: EvalOptions) => done(await runEval(files, opts, io)));
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
