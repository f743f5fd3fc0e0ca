// From a table as read to its scores and findings: validate each row, parse its target and actual
// once, score it, then the levels, the budget block, the weights, the total and the grade.
import { Decimal } from 'decimal.js';
import type {
  BudgetResult,
  CellRef,
  CellText,
  FileReport,
  Finding,
  FindingCode,
  IndicatorResult,
  Lang,
  LevelResult,
  RawBudget,
  RawBudgetLine,
  RawIndicatorRow,
  RawTable,
  TableReport,
} from '../model.js';
import { messagesFor } from '../i18n/messages.js';
import { DEFAULT_SEVERITY } from './codes.js';
import { indicatorRowSchema, type CellIssue } from '../schema/table.js';
import type { Profile } from '../schema/profile.js';
import { describeExpression } from './describe.js';
import { isPlaceholder, parseExpression } from './expression.js';
import { parseNumber, parsePercent } from './numbers.js';
import { explainBudget, explainRow, explainTotal } from './explain.js';
import { gradeOf, inRange, scoreBudget, scoreIndicator, type RowScore } from './score.js';


const ZERO = new Decimal(0);
const TOTAL_WEIGHT = new Decimal(100);

/** Collects findings for one table, each with the severity the profile gives its code (`off` drops it). */
class FindingList {
  readonly items: Finding[] = [];
  constructor(private readonly profile: Profile) {}
  add(code: FindingCode, ref: CellRef | null, indicator: string | null, message: string): void {
    const severity = this.profile.severity[code] ?? DEFAULT_SEVERITY[code];
    if (severity !== 'off') this.items.push({ code, severity, ref, indicator, message });
  }
  sorted(): Finding[] {
    const key = (f: Finding) => (f.ref ? [f.ref.row, f.ref.col] : [Number.MAX_SAFE_INTEGER, 0]);
    return [...this.items].sort((a, b) => {
      const [ar, ac] = key(a);
      const [br, bc] = key(b);
      return ar! - br! || ac! - bc! || a.code.localeCompare(b.code);
    });
  }
}

function fmt(d: Decimal): string {
  return d.toFixed(2);
}

/** Within the profile's tolerance; a declared value is compared as written. */
function differs(declared: Decimal, computed: Decimal, tolerance: number): boolean {
  return declared.minus(computed).abs().gt(tolerance);
}

/** A declared percentage matches when it does as points, or (with no % sign) as a fraction (0.7241). */
function percentDiffers(declared: CellText | null, computed: Decimal, tolerance: number): { declared: Decimal } | null {
  const p = parsePercent(declared?.text ?? null);
  if (p === null) return null;
  if (!differs(p.points, computed, tolerance)) return null;
  if (!p.sign && !differs(p.points.times(100), computed, tolerance)) return null;
  return { declared: p.points };
}

function countsAsReason(text: string | null, profile: Profile): boolean {
  if (text === null || isPlaceholder(text)) return false;
  return !profile.placeholders.includes(text.trim());
}

