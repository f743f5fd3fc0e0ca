// The JSON format: one document for the whole run, documented in README.md (public API).
import { Decimal } from 'decimal.js';
import { renderExplanation } from '../i18n/explain.js';
import { renderFinding } from '../i18n/findings.js';
import type { FileReport, Finding, Lang, TableReport } from '../model.js';
import { cellName } from '../cells.js';
import type { CiOptions } from './common.js';
import { digestOf, skippedMessage, type RunDigest } from './digest.js';

/**
 * Bumped on any change that could break a consumer of the JSON output. 2: each finding has its
 * `data`; 3: the `skipped` list, `summary.skipped`, and `summary.files` counting them; the severity
 * `info` and `summary.infos` (CHANGELOG.md).
 */
export const SCHEMA_VERSION = 3;

/** An amount of money: written with the precision it was given (`378.1`, `12.3456`), not 2 decimals. */
class Amount {
  constructor(readonly text: string) {}
}

function amount(d: Decimal | null): Amount | null {
  return d === null ? null : new Amount(d.toFixed());
}

/** A finding's data as JSON: its numbers with the digits they have (`1.5`, `12.3456`), the rest as is. */
function dataJson(value: unknown): JsonValue {
  if (value instanceof Decimal) return new Amount(value.toFixed());
  if (Array.isArray(value)) return value.map(dataJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dataJson(v)]));
  return value as JsonValue;
}

function findingJson(f: Finding, lang: Lang) {
  return { code: f.code, severity: f.severity, cell: cellName(f.ref), indicator: f.indicator, message: renderFinding(f, lang), data: dataJson(f.data) };
}

function tableJson(file: string, r: TableReport, lang: Lang) {
  const b = r.budget;
  return {
    file,
    sheet: r.sheet,
    table: r.table.label,
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

/** What the document is made of: JSON's values, and our numbers (written as numbers, with their digits). */
type JsonValue = null | boolean | number | string | Decimal | Amount | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/**
 * JSON as JSON.stringify(value, null, 2) writes it, lines after the first indented by `indent`, but
 * a Decimal is a number with 2 decimals (`7.40`, `-27.59`) and an Amount a number as given (`378.1`).
 * Strings are always JSON.stringify's: no cell text can become a number.
 */
function stringify(value: JsonValue | undefined, indent = ''): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Decimal) return value.toFixed(2);
  if (value instanceof Amount) return value.text;
  if (typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly JsonValue[];
    return items.length === 0 ? '[]' : `[\n${items.map((v) => `${inner}${stringify(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringify(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** The document's opening, before any file. */
export function jsonStart(): string {
  return `{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "files": [`;
}

/** One file's entries in `files` (one per table; none for a file that could not be read), comma-separated. */
export function jsonFile(report: FileReport, opts: CiOptions = {}): string {
  return report.tables.map((t) => `\n    ${stringify(tableJson(report.file, t, opts.lang ?? 'zh') as JsonValue, '    ')}`).join(',');
}

/** Put between two files' non-empty entries. */
export const JSON_SEPARATOR = ',';

/**
 * The document's end: `unreadable`, the files that could not be read; `skipped`, the files a batch
 * left out on purpose (lock files, scored copies) with their reason; and `summary`, the counts (files
 * given, skipped ones included; tables scored; unreadable and skipped files; findings).
 */
export function jsonEnd(digest: RunDigest, opts: CiOptions = {}): string {
  const lang = opts.lang ?? 'zh';
  const unreadable = digest.unreadable.map((u) => ({ file: u.file, code: u.code, severity: u.severity, message: u.message }));
  const skipped = digest.skipped.map((s) => ({ file: s.file, reason: s.reason, message: skippedMessage(s, lang) }));
  const summary = {
    files: digest.files,
    tables: digest.tables.length,
    unreadable: digest.unreadable.length,
    skipped: digest.skipped.length,
    errors: digest.errors,
    warnings: digest.warnings,
    infos: digest.infos,
  };
  const close = digest.tables.length === 0 ? ']' : '\n  ]';
  return `${close},\n  "unreadable": ${stringify(unreadable, '  ')},\n  "skipped": ${stringify(skipped, '  ')},\n  "summary": ${stringify(summary, '  ')}\n}\n`;
}

/** A list of files as one JSON document. */
export function formatJson(files: readonly FileReport[], opts: CiOptions = {}): string {
  const texts = files.map((f) => jsonFile(f, opts)).filter((t) => t !== '');
  return `${jsonStart()}${texts.join(JSON_SEPARATOR)}${jsonEnd(digestOf(files, opts.lang ?? 'zh', opts.skipped), opts)}`;
}
