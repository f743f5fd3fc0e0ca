// The sentences of the run and its outputs (labels, the CLI's own messages, why a file cannot be
// read), in Chinese (default) and English, keyed by what they say. Findings: findings.ts;
// explanations: explain.ts.
import type { Lang, NearHeader, OtherKind, SkipReason, SourceFormat } from '../model.js';
import { SEVERITY_WORDS } from './labels.js';
import { profileProblemZh } from './profile-problems.js';

/** The header a table needs, by field: as the forms name them, and in English. */
const ZH_HEADER: Record<NearHeader['missing'][number], string> = { name: '三级指标', target: '指标值', actual: '实际完成值', weight: '分值', score: '得分' };
const EN_HEADER: Record<NearHeader['missing'][number], string> = { name: 'indicator', target: 'target', actual: 'actual value', weight: 'weight', score: 'score' };
import type { PackageError } from '../ooxml/errors.js';

/** Labels of the console summary, the summary sheet and the CLI's own messages. */
const zhUi = {
  department: '单位',
  sheet: '工作表',
  profile: '评分规则',
  total: '总分',
  computed: '计算',
  declared: '填报',
  grade: '等级',
  budget: '预算执行',
  budgetRate: '预算执行率',
  budgetScore: '预算执行得分',
  level: '一级指标',
  weight: '分值',
  score: '得分',
  findings: '问题',
  severity: '级别',
  cell: '单元格',
  indicator: '指标',
  message: '说明',
  error: SEVERITY_WORDS.zh.error,
  warning: SEVERITY_WORDS.zh.warning,
  info: SEVERITY_WORDS.zh.info,
  noFindings: '未发现问题',
  deviations: '偏差说明（未达到目标的指标）',
  computedScore: '计算得分',
  computedDeviation: '计算偏差度',
  checkResult: '检查结果',
  summarySheetTitle: '绩效自评表评分结果',
  counts: (e: number, w: number, i: number) => `错误 ${e} 项，警告 ${w} 项，提示 ${i} 项`,
  wrote: (path: string) => `已写入评分副本：${path}`,
  wroteMany: (n: number, dir: string) => `已写入评分副本 ${n} 份：${dir}`,
  summaryFormat: (file: string) => `${file}：汇总文件须以 .xlsx 或 .csv 结尾`,
  outWithOutDir: () => '-o 与 --out-dir 不能同时使用',
  notXlsx: (file: string) => `${file}：不是 xlsx 工作簿`,
  oldFormat: (file: string, ext: string) => `${file}：不支持 ${ext} 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再评分`,
  damaged: (file: string) => `${file}：工作簿已损坏，无法读取`,
  notFound: (file: string) => `${file}：文件不存在`,
  nothingMatched: (given: string) => `没有找到要评分的工作簿（.xlsx、.xls、.et、.ods 等）：${given}`,
  tooManyWarnings: (n: number, max: number) => `警告 ${n} 项，超过 --max-warnings 允许的 ${max} 项`,
  wroteSummary: (path: string) => `已写入汇总：${path}`,
  ranking: '排名',
  progress: (done: number, total: number, seconds: number, file: string) => `${done}/${total} 个文件 · ${seconds} 秒 · ${file}`,
  isDirectory: (file: string) => `${file}：是文件夹，不是工作簿`,
  noPermission: (file: string) => `${file}：没有读取权限`,
  unreadableFile: (file: string, why: string) => `${file}：无法读取（${why}）`,
  noTable: (file: string, near: NearHeader | null) =>
    near === null
      ? `${file}：未找到绩效指标表（需要含“三级指标”“指标值”“实际完成值”“分值”“得分”的表头行）`
      : `${file}：未找到绩效指标表：${near.cell} 所在行像表头，但缺少${near.missing.map((m) => `“${ZH_HEADER[m]}”`).join('')}列`,
  sameAsInput: (file: string) => `${file}：输出文件不能与输入文件相同`,
  writeFailed: (file: string, why: string) => `${file}：无法写入（${why}）`,
  unknownProfile: (name: string, known: string) => `未知的评分规则“${name}”，可选：${known}`,
  badProfile: (file: string) => `${file}：评分规则文件有误`,
  profileProblem: (problem: string) => profileProblemZh(problem),
  profilesUsage: () => '用法：perf-score profiles [show 名称或文件]',
  noSuchRow: (file: string, row: string) => `${file}：没有与“${row}”相符的指标行`,
  notScored: '无法计分',
  outWithMany: () => '-o 只能用于单个输入文件',
  crashed: (why: string) => `内部错误：${why}`,
  // reading packages, writing copies
  conditionalFormatNote: '（此单元格设有条件格式：条件成立时，其颜色会盖过这里的标记底色）',
  // the scored copy as a document
  filledIn: '由 perf-score 计算填入',
  withCode: (message: string, code: string) => `${message}（${code}）`,
  profileNamed: (description: string, name: string) => (description ? `${description}（${name}）` : name),
  year: '年度',
  yearValue: (year: number) => `${year} 年度`,
  comparison: '计算与填报对照',
  deviationList: '偏差说明',
  deviationListNote: '实际完成值未达到年度指标值的指标，偏差原因照原表填写',
  target: '年度指标值',
  actual: '实际完成值',
  deviation: '偏差度',
  reason: '偏差原因',
  noReason: '（未填写）',
  noDeviations: '所有指标均已达到年度指标值',
  deviationsUnjudged: (n: number) => `没有指标未达到年度指标值，但有 ${n} 个指标无法判断是否达到（见检查结果）`,
  findingsList: '检查结果',
  findingCount: (label: string, n: number) => `${label}（${n} 项）`,
  ofSheet: (sheet: string) => `工作表“${sheet}”`,
  difference: '差额',
  remark: '说明',
  noRoomForColumns: (sheet: string) => `工作表“${sheet}”右侧已无空列，未添加计算得分、计算偏差度、检查结果三列；检查结果见本表和各单元格的批注`,
  notesNotAdded: (sheet: string) => `工作表“${sheet}”的批注绘图无法读取，未添加批注；检查结果见本表`,
  otherVocabulary: (file: string, part: string, uri: string) => `${file}：不是 Excel 能打开的工作簿（${part} 使用的命名空间 ${uri} 不是 SpreadsheetML 的，Office 2007 测试版曾这样写）`,
  damagedPart: (file: string, d: PackageError) => `${file}：工作簿已损坏，${zhDamage(d)}；请在 Excel 或 WPS 中打开并另存后再评分`,
  // write safety
  writeReason: (code: string) => {
    const words: Record<string, string> = { ENOSPC: '磁盘空间不足', EDQUOT: '超出磁盘配额', EACCES: '没有写入权限', EPERM: '没有写入权限', EROFS: '磁盘为只读' };
    return words[code] ? `${words[code]}，${code}` : code;
  },
  wroteNothing: () => '写入了 0 字节，磁盘可能已满',
  outOfMemory: (file: string) => `${file}：读取时内存不足（文件过大或已损坏）`,
  skippedScored: (names: string[], total: number) => `已跳过 ${total} 个评分副本（*.scored.xlsx、*.scored.xlsm）：${names.join('、')}${total > names.length ? ` 等 ${total} 个` : ''}`,
  skippedLocks: (names: string[], total: number) => `已跳过 ${total} 个锁定文件（~$…，Excel/WPS 打开工作簿时生成）：${names.join('、')}${total > names.length ? ` 等 ${total} 个` : ''}`,
  skippedOthers: (names: string[], total: number) => `已跳过 ${total} 个不是工作簿的文件：${names.join('、')}${total > names.length ? ` 等 ${total} 个` : ''}`,
  skippedIgnored: (names: string[], total: number) => `已排除 ${total} 个文件（--ignore 或 ! 模式）：${names.join('、')}${total > names.length ? ` 等 ${total} 个` : ''}`,
  noMatch: (pattern: string) => `没有找到与“${pattern}”匹配的工作簿`,
  allIgnored: (pattern: string) => `与“${pattern}”匹配的文件都已被 --ignore 或 ! 模式排除`,
  outputNotWorkbook: (file: string) => `-o ${file}：评分副本须是 .xlsx 或 .xlsm 工作簿；要把报告写入文件，请用 --output-file ${file}`,
  outputNotMacro: (file: string, input: string) => `-o ${file}：${input} 不是启用宏的工作簿，评分副本须以 .xlsx 结尾（Excel 不打开不含宏的 .xlsm）`,
  baselineAccepted: (n: number, file: string) => `已接受基线 ${file} 中的 ${n} 项（不计入退出码）`,
  baselineStale: (n: number, file: string, shown: string[], more: number) =>
    `基线 ${file} 中有 ${n} 项已不再出现：${shown.join('、')}${more > 0 ? ` 等 ${n} 项` : ''}；可用 --write-baseline ${file} 更新基线`,
  baselineWritten: (n: number, file: string) => `已将 ${n} 项记入基线：${file}`,
  baselineInvalid: (file: string, why: string) => `${file}：不是 perf-score 的基线文件（${why}）`,
  inspectUnreadable: (why: string) => `无法读取：${why}`,
  // a batch's accounting of every file (the ranking, the CI formats, the summaries)
  skipReason: { 'lock-file': '锁定文件', 'scored-copy': '评分副本', 'not-a-workbook': '非工作簿' } as Record<SkipReason, string>,
  skippedFile: (file: string, reason: SkipReason) =>
    `${file}：已跳过，${{ 'lock-file': '是 Excel 或 WPS 打开工作簿时生成的锁定文件（~$ 开头），不是工作簿', 'scored-copy': '是 perf-score 写的评分副本（*.scored.xlsx、*.scored.xlsm）', 'not-a-workbook': '文件名不是工作簿（.xlsx、.xls、.et、.ods 等）；如是自评表，请另存为 .xlsx 后再评分' }[reason]}`,
  statusOk: '通过',
  rankingUnder: (dir: string) => `排名（文件路径相对于 ${dir}）`,
  fileCounts: (given: number, scored: number, unreadable: number, skipped: number) =>
    `共 ${given} 个文件：已评分 ${scored} 个${unreadable > 0 ? `，无法读取 ${unreadable} 个` : ''}${skipped > 0 ? `，已跳过 ${skipped} 个` : ''}`,
  wroteBeside: (n: number) => `已写入评分副本 ${n} 份，各在其输入文件旁`,
  consoleOnly: (flag: string, format: string) => `${flag} 只用于控制台报告（--format table），不能与 --format ${format} 同时使用`,
  copyOf: (file: string) => `${file} 的评分副本`,
  copiesCollide: (a: string, b: string, out: string) => `${a} 和 ${b} 的评分副本会写到同一个文件 ${out}：请将其中一个改名后再评分`,
  outputsCollide: (a: string, b: string, out: string) => `${a} 和 ${b} 会写到同一个文件 ${out}`,
  outputIsInput: (out: string, input: string) => `${out}：与输入文件 ${input} 是同一个文件（链接），不能作为输出`,
  // formats
  encrypted: (file: string) => `${file}：已设置打开密码，请取消密码后再评分`,
  formatName: (from: SourceFormat): string => (from === 'html' ? '网页格式（HTML）' : from === 'xml2003' ? 'XML 表格（Excel 2003 XML）' : from),
  formatDamaged: (file: string, format: string) => `${file}：${format} 工作簿已损坏，无法读取`,
  formatTooLarge: (file: string, format: string, limit: string) => `${file}：${format} 文件超过 ${limit}，无法转换；请在 Excel 或 WPS 中另存为 .xlsx 后再评分`,
  formatTooLargeUnzipped: (file: string, format: string, limit: string) => `${file}：${format} 文件解压后超过 ${limit}，无法转换；请在 Excel 或 WPS 中另存为 .xlsx 后再评分`,
  formatTooManyCells: (file: string, format: string, limit: string) =>
    `${file}：${format} 工作簿的数据超过 ${limit} 个单元格，无法转换；请在 Excel 或 WPS 中另存为 .xlsx 后再评分`,
  formatTooWide: (file: string, format: string, sheet: string, range: string) =>
    `${file}：${format} 工作簿的工作表“${sheet}”数据范围过大（${range}），无法转换；请在 Excel 或 WPS 中删除多余的行列，或另存为 .xlsx 后再评分`,
  convertedFrom: (format: string) => `本副本由 ${format} 文件转换为 .xlsx，原表的边框、字体、颜色、图片和公式未保留（公式保留计算结果）`,
  notWorkbook: (file: string, what: Exclude<OtherKind, 'csv'>, detail = '') =>
    `${file}：` +
    ({
      empty: '是空文件（0 字节），不是工作簿',
      lock: '是 Excel 或 WPS 打开工作簿时生成的锁定文件（~$ 开头），不是工作簿；请对不带 ~$ 的原文件评分',
      pdf: '是 PDF 文件，不是工作簿',
      ofd: '是 OFD 版式文件，不是工作簿',
      word: '是 Word 文档，不是工作簿',
      powerpoint: '是 PowerPoint 演示文稿，不是工作簿',
      'odf-text': '是 OpenDocument 文本文档（.odt），不是工作簿',
      'odf-presentation': '是 OpenDocument 演示文稿（.odp），不是工作簿',
      office: '是 Office 文档，但不是工作簿',
      zip: '是 zip 压缩包，不是工作簿；请解压后对其中的工作簿评分',
      rar: '是 rar 压缩包，不是工作簿；请解压后对其中的工作簿评分',
      '7z': '是 7z 压缩包，不是工作簿；请解压后对其中的工作簿评分',
      gzip: '是 gzip 压缩文件，不是工作簿；请解压后对其中的工作簿评分',
      image: `是图片（${detail}），不是工作簿`,
      text: '是文本文件，不是工作簿；如是导出的表格，请用 Excel 或 WPS 打开后另存为 .xlsx 再评分',
      html: '是网页文件（HTML），其中没有表格',
      xml: '是 XML 文件，不是工作簿',
      mht: '是单个文件网页（MHT），不支持此格式；请用 Excel 打开后另存为 .xlsx 再评分',
      ole: '是 Office 复合文档，但不是 Excel 或 WPS 工作簿',
      unknown: '不是工作簿，无法识别文件类型',
    } satisfies Record<Exclude<OtherKind, 'csv'>, string>)[what],
};

