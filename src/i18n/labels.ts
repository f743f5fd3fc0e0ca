// The column labels of the ranking and the findings list (console, CSV, step summary, the --summary
// workbook), and the few words the CI summaries need.
import type { Lang, Severity } from '../model.js';

/** The severities in words: 错误 / 警告 / 提示 (the one place they are spelled). */
export const SEVERITY_WORDS = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
} satisfies Record<Lang, Record<Severity, string>>;

/** A severity in `lang`. */
export function severityWord(severity: Severity, lang: Lang = 'zh'): string {
  return SEVERITY_WORDS[lang][severity];
}

const LABELS = {
  zh: {
    rank: '排名', file: '文件', sheet: '工作表', department: '单位', total: '计算总分', declaredTotal: '填报总分',
    grade: '等级', declaredGrade: '填报等级', errors: '错误', warnings: '警告', infos: '提示', error: SEVERITY_WORDS.zh.error, warning: SEVERITY_WORDS.zh.warning, info: SEVERITY_WORDS.zh.info,
    cell: '单元格', severity: '级别', code: '代码', indicator: '指标', message: '说明', rankingSheet: '排名', findingsSheet: '问题清单',
    more: (n: number) => `另有 ${n} 项未列出`,
    // the console ranking's narrower headers, and the status column (there and in the CSV, the step summary)
    rankShort: '排名', totalShort: '总分', declaredShort: '填报', errorsShort: '错误', warningsShort: '警告', status: '状态',
  },
  en: {
    rank: 'Rank', file: 'File', sheet: 'Sheet', department: 'Unit', total: 'Computed total', declaredTotal: 'Declared total',
    grade: 'Grade', declaredGrade: 'Declared grade', errors: 'Errors', warnings: 'Warnings', infos: 'Info', error: SEVERITY_WORDS.en.error, warning: SEVERITY_WORDS.en.warning, info: SEVERITY_WORDS.en.info,
    cell: 'Cell', severity: 'Severity', code: 'Code', indicator: 'Indicator', message: 'Message', rankingSheet: 'Ranking', findingsSheet: 'Findings',
    more: (n: number) => `${n} more not listed`,
    rankShort: '#', totalShort: 'Total', declaredShort: 'Decl.', errorsShort: 'Err.', warningsShort: 'Warn.', status: 'Status',
  },
} satisfies Record<Lang, unknown>;

/** The labels in `lang`. */
export function reportLabels(lang: Lang = 'zh'): (typeof LABELS)['zh'] {
  return LABELS[lang];
}
