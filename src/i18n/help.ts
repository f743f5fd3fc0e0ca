// The command line's own words, zh and en: `--help` (descriptions, commander's headings and
// notes) and the usage errors commander raises, said in the user's language.
import type { Lang } from '../model.js';

const zh = {
  program: '为部门整体 / 项目支出绩效自评表评分',
  eval: '评分并为每个工作簿写出评分副本，打印汇总（批量时附排名）',
  check: '只评分、不写工作簿，供 CI 使用：--format json|junit|sarif|github、--max-warnings',
  explain: '说明每项得分的来历：识别的指标值与实际完成值、计分规则、公式、舍入',
  inspect: '说明工作簿是怎样读取的（不评分）：表格范围、各列、预算块、识别的指标值与实际完成值（可作 git textconv）',
  profiles: '列出内置评分规则；`profiles show 名称|文件` 打印生效的规则',
  paths: 'xlsx 工作簿、文件夹（递归查找）或加引号的通配符（"材料/**/*.xlsx"）；"!通配符" 表示排除',
  file: 'xlsx 工作簿',
  files: 'xlsx 工作簿',
  action: '"show"',
  name: '内置评分规则名，或评分规则文件',
  profile: (name: string) => `内置评分规则（默认：${name}；找到 perf-score.config.json 时用它）`,
  rules: '评分规则文件（JSON），可继承内置规则',
  lang: '消息语言',
  ignore: '排除与通配符匹配的文件（相对于当前文件夹；可多次使用）',
  format: '输出格式',
  outputFile: '把报告写入文件，而不是标准输出',
  maxWarnings: '警告超过 N 项时退出码为 1',
  summary: '把排名写入文件：.xlsx（另附全部问题清单）或 .csv',
  jobs: '批量评分的工作线程数（默认：CPU 核数）',
  baseline: '接受基线文件中记录的问题（见 --write-baseline）：只有新问题计入退出码',
  writeBaseline: '把本次的全部问题记入基线文件，并予接受',
  color: '即使不在终端上也为控制台报告着色',
  noColor: '不着色',
  quiet: '控制台报告只列错误；没有错误的文件不打印',
  rankingOnly: '控制台报告只列排名与计数，不列各文件的表格',
  output: '单个文件的评分副本写到哪里（默认：输入文件旁的 <名称>.scored.xlsx）',
  outDir: '把评分副本写到该文件夹下并保留原有子文件夹，而不是写在各输入文件旁',
  noWrite: '不写评分副本',
  row: '只看指标名称含 NAME 的行，或含 CELL 单元格的行（D27、自评表!H27）',
  textconv: '作为 git textconv：首行不含（临时）路径；无法读取的文件在标准输出说明，退出码 0',
  inspectLang: '错误消息的语言',
  help: '显示帮助',
  helpCommand: '显示某个命令的帮助',
  version: '显示版本号',
  wholeNumber: (min: number) => `应为不小于 ${min} 的整数`,
  titles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' } as Record<string, string>,
  choices: '可选',
  default: '默认',
  /** commander's usage errors, by their English text; null: say it as commander does. */
  error: (message: string): string => {
    const m = (re: RegExp) => message.match(re);
    let x;
    if ((x = m(/^error: unknown option '([^']*)'(?:\n\(Did you mean (.*)\?\))?$/))) return `未知的选项 ${x[1]}${x[2] ? `（是否要用 ${x[2]}？）` : ''}`;
    if ((x = m(/^error: unknown command '([^']*)'(?:\n\(Did you mean (.*)\?\))?$/))) return `未知的命令 ${x[1]}${x[2] ? `（是否要用 ${x[2]}？）` : ''}`;
    if ((x = m(/^error: missing required argument '([^']*)'$/))) return `缺少参数 ${x[1]}`;
    if ((x = m(/^error: option '([^']*)' argument missing$/))) return `选项 ${x[1]} 缺少取值`;
    if ((x = m(/^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/))) return `选项 ${x[1]} 的取值“${x[2]}”无效，可选：${x[3]}`;
    if ((x = m(/^error: option '([^']*)' argument '([^']*)' is invalid\. (.*)$/))) return `选项 ${x[1]} 的取值“${x[2]}”无效：${x[3]}`;
    if ((x = m(/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\. (.*)$/))) return `参数 ${x[2]} 的取值“${x[1]}”无效：${x[3]}`;
    if ((x = m(/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\.$/))) return `参数过多：应为 ${x[2]} 个，实际 ${x[3]} 个`;
    return message.replace(/^error: /, '');
  },
  errorPrefix: '错误：',
};

export type HelpWords = typeof zh;

const en: HelpWords = {
  program: 'score performance self-evaluation workbooks (部门整体 / 项目支出绩效自评表)',
  eval: 'score workbooks, write a scored copy of each, print a summary (a ranking for a batch)',
  check: 'score workbooks without writing any, for CI: --format json|junit|sarif|github, --max-warnings',
  explain: 'show how each score was reached: parsed target and actual, rule, formula, rounding',
  inspect: 'show how workbooks were read, without scoring: table range, columns, budget block, parsed targets and actuals (a git textconv driver)',
  profiles: 'list the built-in rule profiles; `profiles show NAME|FILE` prints the effective rules',
  paths: 'xlsx workbooks, folders (searched recursively) or quoted globs ("材料/**/*.xlsx"); "!GLOB" excludes',
  file: 'xlsx workbook',
  files: 'xlsx workbooks',
  action: '"show"',
  name: 'a built-in profile name, or a profile file',
  profile: (name) => `built-in rule profile (default: ${name}, or perf-score.config.json when found)`,
  rules: 'rule profile file (JSON) that extends a built-in profile',
  lang: 'language of messages',
  ignore: 'leave out the files GLOB matches (relative to the working directory; repeatable)',
  format: 'output format',
  outputFile: 'write the report to FILE instead of stdout',
  maxWarnings: 'exit 1 when there are more than N warnings',
  summary: 'write the ranking to FILE: .xlsx (with a sheet of every finding) or .csv',
  jobs: 'worker threads scoring the files of a batch (default: the number of CPU cores)',
  baseline: 'accept the findings recorded in FILE (--write-baseline): only new findings count',
  writeBaseline: 'record every finding of this run in FILE, and accept them',
  color: 'colour the console report even when not on a terminal',
  noColor: 'no colour',
  quiet: 'console report: errors only; files without errors print nothing',
  rankingOnly: 'console report: the ranking and the counts only, no per-file tables',
  output: 'where to write the scored copy of a single file (default: <name>.scored.xlsx beside the input)',
  outDir: 'write the scored copies under DIR, keeping their folders, instead of beside each input',
  noWrite: 'do not write scored copies',
  row: 'only the rows whose indicator name contains NAME, or that hold CELL (D27, 自评表!H27)',
  textconv: 'as git textconv: a first line without the (temporary) path; a file that cannot be read said on stdout, exit 0',
  inspectLang: 'language of error messages',
  help: 'display help for command',
  helpCommand: 'display help for command',
  version: 'output the version number',
  wholeNumber: (min) => `expected a whole number ≥ ${min}`,
  titles: {},
  choices: 'choices',
  default: 'default',
  error: (message) => message,
  errorPrefix: '',
};

/** The command line's words in `lang`. */
export function helpFor(lang: Lang): HelpWords {
  return lang === 'en' ? en : zh;
}