/** What is damaged in a package, in Chinese. */
function zhDamage(d: PackageError): string {
  const part = d.part ?? '';
  switch (d.kind) {
    case 'zip':
      return 'zip 压缩结构无法读取';
    case 'zip-encrypted':
      return `压缩包中的 ${part} 已加密`;
    case 'zip-method':
      return `${part} 使用了不支持的压缩方式`;
    case 'crc':
      return `${part} 的数据校验失败`;
    case 'duplicate':
      return `压缩包中有两个 ${part}`;
    case 'missing':
      return d.extra.from ? `缺少 ${part}（${d.extra.from} 引用了它）` : `缺少 ${part}`;
    case 'xml':
      return `${part} 第 ${d.extra.line} 行第 ${d.extra.column} 列不是有效的 XML`;
    case 'encoding':
      return `${part} 的文字编码无法识别`;
    case 'too-large':
      return part ? `${part} 解压后超过 ${mib(d.extra.limit)} MB` : `解压后总大小超过 ${mib(d.extra.limit)} MB`;
    case 'too-many-parts':
      return '压缩包中的文件过多';
    case 'limits':
      return `${part} 的${d.extra.cell ? `单元格 ${d.extra.cell} ` : ''}超出 Excel 的行列范围（1048576 行、16384 列）`;
    case 'content':
      return `${part}${d.extra.cell ? ` 的单元格 ${d.extra.cell}` : ''} 内容自相矛盾`;
  }
}

