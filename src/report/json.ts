// The JSON format: one document for the whole run, documented in README.md (public API).
import { Decimal } from 'decimal.js';
import { renderExplanation } from '../i18n/explain.js';
import { renderFinding } from '../i18n/findings.js';
import type { FileReport, Finding, Lang, TableReport } from '../model.js';
import { cellName } from '../cells.js';
import type { CiOptions } from './common.js';
import { formatAll, type Format } from './format.js';

/**
 * Bumped on any change that could break a consumer of the JSON output. 2: each finding has its
 * `data` (CHANGELOG.md).
 */
export const SCHEMA_VERSION = 2;

/** An amount of money: written with the precision it was given (`378.1`, `12.3456`), not 2 decimals. */
class Amount {
  constructor(readonly text: string) {}
}

function amount(d: Decimal | null): Amount | null {
  return d === null ? null : new Amount(d.toFixed());
}

/** A finding's data as JSON: its numbers with the digits they have (`1.5`, `12.3456`), the rest as is. */
function dataJson(value: unknown): unknown {
  if (value instanceof Decimal) return new Amount(value.toFixed());
  if (Array.isArray(value)) return value.map(dataJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dataJson(v)]));
  return value;
}

function findingJson(f: Finding, lang: Lang) {
  return { code: f.code, severity: f.severity, cell: cellName(f.ref), indicator: f.indicator, message: renderFinding(f, lang), data: dataJson(f.data) };
}

function tableJson(file: string, r: TableReport, lang: Lang) {
  const b = r.budget;
  return {
    file,
    sheet: r.sheet,
    department: r.department,
    project: r.table.project?.text ?? null,
    profile: r.profile,
    total: r.total,
    declaredTotal: r.declaredTotal,
    grade: r.grade,
    declaredGrade: r.declaredGrade,
    budget: b && {
      initial: amount(b.initial),
      adjusted: amount(b.adjusted),
      executed: amount(b.executed),
      rate: b.rate,
      weight: b.weight,
      score: b.score,
      declaredScore: b.declaredScore,
      explanation: b.explanation && renderExplanation(b.explanation, lang),
    },
    levels: r.levels.map((l) => ({ name: l.name, weight: l.weight, score: l.score, declaredScore: l.declaredScore })),
    indicators: r.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      cell: cellName(i.raw.name.ref),
      target: i.raw.target.text,
      actual: i.raw.actual.text,
      weight: i.weight,
      score: i.score,
      declaredScore: i.declaredScore,
      deviation: i.deviation,
      reason: i.reason,
      explanation: i.explanation && renderExplanation(i.explanation, lang),
    })),
    totalExplanation: renderExplanation(r.totalExplanation, lang),
    findings: r.findings.map((f) => findingJson(f, lang)),
  };
}

/**
 * Marks a number's text as a string, unwrapped afterwards. JSON writes the character escaped
 * (`\\u0001`), and no cell text can hold it (XML 1.0 cannot), so only our numbers carry it.
 */
const RAW = '\u0001';

/**
 * JSON.stringify (2-space indent, lines after the first indented by `indent`), but a Decimal is
 * written as a number with 2 decimals (`7.40`, `-27.59`) and an Amount as given.
 */
function stringify(value: unknown, indent = ''): string {
  const json = JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const original = this[key];
      if (original instanceof Decimal) return `${RAW}${original.toFixed(2)}`;
      if (original instanceof Amount) return `${RAW}${original.text}`;
      return v;
    },
    2,
  ).replace(/"\\u0001(-?[0-9.]+)"/g, '$1');
  return indent === '' ? json : json.replace(/\n/g, `\n${indent}`);
}

/**
 * The document, written as files come: `files` holds one entry per table; `unreadable` the files that
 * could not be read; `summary` the counts (files given, tables scored, unreadable files, findings).
 */
export function jsonFormat(opts: CiOptions = {}): Format {
  const lang = opts.lang ?? 'zh';
  return {
    separator: ',',
    holdFiles: false,
    head: () => `{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "files": [`,
    file: (f) => ({ text: f.tables.map((t) => `\n    ${stringify(tableJson(f.file, t, lang), '    ')}`).join(','), counts: {} }),
    tail({ digest }) {
      const unreadable = digest.unreadable.map((u) => ({ file: u.file, code: u.code, severity: u.severity, message: u.message }));
      const summary = {
        files: digest.files,
        tables: digest.tables.length,
        unreadable: digest.unreadable.length,
        errors: digest.errors,
        warnings: digest.warnings,
      };
      const close = digest.tables.length === 0 ? ']' : '\n  ]';
      return `${close},\n  "unreadable": ${stringify(unreadable, '  ')},\n  "summary": ${stringify(summary, '  ')}\n}\n`;
    },
  };
}

/** A list of files as one JSON document. */
export function formatJson(files: readonly FileReport[], opts: CiOptions = {}): string {
  return formatAll(jsonFormat(opts), files, opts.lang ?? 'zh');
}
