// JUnit XML for CI test reports (GitLab, Jenkins, Azure Pipelines): one <testsuite> per table, one
// <testcase> per indicator row and per file-level check (budget, weights, total, grade).
//
// Decisions:
// - Only error findings fail a testcase. Warnings go to its <system-out>, so a table with warnings only
//   is green in CI, as the exit code is (`--max-warnings` is how a run fails on warnings).
// - One <failure> per testcase, as the common JUnit schemas allow: type and message are the first
//   error's, its text lists every error of the case. `failures` counts failed testcases.
// - <error> means "could not run": only an unreadable file, as a testcase `read`.
// - No `time` attributes: output depends on the reports alone.
import { subjectOf } from '../checks/index.js';
import { renderFinding } from '../i18n/findings.js';
import type { CellRef, FileReport, Finding, Lang, TableReport } from '../model.js';
import { cellName, tableLabel, type CiOptions } from './common.js';
import { addCounts, formatAll, type Format } from './format.js';

/**
 * The file-level checks, each a testcase of every table even when it passes: the subjects of the
 * checks (src/checks). A finding whose check names its subject goes to that testcase, wherever its
 * cell is (a first level's label may sit on a row's cell).
 */
const CHECKS = ['budget', 'weights', 'total', 'grade'] as const;

interface TestCase {
  name: string;
  classname: string;
  findings: Finding[];
  /** The case could not run (an unreadable file). */
  error: boolean;
}

interface TestSuite {
  name: string;
  cases: TestCase[];
}

/** XML 1.0 text: characters XML cannot hold (most C0 controls, lone surrogates, U+FFFE/F) removed. */
function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An attribute value in double quotes; tabs and line breaks as references so parsers keep them. */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** ` name="value"` for each entry, escaped. */
function attrs(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');
}

/** Row number → index of the indicator on that row; a merged name cell never takes another row's place. */
function indicatorRows(t: TableReport): Map<number, number> {
  const rows = new Map<number, number>();
  const mark = (ref: CellRef, i: number) => {
    if (ref.sheet === t.sheet && !rows.has(ref.row)) rows.set(ref.row, i);
  };
  t.indicators.forEach(({ raw }, i) => {
    for (const c of [raw.target, raw.actual, raw.weight, raw.score, raw.unit, raw.deviation, raw.reason]) if (c) mark(c.ref, i);
  });
  t.indicators.forEach(({ raw }, i) => mark(raw.name.ref, i));
  return rows;
}

/** The testcases of one table: its indicators, then the checks; a finding tied to neither goes to `table`. */
function tableCases(t: TableReport): TestCase[] {
  const indicators: TestCase[] = t.indicators.map((ind) => ({
    name: `${ind.name} (${cellName(ind.raw.name.ref)})`,
    classname: ind.level2 === null ? ind.level1 : `${ind.level1}.${ind.level2}`,
    findings: [],
    error: false,
  }));
  const checks = new Map<string, TestCase>(CHECKS.map((c) => [c, { name: c, classname: 'checks', findings: [], error: false }]));
  const rows = indicatorRows(t);
  const budgetRow = t.table.budget?.label.ref.row;
  for (const f of t.findings) {
    const subject = subjectOf(f);
    const row = f.ref && f.ref.sheet === t.sheet ? rows.get(f.ref.row) : undefined;
    if (!subject && row !== undefined) {
      indicators[row]!.findings.push(f);
      continue;
    }
    const aboutBudget = f.ref !== null && f.ref.row === budgetRow;
    const check = subject ?? (aboutBudget ? 'budget' : 'table');
    if (!checks.has(check)) checks.set(check, { name: check, classname: 'checks', findings: [], error: false });
    checks.get(check)!.findings.push(f);
  }
  return [...indicators, ...checks.values()];
}

/** One <testcase>: a <failure> (or <error>) for its errors, <system-out> for its warnings. */
function caseXml(c: TestCase, lang: Lang): string {
  const line = (f: Finding) => `${cellName(f.ref) ?? '-'} ${f.code}: ${renderFinding(f, lang)}`;
  const errors = c.findings.filter((f) => f.severity === 'error');
  const warnings = c.findings.filter((f) => f.severity === 'warning');
  const inner: string[] = [];
  const first = errors[0];
  if (first) {
    const tag = c.error ? 'error' : 'failure';
    inner.push(`      <${tag}${attrs({ type: first.code, message: renderFinding(first, lang) })}>${xmlText(errors.map(line).join('\n'))}</${tag}>`);
  }
  if (warnings.length > 0) inner.push(`      <system-out>${xmlText(warnings.map((f) => `warning ${line(f)}`).join('\n'))}</system-out>`);
  const open = `    <testcase${attrs({ name: c.name, classname: c.classname })}`;
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
}

/** The tests / failures / errors attributes of a list of testcases. */
function counts(cases: TestCase[]) {
  const failed = (c: TestCase) => c.findings.some((f) => f.severity === 'error');
  return {
    tests: cases.length,
    failures: cases.filter((c) => !c.error && failed(c)).length,
    errors: cases.filter((c) => c.error && failed(c)).length,
  };
}

/** The suites of one file: one per table, or one with a testcase `read` in error when it could not be read. */
function fileSuites(f: FileReport): TestSuite[] {
  const suites: TestSuite[] = f.tables.map((t) => ({ name: tableLabel(f, t), cases: tableCases(t) }));
  if (f.findings.length > 0) suites.push({ name: f.file, cases: [{ name: 'read', classname: 'file', findings: f.findings, error: true }] });
  return suites;
}

/**
 * The run as JUnit XML. Its root carries the run's counts, so the files' suites are held and the
 * document is written at the end.
 */
export function junitFormat(opts: CiOptions = {}): Format {
  const lang = opts.lang ?? 'zh';
  return {
    separator: '',
    holdFiles: true,
    file(f) {
      const all = { tests: 0, failures: 0, errors: 0 };
      const text = fileSuites(f)
        .map((s) => {
          const c = counts(s.cases);
          addCounts(all, c);
          return ['', `  <testsuite${attrs({ name: s.name, ...c })}>`, ...s.cases.map((c) => caseXml(c, lang)), '  </testsuite>'].join('\n');
        })
        .join('');
      return { text, counts: all };
    },
    head({ counts: c }) {
      const root = { name: 'perf-score', tests: c.tests ?? 0, failures: c.failures ?? 0, errors: c.errors ?? 0 };
      return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs(root)}>`;
    },
    tail: () => '\n</testsuites>\n',
  };
}

/** A list of files as JUnit XML. */
export function formatJunit(files: readonly FileReport[], opts: CiOptions = {}): string {
  return formatAll(junitFormat(opts), files, opts.lang ?? 'zh');
}
