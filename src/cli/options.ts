// The options commands share, as commander declares them, and their values turned into the fields
// of a request (src/run/request.ts).
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Lang } from '../model.js';
import { defaultProfileName } from '../profiles/builtin.js';
import { FORMAT_NAMES, type FormatName } from '../report/names.js';
import type { CheckRequest, RuleOptions } from '../run/request.js';
import type { Io } from '../run/io.js';
import type { HelpWords } from '../i18n/help.js';

/** What a command's file is given by main.ts: the Io, where its exit code goes, the batch's worker script. */
export interface CommandContext {
  io: Io;
  done: (code: number) => void;
  /** dist/worker.js, beside the bundle main.ts is built into. */
  workerUrl: URL;
  /** The command line's words in the language asked for (src/i18n/help.ts). */
  words: HelpWords;
}

/** The options every scoring command shares: which rules, which language. */
export function ruleOptions(cmd: Command, w: HelpWords): Command {
  return cmd
    .option('--profile <name>', w.profile(defaultProfileName))
    .option('--rules <file>', w.rules)
    .addOption(new Option('--lang <lang>', w.lang).choices(['zh', 'en']).default('zh'));
}

/** A whole number ≥ 0 (≥ 1 when `min` is 1), or commander's usage error (exit 2). */
function count(min: number, w: HelpWords) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min) throw new InvalidArgumentError(w.wholeNumber(min));
    return Number(value);
  };
}

/** Each use of a repeatable option adds its value. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** What `eval` and `check` share: files, folders and globs in; the report out; the batch's options. */
export function scoringOptions(cmd: Command, w: HelpWords): Command {
  return ruleOptions(cmd, w)
    .argument('<paths...>', w.paths)
    .option('--ignore <glob>', w.ignore, collect)
    .addOption(new Option('--format <format>', w.format).choices(FORMAT_NAMES).default('table'))
    .option('--output-file <file>', w.outputFile)
    .option('--max-warnings <n>', w.maxWarnings, count(0, w))
    .option('--summary <file>', w.summary)
    .option('--jobs <n>', w.jobs, count(1, w))
    .option('--baseline <file>', w.baseline)
    .option('--write-baseline <file>', w.writeBaseline)
    .option('--color', w.color)
    .option('--no-color', w.noColor)
    .option('--quiet', w.quiet)
    .option('--ranking-only', w.rankingOnly)
    .exitOverride();
}

/** The values commander gives for ruleOptions. */
export interface RuleFlags {
  profile?: string;
  rules?: string;
  lang: Lang;
}

/** The values commander gives for scoringOptions: a CheckRequest's fields, by the same names. */
export interface ScoringFlags extends RuleFlags, Omit<CheckRequest, keyof RuleOptions | 'paths'> {}

export function ruleRequest(flags: RuleFlags): RuleOptions {
  return { profile: flags.profile, rules: flags.rules, lang: flags.lang };
}

export function checkRequest(paths: string[], flags: ScoringFlags): CheckRequest {
  const { format, outputFile, maxWarnings, summary, jobs, ignore, baseline, writeBaseline, color, quiet, rankingOnly } = flags;
  return { ...ruleRequest(flags), paths, format, outputFile, maxWarnings, summary, jobs, ignore: ignore ?? [], baseline, writeBaseline, color, quiet, rankingOnly };
}
