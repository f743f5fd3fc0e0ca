// The JSON format: one document for the whole run, documented in README.md (public API).
import { Decimal } from 'decimal.js';
import type { FileReport, TableReport } from '../model.js';
import { cellName } from '../cells.js';
import { formatAll, type Format } from './format.js';

/** Bumped on any change that could break a consumer of the JSON output. */
export const SCHEMA_VERSION = 1;

/** An amount of money: written with the precision it was given (`378.1`, `12.3456`), not 2 decimals. */
class Amount {
  constructor(readonly text: string) {}
}

function amount(d: Decimal | null): Amount | null {
  return d === null ? null : new Amount(d.toFixed());
}

function tableJson(file: string, r: TableReport) {
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
      explanation: b.explanation,
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
      explanation: i.explanation,
    })),
    totalExplanation: r.totalExplanation,
    findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, cell: cellName(f.ref), indicator: f.indicator, message: f.message })),
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
export function jsonFormat(): Format {
  return {
    separator: ',',
    holdFiles: false,
    head: () => `{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "files": [`,
    file: (f) => ({ text: f.tables.map((t) => `\n    ${stringify(tableJson(f.file, t), '    ')}`).join(','), counts: {} }),
    tail({ digest }) {
      const unreadable = digest.unreadable.map((u) => ({ file: u.file, code: 'unreadable-file', severity: u.severity, message: u.message }));
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
export function formatJson(files: readonly FileReport[]): string {
  return formatAll(jsonFormat(), files);
}
