// The console summary: per table, totals beside the declared ones, first-level subtotals, the
// budget score, and every finding with its cell. A pure function of the reports.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Decimal } from 'decimal.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, Finding, Lang, TableReport } from '../model.js';
import { displayWidth, wrapText } from './text.js';
import { cellName } from '../cells.js';

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

function findingsTable(findings: Finding[], o: ConsoleOptions, chalk: InstanceType<typeof Chalk>): string {
  const ui = uiFor(o.lang);
  const cells = findings.map((f) => [f.severity === 'error' ? ui.error : ui.warning, cellName(f.ref) ?? '', f.indicator ?? '', f.message]);
  const natural = (i: number) => Math.max(displayWidth([ui.severity, ui.cell, ui.indicator, ui.message][i]!), ...cells.map((c) => displayWidth(c[i]!)));
  const sev = natural(0);
  const cell = natural(1);
  const indicator = Math.min(natural(2), 20);
  // 13 = the borders and padding of a four-column table.
  const message = Math.max(20, o.width - sev - cell - indicator - 13);
  const t = newTable([ui.severity, ui.cell, ui.indicator, ui.message], false);
  for (const [i, f] of findings.entries()) {
    const [s, c, ind, msg] = cells[i]!;
    const paint = f.severity === 'error' ? chalk.red : chalk.yellow;
    t.push([paint(s!), c!, wrapText(ind!, indicator), wrapText(msg!, message)]);
  }
  return t.toString();
}

export function formatConsole(files: FileReport[], o: ConsoleOptions): string {
  const ui = uiFor(o.lang);
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const r of file.tables) {
      out.push(chalk.bold(`${r.department ?? file.file}`) + `  ${file.file} · ${r.sheet} · ${ui.profile} ${r.profile}`);
      out.push(summaryTable(r, o.lang));
      if (r.findings.length > 0) out.push(findingsTable(r.findings, o, chalk));
      errors += r.findings.filter((f) => f.severity === 'error').length;
      warnings += r.findings.filter((f) => f.severity === 'warning').length;
      out.push('');
    }
  }
  const counts = ui.counts(errors, warnings);
  out.push(errors > 0 ? chalk.red(counts) : warnings > 0 ? chalk.yellow(counts) : chalk.green(counts));
  return `${out.join('\n')}\n`;
}
