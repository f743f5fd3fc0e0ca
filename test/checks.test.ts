// The checks layer (src/checks): each check in isolation (a context in, data out), the registry
// against the public list of codes and README's table, one place for each code's literal, the order
// of findings, and an engine that knows nothing of language.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ambiguousComparator } from '../src/checks/ambiguous-comparator.js';
import { CHECKS, checkOf, subjectOf } from '../src/checks/index.js';
import { levelWeight } from '../src/checks/level-weight.js';
import { missedTarget } from '../src/checks/missed-target.js';
import { missingReason } from '../src/checks/missing-reason.js';
import { missingValue } from '../src/checks/missing-value.js';
import { checkTable, compareFindings } from '../src/checks/run.js';
import { scoreExceedsWeight } from '../src/checks/score-exceeds-weight.js';
import { scoreMismatch } from '../src/checks/score-mismatch.js';
import type { RowContext, TableContext } from '../src/checks/types.js';
import { unparsedValue } from '../src/checks/unparsed-value.js';
import { weightSum } from '../src/checks/weight-sum.js';
import { parseExpression } from '../src/engine/expression.js';
import { scoreIndicator } from '../src/engine/score.js';
import { FINDING_CODES, type BudgetResult, type CellText, type RawBudget, type Finding, type IndicatorResult, type LevelResult, type RawIndicatorRow, type RawTable } from '../src/model.js';
import { loadProfile } from '../src/profiles/index.js';
import type { Profile } from '../src/schema/profile.js';

const mof = loadProfile('mof');
const d = (n: number | string) => new Decimal(n);

/** A cell of sheet 表 at column `col` of row 5. */
function cell(col: number, text: string | null): CellText {
  return { text, ref: { sheet: '表', address: `${String.fromCharCode(64 + col)}5`, row: 5, col } };
}

/**
 * A row context as the engine makes it, from the texts of one row (name, target, actual, weight,
 * score, reason): parsed and scored with the engine's own functions, so the check alone is under test.
 */
function rowContext(texts: { name?: string; target: string; actual: string; weight: string; score: string | null; reason?: string | null }, profile: Profile = mof): RowContext {
  const raw: RawIndicatorRow = {
    level1: '产出指标',
    level2: '数量指标',
    name: cell(3, texts.name ?? '指标一'),
    target: cell(4, texts.target),
    unit: null,
    actual: cell(5, texts.actual),
    weight: cell(6, texts.weight),
    score: cell(7, texts.score),
    deviation: null,
    reason: cell(8, texts.reason ?? null),
  };
  const target = parseExpression(texts.target, null);
  const actual = parseExpression(texts.actual, null);
  const weight = d(texts.weight);
  const declared = texts.score === null ? null : d(texts.score);
  const scored = target.ok && actual.ok ? scoreIndicator(target.expr, actual.expr, weight, declared, profile) : null;
  const result: IndicatorResult = {
    level1: raw.level1,
    level2: raw.level2,
    name: raw.name.text!,
    raw,
    target: target.ok ? target.expr : null,
    actual: actual.ok ? actual.expr : null,
    weight,
    score: scored?.score ?? null,
    declaredScore: declared,
    deviation: scored?.deviation ?? null,
    declaredDeviation: null,
    reason: texts.reason ?? null,
    rule: scored?.rule ?? null,
    met: scored?.met ?? null,
    explanation: null,
    budgetRate: false,
  };
  return { raw, result, indicator: raw.name.text, issues: [], parsed: { target, actual }, scored, profile };
}