function analyzeRow(raw: RawIndicatorRow, profile: Profile, lang: Lang, findings: FindingList): IndicatorResult {
  const m = messagesFor(lang);
  const name = raw.name.text ?? '';
  const indicator = name || null;
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
    explanation: null,
  };

  const checked = indicatorRowSchema.safeParse({
    name: raw.name.text,
    target: raw.target.text,
    actual: raw.actual.text,
    weight: raw.weight.text,
    score: raw.score.text,
  });
  const failed = new Set<string>();
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0] as keyof typeof cells;
      failed.add(field);
      const cell = cells[field];
      if ((issue.message as CellIssue) === 'missing') findings.add('missing-value', cell.ref, indicator, m.missingValue({ field }));
      else findings.add('unparsed-value', cell.ref, indicator, m.unreadableNumber({ field, text: cell.text ?? '' }));
    }
  }
  const text = (field: 'weight' | 'score') => (failed.has(field) ? null : parseNumber(cells[field].text));
  result.weight = text('weight');
  result.declaredScore = text('score');

  for (const field of ['target', 'actual'] as const) {
    if (failed.has(field)) continue;
    const parsed = parseExpression(cells[field].text, raw.unit?.text ?? null);
    if (!parsed.ok) {
      findings.add('unparsed-value', cells[field].ref, indicator, m.unreadable({ field, text: cells[field].text ?? '' }));
      continue;
    }
    result[field] = parsed.expr;
    if (parsed.comparatorAfter) {
      findings.add('ambiguous-comparator', cells[field].ref, indicator, m.ambiguousComparator({ text: cells[field].text ?? '', read: describeExpression(parsed.expr) }));
    }
  }

  const { weight, declaredScore } = result;
  if (weight !== null && declaredScore !== null && declaredScore.gt(weight)) {
    findings.add('score-exceeds-weight', raw.score.ref, indicator, m.scoreExceedsWeight({ declared: fmt(declaredScore), weight: fmt(weight) }));
  }
  if (result.target === null || result.actual === null || weight === null) return result;

  const scored = scoreIndicator(result.target, result.actual, weight, declaredScore, profile);
  if (scored.problem) {
    const message =
      scored.problem.kind === 'unit-mismatch'
        ? m.unitMismatch({ target: scored.problem.target, actual: scored.problem.actual })
        : m.incomparable({ target: raw.target.text ?? '', actual: raw.actual.text ?? '' });
    findings.add('unparsed-value', raw.actual.ref, indicator, message);
    return result;
  }
  result.score = scored.score;
  result.deviation = scored.deviation;
  result.rule = scored.rule;

  if (scored.range && declaredScore !== null && !inRange(declaredScore, scored.range)) {
    findings.add('qualitative-tier', raw.score.ref, indicator, m.qualitativeTier({ declared: fmt(declaredScore), min: fmt(scored.range.min), max: fmt(scored.range.max) }));
  } else if (declaredScore !== null && scored.score !== null && differs(declaredScore, scored.score, profile.tolerance)) {
    findings.add('score-mismatch', raw.score.ref, indicator, m.scoreMismatch({ declared: fmt(declaredScore), computed: fmt(scored.score) }));
  }

  if (scored.deviation !== null) {
    const off = percentDiffers(raw.deviation, scored.deviation, profile.tolerance);
    if (off) findings.add('deviation-mismatch', raw.deviation!.ref, indicator, m.deviationMismatch({ declared: fmt(off.declared), computed: fmt(scored.deviation) }));
  }

  const why = result.reason === null ? reasonNeeded(result, scored, profile, lang) : null;
  if (why !== null) findings.add('missing-reason', (raw.reason ?? raw.score).ref, indicator, why);
  result.explanation = explainRow(name, result.target, result.actual, weight, scored, lang);
  return result;
}

