// Scoring one indicator row: the rules of domain.md, on parsed expressions, in decimal arithmetic.
import { Decimal } from 'decimal.js';
import type { Expression, Formula, RuleId } from '../model.js';
import type { Profile } from '../schema/profile.js';
import { round2, roundTo } from './numbers.js';

/** Why a row could not be scored. */
export type ScoreProblem =
  | { kind: 'unit-mismatch'; target: string; actual: string }
  | { kind: 'incomparable' };

export interface RowScore {
  /** Computed score, capped at the weight and rounded; null when it cannot be computed. */
  score: Decimal | null;
  /** Computed 偏差度 in percent (−27.59), rounded to 2 decimals; null when it has no meaning. */
  deviation: Decimal | null;
  /** Whether the target was met; null when unknown. */
  met: boolean | null;
  rule: RuleId | null;
  /** For tier words and missed deadlines: the range the self-score must lie in, in points. */
  range: ScoreRange | null;
  problem: ScoreProblem | null;
  /** The arithmetic that gave the score, with its terms (`1 × 20 / 25.79`); null when none did. */
  formula: Formula | null;
  /** The formula's value before the cap at the weight and the rounding. */
  value: Decimal | null;
  /** Whether the value was capped at the weight (or raised to 0). */
  capped: boolean;
}

/** A tier's range of self-scores: `min` included, `max` included only for 达成 (the weight itself). */
export interface ScoreRange {
  min: Decimal;
  max: Decimal;
  maxIncluded: boolean;
}

/** Whether a declared score lies in a tier's range. */
export function inRange(score: Decimal, range: ScoreRange): boolean {
  return score.gte(range.min) && (range.maxIncluded ? score.lte(range.max) : score.lt(range.max));
}

const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

/** Words that, given as the actual of a qualitative target or deadline, say it was met. */
const MET_WORDS = /^(是|达标|已达标|满足|合格|按时|按期|及时|按时完成|按期完成|如期完成|已完成|完成|100%完成)$/;
const NEGATION = /[未不没无]/;

type Quantity = { value: Decimal; unit: string | null };

function quantityOf(expr: Expression): Quantity | null {
  return expr.kind === 'at-least' || expr.kind === 'at-most' || expr.kind === 'exact' ? { value: expr.value, unit: expr.unit } : null;
}

/** A percentage actual (or a bare number) read as a completion rate for a qualitative target. */
function completionOf(actual: Expression): Decimal | null {
  const q = quantityOf(actual);
  return q && (q.unit === '%' || q.unit === null) ? q.value : null;
}

function result(score: Decimal, deviation: Decimal | null, met: boolean, rule: RuleId, formula: Formula): RowScore {
  return { score, deviation, met, rule, range: null, problem: null, formula, value: score, capped: false };
}

function problem(p: ScoreProblem): RowScore {
  return { score: null, deviation: null, met: null, rule: null, range: null, problem: p, formula: null, value: null, capped: false };
}

/** A value given whole (the weight, or 0) as a formula. */
function whole(value: Decimal): Formula {
  return { kind: 'value', value };
}

/** 达成 80–100% (80 included), 部分达成 60–80% (60 included), 未达成 0–60% of the weight, by the profile's bounds. */
function tierRange(tier: 'met' | 'partial' | 'unmet', weight: Decimal, profile: Profile): ScoreRange {
  const met = weight.times(profile.tiers.met).div(100);
  const partial = weight.times(profile.tiers.partial).div(100);
  if (tier === 'met') return { min: met, max: weight, maxIncluded: true };
  if (tier === 'partial') return { min: partial, max: met, maxIncluded: false };
  return { min: ZERO, max: partial, maxIncluded: false };
}

/**
 * A tier word sets a range for the self-score: the declared score inside it is accepted, else the
 * nearest score inside it (one step of the profile's rounding below an excluded upper bound).
 */
