// Reads a target (年度指标值) or an actual (实际完成值) cell once into a typed Expression:
// comparator and number with unit, a word, a tier word, or a deadline.
import { Decimal } from 'decimal.js';
import type { Expression, ParseResult, RawIndicatorRow, Unit } from '../model.js';
import { parseNumber } from '../text/numbers.js';
import { compactText, isPlaceholder, normalizeText } from '../text/normalize.js';

// Normalising text and placeholders are src/text/'s; the engine's modules take them from here.
export { isPlaceholder, normalizeText };

type Direction = 'at-least' | 'at-most' | 'exact';
interface Comparator {
  direction: Direction;
  strict: boolean;
}

const AT_LEAST: Comparator = { direction: 'at-least', strict: false };
const AT_MOST: Comparator = { direction: 'at-most', strict: false };
const MORE_THAN: Comparator = { direction: 'at-least', strict: true };
const LESS_THAN: Comparator = { direction: 'at-most', strict: true };
const EXACT: Comparator = { direction: 'exact', strict: false };

/** Comparator symbols, valid before the number and (as a typo) after it. */
const SYMBOLS: Record<string, Comparator> = {
  '>=': AT_LEAST,
  '<=': AT_MOST,
  '≥': AT_LEAST,
  '≤': AT_MOST,
  '>': MORE_THAN,
  '<': LESS_THAN,
  '=': EXACT,
};

/** Comparators written in words before the number. */
const PREFIX_WORDS: Record<string, Comparator> = {
  不少于: AT_LEAST,
  不低于: AT_LEAST,
  不小于: AT_LEAST,
  大于等于: AT_LEAST,
  至少: AT_LEAST,
  大于: MORE_THAN,
  高于: MORE_THAN,
  不超过: AT_MOST,
  不高于: AT_MOST,
  不大于: AT_MOST,
  小于等于: AT_MOST,
  低于: LESS_THAN,
  小于: LESS_THAN,
};

/** Comparators written in words after the number and unit. */
const SUFFIX_WORDS: Record<string, Comparator> = {
  以上: AT_LEAST,
  及以上: AT_LEAST,
  以内: AT_MOST,
  以下: AT_MOST,
  及以下: AT_MOST,
};

/** Tier words (given as actuals): met, partial, unmet. */
const TIERS: Record<string, 'met' | 'partial' | 'unmet'> = {
  达成: 'met',
  已达成: 'met',
  达成预期指标: 'met',
  达成目标: 'met',
  达成目标值: 'met',
  已达成目标: 'met',
  全部达成: 'met',
  达到预期: 'met',
  达到预期指标: 'met',
  完成: 'met',
  已完成: 'met',
  全部完成: 'met',
  部分达成: 'partial',
  部分达成预期指标: 'partial',
  部分达到预期: 'partial',
  基本达成: 'partial',
  基本完成: 'partial',
  部分完成: 'partial',
  未达成: 'unmet',
  未达成预期指标: 'unmet',
  未达到预期: 'unmet',
  未完成: 'unmet',
};