/** A table context with the given first levels (name, rows' weight, declared weight) and no budget block. */
function tableContext(levels: [string, number, number | null][], profile: Profile = mof, budgetWeight: number | null = null): TableContext {
  const table = {
    sheet: '表',
    levels: levels.map(([name, , declared], i) => ({ name, declaredWeight: declared === null ? null : String(declared), ref: { sheet: '表', address: `A${10 + i}`, row: 10 + i, col: 1 } })),
    captions: [],
    declaredTotal: null,
    declaredGrade: null,
    budget: null,
  } as unknown as RawTable;
  const results: LevelResult[] = levels.map(([name, weight, declared]) => ({ name, weight: d(weight), declaredWeight: declared === null ? null : d(declared), score: d(weight), declaredScore: null }));
  const raw: RawBudget = { label: cell(2, '预算'), initial: null, adjusted: cell(3, '100'), executed: cell(4, '100'), rate: null, weight: null, score: null, headerRow: 4, scored: true, subRows: [] };
  const result: BudgetResult = {
    initial: null,
    adjusted: d(100),
    executed: d(100),
    rate: d(100),
    declaredRate: null,
    weight: d(budgetWeight ?? 0),
    score: d(budgetWeight ?? 0),
    declaredScore: null,
    explanation: null,
    raw,
  };
  const budget = budgetWeight === null ? null : { result, unreadable: [], subRows: null };
  return { table, indicators: [], levels: results, budget, total: d(100), grade: '优', declaredTotal: null, filled: true, profile };
}

describe('row checks, each alone: a row in, data out', () => {
  it('score-exceeds-weight: the declared score and the weight, at the score cell', () => {
    expect(scoreExceedsWeight.row!(rowContext({ target: '≥10', actual: '12', weight: '5', score: '6' }))).toEqual([
      { ref: cell(7, '6').ref, indicator: '指标一', data: { declared: d(6), weight: d(5) } },
    ]);
    expect(scoreExceedsWeight.row!(rowContext({ target: '≥10', actual: '12', weight: '5', score: '5' }))).toEqual([]);
  });

  it('score-mismatch: the declared and the computed score, beyond the tolerance only', () => {
    // ≥100, actual 80, weight 10: 10 × 80 / 100 = 8
    const [found] = scoreMismatch.row!(rowContext({ target: '≥100', actual: '80', weight: '10', score: '9' }));
    expect(found!.data.declared.toFixed()).toBe('9');
    expect(found!.data.computed.toFixed(2)).toBe('8.00');
    expect(scoreMismatch.row!(rowContext({ target: '≥100', actual: '80', weight: '10', score: '8.01' }))).toEqual([]);
  });

  it('missed-target: a row that misses its target and gives a reason, at the reason cell, as information', () => {
    expect(missedTarget.severity).toBe('info');
    const [found] = missedTarget.row!(rowContext({ target: '≥100', actual: '80', weight: '10', score: '8', reason: '资金未到位' }));
    expect(found!.ref!.address).toBe('H5');
    // 80 against ≥100: deviation (80 − 100) / 100 = −20%.
    expect(found!.data).toMatchObject({ target: { kind: 'at-least', value: d(100) }, actual: { kind: 'exact', value: d(80) }, reason: '资金未到位' });
    expect(found!.data.deviation!.toFixed(2)).toBe('-20.00');
    // Met, or missed without a reason (missing-reason's): nothing.
    expect(missedTarget.row!(rowContext({ target: '≥100', actual: '100', weight: '10', score: '10', reason: '已完成' }))).toEqual([]);
    expect(missedTarget.row!(rowContext({ target: '≥100', actual: '80', weight: '10', score: '8' }))).toEqual([]);
  });

  it('missing-reason: why a reason is needed, at the reason cell; none when a reason is given', () => {
    const [missed] = missingReason.row!(rowContext({ target: '≥100', actual: '80', weight: '10', score: '8' }));
    expect(missed!.ref!.address).toBe('H5');
    expect(missed!.data).toMatchObject({ why: 'missed', target: { kind: 'at-least', value: d(100) }, actual: { kind: 'exact', value: d(80) }, score: d(8), weight: d(10) });
    expect(missingReason.row!(rowContext({ target: '≥100', actual: '80', weight: '10', score: '8', reason: '资金未到位' }))).toEqual([]);
    // Met, but the unit docked its own points: a reason is owed all the same (扣分须说明原因).
    const [docked] = missingReason.row!(rowContext({ target: '≥100', actual: '100', weight: '10', score: '9' }));
    expect(docked!.data).toEqual({ why: 'below-weight', score: d(9), weight: d(10) });
    const over = loadProfile('mof');
    over.reasons = { ...over.reasons, overAchievement: 130 };
    const [ratio] = missingReason.row!(rowContext({ target: '≥30', actual: '40', weight: '10', score: '10' }, over));
    // 40 / 30 = 133.33…%: the ratio kept to 2 decimals
    expect(ratio!.data).toEqual({ why: 'over-achievement', ratio: d('133.33'), limit: d(130) });
  });

  it('ambiguous-comparator: the text as written and the expression it was read as', () => {
    const [found] = ambiguousComparator.row!(rowContext({ target: '20≤', actual: '10', weight: '1', score: '1' }));
    expect(found!.ref!.address).toBe('D5');
    expect(found!.data.text).toBe('20≤');
    expect(found!.data.read).toMatchObject({ kind: 'at-most', unit: null, strict: false });
  });

  it('unparsed-value: an actual that cannot be compared with its target, at the actual cell', () => {
    expect(unparsedValue.row!(rowContext({ target: '≥10个', actual: '12件', weight: '5', score: '5' }))).toEqual([
      { ref: cell(5, '12件').ref, indicator: '指标一', data: { problem: 'unit-mismatch', target: '个', actual: '件' } },
    ]);
  });

  it('missing-value: a field the row schema found missing', () => {
    const ctx = { ...rowContext({ target: '≥10', actual: '12', weight: '5', score: '5' }), issues: [{ field: 'target' as const, issue: 'missing' as const }] };
    expect(missingValue.row!(ctx)).toEqual([{ ref: ctx.raw.target.ref, indicator: '指标一', data: { field: 'target' } }]);
  });
});

