import { describe, it, expect } from 'vitest';
import { isPlaceholder, normalizeText, normalizeUnit, parseExpression, readRow } from '../src/engine/expression.js';
import type { Expression } from '../src/model.js';

/** The expression as plain data (Decimal values as strings), with comparatorAfter; throws when not ok. */
function read(text: string | null, unitColumn?: string | null): Record<string, unknown> {
  const r = parseExpression(text, unitColumn);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got ${r.reason}`);
  const expr: Expression = r.expr;
  const plain: Record<string, unknown> = { ...expr, comparatorAfter: r.comparatorAfter };
  if ('value' in expr) plain.value = expr.value.toString();
  return plain;
}

function reason(text: string | null, unitColumn?: string | null): string {
  const r = parseExpression(text, unitColumn);
  return r.ok ? `ok:${r.expr.kind}` : r.reason;
}

const atLeast = (value: string, unit: string | null, strict = false, comparatorAfter = false) => ({
  kind: 'at-least', value, unit, strict, comparatorAfter,
});
const atMost = (value: string, unit: string | null, strict = false, comparatorAfter = false) => ({
  kind: 'at-most', value, unit, strict, comparatorAfter,
});
const exact = (value: string, unit: string | null, comparatorAfter = false) => ({
  kind: 'exact', value, unit, comparatorAfter,
});
const word = (w: string) => ({ kind: 'qualitative', word: w, comparatorAfter: false });
const tier = (t: string) => ({ kind: 'tier', tier: t, comparatorAfter: false });
const deadline = (year: number | null, month: number, day: number | null) => ({
  kind: 'deadline', year, month, day, comparatorAfter: false,
});

describe('normalizeText', () => {
  it('turns full-width digits, letters, comparators and percent into ASCII', () => {
    expect(normalizeText('≥９９．５％')).toBe('≥99.5%');
    expect(normalizeText('＞＜＝')).toBe('><=');
    expect(normalizeText('ＡＢｃ')).toBe('ABc');
  });
  it('maps look-alike comparators', () => {
    expect(normalizeText('﹦100%')).toBe('=100%');
    expect(normalizeText('≧1≦2')).toBe('≥1≤2');
  });
  it('trims and collapses inner whitespace, ideographic spaces and line breaks included', () => {
    expect(normalizeText('  ≥ 150 \n\t件 ')).toBe('≥ 150 件');
    expect(normalizeText('效果\u3000明显')).toBe('效果 明显');
  });
});

describe('normalizeUnit', () => {
  it('normalises percent forms', () => {
    expect(normalizeUnit('%')).toBe('%');
    expect(normalizeUnit('％')).toBe('%');
    expect(normalizeUnit('百分比')).toBe('%');
  });
  it('reads 定性 as qualitative (null)', () => {
    expect(normalizeUnit('定性指标')).toBeNull();
    expect(normalizeUnit('定性')).toBeNull();
  });
  it('strips spaces and keeps other units as written', () => {
    expect(normalizeUnit(' 万 元 ')).toBe('万元');
    expect(normalizeUnit('元/人·月')).toBe('元/人·月');
    expect(normalizeUnit('人次')).toBe('人次');
  });
  it('gives null for empty and placeholder units', () => {
    expect(normalizeUnit(null)).toBeNull();
    expect(normalizeUnit(undefined)).toBeNull();
    expect(normalizeUnit('')).toBeNull();
    expect(normalizeUnit('  ')).toBeNull();
    expect(normalizeUnit('/')).toBeNull();
    expect(normalizeUnit('-')).toBeNull();
  });
});

describe('isPlaceholder', () => {
  it.each([null, undefined, '', '  ', '-', '—', '－', '/', '／', '……', '…', '--', '——'])('%j carries nothing', (t) => {
    expect(isPlaceholder(t)).toBe(true);
  });
  it.each(['无', '0', '-5', '达标', '1次'])('%j is not a placeholder', (t) => {
    expect(isPlaceholder(t)).toBe(false);
  });
});

describe('parseExpression: empty and placeholders', () => {
  it('gives empty for null, empty and blank text', () => {
    expect(parseExpression(null)).toEqual({ ok: false, reason: 'empty' });
    expect(parseExpression('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseExpression('  \n ')).toEqual({ ok: false, reason: 'empty' });
  });
  it.each(['-', '—', '－', '/', '／', '……', '…', '--', '——', ' / '])('gives placeholder for %j', (t) => {
    expect(parseExpression(t)).toEqual({ ok: false, reason: 'placeholder' });
  });
  it('reads 无 as a word, not a placeholder', () => {
    expect(read('无')).toEqual(word('无'));
  });
});

describe('parseExpression: at least', () => {
  it.each([
    ['≥99%', atLeast('99', '%')],
    ['≥100%', atLeast('100', '%')],
    ['≥150 件', atLeast('150', '件')],
    ['>=21933人', atLeast('21933', '人')],
    ['>= 21,933 人', atLeast('21933', '人')],
    ['≥35百分比', atLeast('35', '%')],
    ['>90%', atLeast('90', '%', true)],
    ['＞90%', atLeast('90', '%', true)],
    ['≧95%', atLeast('95', '%')],
    ['不少于10次', atLeast('10', '次')],
    ['不低于95%', atLeast('95', '%')],
    ['大于等于80%', atLeast('80', '%')],
    ['至少2次', atLeast('2', '次')],
    ['100以上', atLeast('100', null)],
    ['90%以上', atLeast('90', '%')],
    ['95%及以上', atLeast('95', '%')],
    ['≥90%以上', atLeast('90', '%')],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('takes the unit from the unit column when the cell has none', () => {
    expect(read('≥70', '%')).toEqual(atLeast('70', '%'));
    expect(read('≥99', '％')).toEqual(atLeast('99', '%'));
    expect(read('≥150', '件')).toEqual(atLeast('150', '件'));
  });

  it('keeps the cell unit over the column unit', () => {
    expect(read('≥150件', '次')).toEqual(atLeast('150', '件'));
  });

  it('reads full-width digits and percent', () => {
    expect(read('≥９９％')).toEqual(atLeast('99', '%'));
    expect(read('≥９９.５％')).toEqual(atLeast('99.5', '%'));
  });
});

describe('parseExpression: at most', () => {
  it.each([
    ['≤30%', atMost('30', '%')],
    ['≤100%', atMost('100', '%')],
    ['≤20%', atMost('20', '%')],
    ['≤90万元', atMost('90', '万元')],
    ['≤147次', atMost('147', '次')],
    ['<=5%', atMost('5', '%')],
    ['<5%', atMost('5', '%', true)],
    ['＜5%', atMost('5', '%', true)],
    ['≦3个', atMost('3', '个')],
    ['不超过3次', atMost('3', '次')],
    ['不高于5%', atMost('5', '%')],
    ['小于等于10%', atMost('10', '%')],
    ['低于5%', atMost('5', '%', true)],
    ['10次以内', atMost('10', '次')],
    ['5%以下', atMost('5', '%')],
    ['≤5%以内', atMost('5', '%')],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe('parseExpression: comparator after the number (typo)', () => {
  it('reads 20≤ as ≤20 and says so', () => {
    expect(read('20≤')).toEqual(atMost('20', null, false, true));
    expect(read('20≤', '%')).toEqual(atMost('20', '%', false, true));
  });
  it('reads 5≤ and 90%≥', () => {
    expect(read('5≤')).toEqual(atMost('5', null, false, true));
    expect(read('90%≥')).toEqual(atLeast('90', '%', false, true));
    expect(read('10 >')).toEqual(atLeast('10', null, true, true));
  });
  it('reports comparatorAfter false for a comparator before the number', () => {
    expect(read('≤20')).toEqual(atMost('20', null, false, false));
  });
});

describe('parseExpression: exact and bare numbers', () => {
  it.each([
    ['1次', exact('1', '次')],
    ['100%', exact('100', '%')],
    ['72890 元', exact('72890', '元')],
    ['72.41%', exact('72.41', '%')],
    ['99%', exact('99', '%')],
    ['219', exact('219', null)],
    ['74.2', exact('74.2', null)],
    ['25.79', exact('25.79', null)],
    ['0', exact('0', null)],
    ['-3.5%', exact('-3.5', '%')],
    ['21,933人', exact('21933', '人')],
    ['1,234,567.89元', exact('1234567.89', '元')],
    ['100百分比', exact('100', '%')],
    ['150万', exact('150', '万')],
    ['300元/人*月', exact('300', '元/人*月')],
    ['300元/人·月', exact('300', '元/人·月')],
    ['12个', exact('12', '个')],
    ['3000人次', exact('3000', '人次')],
    ['5天', exact('5', '天')],
    ['95分', exact('95', '分')],
    ['=100%', exact('100', '%')],
    ['＝100%', exact('100', '%')],
    ['﹦100%', exact('100', '%')],
    ['１００％', exact('100', '%')],
    [' 1 0 0 % ', exact('100', '%')],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('keeps decimal values exactly', () => {
    const r = parseExpression('72.41%');
    expect(r.ok && r.expr.kind === 'exact' && r.expr.value.equals('72.41')).toBe(true);
    expect(read('0.1')).toEqual(exact('0.1', null));
    expect(read('1.005')).toEqual(exact('1.005', null));
  });

  it('takes the column unit for a bare number', () => {
    expect(read('100', '%')).toEqual(exact('100', '%'));
    expect(read('74.2', '百分比')).toEqual(exact('74.2', '%'));
  });

  it('gives a number with a 定性 column no unit', () => {
    expect(read('100', '定性指标')).toEqual(exact('100', null));
  });
});

describe('parseExpression: words', () => {
  it.each(['达标', '相关', '科学', '合理', '效果明显', '丰富完整', '较好', '良好', '按时', '高', '好', '提高'])(
    '%s is qualitative',
    (w) => {
      expect(read(w)).toEqual(word(w));
    },
  );
  it('keeps the word as written after normalisation', () => {
    expect(read('  效果\u3000明显 ')).toEqual(word('效果 明显'));
    expect(read('科学、合理')).toEqual(word('科学、合理'));
  });
  it('reads a word with a 定性 unit column as qualitative', () => {
    expect(read('相关', '定性指标')).toEqual(word('相关'));
    expect(read('达标', '定性')).toEqual(word('达标'));
  });
});

describe('parseExpression: tier words', () => {
  it.each(['达成', '达成预期指标', '达到预期', '完成', '已完成', '全部完成'])('%s is met', (w) => {
    expect(read(w)).toEqual(tier('met'));
  });
  it.each(['部分达成', '部分达成预期指标', '基本达成', '基本完成', '部分完成'])('%s is partial', (w) => {
    expect(read(w)).toEqual(tier('partial'));
  });
  it.each(['未达成', '未达成预期指标', '未完成'])('%s is unmet', (w) => {
    expect(read(w)).toEqual(tier('unmet'));
  });
  it('ignores spaces inside a tier word', () => {
    expect(read(' 部分 达成 ')).toEqual(tier('partial'));
  });
});

describe('parseExpression: deadlines', () => {
  it.each([
    ['7月31日前', deadline(null, 7, 31)],
    ['7月31日之前', deadline(null, 7, 31)],
    ['7月31号前', deadline(null, 7, 31)],
    ['12月底前', deadline(null, 12, null)],
    ['6月前', deadline(null, 6, null)],
    ['2022年12月31日前', deadline(2022, 12, 31)],
    ['2022年12月底', deadline(2022, 12, null)],
    ['年底前', deadline(null, 12, null)],
    ['2022年底前', deadline(2022, 12, null)],
    ['2022-12-31前', deadline(2022, 12, 31)],
    ['2022.12.31前', deadline(2022, 12, 31)],
    ['7月20日', deadline(null, 7, 20)],
    ['2022年7月20日', deadline(2022, 7, 20)],
    ['2022-07-20', deadline(2022, 7, 20)],
    ['７月３１日前', deadline(null, 7, 31)],
    ['7 月 31 日前', deadline(null, 7, 31)],
    // What is done by then, after the date (宁夏, 四川 forms)
    ['2021年12月完成', deadline(2021, 12, null)],
    ['12月底前完成', deadline(null, 12, null)],
    ['2022年12月31日前完成', deadline(2022, 12, 31)],
    ['年底前全部完成', deadline(null, 12, null)],
    ['6月份完工', deadline(null, 6, null)],
    ['2023年10月底前竣工验收', deadline(2023, 10, null)],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
  it('rejects impossible dates', () => {
    expect(reason('13月31日前')).toBe('unreadable');
    expect(reason('7月32日前')).toBe('unreadable');
  });
});

describe('readRow: an actual written word for word as its target', () => {
  const row = (target: string, actual: string, name = '指标') =>
    readRow({
      level1: '产出指标',
      level2: null,
      name: { text: name, ref: { sheet: 'S', address: 'C1', row: 1, col: 3 } },
      target: { text: target, ref: { sheet: 'S', address: 'D1', row: 1, col: 4 } },
      unit: null,
      actual: { text: actual, ref: { sheet: 'S', address: 'E1', row: 1, col: 5 } },
      weight: { text: '5', ref: { sheet: 'S', address: 'F1', row: 1, col: 6 } },
      score: { text: '5', ref: { sheet: 'S', address: 'G1', row: 1, col: 7 } },
      deviation: null,
      reason: null,
    });
  it('is the same word when the sentence reads as nothing else: met', () => {
    const r = row('完成2个村道路硬化', '完成2个村 道路硬化');
    expect(r.target).toEqual({ ok: true, expr: { kind: 'qualitative', word: '完成2个村道路硬化' }, comparatorAfter: false });
    expect(r.actual).toEqual(r.target);
  });
  it('leaves an unreadable target unreadable when the actual says something else', () => {
    expect(row('完成2个村道路硬化', '完成1个村').target).toEqual({ ok: false, reason: 'unreadable' });
  });
  it('names a 预算执行率 row (资金执行率, ★ marked) as the budget rate, and no other', () => {
    const names = ['预算执行率', '项目资金执行率', '★预算执行率', '预算 执行率', '预算调整率', '预算执行率控制', '指标'];
    expect(names.map((n) => row('≥90%', '95%', n).budgetRate)).toEqual([true, true, true, true, false, false, false]);
  });
});

describe('parseExpression: unreadable', () => {
  it.each([
    '约3-5次',
    '3-5次',
    '1-2个',
    '12/31',
    '≥',
    '≥abc5',
    '≥**人',
    '**',
    '#DIV/0!',
    '#N/A',
    '[object Object]',
    '约3次',
    '≥5≤',
    '≥90%以下',
    '=5以上',
    '21,93人',
    '99%，实际完成值为100%',
    '≥良好',
  ])('%s', (text) => {
    expect(parseExpression(text)).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('parseExpression: values as project tables write them (issue 3)', () => {
  it.each([
    ['12次', exact('12', '次')],
    ['96次', exact('96', '次')],
    ['１２次', exact('12', '次')],
    ['583元/人*月', exact('583', '元/人*月')],
    ['150万', exact('150', '万')],
    ['142.8万元', exact('142.8', '万元')],
    ['100百分比', exact('100', '%')],
    ['38200人次', exact('38200', '人次')],
    ['≥36000人次', atLeast('36000', '人次')],
    ['≥120万平方米', atLeast('120', '万平方米')],
    ['≥ 95 ％', atLeast('95', '%')],
    ['＞＝95％', atLeast('95', '%')],
    ['＜＝5%', atMost('5', '%')],
    ['＝100%', exact('100', '%')],
    ['﹦0%', exact('0', '%')],
    ['0起', exact('0', '起')],
    ['不少于5000人次', atLeast('5000', '人次')],
    ['不超过150万元', atMost('150', '万元')],
    ['1500元/户以内', atMost('1500', '元/户')],
    ['95%以上', atLeast('95', '%')],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('takes the 度量单位 column for a number split from its comparator (≥ | 3200 | 人)', () => {
    expect(read('≥3200', '人')).toEqual(atLeast('3200', '人'));
    expect(read('3350', '人')).toEqual(exact('3350', '人'));
    expect(read('≤200', '元/人·月')).toEqual(atMost('200', '元/人·月'));
  });

  it('reads the actual words of qualitative targets', () => {
    expect(read('达成预期指标')).toEqual(tier('met'));
    expect(read('部分达成')).toEqual(tier('partial'));
    expect(read('未达成')).toEqual(tier('unmet'));
    expect(read('有效改善')).toEqual(word('有效改善'));
  });

  it('cannot read a template placeholder or a comparator the 指标性质 column doubled', () => {
    expect(reason('≥**人')).toBe('unreadable');
    expect(reason('约95')).toBe('unreadable');
    expect(reason('≤≥95')).toBe('unreadable');
  });
});
