// What each command asks of a run, typed: the CLI (src/cli/) turns its options into one of these.
import type { Lang } from '../model.js';
import type { FormatName } from '../report/names.js';

/** The rules a run scores by, and the language it speaks. */
export interface RuleOptions {
  /** A built-in profile's name (--profile). */
  profile?: string;
  /** A profile file (--rules), which wins over `profile`. */
  rules?: string;
  lang: Lang;
}

/** `check`: score the files the paths stand for and report; no workbook is written. */
export interface CheckRequest extends RuleOptions {
  /** Files, folders and globs, as given. */
  paths: string[];
  format: FormatName;
  /** Where the report goes instead of stdout. */
  outputFile?: string;
  /** More warnings than this is exit 1. */
  maxWarnings?: number;
  /** The ranking as a workbook (.xlsx) or CSV (.csv). */
  summary?: string;
  /** Worker threads for a batch; the number of CPU cores by default. */
  jobs?: number;
  /** Ignore patterns (--ignore), besides the `!` arguments among `paths`. */
  ignore?: string[];
  /** A baseline file whose findings are accepted (--baseline). */
  baseline?: string;
  /** Where to record this run's findings (--write-baseline). */
  writeBaseline?: string;
  /** --color (true) or --no-color (false); undefined: from the environment and the terminal. */
  color?: boolean;
  /** The console report with errors only: files without errors print nothing (--quiet). */
  quiet?: boolean;
  /** The console report as the ranking and the counts only, no file's block (--ranking-only). */
  rankingOnly?: boolean;
}

/** `eval`: a check that also writes each file's scored copy, unless `write` is false. */
export interface EvalRequest extends CheckRequest {
  write: boolean;
  /** Where the one input's copy goes (-o). */
  output?: string;
  /** The folder the copies go under, keeping their folders (--out-dir). */
  outDir?: string;
}

/** `explain`: how each score of one workbook was reached. */
export interface ExplainRequest extends RuleOptions {
  file: string;
  /** Only the rows whose name contains this, or that hold this cell (`D27`, `自评表!D27`). */
  row?: string;
}

/** `inspect`: how each workbook was read, without scoring. */
export interface InspectRequest {
  files: string[];
  lang: Lang;
  /**
   * As git's textconv driver (--textconv): a first line that does not name the file (git passes a
   * temporary path for one side), and a file that cannot be read said on stdout, exit 0.
   */
  textconv?: boolean;
}

/** `profiles`: the built-in profiles, or (`show`) the effective rules of one. */
export interface ProfilesRequest {
  action?: string;
  name?: string;
}