/** Alternation of the keys, longest first so that `>=` wins over `>` and `大于等于` over `大于`. */
function alternation(keys: string[]): string {
  return [...keys]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

const SYMBOL = alternation(Object.keys(SYMBOLS));
const NUMBER = String.raw`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const UNIT = String.raw`[\p{L}\p{M}\p{No}\p{So}%‰/*·・]*?`;
const QUANTITY = new RegExp(
  `^(?<pre>${alternation([...Object.keys(SYMBOLS), ...Object.keys(PREFIX_WORDS)])})?` +
    `(?<num>${NUMBER})(?<after1>${SYMBOL})?(?<unit>${UNIT})(?<after2>${SYMBOL})?` +
    `(?<suffix>${alternation(Object.keys(SUFFIX_WORDS))})?$`,
  'u',
);

// A date may be followed by what is done by then: `2021年12月完成`, `12月底前完工`, `年底前全部完成`.
const BEFORE = '(?:之前|以前|前)?(?:全部|已|已经)?(?:完成|完工|竣工|办结|结束|实施完毕)?(?:验收)?';
const MONTH_DATE = new RegExp(String.raw`^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号]|[底末]|份)?${BEFORE}$`);
const YEAR_END = new RegExp(String.raw`^(?:(\d{4})年|年|年度|本年|全年)年?[底末]${BEFORE}$`);
const NUMERIC_DATE = new RegExp(String.raw`^(\d{4})[-./](\d{1,2})[-./](\d{1,2})日?${BEFORE}$`);

/** A word carries letters and ordinary punctuation only: no digits, comparators, `*`, `#`, `[`. */
const WORD = /^[\p{L}\p{M}\s、，,。；;：:（）()《》“”"'·/]+$/u;
/** `%`, `％`, `百分比` → `%`; `定性`/`定性指标` (qualitative), empty and placeholders → null; other units without spaces. */
export function normalizeUnit(unit: string | null | undefined): Unit | null {
  const u = normalizeText(unit ?? '').replace(/\s/gu, '');
  if (isPlaceholder(u) || u === '定性' || u === '定性指标') return null;
  return u === '百分比' ? '%' : u;
}

/** Parses a target or actual. `unitColumn` is the text of a separate 度量单位 column, if the table has one; the cell's own unit wins. */
export function parseExpression(text: string | null, unitColumn?: string | null): ParseResult {
  const normal = normalizeText(text ?? '');
  if (normal === '') return { ok: false, reason: 'empty' };
  if (isPlaceholder(normal)) return { ok: false, reason: 'placeholder' };
  const compact = normal.replace(/\s/gu, '');

  const deadline = parseDeadline(compact);
  if (deadline !== undefined) return deadline;
  const tier = TIERS[compact];
  if (tier) return { ok: true, expr: { kind: 'tier', tier }, comparatorAfter: false };
  if (WORD.test(normal)) return { ok: true, expr: { kind: 'qualitative', word: normal }, comparatorAfter: false };
  return parseQuantity(compact, normalizeUnit(unitColumn));
}

/** Dates (`7月31日前`, `2022年12月底`, `年底前`, `2022-12-31前`); undefined when the text is not date-shaped. */
function parseDeadline(compact: string): ParseResult | undefined {
  let year: string | undefined, month: string | undefined, day: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = MONTH_DATE.exec(compact))) [, year, month, day] = m;
  else if ((m = YEAR_END.exec(compact))) [year, month] = [m[1], '12'];
  else if ((m = NUMERIC_DATE.exec(compact))) [, year, month, day] = m;
  else return undefined;

  const mm = Number(month);
  const dd = day === undefined ? null : Number(day);
  if (mm < 1 || mm > 12 || (dd !== null && (dd < 1 || dd > 31))) return { ok: false, reason: 'unreadable' };
  const expr: Expression = { kind: 'deadline', year: year === undefined ? null : Number(year), month: mm, day: dd };
  return { ok: true, expr, comparatorAfter: false };
}

/** A number with optional comparator(s) and unit; a suffix word (`以内`) may repeat the comparator's direction. */
function parseQuantity(compact: string, columnUnit: Unit | null): ParseResult {
  const g = QUANTITY.exec(compact)?.groups;
  if (!g?.num) return { ok: false, reason: 'unreadable' };

  const written = [g.pre, g.after1, g.after2].filter((c): c is string => c !== undefined);
  if (written.length > 1) return { ok: false, reason: 'unreadable' };
  const main = written[0] === undefined ? undefined : (SYMBOLS[written[0]] ?? PREFIX_WORDS[written[0]]);
  const suffix = g.suffix === undefined ? undefined : SUFFIX_WORDS[g.suffix];
  if (main && suffix && main.direction !== suffix.direction) return { ok: false, reason: 'unreadable' };
  const comparator = main ?? suffix ?? EXACT;

  const value = new Decimal(g.num.replace(/,/g, ''));
  const unit = normalizeUnit(g.unit) ?? columnUnit;
  const comparatorAfter = g.pre === undefined && written.length === 1;
  const expr: Expression =
    comparator.direction === 'exact'
      ? { kind: 'exact', value, unit }
      : { kind: comparator.direction, value, unit, strict: comparator.strict };
  return { ok: true, expr, comparatorAfter };
}

/** How the cells of an indicator row read, before any scoring (`inspect` shows it). */
export interface RowReading {
  target: ParseResult;
  actual: ParseResult;
  /** The unit column's text as a unit (`百分比` → `%`), null when it names none. */
  unit: Unit | null;
  /** Weight and declared score as numbers, null when they are not one. */
  weight: Decimal | null;
  score: Decimal | null;
  /** Whether the row is the budget execution rate (预算执行率), scored as an indicator. */
  budgetRate: boolean;
}

/** The name of a row that scores budget execution as an indicator: 预算执行率, 资金执行率, 预算完成率. */
const BUDGET_RATE = /^(项目|部门)?(预算|资金|财政资金)(执行|支出|完成)率$/;

/** Reads an indicator row's cells as the scoring does: targets and actuals with the row's unit, numbers. */
export function readRow(row: RawIndicatorRow): RowReading {
  const unit = row.unit?.text ?? null;
  let target = parseExpression(row.target.text, unit);
  let actual = parseExpression(row.actual.text, unit);
  // An actual written word for word as its target (`完成2个村道路硬化`) says the target was met,
  // even when the sentence cannot be read as a number, a date or a word.
  const written = compactText(row.target.text);
  if (!target.ok && target.reason === 'unreadable' && written === compactText(row.actual.text)) {
    target = actual = { ok: true, expr: { kind: 'qualitative', word: written }, comparatorAfter: false };
  }
  return {
    target,
    actual,
    unit: normalizeUnit(unit),
    weight: parseNumber(row.weight.text),
    score: parseNumber(row.score.text),
    budgetRate: BUDGET_RATE.test(compactText(row.name.text).replace(/[★*]/g, '')),
  };
}
