// GitHub Actions: workflow commands that annotate the checked files (one line per finding, on stdout),
// and a Markdown summary for the CLI to append to $GITHUB_STEP_SUMMARY.
//
// An annotation has no line: a workbook has none, so GitHub shows it on the file, and the cell goes
// in the title (`missing-reason 部门整体绩效自评表!H25`). GitHub shows a limited number of annotations
// per step (10 errors and 10 warnings at the time of writing); the step summary lists the rest.
import type { Decimal } from 'decimal.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport } from '../model.js';
import { cellName, countFindings, locateFindings, reportLabels, tableLabel, toPosixPath, type CiOptions } from './common.js';

/** The message of a workflow command: `%`, CR and LF escaped, so no text can start a command of its own. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property of a workflow command (`file=`, `title=`): also `:` and `,`, which end properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error` / `::warning` line per finding. */
export function formatGithub(files: readonly FileReport[], opts: CiOptions = {}): string {
  return locateFindings(files, opts.unreadable)
    .map(({ file, finding }) => {
      const title = [finding.code, cellName(finding.ref)].filter((s) => s !== null).join(' ');
      return `::${finding.severity} file=${escapeProperty(toPosixPath(file))},title=${escapeProperty(title)}::${escapeData(finding.message)}\n`;
    })
    .join('');
}

export interface GithubSummaryOptions extends CiOptions {
  /** How many findings the list shows at most (a step summary is capped at 1 MiB); 200 by default. */
  maxFindings?: number;
}

/** Text for Markdown, inside a table cell or not: one line, and punctuation that would format escaped. */
function md(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~#&]/g, '\\$&');
}

/** A score with 2 decimals, empty when there is none. */
function dec(d: Decimal | null): string {
  return d === null ? '' : d.toFixed(2);
}

/** A table per run (file, unit, totals, grade, counts) and the findings, as GitHub-flavoured Markdown. */
export function formatGithubSummary(files: readonly FileReport[], opts: GithubSummaryOptions = {}): string {
  const l = reportLabels(opts.lang);
  const ui = uiFor(opts.lang ?? 'zh');
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [
    '### perf-score',
    '',
    row([l.file, l.department, l.total, l.declaredTotal, l.grade, l.errors, l.warnings]),
    row(['---', '---', '---:', '---:', '---', '---:', '---:']),
  ];
  for (const f of files) {
    for (const t of f.tables) {
      const c = countFindings(t.findings);
      out.push(row([md(tableLabel(f, t)), md(t.department ?? ''), dec(t.total), dec(t.declaredTotal), md(t.grade), String(c.errors), String(c.warnings)]));
    }
  }
  for (const u of opts.unreadable ?? []) out.push(row([md(u.file), '', '', '', '', '1', '0']));

  const located = locateFindings(files, opts.unreadable);
  const total = countFindings(located.map((x) => x.finding));
  out.push('', `**${md(ui.counts(total.errors, total.warnings))}**`);
  const max = opts.maxFindings ?? 200;
  if (located.length > 0) out.push('');
  for (const { file, finding } of located.slice(0, max)) {
    const where = [file, cellName(finding.ref), finding.indicator].filter((s) => s !== null).map(md).join(' · ');
    out.push(`- **${finding.severity === 'error' ? l.error : l.warning}** \`${finding.code}\` ${where}: ${md(finding.message)}`);
  }
  if (located.length > max) out.push(`- ${md(l.more(located.length - max))}`);
  return `${out.join('\n')}\n`;
}