describe('table checks, each alone', () => {
  it('weight-sum: a level against its label, and every weight against 100', () => {
    const found = weightSum.table!(tableContext([['产出指标', 45, 50], ['效益指标', 40, null]], mof, 10));
    expect(found.map((f) => [f.ref?.address ?? null, f.indicator, f.data])).toEqual([
      ['A10', '产出指标', { scope: 'level', level: '产出指标', sum: d(45), declared: d(50) }],
      [null, null, { scope: 'total', sum: d(95), budget: d(10), expected: d(100) }],
    ]);
  });

  it('level-weight: only a table whose first levels are one of the profile’s sets', () => {
    const found = levelWeight.table!(tableContext([['产出指标', 40, null], ['效益指标', 40, null], ['满意度指标', 10, null]]));
    expect(found.map((f) => [f.indicator, f.data.weight.toFixed(), f.data.expected.toFixed(), f.data.profile])).toEqual([
      ['产出指标', '40', '50', 'mof'],
      ['效益指标', '40', '30', 'mof'],
    ]);
    expect(levelWeight.table!(tableContext([['产出指标', 90, null]]))).toEqual([]);
  });

  it('missing-value: a table without a budget block, about the budget', () => {
    const [found] = missingValue.table!(tableContext([['产出指标', 90, null]]));
    expect(found).toEqual({ ref: null, indicator: null, data: { field: 'budget-block' } });
    expect(subjectOf({ code: 'missing-value', severity: 'error', ...found! })).toBe('budget');
  });
});