function scoreByRange(range: ScoreRange, declared: Decimal | null, met: boolean, rule: RuleId, profile: Profile): RowScore {
  const step = new Decimal(10).pow(-profile.rounding.decimals);
  const top = range.maxIncluded ? range.max : Decimal.max(range.min, range.max.minus(step));
  const within = declared === null ? (met ? top : range.min) : inRange(declared, range) ? declared : Decimal.min(Decimal.max(declared, range.min), top);
  const formula: Formula = { kind: 'range', min: range.min, max: range.max, value: declared ?? within };
  return { score: within, deviation: null, met, rule, range, problem: null, formula, value: within, capped: false };
}

function scoreCompletion(p: Decimal, weight: Decimal): RowScore {
  if (p.gte(HUNDRED)) return result(weight, ZERO, true, 'met', whole(weight));
  const clamped = Decimal.max(p, ZERO);
  return result(weight.times(clamped).div(HUNDRED), round2(clamped.minus(HUNDRED)), false, 'completion', { kind: 'share', weight, percent: clamped });
}

function scoreTier(tier: 'met' | 'partial' | 'unmet', weight: Decimal, declared: Decimal | null, profile: Profile): RowScore {
  return scoreByRange(tierRange(tier, weight, profile), declared, tier === 'met', 'tier', profile);
}

/** `target` is the word to match, or null where only a word meaning met (完成, 按时 …) counts. */
function scoreWordTarget(target: string | null, actual: Expression, weight: Decimal, declared: Decimal | null, profile: Profile): RowScore {
  if (actual.kind === 'tier') return scoreTier(actual.tier, weight, declared, profile);
  if (actual.kind === 'qualitative') {
    const word = actual.word;
    if (profile.words.partial.includes(word)) return scoreTier('partial', weight, declared, profile);
    if (profile.words.unmet.includes(word)) return scoreTier('unmet', weight, declared, profile);
    const same = target !== null && (word === target || (word.includes(target) && !NEGATION.test(word.replace(target, ''))));
    return same || MET_WORDS.test(word) || profile.words.met.includes(word) ? result(weight, ZERO, true, 'met', whole(weight)) : problem({ kind: 'incomparable' });
  }
  const p = completionOf(actual);
  return p === null ? problem({ kind: 'incomparable' }) : scoreCompletion(p, weight);
}

function dateKey(year: number | null, month: number, day: number | null): number {
  return (year ?? 0) * 10000 + month * 100 + (day ?? 31);
}

function scoreDeadline(target: Extract<Expression, { kind: 'deadline' }>, actual: Expression, weight: Decimal, declared: Decimal | null, profile: Profile): RowScore {
  if (actual.kind === 'deadline') {
    // Years are compared only when both dates give one (`7月31日前` against `2022年7月20日`).
    const withYears = target.year !== null && actual.year !== null;
    const met = dateKey(withYears ? actual.year : null, actual.month, actual.day) <= dateKey(withYears ? target.year : null, target.month, target.day);
    if (met) return result(weight, ZERO, true, 'met', whole(weight));
    // A missed deadline is scored like a tier below 达成: the self-score must stay under its bound.
    return scoreByRange({ min: ZERO, max: tierRange('partial', weight, profile).max, maxIncluded: false }, declared, false, 'deadline-missed', profile);
  }
  return scoreWordTarget(null, actual, weight, declared, profile);
}

function scoreQuantity(target: Expression & { value: Decimal }, b: Decimal, weight: Decimal, profile: Profile): RowScore {
  const a = target.value;
  const actual = Decimal.max(b, ZERO); // a negative actual counts as 0
  const deviation = a.isZero() ? null : round2(actual.minus(a).div(a).times(HUNDRED));
  if (target.kind === 'at-most') {
    if (actual.lte(a)) return result(weight, ZERO, true, 'met', whole(weight));
    if (a.isZero()) return result(ZERO, deviation, false, 'reverse-ratio', whole(ZERO));
    const rule = profile.reverse;
    if (rule.rule === 'ratio') return result(weight.times(a).div(actual), deviation, false, 'reverse-ratio', { kind: 'ratio', weight, numerator: a, denominator: actual });
    if (rule.rule === 'linear') {
      return result(weight.times(new Decimal(1).minus(actual.minus(a).div(a))), deviation, false, 'reverse-linear', { kind: 'linear', weight, actual, target: a });
    }
    const deduction = new Decimal(rule.deduction);
    return result(weight.minus(actual.minus(a).times(deduction)), deviation, false, 'reverse-per-point', { kind: 'per-point', weight, deduction, actual, target: a });
  }
  if (a.isZero() && target.kind === 'exact') {
    return actual.lte(0) ? result(weight, ZERO, true, 'met', whole(weight)) : result(ZERO, null, false, 'exact-zero', whole(ZERO));
  }
  if (actual.gte(a)) return result(weight, ZERO, true, 'met', whole(weight));
  return result(weight.times(actual).div(a), deviation, false, 'at-least-ratio', { kind: 'ratio', weight, numerator: actual, denominator: a });
}

