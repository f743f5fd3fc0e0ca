// The console summary: per table, totals beside the declared ones, first-level subtotals, the
// budget score, and every finding with its cell. A pure function of the reports.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Decimal } from 'decimal.js';
import { describeExpression } from '../i18n/describe.js';
import { renderFinding } from '../i18n/findings.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, Finding, Lang, SkippedFile, TableReport } from '../model.js';
import { commonFolder } from './common.js';
import { displayWidth, fitText, padText, wrapText } from './text.js';
import { cellName } from '../cells.js';
import { reportLabels, severityWord } from '../i18n/labels.js';
import { digestOf, shortReason, skipReasonText, tableStatus, type RunDigest } from './digest.js';
import { rankTables } from './ranking.js';

export interface ConsoleOptions {
  lang: Lang;
  /** Colour the output (a terminal, and no NO_COLOR). */
  color: boolean;
  /** Terminal width in columns. */
  width: number;
  /** Errors only (`--quiet`): a file's block shows only its error findings, and a file without any none. */
  quiet?: boolean;
  /** The ranking and the counts only (`--ranking-only`): no file's block. */
  rankingOnly?: boolean;
  /** Files the batch left out on purpose, for formatConsole's ranking (a run's come in its digest). */
  skipped?: readonly SkippedFile[];
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
  // 16 = the borders and padding of a five-column table. The reason gets what is left, at least 16;
  // on a narrow terminal the indicator's column gives way first (down to 8), then the table is wider.
  const left = () => o.width - widths.reduce((a, b) => a + b, 0) - 16;
  if (left() < 16) widths[0] = Math.max(8, widths[0]! - (16 - left()));
  const reason = Math.max(16, left());
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

/** A column of the ranking: its header, its cells, how they align, and how a cell too wide is cut. */
interface Column {
  head: string;
  cells: string[];
  align: 'left' | 'right';
  /** Cut in the middle (paths, units: their ends tell them apart), at the end, or never (numbers). */
  cut: 'middle' | 'end' | null;
}

/**
 * How wide each text column may be in `width` columns: the numbers take what they need; the unit, the
 * file and the status share the rest, the status at most a third of it, the unit at most two fifths of
 * what the status leaves, and whatever one of them does not need goes to the others.
 */
function layout(columns: Column[], width: number, gap: number): number[] {
  const natural = columns.map((c) => c.cells.reduce((w, x) => Math.max(w, displayWidth(x)), displayWidth(c.head)));
  const widths = [...natural];
  const text = columns.flatMap((c, i) => (c.cut === null ? [] : [i]));
  const [unit, file, status] = text as [number, number, number];
  const fixed = natural.reduce((sum, w, i) => (text.includes(i) ? sum : sum + w), 0) + gap * (columns.length - 1);
  const room = width - fixed;
  const least = (i: number) => Math.min(natural[i]!, Math.max(4, displayWidth(columns[i]!.head)));
  widths[status] = Math.max(least(status), Math.min(natural[status]!, Math.floor(room / 3)));
  const rest = room - widths[status]!;
  if (natural[unit]! + natural[file]! > rest) {
    widths[unit] = Math.max(least(unit), Math.min(natural[unit]!, Math.floor(rest * 0.4)));
    widths[file] = Math.max(least(file), Math.min(natural[file]!, rest - widths[unit]!));
    widths[unit] = Math.max(least(unit), Math.min(natural[unit]!, rest - widths[file]!));
  }
  return widths;
}

/**
 * The ranking of a batch, one line per table sized to `o.width` columns (no line wraps): rank, unit,
 * the file relative to the folder every file is under (cut in the middle to fit), totals, grade,
 * counts and status; then the files not read (their status the reason), then those skipped.
 */
function rankingTable(digest: RunDigest, o: ConsoleOptions, chalk: InstanceType<typeof Chalk>): string {
  const l = reportLabels(o.lang);
  const ui = uiFor(o.lang);
  const folder = commonFolder([...digest.tables.map((t) => t.file), ...digest.unreadable.map((u) => u.file), ...digest.skipped.map((s) => s.file)]);
  const rel = (file: string) => file.slice(folder.length);
  const rows: { cells: string[]; paint: (s: string) => string }[] = [];
  for (const r of rankTables(digest.tables)) {
    const status = tableStatus(r, o.lang);
    const paint = r.errors > 0 ? chalk.red : r.warnings > 0 ? chalk.yellow : chalk.green;
    const name = r.name === r.file ? rel(r.file) : `${rel(r.file)} [${r.sheet}]`;
    rows.push({ cells: [String(r.rank), r.department ?? '', name, dec(r.total), dec(r.declaredTotal), r.grade, String(r.errors), String(r.warnings), status], paint });
  }
  for (const u of digest.unreadable) {
    const error = u.severity === 'error';
    rows.push({ cells: ['', '', rel(u.file), '', '', '', error ? '1' : '0', error ? '0' : '1', shortReason(u)], paint: error ? chalk.red : chalk.yellow });
  }
  for (const s of digest.skipped) rows.push({ cells: ['', '', rel(s.file), '', '', '', '', '', skipReasonText(s.reason, o.lang)], paint: chalk.dim });
  const heads: [string, Column['align'], Column['cut']][] = [
    [l.rankShort, 'right', null],
    [l.department, 'left', 'middle'],
    [l.file, 'left', 'middle'],
    [l.totalShort, 'right', null],
    [l.declaredShort, 'right', null],
    [l.grade, 'left', null],
    [l.errorsShort, 'right', null],
    [l.warningsShort, 'right', null],
    [l.status, 'left', 'end'],
  ];
  // One line whatever a cell holds (a unit's name written on two lines in its cell).
  const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');
  const columns: Column[] = heads.map(([head, align, cut], i) => ({ head, align, cut, cells: rows.map((r) => oneLine(r.cells[i]!)) }));
  // Two spaces between columns, one below 100 columns, where the unit and the file need every column.
  const gap = o.width >= 100 ? '  ' : ' ';
  const widths = layout(columns, o.width, gap.length);
  const line = (cells: string[], paintLast: (s: string) => string = (s) => s) =>
    cells
      .map(oneLine)
      .map((c, i) => {
        const col = columns[i]!;
        const fitted = col.cut === null ? c : fitText(c, widths[i]!, col.cut);
        // The last column is not padded, so that no line ends in spaces (painted ones included).
        return i === cells.length - 1 ? paintLast(fitted) : padText(fitted, widths[i]!, col.align);
      })
      .join(gap)
      .trimEnd();
  const head = line(columns.map((c) => c.head));
  const rule = '─'.repeat(displayWidth(head));
  const title = folder === '' ? ui.ranking : ui.rankingUnder(folder);
  return [title, chalk.bold(head), rule, ...rows.map((r) => line(r.cells, r.paint))].join('\n');
}

/** A report with its error findings only and its tables that have any, or null when it has none (`--quiet`). */
function errorsOnly(file: FileReport): FileReport | null {
  const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
  const tables = file.tables.map((t) => ({ ...t, findings: errors(t.findings) })).filter((t) => t.findings.length > 0);
  const quiet = { ...file, findings: errors(file.findings), tables };
  return quiet.findings.length > 0 || tables.length > 0 ? quiet : null;
}

/** One file's block: each table's totals and findings (or the file's own findings when it could not be read). */
export function consoleFile(report: FileReport, o: ConsoleOptions): string {
  if (o.rankingOnly) return '';
  const file = o.quiet ? errorsOnly(report) : report;
  if (file === null) return '';
  const ui = uiFor(o.lang);
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const out: string[] = [];
  if (file.findings.length > 0) out.push(chalk.bold(file.file), findingsTable(file.findings, o, chalk), '');
  for (const r of file.tables) {
    out.push(chalk.bold(`${r.department ?? file.file}`) + `  ${file.file} · ${r.table.label} · ${ui.profile} ${r.profile}`);
    out.push(summaryTable(r, o.lang));
    // --quiet is errors only: 偏差说明 is for proof-reading, not for CI logs.
    const deviations = o.quiet ? null : deviationsTable(r, o);
    if (deviations !== null) out.push(deviations);
    // 提示 (info) findings are the rows 偏差说明 lists; the findings table is what must or should be fixed.
    const findings = r.findings.filter((f) => f.severity !== 'info');
    if (findings.length > 0) out.push(findingsTable(findings, o, chalk));
    out.push('');
  }
  return out.map((line) => `${line}\n`).join('');
}

/**
 * What follows the files' blocks: for a batch (or with `rankingOnly`), the ranking and how many files
 * were given, scored, not read and skipped; then the counts of findings.
 */
export function consoleEnd(digest: RunDigest, o: ConsoleOptions): string {
  const ui = uiFor(o.lang);
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const batch = digest.files > 1 || o.rankingOnly === true;
  const ranking = batch ? `${rankingTable(digest, o, chalk)}\n\n${ui.fileCounts(digest.files, digest.scoredFiles, digest.unreadableFiles, digest.skipped.length)}\n` : '';
  const counts = ui.counts(digest.errors, digest.warnings, digest.infos);
  const painted = digest.errors > 0 ? chalk.red(counts) : digest.warnings > 0 ? chalk.yellow(counts) : chalk.green(counts);
  return `${ranking}${painted}\n`;
}

/** The console summary of a list of files: their blocks, then the end (the skipped files in its ranking). */
export function formatConsole(files: readonly FileReport[], o: ConsoleOptions): string {
  return `${files.map((f) => consoleFile(f, o)).join('')}${consoleEnd(digestOf(files, o.lang, o.skipped), o)}`;
}
