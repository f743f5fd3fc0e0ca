// What the formatters share: the options every CI format takes, cell names, paths as URIs and the
// summary's column labels. Findings and explanations are worded by src/i18n (renderFinding,
// renderExplanation, ruleTitle).
import type { FileReport, Finding, Lang, TableReport } from '../model.js';

/** Options every CI formatter takes. */
export interface CiOptions {
  /** Language of messages, labels and rule titles; zh by default. */
  lang?: Lang;
}

/** One finding with where it belongs: its file and, unless it is about the file itself, its table. */
export interface Located {
  file: string;
  table: TableReport | null;
  finding: Finding;
}

export { cellName } from '../cells.js';

/** Error and warning counts of a list of findings. */
export function countFindings(findings: readonly { severity: string }[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** Every finding of a file in report order: the file's own, then each table's. */
export function locateFindings(file: FileReport): Located[] {
  return [
    ...file.findings.map((finding) => ({ file: file.file, table: null, finding })),
    ...file.tables.flatMap((table) => table.findings.map((finding) => ({ file: file.file, table, finding }))),
  ];
}

/** The name of a table in a report: its file, plus ` [sheet]` when the file holds several tables. */
export function tableLabel(file: FileReport, table: TableReport): string {
  return file.tables.length > 1 ? `${file.file} [${table.sheet}]` : file.file;
}

/** A path with forward slashes and no leading `./`, as CI tools expect paths relative to the checkout. */
export function toPosixPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * A path as an RFC 3986 URI reference: each segment percent-encoded (UTF-8), so non-ASCII names,
 * spaces, `#`, `%` and a `:` in a first segment are valid; an absolute path becomes a `file:` URI.
 */
export function toUri(file: string): string {
  const path = toPosixPath(file);
  const absolute = path.startsWith('/') || /^[A-Za-z]:\//.test(path);
  const encoded = path.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  if (!absolute) return encoded;
  // A drive letter keeps its colon (`file:///C:/…`); a colon inside an absolute path is legal anyway.
  return `file://${path.startsWith('/') ? '' : '/'}${encoded.replace(/%3A/g, ':')}`;
}

export { compareText } from '../order.js';

/** Column labels of the ranking (CSV, step summary) and the few words the CI summaries need. */
const LABELS = {
  zh: {
    rank: '排名', file: '文件', sheet: '工作表', department: '单位', total: '计算总分', declaredTotal: '填报总分',
    grade: '等级', declaredGrade: '填报等级', errors: '错误', warnings: '提示', error: '错误', warning: '提示',
    cell: '单元格', severity: '级别', code: '代码', indicator: '指标', message: '说明', rankingSheet: '排名', findingsSheet: '问题清单',
    more: (n: number) => `另有 ${n} 项未列出`,
  },
  en: {
    rank: 'Rank', file: 'File', sheet: 'Sheet', department: 'Unit', total: 'Computed total', declaredTotal: 'Declared total',
    grade: 'Grade', declaredGrade: 'Declared grade', errors: 'Errors', warnings: 'Warnings', error: 'error', warning: 'warning',
    cell: 'Cell', severity: 'Severity', code: 'Code', indicator: 'Indicator', message: 'Message', rankingSheet: 'Ranking', findingsSheet: 'Findings',
    more: (n: number) => `${n} more not listed`,
  },
} satisfies Record<Lang, unknown>;

/** The labels in `lang`. */
export function reportLabels(lang: Lang = 'zh'): (typeof LABELS)['zh'] {
  return LABELS[lang];
}