describe('the runner', () => {
  it('total-mismatch: a warning within one grade, an error when the declared total claims another grade', () => {
    const declared = (total: string): TableContext => {
      const ctx = tableContext([['产出指标', 100, null]]);
      // Computed 88.60 (良, 80–90 under mof).
      return { ...ctx, total: d('88.6'), grade: '良', declaredTotal: d(total), table: { ...ctx.table, declaredTotal: cell(4, total) } as RawTable };
    };
    const [same] = checkTable([], declared('89.5'), [], mof).filter((f) => f.code === 'total-mismatch');
    expect([same!.severity, same!.data]).toEqual(['warning', { declared: d('89.5'), computed: d('88.6'), declaredGrade: '良', computedGrade: '良' }]);
    const [other] = checkTable([], declared('99.6'), [], mof).filter((f) => f.code === 'total-mismatch');
    expect([other!.severity, other!.data]).toEqual(['error', { declared: d('99.6'), computed: d('88.6'), declaredGrade: '优', computedGrade: '良' }]);
    // A profile's setting for the code wins over the check's grading.
    const calm = loadProfile('mof');
    calm.severity = { 'total-mismatch': 'warning' };
    expect(checkTable([], declared('99.6'), [], calm).find((f) => f.code === 'total-mismatch')!.severity).toBe('warning');
  });

  it('gives the profile’s severity, drops `off`, and sorts by sheet, row, column and code', () => {
    const profile = loadProfile('mof');
    profile.severity = { 'score-mismatch': 'error', 'ambiguous-comparator': 'off' };
    const rows = [rowContext({ target: '20≤', actual: '30', weight: '10', score: '9' }, profile)];
    const found = checkTable(rows, tableContext([['产出指标', 10, null]], profile, 90), [], profile);
    // 20≤ read as ≤20 (its finding turned off); 30 against ≤20: 10 × 20 / 30 = 6.67, declared 9
    expect(found.map((f) => [f.code, f.severity, f.ref?.address ?? null])).toEqual([
      ['score-mismatch', 'error', 'G5'],
      ['missing-reason', 'error', 'H5'],
    ]);
  });

  it('orders in code units, whatever the locale, and puts findings without a cell last', () => {
    const at = (sheet: string, row: number, col: number) => ({ sheet, address: '', row, col });
    const f = (code: Finding['code'], ref: ReturnType<typeof at> | null) => ({ code, severity: 'warning', ref, indicator: null, data: {} }) as unknown as Finding;
    const list = [f('weight-sum', null), f('missing-value', null), f('score-mismatch', at('b', 1, 1)), f('missing-reason', at('a', 2, 1)), f('budget-mismatch', at('a', 2, 1)), f('level-weight', at('a', 1, 9)), f('level-weight', at('B', 9, 9))];
    expect(list.sort(compareFindings).map((x) => `${x.ref?.sheet ?? '-'}${x.ref?.row ?? ''} ${x.code}`)).toEqual([
      'B9 level-weight',
      'a1 level-weight',
      'a2 budget-mismatch',
      'a2 missing-reason',
      'b1 score-mismatch',
      '- missing-value',
      '- weight-sum',
    ]);
  });
});

describe('the registry', () => {
  it('has one check per public finding code, each in its own file', () => {
    expect(CHECKS.map((c) => c.code).sort()).toEqual([...FINDING_CODES].sort());
    expect(new Set(CHECKS.map((c) => c.code)).size).toBe(CHECKS.length);
    const files = readdirSync('src/checks').filter((f) => !['index.ts', 'run.ts', 'types.ts', 'compare.ts'].includes(f));
    expect(files.sort()).toEqual(FINDING_CODES.map((c) => `${c}.ts`).sort());
    for (const code of FINDING_CODES) expect(checkOf(code).code).toBe(code);
  });

  it('gives each code the default severity README’s table says', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('### Findings'), readme.indexOf('### The scored workbook'));
    const rows = [...table.matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(CHECKS.map((c) => [c.code, c.severity])));
  });
});

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/**
 * The string literals and template texts of a TypeScript file, from its syntax tree: comments and the
 * module names of imports (`./missing-reason.js` names a file) left out.
 */
function literals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const parent = node.parent as ts.Node | undefined;
    const moduleName = parent !== undefined && (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node;
    if (moduleName) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('one place for each finding code', () => {
  it('its literal is in its check file, in src/i18n/ and in model.ts, nowhere else in src/', () => {
    const files = sources('src');
    const allowed = (file: string, code: string) => file === join('src', 'checks', `${code}.ts`) || file.startsWith(join('src', 'i18n')) || file === join('src', 'model.ts');
    const strays: string[] = [];
    for (const file of files) {
      const texts = literals(file);
      for (const code of FINDING_CODES) {
        const word = new RegExp(`(?<![\\w-])${code}(?![\\w-])`);
        if (!allowed(file, code) && texts.some((t) => word.test(t))) strays.push(`${file}: ${code}`);
      }
    }
    expect(strays).toEqual([]);
    // The scanner sees literals: the check file of each code holds its own.
    for (const code of FINDING_CODES) expect(literals(join('src', 'checks', `${code}.ts`))).toContain(code);
  });
});

describe('the engine and the checks know nothing of language', () => {
  it('import nothing from i18n, workbook, report or cli, and take no lang', () => {
    for (const file of [...sources('src/engine'), ...sources('src/checks')]) {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/^import[^;]*from '([^']+)'/gm)].map((m) => m[1]!);
      expect(imports.filter((i) => /\/(i18n|workbook|report|cli|batch)\//.test(i)), file).toEqual([]);
      expect(text, file).not.toMatch(/\bLang\b|\blang\b/);
    }
  });
});
