// The console summary: per table, totals beside the declared ones, first-level subtotals, the
// budget score, and every finding with its cell. A pure function of the reports.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Decimal } from 'decimal.js';
import { describeExpression } from '../i18n/describe.js';
import { renderFinding } from '../i18n/findings.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, Finding, Lang, TableReport } from '../model.js';
import { displayWidth, wrapText } from './text.js';
import { cellName } from '../cells.js';
import { reportLabels, severityWord } from '../i18n/labels.js';
import { digestOf, type RunDigest } from './digest.js';
import { rankTables } from './ranking.js';

export interface ConsoleOptions {
  lang: Lang;
  /** Colour the output (a terminal, and no NO_COLOR). */
  color: boolean;
  /** Terminal width in columns. */
  width: number;
}

function newTable(head: string[], compact: boolean): Table.Table {
  // cli-table3 colours its borders and headers by default, even when piped: styles off, we colour ourselves.
  // Its wordWrap drops Chinese text: cells are wrapped by wrapText before they get here.
  return new Table({ head, style: { head: [], border: [], compact }, wordWrap: false });
}

function dec(d: Decimal | null): string {
  return d === null ? '' : d.toFixed(2);
}

function summaryTable(r: TableReport, lang: Lang): string {
  const ui = uiFor(lang);
  const t = newTable(['', ui.computed, ui.declared], true);
  t.push([ui.total, dec(r.total), dec(r.declaredTotal)]);
  t.push([ui.grade, r.grade, r.declaredGrade ?? '']);
  if (r.budget) {
    const b = r.budget;
    const pct = (d: Decimal | null) => (d === null ? '' : `（${d.toFixed(2)}%）`);
    t.push([`${ui.budget}（${b.weight.toFixed()}）`, `${dec(b.score)}${pct(b.rate)}`, `${dec(b.declaredScore)}${pct(b.declaredRate)}`]);
  }
  for (const level of r.levels) t.push([`${level.name}（${level.weight.toFixed()}）`, dec(level.score), dec(level.declaredScore)]);
  return t.toString();
}

/**
 * 偏差说明: every row whose actual misses its target, with the reason as written (wrapped, never
 * cut), or a note that it has none: what the unit proof-reads before submitting.
 */
function deviationsTable(r: TableReport, o: ConsoleOptions): string | null {
  const missed = r.indicators.filter((i) => i.met === false && i.target !== null && i.actual !== null);
  if (missed.length === 0) return null;
  const ui = uiFor(o.lang);
  const head = [ui.indicator, ui.target, ui.actual, ui.deviation, ui.reason];
  const cells = missed.map((i) => [i.name, describeExpression(i.target!), describeExpression(i.actual!), i.deviation === null ? '' : `${i.deviation.toFixed(2)}%`]);
  const natural = (k: number, cap: number) => Math.min(cap, Math.max(displayWidth(head[k]!), ...cells.map((c) => displayWidth(c[k]!))));
  const widths = [natural(0, 20), natural(1, 12), natural(2, 12), natural(3, 9)];
  // 16 = the borders and padding of a five-column table.
  const reason = Math.max(20, o.width - widths.reduce((a, b) => a + b, 0) - 16);
  const t = newTable(head, false);
  for (const [k, i] of missed.entries()) {
    const [name, target, actual, deviation] = cells[k]!;
    t.push([wrapText(name!, widths[0]!), wrapText(target!, widths[1]!), wrapText(actual!, widths[2]!), deviation!, wrapText(i.reason ?? ui.noReason, reason)]);
  }
  return `${ui.deviations}\n${t.toString()}`;
}

