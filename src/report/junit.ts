// JUnit XML for CI test reports (GitLab, Jenkins, Azure Pipelines): one <testsuite> per table, one
// <testcase> per indicator row and per file-level check (budget, weights, total, grade).
//
// Decisions:
// - Only error findings fail a testcase. Warnings and infos go to its <system-out>, so a table with
//   warnings only is green in CI, as the exit code is (`--max-warnings` is how a run fails on warnings).
// - One <failure> per testcase, as the common JUnit schemas allow: type and message are the first
//   error's, its text lists every error of the case. `failures` counts failed testcases.
// - <error> means "could not run": only an unreadable file, as a testcase `read`.
// - A file a batch left out on purpose (a lock file, a scored copy) is a suite of its own with one
//   testcase `read` in <skipped>, its message the reason: every file given is in the report. The
//   `skipped` counts are written when there is one.
// - No `time` attributes: output depends on the reports alone.
import { subjectOf } from '../checks/index.js';
import { renderFinding } from '../i18n/findings.js';
import type { CellRef, FileReport, Finding, Lang, SkippedFile, TableReport } from '../model.js';
import { skippedMessage } from './digest.js';
import { cellName, tableLabel, type CiOptions } from './common.js';

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

/** A testcase as the document writes it: plain data, worded where its file was scored. */
export interface JunitCase {
  name: string;
  classname: string;
  /** Its errors: a <failure>, or an <error> when the case could not run, with the first error's code and message. */
  failure?: { tag: 'failure' | 'error'; type: string; message: string; text: string };
  /** Its warnings and infos, a line each (<system-out>). */
  out?: string;
  /** Not run: the file was left out on purpose, and why (<skipped>). */
  skipped?: { message: string };
}

/** A testsuite (a table, or a file that could not be read) with its counts. */
export interface JunitSuite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  /** Testcases not run (a skipped file's); absent when none. */
  skipped?: number;
  cases: JunitCase[];
}

function caseOf(c: TestCase, lang: Lang): JunitCase {
  const line = (f: Finding) => `${cellName(f.ref) ?? '-'} ${f.code}: ${renderFinding(f, lang)}`;
  const errors = c.findings.filter((f) => f.severity === 'error');
  const others = c.findings.filter((f) => f.severity !== 'error');
  const first = errors[0];
  return {
    name: c.name,
    classname: c.classname,
    ...(first && { failure: { tag: c.error ? 'error' : 'failure', type: first.code, message: renderFinding(first, lang), text: errors.map(line).join('\n') } }),
    ...(others.length > 0 && { out: others.map((f) => `${f.severity} ${line(f)}`).join('\n') }),
  };
}

/** One file's suites: one per table, or one with a testcase `read` in error when it could not be read. */
export function junitSuites(f: FileReport, opts: CiOptions = {}): JunitSuite[] {
  const suites: TestSuite[] = f.tables.map((t) => ({ name: tableLabel(f, t), cases: tableCases(t) }));
  if (f.findings.length > 0) suites.push({ name: f.file, cases: [{ name: 'read', classname: 'file', findings: f.findings, error: true }] });
  return suites.map((s) => {
    const cases = s.cases.map((c) => caseOf(c, opts.lang ?? 'zh'));
    return {
      name: s.name,
      tests: cases.length,
      failures: cases.filter((c) => c.failure?.tag === 'failure').length,
      errors: cases.filter((c) => c.failure?.tag === 'error').length,
      cases,
    };
  });
}

/** The suites of the files a batch left out on purpose: one each, its testcase `read` skipped with the reason. */
export function junitSkipped(skipped: readonly SkippedFile[], opts: CiOptions = {}): JunitSuite[] {
  return skipped.map((s) => ({
    name: s.file,
    tests: 1,
    failures: 0,
    errors: 0,
    skipped: 1,
    cases: [{ name: 'read', classname: 'file', skipped: { message: skippedMessage(s, opts.lang ?? 'zh') } }],
  }));
}

function caseXml(c: JunitCase): string {
  const inner: string[] = [];
  if (c.skipped) inner.push(`      <skipped${attrs({ message: c.skipped.message })}/>`);
  const f = c.failure;
  if (f) inner.push(`      <${f.tag}${attrs({ type: f.type, message: f.message })}>${xmlText(f.text)}</${f.tag}>`);
  if (c.out !== undefined) inner.push(`      <system-out>${xmlText(c.out)}</system-out>`);
  const open = `    <testcase${attrs({ name: c.name, classname: c.classname })}`;
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
}

/** The run's suites as one JUnit XML document; its root carries the run's counts. */
export function junitXml(suites: readonly JunitSuite[]): string {
  const sum = (key: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((n, s) => n + (s[key] ?? 0), 0);
  const skipped = sum('skipped');
  const root = { name: 'perf-score', tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), ...(skipped > 0 && { skipped }) };
  const body = suites.map((s) =>
    [`  <testsuite${attrs({ name: s.name, tests: s.tests, failures: s.failures, errors: s.errors, ...(s.skipped !== undefined && { skipped: s.skipped }) })}>`, ...s.cases.map(caseXml), '  </testsuite>'].join('\n'),
  );
  return [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites${attrs(root)}>`, ...body, '</testsuites>', ''].join('\n');
}

/** A list of files (and those skipped) as JUnit XML. */
export function formatJunit(files: readonly FileReport[], opts: CiOptions = {}): string {
  return junitXml([...files.flatMap((f) => junitSuites(f, opts)), ...junitSkipped(opts.skipped ?? [], opts)]);
}
