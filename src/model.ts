// The types every stage shares: where a value came from, what a target or actual means,
// what the reader hands the engine, and what the engine hands the formatters.
import type { Decimal } from 'decimal.js';
import type { RunError } from './errors.js';

/** A cell in the workbook, as users name it (`自评表!H23`). */
export interface CellRef {
  /** Worksheet name as shown on its tab. */
  sheet: string;
  /** A1-style address of the cell (the top-left cell of a merge). */
  address: string;
  /** 1-based row number. */
  row: number;
  /** 1-based column number. */
  col: number;
}

/** A cell as read: its value as text, the way the user sees it, and where it is. */
export interface CellText {
  /**
   * The value as text, trimmed; null for an empty cell. Numbers are written in plain decimal
   * notation from the stored value (never rounded to the display format); a number with a
   * percent format is written as a percentage (`0.7241` → `72.41%`); a formula gives its cached
   * result; rich text is joined; an error value (`#DIV/0!`) is kept as written.
   */
  text: string | null;
  /** Where the value was read from. */
  ref: CellRef;
}

/** A unit of measure, normalised: `%` for `%`, `％` and `百分比`; otherwise as written, without spaces. */
export type Unit = string;

/**
 * A target (年度指标值) or actual (实际完成值) parsed once into what it means. Rules never look at
 * the text again.
 */
export type Expression =
  /** `≥X`, `>X`, `>=X`, `不少于X`, `不低于X`, `X以上`: higher is better. */
  | { kind: 'at-least'; value: Decimal; unit: Unit | null; strict: boolean }
  /** `≤X`, `<X`, `<=X`, `不超过X`, `不高于X`, `X以内`: a control or reverse indicator. */
  | { kind: 'at-most'; value: Decimal; unit: Unit | null; strict: boolean }
  /** `=X`, `﹦X`, or a bare number with or without a unit (`1次`, `100%`, `72890 元`). */
  | { kind: 'exact'; value: Decimal; unit: Unit | null }
  /** A word: 达标, 相关, 合理, 效果明显 … (as a target), or the same word given as an actual. */
  | { kind: 'qualitative'; word: string }
  /** A date to be met by: `7月31日前`, `2022年12月底前`. `day` null means the end of the month. */
  | { kind: 'deadline'; year: number | null; month: number; day: number | null }
  /** An actual given as a tier word: 达成 / 达成预期指标 / 完成 (met), 部分达成 (partial), 未达成 (unmet). */
  | { kind: 'tier'; tier: 'met' | 'partial' | 'unmet' };

/** The outcome of parsing one target or actual. */
export type ParseResult =
  | {
      ok: true;
      expr: Expression;
      /** The comparator stood after the number (`20≤`), a typo read as `≤20`. */
      comparatorAfter: boolean;
    }
  | {
      ok: false;
      /** `empty`: nothing there; `placeholder`: `-`, `—`, `/`, `……`; `unreadable`: text we cannot read. */
      reason: 'empty' | 'placeholder' | 'unreadable';
    };

/** One indicator row as read from the sheet, before validation. */
export interface RawIndicatorRow {
  /** 一级指标, without a weight annotation such as `(40分)`. */
  level1: string;
  /** 二级指标, inherited from its merged cell; null when the table has no such column. */
  level2: string | null;
  /** 三级指标: the indicator's name as written. */
  name: CellText;
  /** 年度指标值. */
  target: CellText;
  /** 度量单位, when the table has that column. */
  unit: CellText | null;
  /** 实际完成值. */
  actual: CellText;
  /** 分值 / 权重. */
  weight: CellText;
  /** 得分 as declared by the unit. */
  score: CellText;
  /** 偏差度 as declared, when the table has that column. */
  deviation: CellText | null;
  /** 偏差原因分析及改进措施, when the table has that column. */
  reason: CellText | null;
}

/** A first-level heading, with the weight its label declares (`产出指标 (40分)`). */
export interface RawLevel {
  /** The first level's name; under a caption, the caption's name before it (`年度绩效目标1 / 产出指标`). */
  name: string;
  /** The weight from the label, when it carries one. */
  declaredWeight: string | null;
  ref: CellRef;
}