function findingsTable(findings: Finding[], o: ConsoleOptions, chalk: InstanceType<typeof Chalk>): string {
  const ui = uiFor(o.lang);
  const cells = findings.map((f) => [severityWord(f.severity, o.lang), cellName(f.ref) ?? '', f.indicator ?? '', renderFinding(f, o.lang)]);
  const natural = (i: number) => Math.max(displayWidth([ui.severity, ui.cell, ui.indicator, ui.message][i]!), ...cells.map((c) => displayWidth(c[i]!)));
  const sev = natural(0);
  const cell = natural(1);
  const indicator = Math.min(natural(2), 20);
  // 13 = the borders and padding of a four-column table.
  const message = Math.max(20, o.width - sev - cell - indicator - 13);
  const t = newTable([ui.severity, ui.cell, ui.indicator, ui.message], false);
  for (const [i, f] of findings.entries()) {
    const [s, c, ind, msg] = cells[i]!;
    const paint = { error: chalk.red, warning: chalk.yellow, info: chalk.cyan }[f.severity];
    t.push([paint(s!), c!, wrapText(ind!, indicator), wrapText(msg!, message)]);
  }
  return t.toString();
}

/** The ranking of a batch: one line per table, best computed total first, then the files not read. */
function rankingTable(digest: RunDigest, o: ConsoleOptions): string {
  const l = reportLabels(o.lang);
  const t = newTable([l.rank, l.department, l.file, l.total, l.declaredTotal, l.grade, l.errors, l.warnings], true);
  const natural = (texts: string[], head: string) => texts.reduce((w, x) => Math.max(w, displayWidth(x)), displayWidth(head));
  const deptNatural = natural(digest.tables.map((r) => r.department ?? ''), l.department);
  const fileNatural = natural([...digest.tables.map((r) => r.name), ...digest.unreadable.map((u) => u.file)], l.file);
  // The department and file columns share what the numbers leave of the width (62 columns with borders).
  const room = Math.max(20, o.width - 62);
  const file = deptNatural + fileNatural <= room ? fileNatural : Math.max(room - deptNatural, Math.min(fileNatural, Math.ceil(room / 2)));
  const dept = Math.max(4, room - file);
  for (const r of rankTables(digest.tables)) {
    t.push([String(r.rank), wrapText(r.department ?? '', dept), wrapText(r.name, file), dec(r.total), dec(r.declaredTotal), r.grade, String(r.errors), String(r.warnings)]);
  }
  for (const u of digest.unreadable) {
    const error = u.severity === 'error';
    t.push(['', '', wrapText(u.file, file), '', '', '', error ? '1' : '0', error ? '0' : '1']);
  }
  return `${uiFor(o.lang).ranking}\n${t.toString()}`;
}

/** One file's block: each table's totals and findings (or the file's own findings when it could not be read). */
export function consoleFile(file: FileReport, o: ConsoleOptions): string {
  const ui = uiFor(o.lang);
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const out: string[] = [];
  if (file.findings.length > 0) out.push(chalk.bold(file.file), findingsTable(file.findings, o, chalk), '');
  for (const r of file.tables) {
    out.push(chalk.bold(`${r.department ?? file.file}`) + `  ${file.file} · ${r.sheet} · ${ui.profile} ${r.profile}`);
    out.push(summaryTable(r, o.lang));
    const deviations = deviationsTable(r, o);
    if (deviations !== null) out.push(deviations);
    // 提示 (info) findings are the rows 偏差说明 lists; the findings table is what must or should be fixed.
    const findings = r.findings.filter((f) => f.severity !== 'info');
    if (findings.length > 0) out.push(findingsTable(findings, o, chalk));
    out.push('');
  }
  return out.map((line) => `${line}\n`).join('');
}

/** What follows the files' blocks: for a batch, the ranking; then the counts. */
export function consoleEnd(digest: RunDigest, o: ConsoleOptions): string {
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const ranking = digest.files > 1 ? `${rankingTable(digest, o)}\n\n` : '';
  const counts = uiFor(o.lang).counts(digest.errors, digest.warnings, digest.infos);
  const painted = digest.errors > 0 ? chalk.red(counts) : digest.warnings > 0 ? chalk.yellow(counts) : chalk.green(counts);
  return `${ranking}${painted}\n`;
}

/** The console summary of a list of files: their blocks, then the end. */
export function formatConsole(files: readonly FileReport[], o: ConsoleOptions): string {
  return `${files.map((f) => consoleFile(f, o)).join('')}${consoleEnd(digestOf(files, o.lang), o)}`;
}