/**
 * Scores a row from its parsed target and actual. `declared` (the unit's own score) is only used
 * where the rules leave the score to the unit within a range (tier words, missed deadlines).
 */
export function scoreIndicator(target: Expression, actual: Expression, weight: Decimal, declared: Decimal | null, profile: Profile): RowScore {
  let raw: RowScore;
  if (target.kind === 'qualitative') raw = scoreWordTarget(target.word, actual, weight, declared, profile);
  else if (target.kind === 'deadline') raw = scoreDeadline(target, actual, weight, declared, profile);
  else if (target.kind === 'tier') raw = scoreWordTarget(target.tier === 'met' ? '达成' : null, actual, weight, declared, profile);
  else if (actual.kind === 'tier') raw = scoreTier(actual.tier, weight, declared, profile);
  else {
    const b = quantityOf(actual);
    if (b === null) return problem({ kind: 'incomparable' });
    if (target.unit !== null && b.unit !== null && target.unit !== b.unit) {
      return problem({ kind: 'unit-mismatch', target: target.unit, actual: b.unit });
    }
    raw = scoreQuantity(target, b.value, weight, profile);
  }
  if (raw.score === null) return raw;
  // No row scores above its weight, nor below 0; then each row is rounded on its own.
  const capped = Decimal.min(Decimal.max(raw.score, ZERO), weight);
  return { ...raw, score: roundTo(capped, profile.rounding), capped: !capped.eq(raw.score) };
}

export interface BudgetScore {
  /** Execution rate in percent, 2 decimals; null when there is no budget. */
  rate: Decimal | null;
  score: Decimal;
  /** The arithmetic that gave the score (`10 × 74.21 / 100`, or the step that applied). */
  formula: Formula;
  /** The formula's value before rounding. */
  value: Decimal;
}

/**
 * Budget execution: rate = executed / budget as a percentage (2 decimals); score by the profile's
 * rule: `ratio` weight × min(1, rate / benchmark), or `steps` a share of the weight by rate band.
 */
export function scoreBudget(budget: Decimal, executed: Decimal, weight: Decimal, profile: Profile): BudgetScore {
  if (budget.lte(0)) return { rate: null, score: ZERO, formula: whole(ZERO), value: ZERO };
  const rate = round2(executed.div(budget).times(HUNDRED));
  const rule = profile.budget;
  let value: Decimal;
  let formula: Formula;
  if (rule.rule === 'steps') {
    const step = [...rule.steps].sort((x, y) => y.from - x.from).find((st) => rate.gte(st.from));
    const part = new Decimal(step?.share ?? 0);
    value = weight.times(part).div(100);
    formula = { kind: 'share', weight, percent: part };
  } else {
    const benchmark = new Decimal(rule.benchmark);
    const ratio = Decimal.min(new Decimal(1), Decimal.max(ZERO, rate.div(benchmark)));
    value = weight.times(ratio);
    formula = ratio.eq(1) ? whole(weight) : { kind: 'ratio', weight, numerator: rate, denominator: benchmark };
  }
  return { rate, score: roundTo(value, profile.rounding), formula, value };
}

/** The grade of a total under the profile's grade bands. */
export function gradeOf(total: Decimal, profile: Profile): string {
  const band = profile.grades.find((g) => total.gte(g.min));
  return band ? band.grade : profile.grades[profile.grades.length - 1]!.grade;
}
