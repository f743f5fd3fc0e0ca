// From a table as read to its scores and findings: validate each row, parse its target and actual
// once, score it, then the levels, the budget block, the total and the grade; then the checks
// (src/checks/) say what is wrong, as data. No words here: findings and explanations are worded at
// the edge (src/i18n/), in the user's language.
import { Decimal } from 'decimal.js';
import type {
  BudgetResult,
  CellText,
  FieldName,
  FileReport,
  IndicatorResult,
  LevelResult,
  RawBudget,
  RawBudgetLine,
  RawIndicatorRow,
  RawTable,
  TableReport,
  UnreadableCause,
} from '../model.js';
import { checkFile, checkTable } from '../checks/run.js';
import type { BudgetContext, RowContext } from '../checks/types.js';
import { indicatorRowSchema, type CellIssue } from '../schema/table.js';
import type { Profile } from '../schema/profile.js';
import { isPlaceholder, readRow } from './expression.js';
import { parseNumber, parsePercent } from './numbers.js';
import { gradeOf, scoreBudget, scoreIndicator } from './score.js';

const ZERO = new Decimal(0);

function countsAsReason(text: string | null, profile: Profile): boolean {
  if (text === null || isPlaceholder(text)) return false;
  return !profile.placeholders.includes(text.trim());
}

/** Reads and scores one indicator row: its result, and what its checks look at. */
function scoreRow(raw: RawIndicatorRow, profile: Profile): RowContext {
  const name = raw.name.text ?? '';
  const cells = { name: raw.name, target: raw.target, actual: raw.actual, weight: raw.weight, score: raw.score };
  const result: IndicatorResult = {
    level1: raw.level1,
    level2: raw.level2,
    name,
    raw,
    target: null,
    actual: null,
    weight: null,
    score: null,
    declaredScore: null,
    deviation: null,
    declaredDeviation: parsePercent(raw.deviation?.text ?? null)?.points ?? null,
    reason: countsAsReason(raw.reason?.text ?? null, profile) ? raw.reason!.text : null,
    rule: null,
    met: null,
    explanation: null,
    budgetRate: false,
  };
  const row: RowContext = { raw, result, indicator: name || null, issues: [], parsed: { target: null, actual: null }, scored: null, profile };

  const checked = indicatorRowSchema.safeParse({
    name: raw.name.text,
    target: raw.target.text,
    actual: raw.actual.text,
    weight: raw.weight.text,
    score: raw.score.text,
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) row.issues.push({ field: issue.path[0] as keyof typeof cells, issue: issue.message as CellIssue });
  }
  const failed = (field: keyof typeof cells) => row.issues.some((i) => i.field === field);
  // The cells read once, as `inspect` shows them; a cell the schema refused is not used.
  const reading = readRow(raw);
  result.budgetRate = reading.budgetRate;
  result.weight = failed('weight') ? null : reading.weight;
  result.declaredScore = failed('score') ? null : reading.score;

  for (const field of ['target', 'actual'] as const) {
    if (failed(field)) continue;
    const parsed = reading[field];
    row.parsed[field] = parsed;
    if (parsed.ok) result[field] = parsed.expr;
  }

  const { target, actual, weight, declaredScore } = result;
  if (target === null || actual === null || weight === null) return row;
  const scored = scoreIndicator(target, actual, weight, declaredScore, profile);
  row.scored = scored;
  if (scored.problem) return row;
  result.score = scored.score;
  result.deviation = scored.deviation;
  result.rule = scored.rule;
  result.met = scored.met;
  result.explanation = {
    kind: 'row',
    name,
    target,
    actual,
    weight,
    rule: scored.rule,
    formula: scored.formula,
    value: scored.value,
    capped: scored.capped,
    rounding: profile.rounding,
    score: scored.score,
  };
  return row;
}

function amount(cell: CellText | null): Decimal | null {
  return cell === null || isPlaceholder(cell.text) ? null : parseNumber(cell.text);
}

/** A second breakdown of the same money (2、资金结构 after 1、资金来源): not added to the first. */
const SECOND_BREAKDOWN = /^\s*(2|二|２)\s*[、.．]|资金结构|支出结构/;

/**
 * The amounts of the budget block's sub-rows when its total row holds none (empty or 0) and they
 * do: the sum of the rows of the first breakdown (其中：当年财政拨款 + 上年结转资金 + 其他资金).
 */
function subRowAmounts(raw: RawBudget) {
  const nothing = (c: CellText | null) => amount(c)?.isZero() ?? true;
  if (![raw.initial, raw.adjusted, raw.executed].every(nothing)) return null;
  const lines: RawBudgetLine[] = [];
  for (const line of raw.subRows) {
    if (lines.length > 0 && SECOND_BREAKDOWN.test(line.label.text ?? '')) break;
    if (![line.initial, line.adjusted, line.executed].every(nothing)) lines.push(line);
  }
  if (lines.length === 0) return null;
  const sum = (pick: (l: RawBudgetLine) => Decimal | null) => {
    const values = lines.map(pick).filter((d): d is Decimal => d !== null);
    return values.length === 0 ? null : values.reduce((a, b) => a.plus(b), ZERO);
  };
  const anyAdjusted = lines.some((l) => amount(l.adjusted) !== null);
  return {
    labels: lines.map((l) => l.label.text ?? ''),
    initial: sum((l) => amount(l.initial)),
    adjusted: anyAdjusted ? sum((l) => amount(l.adjusted) ?? amount(l.initial)) : null,
    executed: sum((l) => amount(l.executed)),
    weight: amount(lines[0]!.weight),
    score: amount(lines[0]!.score),
  };
}

