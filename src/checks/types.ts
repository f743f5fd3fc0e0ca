// The contract of a check, and what each phase hands it.
//
// A check is one finding code: its default severity, and a function per phase in which it looks,
// each taking that phase's context and returning what it raises (where, about which indicator, and
// the data of its message). Why hooks rather than one `phase` and one `check`: a code is one file,
// and some codes are raised in two phases (`missing-value` at a row's cell and for a table without a
// budget block; `missing-reason` on a row and on the budget rate); frictionless's checks likewise
// have a hook per phase (validate_start / validate_row / validate_end), and run where they hook in.
// A check is pure: it reads what the scoring computed (it never scores, parses a target, nor words a
// message) and returns data; the runner (run.ts) gives each finding its severity, drops what the
// profile turns `off`, and sorts them.
import type { Decimal } from 'decimal.js';
import type {
  BudgetResult,
  CellText,
  FieldName,
  FindingCode,
  FindingData,
  IndicatorResult,
  LevelResult,
  ParseResult,
  Raised,
  RawIndicatorRow,
  RawTable,
  Severity,
  UnreadableCause,
} from '../model.js';
import type { RowScore } from '../engine/score.js';
import type { CellIssue } from '../schema/table.js';
import type { Profile } from '../schema/profile.js';

/** The phases a check can look in: each indicator row, each table once its rows are scored, a file that could not be read. */
export type Phase = 'row' | 'table' | 'file';

/** What a table-level finding is about, for reports that group findings (JUnit's testcases). */
export type Subject = 'budget' | 'weights' | 'total' | 'grade';

/** One indicator row, read and scored: what row checks look at. */
export interface RowContext {
  raw: RawIndicatorRow;
  /** The row as scored (weight, declared and computed score, deviation, the reason that counts). */
  result: IndicatorResult;
  /** The indicator's name for its findings; null when the row has none. */
  indicator: string | null;
  /** The cells that failed the row's schema: nothing there, or not what the column holds. */
  issues: { field: 'name' | 'target' | 'actual' | 'weight' | 'score'; issue: CellIssue }[];
  /** The target and the actual as parsed; null where the cell failed the schema. */
  parsed: { target: ParseResult | null; actual: ParseResult | null };
  /** The scoring of the row; null when its target, actual or weight could not be read. */
  scored: RowScore | null;
  profile: Profile;
}

/** The budget block, read and scored. */
export interface BudgetContext {
  result: BudgetResult;
  /** Figures that are there but cannot be read (not a number, not a percentage). */
  unreadable: { field: FieldName; cell: CellText }[];
  /** The sub-rows scored in place of a total row that holds no amounts; null when the total row counts. */
  subRows: { labels: string[]; budget: Decimal | null; executed: Decimal | null } | null;
}

/** One indicator table, scored: what table checks look at. */
export interface TableContext {
  table: RawTable;
  indicators: IndicatorResult[];
  levels: LevelResult[];
  /** Null when the table has no budget block. */
  budget: BudgetContext | null;
  /** The computed total and its grade. */
  total: Decimal;
  grade: string;
  /** The declared total, when the table has one that reads as a number. */
  declaredTotal: Decimal | null;
  /**
   * Whether the table was filled in: false when no indicator row has an actual value or a self-score
   * (a form published unfilled). Its weights and total are then not checked: it has no scores.
   */
  filled: boolean;
  profile: Profile;
}

/** A file that could not be read. */
export interface FileContext {
  file: string;
  cause: UnreadableCause;
}

/** One finding code's check. */
export interface Check<C extends FindingCode> {
  code: C;
  /** Its severity unless the profile says otherwise (a profile may also turn it `off`). */
  severity: Severity;
  /** For a code about one part of a table, what it is about: for every finding, or by its data. */
  subject?: Subject | ((data: FindingData[C]) => Subject | null);
  row?: (ctx: RowContext) => Raised<C>[];
  table?: (ctx: TableContext) => Raised<C>[];
  file?: (ctx: FileContext) => Raised<C>[];
}

/** A check of any code. */
export type AnyCheck = { [C in FindingCode]: Check<C> }[FindingCode];