/** Why the profile requires a reason for this row (the message), or null when it does not. */
function reasonNeeded(row: IndicatorResult, scored: RowScore, profile: Profile, lang: Lang): string | null {
  const m = messagesFor(lang);
  const rules = profile.reasons;
  const weight = row.weight!;
  const scoredBelow = [scored.score, row.declaredScore].some((s) => s !== null && s.lt(weight));
  if (rules.missed && (scored.met === false || scoredBelow)) {
    return m.missingReason({ score: fmt(row.declaredScore ?? scored.score ?? ZERO), weight: fmt(weight) });
  }
  if (rules.deviationBeyond !== null && scored.deviation !== null && scored.deviation.abs().gt(rules.deviationBeyond)) {
    return m.missingReasonDeviation({ deviation: fmt(scored.deviation), limit: String(rules.deviationBeyond) });
  }
  const { target, actual } = row;
  if (rules.overAchievement !== null && target && actual && (target.kind === 'at-least' || target.kind === 'exact') && 'value' in actual && target.value.gt(0)) {
    const ratio = actual.value.div(target.value).times(100);
    if (ratio.gte(rules.overAchievement)) return m.missingReasonOver({ ratio: fmt(ratio), limit: String(rules.overAchievement) });
  }
  return null;
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

function analyzeBudget(raw: RawBudget, profile: Profile, lang: Lang, findings: FindingList): BudgetResult {
  const m = messagesFor(lang);
  const label = raw.label.text;
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
  // A figure that is there but is not a number is said at its cell, never taken as missing.
  const unreadable = new Set<CellText>();
  const figures = [['budget', raw.initial], ['budget', raw.adjusted], ['executed', raw.executed], ['weight', raw.weight], ['score', raw.score], ['rate', raw.rate]] as const;
  for (const [field, cell] of figures) {
    if (cell === null || isPlaceholder(cell.text) || (field === 'rate' ? parsePercent(cell.text) : parseNumber(cell.text)) !== null) continue;
    unreadable.add(cell);
    findings.add('unparsed-value', cell.ref, label, m.unreadableNumber({ field, text: cell.text ?? '' }));
  }
  // A total row left empty or at 0 while the rows under it hold the money: scored from their sum, with a warning.
  const sub = subRowAmounts(raw);
  if (sub) {
    Object.assign(result, { initial: sub.initial, adjusted: sub.adjusted, executed: sub.executed });
    result.weight = amount(raw.weight) ?? sub.weight ?? result.weight;
    result.declaredScore ??= sub.score;
    const shown = (d: Decimal | null) => (d === null ? '—' : d.toFixed());
    const message = m.budgetTotalEmpty({ label: label ?? '', lines: sub.labels.join('、'), budget: shown(sub.adjusted ?? sub.initial), executed: shown(sub.executed) });
    findings.add('budget-total-empty', (raw.adjusted ?? raw.initial ?? raw.executed ?? raw.label).ref, label, message);
  }
  // The adjusted full-year budget; 年初预算数 only when no adjusted figure is given.
  const budget = result.adjusted ?? result.initial;
  if (budget === null || result.executed === null) {
    const missing = budget === null ? (raw.adjusted ?? raw.initial) : raw.executed;
    if (missing === null || !unreadable.has(missing)) {
      findings.add('missing-value', (missing ?? raw.label).ref, label, m.missingValue({ field: budget === null ? 'budget' : 'executed' }));
    }
    return result;
  }
  const scored = scoreBudget(budget, result.executed, result.weight, profile);
  const { rate, score } = scored;
  result.rate = rate;
  result.score = score;
  result.explanation = explainBudget(budget, result.executed, scored, profile, lang);
  if (rate !== null && raw.rate) {
    const off = percentDiffers(raw.rate, rate, profile.tolerance);
    if (off) findings.add('budget-mismatch', raw.rate.ref, label, m.budgetRateMismatch({ declared: fmt(off.declared), computed: fmt(rate) }));
  }
  if (result.declaredScore !== null && raw.score && differs(result.declaredScore, score, profile.tolerance)) {
    findings.add('budget-mismatch', raw.score.ref, label, m.budgetScoreMismatch({ declared: fmt(result.declaredScore), computed: fmt(score) }));
  }
  return result;
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

/** `产出指标 (50分)` and `产出` name the same first level in a profile's expected weights. */
function levelKey(name: string): string {
  return name.replace(/[(（].*$/, '').replace(/指标$/, '');
}

/** A table whose first levels are those of one of the profile's sets must carry that set's weights. */
function checkLevelWeights(table: RawTable, levels: LevelResult[], profile: Profile, lang: Lang, findings: FindingList): void {
  const m = messagesFor(lang);
  const names = levels.map((l) => levelKey(l.name)).sort();
  const set = profile.levelWeights.find((s) => Object.keys(s).sort().join('|') === names.join('|'));
  if (!set) return;
  for (const level of levels) {
    const expected = set[levelKey(level.name)]!;
    const actual = level.declaredWeight ?? level.weight;
    if (!actual.eq(expected)) {
      const ref = table.levels.find((l) => l.name === level.name)?.ref ?? null;
      findings.add('level-weight', ref, level.name, m.levelWeight({ level: level.name, weight: actual.toFixed(), expected: String(expected), profile: profile.name }));
    }
  }
}

/** Some practices require a reason when the budget execution rate is low: on a 预算执行率 row, or the block itself. */
function checkBudgetReason(budget: BudgetResult | null, indicators: IndicatorResult[], profile: Profile, lang: Lang, findings: FindingList): void {
  const limit = profile.reasons.budgetRateBelow;
  if (limit === null || budget?.rate == null || budget.rate.gte(limit)) return;
  if (indicators.some((row) => row.name.includes('预算执行率') && row.reason !== null)) return;
  const m = messagesFor(lang);
  findings.add('missing-reason', (budget.raw.rate ?? budget.raw.label).ref, budget.raw.label.text, m.missingReasonBudget({ rate: fmt(budget.rate), limit: String(limit) }));
}

/** Scores one indicator table under a profile; messages in `lang`. Pure: no I/O. */
export function analyzeTable(table: RawTable, profile: Profile, lang: Lang): TableReport {
  const m = messagesFor(lang);
  const findings = new FindingList(profile);
  // What the reader noticed (content the scored copy cannot keep …), in the run's language.
  for (const notice of table.notices) findings.add(notice.code, notice.ref, notice.indicator, notice.message[lang]);
  const indicators = table.rows.map((row) => analyzeRow(row, profile, lang, findings));
  const levels = sumLevels(table, indicators);

  let budget: BudgetResult | null = null;
  if (table.budget) budget = analyzeBudget(table.budget, profile, lang, findings);
  else findings.add('missing-value', null, null, m.missingBudget());

  for (const level of levels) {
    if (level.declaredWeight !== null && !level.weight.eq(level.declaredWeight)) {
      const ref = table.levels.find((l) => l.name === level.name)?.ref ?? null;
      findings.add('weight-sum', ref, level.name, m.weightSumLevel({ level: level.name, sum: level.weight.toFixed(), declared: level.declaredWeight.toFixed() }));
    }
  }
  checkLevelWeights(table, levels, profile, lang, findings);
  checkBudgetReason(budget, indicators, profile, lang, findings);
  if (indicators.every((row) => row.weight !== null)) {
    const budgetWeight = budget?.weight ?? ZERO;
    const sum = levels.reduce((s, l) => s.plus(l.weight), budgetWeight);
    if (!sum.eq(TOTAL_WEIGHT)) {
      findings.add('weight-sum', null, null, m.weightSumTotal({ sum: sum.toFixed(), budget: budgetWeight.toFixed(), expected: TOTAL_WEIGHT.toFixed() }));
    }
  }

  const budgetScore = budget?.score ?? budget?.declaredScore ?? ZERO;
  const total = levels.reduce((s, l) => s.plus(l.score), budgetScore);
  const grade = gradeOf(total, profile);
  const totalExplanation = explainTotal([...(budget ? [budgetScore] : []), ...levels.map((l) => l.score)], total, grade, lang);
  const declaredTotal = amount(table.declaredTotal);
  if (declaredTotal !== null && differs(declaredTotal, total, profile.tolerance)) {
    findings.add('total-mismatch', table.declaredTotal!.ref, null, m.totalMismatch({ declared: fmt(declaredTotal), computed: fmt(total) }));
  }
  const declaredGrade = table.declaredGrade?.text ?? null;
  // 优秀 declares the grade 优.
  if (declaredGrade !== null && !declaredGrade.startsWith(grade)) {
    findings.add('grade-mismatch', table.declaredGrade!.ref, null, m.gradeMismatch({ declared: declaredGrade, computed: grade, total: fmt(total) }));
  }

  return {
    sheet: table.sheet,
    department: table.department?.text ?? null,
    profile: profile.name,
    total,
    declaredTotal,
    grade,
    declaredGrade,
    budget,
    levels,
    indicators,
    findings: findings.sorted(),
    totalExplanation,
    table,
  };
}

/**
 * The report of a file that could not be read: no tables, and one `unreadable-file` finding with the
 * reason in words (none when the profile turns the code off, as a repository holding other workbooks may).
 */
export function unreadableFile(file: string, message: string, profile: Profile): FileReport {
  const findings = new FindingList(profile);
  findings.add('unreadable-file', null, null, message);
  return { file, tables: [], findings: findings.items };
}