/** What is damaged in a package, in English. */
function enDamage(d: PackageError): string {
  const part = d.part ?? 'the package';
  switch (d.kind) {
    case 'missing':
      return d.extra.from ? `${part} is missing (${d.extra.from} refers to it)` : `${part} is missing`;
    case 'xml':
      return `${part} is not well-formed XML at line ${d.extra.line}, column ${d.extra.column} (${d.detail})`;
    case 'too-large':
      return `${part} inflates to more than ${mib(d.extra.limit)} MB`;
    case 'duplicate':
      return `the zip holds ${part} twice`;
    default:
      return `${part}: ${d.detail || d.kind}`;
  }
}

function mib(bytes: number | undefined): number {
  return Math.round((bytes ?? 0) / 1024 / 1024);
}

type Ui = typeof zhUi;

const enUi: Ui = {
  department: 'Unit',
  sheet: 'Sheet',
  profile: 'Profile',
  total: 'Total',
  computed: 'computed',
  declared: 'declared',
  grade: 'Grade',
  budget: 'Budget execution',
  budgetRate: 'Budget execution rate',
  budgetScore: 'Budget execution score',
  level: 'First level',
  weight: 'Weight',
  score: 'Score',
  findings: 'Findings',
  severity: 'Severity',
  cell: 'Cell',
  indicator: 'Indicator',
  message: 'Message',
  error: SEVERITY_WORDS.en.error,
  warning: SEVERITY_WORDS.en.warning,
  info: SEVERITY_WORDS.en.info,
  noFindings: 'no findings',
  deviations: 'Deviations (indicators that miss their target)',
  computedScore: 'Computed score',
  computedDeviation: 'Computed deviation',
  checkResult: 'Findings',
  summarySheetTitle: 'Performance self-evaluation: scoring result',
  counts: (e, w, i) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info`,
  wrote: (path) => `scored copy written: ${path}`,
  wroteMany: (n, dir) => `${n} scored cop${n === 1 ? 'y' : 'ies'} written to ${dir}`,
  summaryFormat: (file) => `${file}: a summary file must end in .xlsx or .csv`,
  outWithOutDir: () => '-o and --out-dir cannot be used together',
  notXlsx: (file) => `${file}: not an xlsx workbook`,
  oldFormat: (file, ext) => `${file}: ${ext} files are not supported; save it as .xlsx in Excel or WPS and score that`,
  damaged: (file) => `${file}: the workbook is damaged and cannot be read`,
  notFound: (file) => `${file}: no such file`,
  nothingMatched: (given) => `no workbook to score (.xlsx, .xls, .et, .ods …) found in: ${given}`,
  tooManyWarnings: (n, max) => `${n} warnings, more than the ${max} --max-warnings allows`,
  wroteSummary: (path) => `summary written: ${path}`,
  ranking: 'Ranking',
  progress: (done, total, seconds, file) => `${done}/${total} files · ${seconds} s · ${file}`,
  isDirectory: (file) => `${file}: is a folder, not a workbook`,
  noPermission: (file) => `${file}: permission denied`,
  unreadableFile: (file, why) => `${file}: cannot be read (${why})`,
  noTable: (file, near) =>
    near === null
      ? `${file}: no indicator table found (a header row with 三级指标, 指标值, 实际完成值, 分值 and 得分)`
      : `${file}: no indicator table found: the row of ${near.cell} looks like its header but has no ${near.missing.map((m) => `${ZH_HEADER[m]} (${EN_HEADER[m]})`).join(', ')} column`,
  sameAsInput: (file) => `${file}: the output file cannot be the input file`,
  writeFailed: (file, why) => `${file}: cannot write (${why})`,
  unknownProfile: (name, known) => `unknown profile "${name}"; choose one of: ${known}`,
  badProfile: (file) => `${file}: the profile is not valid`,
  profileProblem: (problem) => problem,
  profilesUsage: () => 'usage: perf-score profiles [show NAME|FILE]',
  noSuchRow: (file, row) => `${file}: no indicator row matches "${row}"`,
  notScored: 'cannot be scored',
  outWithMany: () => '-o works with a single input file only',
  crashed: (why) => `internal error: ${why}`,
  // reading packages, writing copies
  conditionalFormatNote: '(this cell has a conditional format: when its condition holds, its colour covers the mark here)',
  // the scored copy as a document
  filledIn: 'Filled in by perf-score',
  withCode: (message: string, code: string) => `${message} (${code})`,
  profileNamed: (description: string, name: string) => (description ? `${description} (${name})` : name),
  year: 'Year',
  yearValue: (year: number) => `${year}`,
  comparison: 'Computed against declared',
  deviationList: 'Deviations',
  deviationListNote: 'Indicators whose actual misses the target, with the reason as written',
  target: 'Target',
  actual: 'Actual',
  deviation: 'Deviation',
  reason: 'Reason given',
  noReason: '(none given)',
  noDeviations: 'Every indicator meets its target',
  deviationsUnjudged: (n) => `No indicator misses its target, but whether ${n} of them meet it cannot be told (see the findings)`,
  findingsList: 'Findings',
  findingCount: (label: string, n: number) => `${label} (${n})`,
  ofSheet: (sheet: string) => `Sheet ${sheet}`,
  difference: 'Difference',
  remark: 'Note',
  noRoomForColumns: (sheet) => `sheet "${sheet}" has no free columns on its right: the computed score, deviation and findings columns were not added; see this sheet and the cells' notes`,
  notesNotAdded: (sheet) => `the drawing of notes of sheet "${sheet}" cannot be read: no note was added; see this sheet`,
  otherVocabulary: (file, part, uri) => `${file}: not a workbook Excel can open (${part} is in the namespace ${uri}, not SpreadsheetML's; Office 2007's beta wrote so)`,
  damagedPart: (file, d) => `${file}: the workbook is damaged: ${enDamage(d)}; open it in Excel or WPS, save it again and score that`,
  // write safety
  writeReason: (code) => {
    const words: Record<string, string> = { ENOSPC: 'no space left on the disk', EDQUOT: 'disk quota exceeded', EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only disk' };
    return words[code] ? `${words[code]}, ${code}` : code;
  },
  wroteNothing: () => 'no byte could be written; the disk may be full',
  outOfMemory: (file) => `${file}: ran out of memory while reading it (the file is too large or damaged)`,
  skippedScored: (names, total) => `skipped ${total} scored cop${total === 1 ? 'y' : 'ies'} (*.scored.xlsx, *.scored.xlsm): ${names.join(', ')}${total > names.length ? ` and ${total - names.length} more` : ''}`,
  skippedLocks: (names, total) => `skipped ${total} lock file${total === 1 ? '' : 's'} (~$…, made by Excel or WPS while a workbook is open): ${names.join(', ')}${total > names.length ? ` and ${total - names.length} more` : ''}`,
  skippedOthers: (names, total) => `skipped ${total} file${total === 1 ? '' : 's'} not named as workbooks: ${names.join(', ')}${total > names.length ? ` and ${total - names.length} more` : ''}`,
  skippedIgnored: (names, total) => `excluded ${total} file${total === 1 ? '' : 's'} (--ignore or a ! pattern): ${names.join(', ')}${total > names.length ? ` and ${total - names.length} more` : ''}`,
  noMatch: (pattern) => `No files matching the pattern "${pattern}" were found.`,
  allIgnored: (pattern) => `All files matched by "${pattern}" are excluded by --ignore or a ! pattern.`,
  outputNotWorkbook: (file) => `-o ${file}: the scored copy must be named .xlsx or .xlsm; to write the report to a file, use --output-file ${file}`,
  outputNotMacro: (file, input) => `-o ${file}: ${input} is not a macro-enabled workbook, so its scored copy must be named .xlsx (Excel does not open an .xlsm without macros)`,
  baselineAccepted: (n, file) => `accepted ${n} finding${n === 1 ? '' : 's'} recorded in the baseline ${file} (not counted toward the exit code)`,
  baselineStale: (n, file, shown, more) =>
    `${n} finding${n === 1 ? '' : 's'} recorded in the baseline ${file} no longer occur${n === 1 ? 's' : ''}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}; update it with --write-baseline ${file}`,
  baselineWritten: (n, file) => `${n} finding${n === 1 ? '' : 's'} recorded in the baseline ${file}`,
  baselineInvalid: (file, why) => `${file}: not a perf-score baseline (${why})`,
  inspectUnreadable: (why) => `cannot be read: ${why}`,
  // a batch's accounting of every file (the ranking, the CI formats, the summaries)
  skipReason: { 'lock-file': 'lock file', 'scored-copy': 'scored copy', 'not-a-workbook': 'not a workbook' },
  skippedFile: (file, reason) =>
    `${file}: skipped, ${{ 'lock-file': 'the lock file Excel or WPS leaves while a workbook is open (its name starts with ~$), not a workbook', 'scored-copy': 'a scored copy perf-score wrote (*.scored.xlsx, *.scored.xlsm)', 'not-a-workbook': 'not named as a workbook (.xlsx, .xls, .et, .ods …); if it is the 自评表, save it as .xlsx and score it again' }[reason]}`,
  statusOk: 'ok',
  rankingUnder: (dir) => `Ranking (paths relative to ${dir})`,
  fileCounts: (given, scored, unreadable, skipped) =>
    `${given} file${given === 1 ? '' : 's'}: ${scored} scored${unreadable > 0 ? `, ${unreadable} unreadable` : ''}${skipped > 0 ? `, ${skipped} skipped` : ''}`,
  wroteBeside: (n) => `${n} scored cop${n === 1 ? 'y' : 'ies'} written, each beside its input`,
  consoleOnly: (flag, format) => `${flag} shapes the console report only (--format table), not --format ${format}`,
  copyOf: (file) => `the scored copy of ${file}`,
  copiesCollide: (a, b, out) => `${a} and ${b} would both have their scored copy written to ${out}: rename one of them and run again`,
  outputsCollide: (a, b, out) => `${a} and ${b} would both be written to ${out}`,
  outputIsInput: (out, input) => `${out}: is the input file ${input} (a link to it), and cannot be an output`,
  // formats
  encrypted: (file) => `${file}: the workbook has a password to open; remove the password and score it again`,
  formatName: (from) => (from === 'html' ? 'web page (HTML)' : from === 'xml2003' ? 'Excel 2003 XML' : from),
  formatDamaged: (file, format) => `${file}: the ${format} workbook is damaged and cannot be read`,
  formatTooLarge: (file, format, limit) => `${file}: the ${format} file is larger than ${limit} and cannot be converted; save it as .xlsx in Excel or WPS and score that`,
  formatTooLargeUnzipped: (file, format, limit) => `${file}: the ${format} file inflates to more than ${limit} and cannot be converted; save it as .xlsx in Excel or WPS and score that`,
  formatTooManyCells: (file, format, limit) => `${file}: the ${format} workbook holds more than ${limit} cells and cannot be converted; save it as .xlsx in Excel or WPS and score that`,
  formatTooWide: (file, format, sheet, range) =>
    `${file}: the ${format} workbook's sheet "${sheet}" spans too large a range (${range}) to be converted; delete the rows and columns beyond the data in Excel or WPS, or save it as .xlsx, and score that`,
  convertedFrom: (format) => `This copy was converted from a ${format} file to .xlsx: the original's borders, fonts, colours, pictures and formulas are not kept (formulas keep their results)`,
  notWorkbook: (file, what, detail = '') =>
    `${file}: ` +
    ({
      empty: 'is an empty file (0 bytes), not a workbook',
      lock: 'is the lock file Excel or WPS leaves while a workbook is open (its name starts with ~$), not a workbook; score the file without ~$',
      pdf: 'is a PDF file, not a workbook',
      ofd: 'is an OFD document, not a workbook',
      word: 'is a Word document, not a workbook',
      powerpoint: 'is a PowerPoint presentation, not a workbook',
      'odf-text': 'is an OpenDocument text (.odt), not a workbook',
      'odf-presentation': 'is an OpenDocument presentation (.odp), not a workbook',
      office: 'is an Office document, but not a workbook',
      zip: 'is a zip archive, not a workbook; extract it and score the workbooks in it',
      rar: 'is a rar archive, not a workbook; extract it and score the workbooks in it',
      '7z': 'is a 7z archive, not a workbook; extract it and score the workbooks in it',
      gzip: 'is a gzip file, not a workbook; extract it and score the workbooks in it',
      image: `is a picture (${detail}), not a workbook`,
      text: 'is a text file, not a workbook; if it is an exported table, open it in Excel or WPS, save it as .xlsx and score that',
      html: 'is a web page (HTML) without a table',
      xml: 'is an XML file, not a workbook',
      mht: 'is a single-file web page (MHT), which is not supported; open it in Excel, save it as .xlsx and score that',
      ole: 'is an Office compound file, but not an Excel or WPS workbook',
      unknown: 'is not a workbook: its type is not recognised',
    } satisfies Record<Exclude<OtherKind, 'csv'>, string>)[what],
};

export function uiFor(lang: Lang): Ui {
  return lang === 'en' ? enUi : zhUi;
}