/**
 * A caption row: one cell across the table that opens a block of indicators (`年度绩效目标2（40分）`,
 * `一、产出指标`). Its block runs to the next caption or the table's end.
 */
export interface RawCaption {
  name: string;
  /** The block's weight, when the caption carries one. */
  declaredWeight: string | null;
  ref: CellRef;
}

/** One row of the budget block: the total row, or one of its sub-rows (其中：当年财政拨款 …). */
export interface RawBudgetLine {
  /** Label cell of the row (部门预算总额, 年度资金总额, 其中：当年财政拨款). */
  label: CellText;
  /** 年初预算数. */
  initial: CellText | null;
  /** 全年预算数 / 调整预算数 / 调整后预算数. */
  adjusted: CellText | null;
  /** 全年执行数 / 预算执行数. */
  executed: CellText | null;
  /** 执行率 as declared. */
  rate: CellText | null;
  /** 分值 of the block. */
  weight: CellText | null;
  /** 得分 as declared. */
  score: CellText | null;
}

/** The budget block (部门整体支出情况 / 预算情况 / 项目资金): its total row and the rows below it. */
export interface RawBudget extends RawBudgetLine {
  /** Row of the block's header (年初预算数 | 全年预算数 | 全年执行数 …). */
  headerRow: number;
  /**
   * Whether the block is scored: it has a 分值 / 权重 (or a weight in its title) or a 得分. A block that
   * lists the money only is not: the form scores budget execution elsewhere (a 预算执行率 row) or not at all.
   */
  scored: boolean;
  /**
   * The rows under the total row inside the block (其中：当年财政拨款, 上年结转资金, 资金来源 …), in
   * order. Their 分值 and 得分 repeat the total's and are never counted; their amounts are used only
   * when the total row holds none.
   */
  subRows: RawBudgetLine[];
}

/** Which column holds what, by header; 1-based column numbers. */
export interface ColumnMap {
  level1: number;
  /** A column beside the first level holding its weight (分解目标 | 自评权重 | 二级指标 …). */
  levelWeight: number | null;
  level2: number | null;
  name: number;
  target: number;
  unit: number | null;
  /** 指标性质 (≥, ≤, =, 定性) of a target split over several columns; read into the target. */
  nature: number | null;
  /** 调整指标值 / 调整后指标值: when filled, it replaces the original target. */
  adjustedTarget: number | null;
  actual: number;
  weight: number;
  score: number;
  deviation: number | null;
  reason: number | null;
}

/** A column of the indicator table's header, as read. */
export interface HeaderColumn {
  /** 1-based column number. */
  col: number;
  /** The header text naming the column, its rows joined by ` / ` (`年度指标值 / 指标性质`), without line breaks. */
  text: string;
  /** The field the column was taken as, or null when it is not used (是否核心指标, 备注 …). */
  field: keyof ColumnMap | null;
}

/**
 * Something the reader noticed that the engine turns into a finding: a finding without its
 * severity (the profile gives it), its words made at the edge from its data like any other's.
 */
export type ReadNotice = { [C in FindingCode]: { code: C } & Raised<C> }[FindingCode];

