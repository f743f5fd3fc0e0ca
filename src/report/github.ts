// GitHub Actions: workflow commands that annotate the checked files (one line per finding, on stdout),
// and a Markdown summary for the CLI to append to $GITHUB_STEP_SUMMARY.
//
// An annotation has no line: a workbook has none, so GitHub shows it on the file, and the cell goes
// in the title (`missing-reason 部门整体绩效自评表!H25`). GitHub shows a limited number of annotations
// per step (10 errors and 10 warnings at the time of writing); the step summary lists the rest.
import type { Decimal } from 'decimal.js';
import { renderFinding } from '../i18n/findings.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, SkippedFile } from '../model.js';
import { reportLabels, severityWord } from '../i18n/labels.js';
import { cellName, locateFindings, toPosixPath, type CiOptions } from './common.js';
import { shortReason, skippedMessage, skipReasonText, tableStatus, type RunDigest } from './digest.js';

/** The message of a workflow command: `%`, CR and LF escaped, so no text can start a command of its own. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property of a workflow command (`file=`, `title=`): also `:` and `,`, which end properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The workflow command of each severity. */
const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** One `::error` / `::warning` / `::notice` line per finding of a file. */
export function githubFile(report: FileReport, opts: CiOptions = {}): string {
  return locateFindings(report)
    .map(({ file, finding }) => {
      const title = [finding.code, cellName(finding.ref)].filter((s) => s !== null).join(' ');
      return `::${COMMAND[finding.severity]} file=${escapeProperty(toPosixPath(file))},title=${escapeProperty(title)}::${escapeData(renderFinding(finding, opts.lang ?? 'zh'))}\n`;
    })
    .join('');
}

/**
 * One `::notice` line per file a batch left out on purpose, after the files' annotations: a notice
 * fails nothing, and the file is accounted for (`title=skipped lock-file`).
 */
export function githubSkipped(skipped: readonly SkippedFile[], opts: CiOptions = {}): string {
  return skipped
    .map((s) => `::notice file=${escapeProperty(toPosixPath(s.file))},title=${escapeProperty(`skipped ${s.reason}`)}::${escapeData(skippedMessage(s, opts.lang ?? 'zh'))}\n`)
    .join('');
}

/** The workflow commands of a list of files (and those skipped). */
export function formatGithub(files: readonly FileReport[], opts: CiOptions = {}): string {
  return files.map((f) => githubFile(f, opts)).join('') + githubSkipped(opts.skipped ?? [], opts);
}

/** How many findings the step summary lists at most (a step summary is capped at 1 MiB). */
export const SUMMARY_FINDINGS = 200;

/** Text for Markdown, inside a table cell or not: one line, and punctuation that would format escaped. */
function md(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~#&]/g, '\\$&');
}

/** A score with 2 decimals, empty when there is none. */
function dec(d: Decimal | null): string {
  return d === null ? '' : d.toFixed(2);
}

/**
 * The step summary, as GitHub-flavoured Markdown: a table of every file given (file, unit, totals,
 * grade, counts, status: the worst severity or 通过 for a table, the reason for a file not read or
 * skipped), how many files were scored, not read and skipped, then the findings the digest kept (at
 * most SUMMARY_FINDINGS), and how many more there are.
 */
export function formatGithubSummary(digest: RunDigest, opts: CiOptions = {}): string {
  const l = reportLabels(opts.lang);
  const ui = uiFor(opts.lang ?? 'zh');
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [
    '### perf-score',
    '',
    row([l.file, l.department, l.total, l.declaredTotal, l.grade, l.errors, l.warnings, l.status]),
    row(['---', '---', '---:', '---:', '---', '---:', '---:', '---']),
  ];
  for (const t of digest.tables) {
    const status = tableStatus(t, opts.lang ?? 'zh');
    out.push(row([md(t.name), md(t.department ?? ''), dec(t.total), dec(t.declaredTotal), md(t.grade), String(t.errors), String(t.warnings), md(status)]));
  }
  for (const u of digest.unreadable) out.push(row([md(u.file), '', '', '', '', u.severity === 'error' ? '1' : '0', u.severity === 'error' ? '0' : '1', md(shortReason(u))]));
  for (const s of digest.skipped) out.push(row([md(s.file), '', '', '', '', '', '', md(skipReasonText(s.reason, opts.lang ?? 'zh'))]));

  out.push('', md(ui.fileCounts(digest.files, digest.scoredFiles, digest.unreadableFiles, digest.skipped.length)));
  out.push('', `**${md(ui.counts(digest.errors, digest.warnings, digest.infos))}**`);
  const shown = digest.findings.slice(0, SUMMARY_FINDINGS);
  if (shown.length > 0) out.push('');
  for (const f of shown) {
    const where = [f.file, f.cell, f.indicator].filter((s) => s !== null).map(md).join(' · ');
    out.push(`- **${severityWord(f.severity, opts.lang)}** \`${f.code}\` ${where}: ${md(f.message)}`);
  }
  const more = digest.errors + digest.warnings + digest.infos - shown.length;
  if (more > 0) out.push(`- ${md(l.more(more))}`);
  return `${out.join('\n')}\n`;
}