/** Reads and scores the budget block: its result, and what its checks look at. */
function scoreBudgetBlock(raw: RawBudget, profile: Profile): BudgetContext {
  const result: BudgetResult = {
    initial: amount(raw.initial),
    adjusted: amount(raw.adjusted),
    executed: amount(raw.executed),
    rate: null,
    declaredRate: parsePercent(raw.rate?.text ?? null)?.points ?? null,
    weight: amount(raw.weight) ?? new Decimal(profile.budget.weight),
    score: null,
    declaredScore: amount(raw.score),
    explanation: null,
    raw,
  };
  const block: BudgetContext = { result, unreadable: [], subRows: null };
  // A figure that is there but is not a number.
  const figures: [FieldName, CellText | null][] = [['budget', raw.initial], ['budget', raw.adjusted], ['executed', raw.executed], ['weight', raw.weight], ['score', raw.score], ['rate', raw.rate]];
  for (const [field, cell] of figures) {
    if (cell === null || isPlaceholder(cell.text) || (field === 'rate' ? parsePercent(cell.text) : parseNumber(cell.text)) !== null) continue;
    block.unreadable.push({ field, cell });
  }
  // A total row left empty or at 0 while the rows under it hold the money: scored from their sum.
  const sub = subRowAmounts(raw);
  if (sub) {
    Object.assign(result, { initial: sub.initial, adjusted: sub.adjusted, executed: sub.executed });
    result.weight = amount(raw.weight) ?? sub.weight ?? result.weight;
    result.declaredScore ??= sub.score;
    block.subRows = { labels: sub.labels, budget: sub.adjusted ?? sub.initial, executed: sub.executed };
  }
  // The adjusted full-year budget; 年初预算数 only when no adjusted figure is given.
  const budget = result.adjusted ?? result.initial;
  if (budget === null || result.executed === null) return block;
  const scored = scoreBudget(budget, result.executed, result.weight, profile);
  result.rate = scored.rate;
  result.score = scored.score;
  result.explanation = {
    kind: 'budget',
    budget,
    executed: result.executed,
    rate: scored.rate,
    rule: profile.budget.rule === 'steps' ? { kind: 'steps' } : { kind: 'ratio', benchmark: new Decimal(profile.budget.benchmark) },
    formula: scored.formula,
    value: scored.value,
    rounding: profile.rounding,
    score: scored.score,
  };
  return block;
}

function sumLevels(table: RawTable, indicators: IndicatorResult[]): LevelResult[] {
  const levels = new Map<string, LevelResult>();
  for (const level of table.levels) {
    levels.set(level.name, { name: level.name, weight: ZERO, declaredWeight: parseNumber(level.declaredWeight), score: ZERO, declaredScore: null });
  }
  for (const row of indicators) {
    let level = levels.get(row.level1);
    if (!level) levels.set(row.level1, (level = { name: row.level1, weight: ZERO, declaredWeight: null, score: ZERO, declaredScore: null }));
    level.weight = level.weight.plus(row.weight ?? ZERO);
    level.score = level.score.plus(row.score ?? row.declaredScore ?? ZERO);
    if (row.declaredScore !== null) level.declaredScore = (level.declaredScore ?? ZERO).plus(row.declaredScore);
  }
  return [...levels.values()];
}

/** Scores one indicator table under a profile, and checks it. Pure: no I/O, no words. */
export function analyzeTable(table: RawTable, profile: Profile): TableReport {
  const rows = table.rows.map((row) => scoreRow(row, profile));
  const indicators = rows.map((row) => row.result);
  const levels = sumLevels(table, indicators);
  const budget = table.budget?.scored ? scoreBudgetBlock(table.budget, profile) : null;

  // The hundred points are the indicators' when their weights make 100 alone: a budget block beside
  // them (weighted too, which weight-sum reports) is not added a second time.
  const indicatorWeight = levels.reduce((s, l) => s.plus(l.weight), ZERO);
  const budgetCounts = budget !== null && !indicatorWeight.eq(100);
  const budgetScore = budgetCounts ? (budget.result.score ?? budget.result.declaredScore ?? ZERO) : ZERO;
  const total = levels.reduce((s, l) => s.plus(l.score), budgetScore);
  const grade = gradeOf(total, profile);
  const declaredTotal = amount(table.declaredTotal);
  // Unfilled: no row has an actual value or a self-score (a form published as the template was sent out).
  const filled = indicators.length === 0 || indicators.some((r) => !isPlaceholder(r.raw.actual.text) || !isPlaceholder(r.raw.score.text));
  const findings = checkTable(rows, { table, indicators, levels, budget, total, grade, declaredTotal, filled, profile }, table.notices, profile);

  return {
    sheet: table.sheet,
    department: table.department?.text ?? null,
    profile: profile.name,
    total,
    declaredTotal,
    grade,
    declaredGrade: table.declaredGrade?.text ?? null,
    budget: budget?.result ?? null,
    levels,
    indicators,
    findings,
    totalExplanation: { kind: 'total', parts: [...(budgetCounts ? [budgetScore] : []), ...levels.map((l) => l.score)], total, grade },
    table,
  };
}

/**
 * The report of a file that could not be read: no tables, and its `unreadable-file` finding (none when
 * the profile turns the code off, as a repository holding other workbooks may).
 */
export function unreadableFile(file: string, cause: UnreadableCause, profile: Profile): FileReport {
  return { file, tables: [], findings: checkFile({ file, cause }, profile) };
}