/** One indicator table as found in a workbook: everything the engine needs, as text with its cells. */
export interface RawTable {
  sheet: string;
  /**
   * How reports name the table: the sheet's name, or, when the sheet holds several tables, the sheet
   * and the table's project (`自评表 · 司法所建设项目`), else its header's cell (`自评表!A18`).
   */
  label: string;
  /**
   * The unit: 部门（单位）名称; in a project table 实施单位, else 主管部门.
   */
  department: CellText | null;
  /** 项目名称, in a project table (项目支出绩效自评表). */
  project: CellText | null;
  /** Declared 总分 (the 总分 row) or 自评得分 (header block). */
  declaredTotal: CellText | null;
  /** Declared grade (自评结果 / 评价等级), where present. */
  declaredGrade: CellText | null;
  budget: RawBudget | null;
  levels: RawLevel[];
  /** Caption rows that open blocks of indicators, in order. */
  captions: RawCaption[];
  rows: RawIndicatorRow[];
  columns: ColumnMap;
  /** Row of the header (the last row of a two-row header). */
  headerRow: number;
  /** First row of the header (the same as headerRow for a one-row header). */
  headerTop: number;
  /** Every column of the header from firstColumn to lastColumn, with the field it was taken as. */
  headers: HeaderColumn[];
  /** First column of the table. */
  firstColumn: number;
  /** Last column used by the table, so that computed columns can go beside it. */
  lastColumn: number;
  /** Last row read: the total row, or the last row before the table's end. */
  lastRow: number;
  /** What the reader noticed, turned into findings by the engine. */
  notices: ReadNotice[];
}

/** A row that looks like an indicator table's header but lacks columns it needs: said when no table is found. */
export interface NearHeader {
  /** The header's first cell (`自评表!A12`). */
  cell: string;
  missing: ('name' | 'target' | 'actual' | 'weight' | 'score')[];
}

/** One worksheet as read: its tables (most sheets hold one), or (for a sheet without one) its non-empty cells. */
export interface SheetRead {
  name: string;
  /** Rows and columns in use, counted as exceljs counted them (values.ts). */
  rowCount: number;
  colCount: number;
  /** The indicator tables of the sheet, top to bottom; empty when it has none. */
  tables: RawTable[];
  /** Non-empty cells (the top-left of a merge for a merge), row by row: made when asked. */
  cells(): CellText[];
  /** The text shown at a cell (a merged cell shows its master's), for what the table model does not keep. */
  text(row: number, col: number): string | null;
}

/**
 * How much a finding matters: `error` fails the run (exit 1), `warning` fails it only beyond
 * `--max-warnings`, `info` is listed and never changes the exit code (错误 / 警告 / 提示).
 */
export type Severity = 'error' | 'warning' | 'info';

/** The severities, most serious first: the order reports group and count them in. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Stable finding codes: public API (README, JSON output, CI formats). Each is checked by one file
 * of `src/checks/` and worded in `src/i18n/findings.ts`; profiles are validated against this list.
 */
