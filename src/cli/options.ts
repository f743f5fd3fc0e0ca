// The options commands share, as commander declares them, and their values turned into the fields
// of a request (src/run/request.ts).
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Lang } from '../model.js';
import { defaultProfileName } from '../profiles/builtin.js';
import { FORMAT_NAMES, type FormatName } from '../report/names.js';
import type { CheckRequest, RuleOptions } from '../run/request.js';
import type { Io } from '../run/io.js';

/** What a command's file is given by main.ts: the Io, where its exit code goes, the batch's worker script. */
export interface CommandContext {
  io: Io;
  done: (code: number) => void;
  /** dist/worker.js, beside the bundle main.ts is built into. */
  workerUrl: URL;
}

/** The options every scoring command shares: which rules, which language. */
export function ruleOptions(cmd: Command): Command {
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

/** Each use of a repeatable option adds its value. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** What `eval` and `check` share: files, folders and globs in; the report out; the batch's options. */
export function scoringOptions(cmd: Command): Command {
  return ruleOptions(cmd)
    .argument('<paths...>', 'xlsx workbooks, folders (searched recursively) or quoted globs ("材料/**/*.xlsx"); "!GLOB" excludes')
    .option('--ignore <glob>', 'leave out the files GLOB matches (relative to the working directory; repeatable)', collect)
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('table'))
    .option('--output-file <file>', 'write the report to FILE instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more than N warnings', count(0))
    .option('--summary <file>', 'write the ranking to FILE: .xlsx (with a sheet of every finding) or .csv')
    .option('--jobs <n>', 'worker threads scoring the files of a batch (default: the number of CPU cores)', count(1))
    .option('--baseline <file>', 'accept the findings recorded in FILE (--write-baseline): only new findings count')
    .option('--write-baseline <file>', 'record every finding of this run in FILE, and accept them')
    .option('--color', 'colour the console report even when not on a terminal')
    .option('--no-color', 'no colour')
    .option('--quiet', 'console report: errors only; files without errors print nothing')
    .option('--ranking-only', 'console report: the ranking and the counts only, no per-file tables')
    .exitOverride();
}

/** The values commander gives for ruleOptions. */
export interface RuleFlags {
  profile?: string;
  rules?: string;
  lang: Lang;
}

/** The values commander gives for scoringOptions. */
export interface ScoringFlags extends RuleFlags {
  format: FormatName;
  outputFile?: string;
  maxWarnings?: number;
  summary?: string;
  jobs?: number;
  ignore?: string[];
  baseline?: string;
  writeBaseline?: string;
  /** --color (true), --no-color (false), neither (undefined). */
  color?: boolean;
  quiet?: boolean;
  rankingOnly?: boolean;
}

export function ruleRequest(flags: RuleFlags): RuleOptions {
  return { profile: flags.profile, rules: flags.rules, lang: flags.lang };
}

export function checkRequest(paths: string[], flags: ScoringFlags): CheckRequest {
  const { format, outputFile, maxWarnings, summary, jobs, ignore, baseline, writeBaseline, color, quiet, rankingOnly } = flags;
  return { ...ruleRequest(flags), paths, format, outputFile, maxWarnings, summary, jobs, ignore: ignore ?? [], baseline, writeBaseline, color, quiet, rankingOnly };
}
