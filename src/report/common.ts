// What the formatters share: the options every CI format takes, cell names, paths as URIs, findings
// located in their file and table. Findings and explanations are worded by src/i18n (renderFinding,
// renderExplanation, ruleTitle), and so are the labels (i18n/labels.ts).
import type { FileReport, Finding, Lang, Severity, SkippedFile, TableReport } from '../model.js';

/** Options every CI formatter takes. */
export interface CiOptions {
  /** Language of messages, labels and rule titles; zh by default. */
  lang?: Lang;
  /** Files the batch left out on purpose, for formatX to account for (a run's come in its digest). */
  skipped?: readonly SkippedFile[];
}

/** One finding with where it belongs: its file and, unless it is about the file itself, its table. */
export interface Located {
  file: string;
  table: TableReport | null;
  finding: Finding;
}

export { cellName } from '../cells.js';

/** Counts of a list of findings by severity. */
export function countFindings(findings: readonly { severity: Severity }[]): { errors: number; warnings: number; infos: number } {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

/** Every finding of a file in report order: the file's own, then each table's. */
export function locateFindings(file: FileReport): Located[] {
  return [
    ...file.findings.map((finding) => ({ file: file.file, table: null, finding })),
    ...file.tables.flatMap((table) => table.findings.map((finding) => ({ file: file.file, table, finding }))),
  ];
}

/** The name of a table in a report: its file, plus ` [sheet]` (` [sheet · 项目]` for one of several on a sheet) when the file holds several tables. */
export function tableLabel(file: FileReport, table: TableReport): string {
  return file.tables.length > 1 ? `${file.file} [${table.table.label}]` : file.file;
}

/** A path with forward slashes and no leading `./`, as CI tools expect paths relative to the checkout. */
export function toPosixPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * A path as an RFC 3986 URI reference: each segment percent-encoded (UTF-8), so non-ASCII names,
 * spaces, `#`, `%` and a `:` in a first segment are valid; an absolute path becomes a `file:` URI.
 */
export function toUri(file: string): string {
  const path = toPosixPath(file);
  const absolute = path.startsWith('/') || /^[A-Za-z]:\//.test(path);
  const encoded = path.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  if (!absolute) return encoded;
  // A drive letter keeps its colon (`file:///C:/…`); a colon inside an absolute path is legal anyway.
  return `file://${path.startsWith('/') ? '' : '/'}${encoded.replace(/%3A/g, ':')}`;
}


/**
 * The deepest folder holding every file, as the files spell it, ending in its separator (`材料/`), or
 * '' when they share none; a single file's is its folder. Paths are compared as written (`/` or `\`).
 */
export function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return '';
  const split = (f: string) => f.split(/(?<=[\\/])/);
  let common = split(files[0]!).slice(0, -1);
  for (const f of files.slice(1)) {
    const parts = split(f).slice(0, -1);
    let i = 0;
    while (i < common.length && i < parts.length && common[i]!.replace(/\\$/, '/') === parts[i]!.replace(/\\$/, '/')) i++;
    common = common.slice(0, i);
  }
  return common.join('');
}