export const FINDING_CODES = [
  'missing-reason',
  'score-exceeds-weight',
  'weight-sum',
  'unparsed-value',
  'missing-value',
  'score-mismatch',
  'deviation-mismatch',
  'budget-mismatch',
  'total-mismatch',
  'grade-mismatch',
  'ambiguous-comparator',
  'qualitative-tier',
  'budget-total-empty',
  'dropped-content',
  'level-weight',
  'unreadable-file',
  'missed-target',
  'table-not-filled',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** A value of an indicator row or of the budget block, as a finding names it. */
export type FieldName = 'name' | 'target' | 'actual' | 'weight' | 'score' | 'deviation' | 'reason' | 'budget' | 'executed' | 'rate';

/** Why a file could not be read. */
export type UnreadableCause =
  /** One of the refusals of ours (not a workbook, damaged, too large …): it words itself (errors.ts). */
  | { kind: 'refused'; error: RunError }
  /** A bug of ours on this file, or a worker thread that stopped: its technical message. */
  | { kind: 'crashed'; detail: string }
  /** A worker thread ran out of memory on the file. */
  | { kind: 'out-of-memory' };

/**
 * What each finding code carries: the numbers and words its message is made of (at the edge, in the
 * user's language, by `src/i18n/findings.ts`). Numbers are as computed or as written, never rounded
 * for display; percentages are in points (72.41 for 72.41%).
 */
export interface FindingData {
  'missing-reason':
    /** The row's actual misses its target: both as read, and the row's score (declared, else computed) and weight. */
    | { why: 'missed'; target: Expression; actual: Expression; score: Decimal; weight: Decimal }
    /** The row meets its target but is scored below its weight (扣分须说明原因): its score (declared, else computed) and weight. */
    | { why: 'below-weight'; score: Decimal; weight: Decimal }
    /** The row's deviation is beyond the profile's `reasons.deviationBeyond`. */
    | { why: 'deviation'; deviation: Decimal; limit: Decimal }
    /** The actual reaches `ratio` percent (2 decimals) of the target, the profile's `reasons.overAchievement` or more. */
    | { why: 'over-achievement'; ratio: Decimal; limit: Decimal }
    /** The budget execution rate is under the profile's `reasons.budgetRateBelow`. */
    | { why: 'budget-rate'; rate: Decimal; limit: Decimal };
  'score-exceeds-weight': { declared: Decimal; weight: Decimal };
  'weight-sum':
    /** The rows of a first level, or of a caption's block (`年度绩效目标2（40分）`), against the weight its label declares. */
    | { scope: 'level'; level: string; sum: Decimal; declared: Decimal }
    /** All weights, the budget block's included, against 100. */
    | { scope: 'total'; sum: Decimal; budget: Decimal; expected: Decimal };
  'unparsed-value':
    /** A weight, score or budget figure that is not a number. */
    | { problem: 'not-a-number'; field: FieldName; text: string }
    /** A target or actual that reads as no number, comparison, word or deadline. */
    | { problem: 'not-an-expression'; field: FieldName; text: string }
    /** The target's and the actual's units (as normalised) differ. */
    | { problem: 'unit-mismatch'; target: string; actual: string }
    /** The actual (as written) cannot be compared with the target (as written). */
    | { problem: 'incomparable'; target: string; actual: string };
  /** A value that is not there; `budget-block` when the table has no budget block at all. */
  'missing-value': { field: FieldName | 'budget-block' };
  /** A declared score outside the range (`min` included; `max` included only when `maxIncluded`) of a tier word or a missed deadline. */
  'qualitative-tier': { declared: Decimal; min: Decimal; max: Decimal; maxIncluded: boolean };
  'score-mismatch': { declared: Decimal; computed: Decimal };
  /** Deviations in percent. */
  'deviation-mismatch': { declared: Decimal; computed: Decimal };
  /** The declared execution rate (percent) or score of the budget block against the computed one. */
  'budget-mismatch': { figure: 'rate' | 'score'; declared: Decimal; computed: Decimal };
  /** The totals, and the grades they fall in (the same grade: a warning; another: an error). */
  'total-mismatch': { declared: Decimal; computed: Decimal; declaredGrade: string; computedGrade: string };
  /** The grade as declared, the grade of the computed total, and that total. */
  'grade-mismatch': { declared: string; computed: string; total: Decimal };
  /** The text as written (`20≤`) and how it was read. */
  'ambiguous-comparator': { text: string; read: Expression };
  /** A first level's weight (declared, else the sum of its rows) against the one the profile expects. */
  'level-weight': { level: string; weight: Decimal; expected: Decimal; profile: string };
  /** The total row's label, the sub-rows summed instead, and their sums (null when none holds one). */
  'budget-total-empty': { label: string; lines: string[]; budget: Decimal | null; executed: Decimal | null };
  /** Retired: never raised. What the scored copy could not keep. */
  'dropped-content': { what: string };
  'unreadable-file': { file: string; cause: UnreadableCause };
  /** A row that misses its target and says why: the target and actual as read, the deviation (percent, when computed) and the reason as written. */
  'missed-target': { target: Expression; actual: Expression; deviation: Decimal | null; reason: string };
  /** A table published unfilled: none of its `rows` indicator rows has an actual value or a self-score. */
  'table-not-filled': { rows: number };
}

/** Where a finding is and what it says, as a check raises it (the code and the severity come from the check). */
export interface Raised<C extends FindingCode = FindingCode> {
  /** The cell it concerns. */
  ref: CellRef | null;
  /** The indicator's name (三级指标), or the block's or the first level's, when it concerns one. */
  indicator: string | null;
  /** The numbers and words of its message. */
  data: FindingData[C];
  /** This finding's own severity, when its check grades findings of one code differently (total-mismatch); the profile's setting for the code wins. */
  severity?: Severity;
}

/** A problem found, of one code. Absent fields are null, never missing. */
export interface FindingOf<C extends FindingCode> extends Omit<Raised<C>, 'severity'> {
  code: C;
  severity: Severity;
}

/** A problem found in a table or a file: data, worded at the edge (`renderFinding`). */
export type Finding = { [C in FindingCode]: FindingOf<C> }[FindingCode];

export type Lang = 'zh' | 'en';

/** Which rule gave a row its score. */
export type RuleId =
  | 'met'
  | 'at-least-ratio'
  | 'exact-zero'
  | 'reverse-ratio'
  | 'reverse-linear'
  | 'reverse-per-point'
  | 'completion'
  | 'tier'
  | 'deadline-missed';

/** How a score is rounded (the profile's `rounding`). */
export interface Rounding {
  decimals: number;
  mode: 'half-up' | 'truncate';
}

/** The arithmetic that gave a score, with its terms (numbers as written or computed, unrounded). */
export type Formula =
  /** A value given whole: the weight (met), or 0. */
  | { kind: 'value'; value: Decimal }
  /** weight × numerator / denominator: B/A for at-least, A/B for a reverse ratio, rate / benchmark for the budget. */
  | { kind: 'ratio'; weight: Decimal; numerator: Decimal; denominator: Decimal }
  /** weight × (1 − (B − A) / A). */
  | { kind: 'linear'; weight: Decimal; actual: Decimal; target: Decimal }
  /** weight − deduction × (B − A). */
  | { kind: 'per-point'; weight: Decimal; deduction: Decimal; actual: Decimal; target: Decimal }
  /** weight × percent%: a completion percentage, or the budget step's share. */
  | { kind: 'share'; weight: Decimal; percent: Decimal }
  /** A range the self-score must lie in, and the score taken in it. */
  | { kind: 'range'; min: Decimal; max: Decimal; value: Decimal };

/** How a row's score was reached. */
export interface RowExplanation {
  kind: 'row';
  /** The indicator's name. */
  name: string;
  target: Expression;
  actual: Expression;
  weight: Decimal;
  /** The rule that applied; null when none could. */
  rule: RuleId | null;
  formula: Formula | null;
  /** The formula's value, before the cap and the rounding. */
  value: Decimal | null;
  /** Whether the value was capped at the weight (or raised to 0). */
  capped: boolean;
  rounding: Rounding;
  /** The score: capped and rounded. */
  score: Decimal | null;
}

/** How the budget block's score was reached. */
export interface BudgetExplanation {
  kind: 'budget';
  /** The budget the rate is taken against (全年预算数, else 年初预算数) and the amount executed. */
  budget: Decimal;
  executed: Decimal;
  /** Execution rate in percent, 2 decimals; null when the budget is 0. */
  rate: Decimal | null;
  /** The profile's budget rule: a ratio to a benchmark rate (percent), or steps. */
  rule: { kind: 'ratio'; benchmark: Decimal } | { kind: 'steps' };
  formula: Formula;
  /** The formula's value before the rounding. */
  value: Decimal;
  rounding: Rounding;
  score: Decimal;
}

/** How the total was reached: the budget score and the first levels' subtotals, their sum, the grade. */
export interface TotalExplanation {
  kind: 'total';
  parts: Decimal[];
  total: Decimal;
  grade: string;
}

/** How a score was reached: data, worded at the edge (`renderExplanation`). */
export type Explanation = RowExplanation | BudgetExplanation | TotalExplanation;

/** One indicator row after scoring. */
export interface IndicatorResult {
  level1: string;
  level2: string | null;
  name: string;
  /** The row as read, with the cell of every value. */
  raw: RawIndicatorRow;
  target: Expression | null;
  actual: Expression | null;
  weight: Decimal | null;
  /** Computed score, or null when the row could not be scored. */
  score: Decimal | null;
  declaredScore: Decimal | null;
  /** Computed 偏差度 in percent. */
  deviation: Decimal | null;
  /** Declared 偏差度 in percent. */
  declaredDeviation: Decimal | null;
  /** The reason as written, when it counts as one. */
  reason: string | null;
  /** Which scoring rule applied (`met`, `at-least-ratio`, `reverse-ratio` …), null when none could. */
  rule: string | null;
  /** Whether the actual meets the target; null when the row could not be scored. */
  met: boolean | null;
  /** How the score was reached; null when the row could not be scored. */
  explanation: RowExplanation | null;
  /** Whether the row is the budget execution rate (预算执行率) scored as an indicator. */
  budgetRate: boolean;
}

/** The budget block after scoring. */
export interface BudgetResult {
  initial: Decimal | null;
  adjusted: Decimal | null;
  executed: Decimal | null;
  /** Execution rate in percent, 2 decimals. */
  rate: Decimal | null;
  declaredRate: Decimal | null;
  weight: Decimal;
  score: Decimal | null;
  declaredScore: Decimal | null;
  /** How the score was reached; null when it could not be scored. */
  explanation: BudgetExplanation | null;
  raw: RawBudget;
}

/** A first-level indicator's subtotal. */
export interface LevelResult {
  name: string;
  /** Sum of its rows' weights. */
  weight: Decimal;
  /** Weight declared by its label, when it has one. */
  declaredWeight: Decimal | null;
  /** Sum of its rows' rounded scores. */
  score: Decimal;
  /** Sum of its rows' declared scores; null when none is declared. */
  declaredScore: Decimal | null;
}

/** The scoring of one indicator table. */
export interface TableReport {
  sheet: string;
  department: string | null;
  profile: string;
  /** Budget score plus the rows' rounded scores. */
  total: Decimal;
  declaredTotal: Decimal | null;
  grade: string;
  declaredGrade: string | null;
  budget: BudgetResult | null;
  levels: LevelResult[];
  indicators: IndicatorResult[];
  /** Sorted by sheet, row, column, code (code-unit order); findings without a cell last. */
  findings: Finding[];
  /** How the total was reached: budget score and subtotals, sum, grade. */
  totalExplanation: TotalExplanation;
  /** The table as read, for the workbook writer. */
  table: RawTable;
}

/** The result of one input file: its tables, or why it could not be read. */
export interface FileReport {
  /** The path as the user gave it (or as a folder or glob spelled it). */
  file: string;
  tables: TableReport[];
  /** Findings about the file itself, not one of its tables: `unreadable-file` (then `tables` is empty). */
  findings: Finding[];
}

/** A workbook format we convert to xlsx, as the user knows it: the extension, or the kind of file. */
export type SourceFormat = '.xls' | '.xlt' | '.et' | '.ett' | '.ods' | '.ots' | '.fods' | '.xlsb' | 'html' | 'xml2003';

/** What a file that is not a workbook we read is. */
export type OtherKind =
  | 'empty'
  | 'lock'
  | 'pdf'
  | 'ofd'
  | 'word'
  | 'powerpoint'
  | 'odf-text'
  | 'odf-presentation'
  | 'office'
  | 'zip'
  | 'rar'
  | '7z'
  | 'gzip'
  | 'image'
  | 'csv'
  | 'text'
  | 'html'
  | 'xml'
  | 'mht'
  | 'ole'
  | 'unknown';

/**
 * Why a file found in a batch was left out on purpose (public API: JSON `skipped[].reason`, SARIF
 * notifications, JUnit): a lock file Excel or WPS keeps beside an open workbook (`~$…`), a
 * scored copy perf-score wrote (`*.scored.xlsx`, `*.scored.xlsm`), or a file in a folder that is not
 * named as a workbook (a PDF or a Word document a unit sent instead; hidden and system files aside).
 */
export type SkipReason = 'lock-file' | 'scored-copy' | 'not-a-workbook';

/** A file a batch found and left out on purpose, spelled as the user would see it. */
export interface SkippedFile {
  file: string;
  reason: SkipReason;
}
