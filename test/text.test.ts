import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactText, isPlaceholder, normalizeText } from '../src/text/normalize.js';
import { parseNumber, parsePercent } from '../src/text/numbers.js';
import { importsOf } from './cli/helpers.js';

// The one set of characters every reader of cell text folds: what the three normalisers of the
// table finder, the target parser and the number reader did, together.
describe('normalizeText and compactText', () => {
  it('fold full-width digits, letters and the punctuation of numbers, comparators and brackets', () => {
    expect(normalizeText('０１９ＡＺａｚ')).toBe('019AZaz');
    expect(normalizeText('．－＋％，＞＜＝（）')).toBe('.-+%,><=()');
    expect(normalizeText('﹦﹥﹤≧≦')).toBe('=><≥≤');
  });
  it('leave other full-width punctuation as written', () => {
    expect(normalizeText('是：否；好！')).toBe('是：否；好！');
  });
  it('collapse blanks (normalizeText) or remove them (compactText)', () => {
    expect(normalizeText(' 部门（单位）\n\u3000名称 ')).toBe('部门(单位) 名称');
    expect(compactText(' 部门（单位）\n\u3000名称 ')).toBe('部门(单位)名称');
    expect(compactText(null)).toBe('');
  });
  it('return text that needs nothing as it is', () => {
    const text = '达标';
    expect(normalizeText(text)).toBe(text);
    expect(compactText(text)).toBe(text);
  });
});

describe('isPlaceholder', () => {
  it.each([null, undefined, '', '\u3000', '-', '‐', '–', '—', '―', '－', '/', '／', '…', '……', '⋯', '...', '- -', ' — '])('%j carries nothing', (t) => {
    expect(isPlaceholder(t)).toBe(true);
  });
  it.each(['无', '0', '-5', '指标2:', 'N/A'])('%j is not a placeholder', (t) => {
    expect(isPlaceholder(t)).toBe(false);
  });
});

describe('parseNumber and parsePercent', () => {
  it('read full-width digits, signs and separators, blanks and a trailing unit', () => {
    expect(parseNumber('１，２３４．５')?.toString()).toBe('1234.5');
    expect(parseNumber('－３')?.toString()).toBe('-3');
    expect(parseNumber(' 12 万元')?.toString()).toBe('12');
    expect(parseNumber('１２Ａ')).toBeNull();
    expect(parsePercent('７２．４１ ％')).toEqual({ points: parseNumber('72.41'), sign: true });
    expect(parsePercent('72.41')?.sign).toBe(false);
  });
});

describe('the layer', () => {
  it('src/text imports nothing of perf-score but model types', () => {
    for (const file of readdirSync('src/text')) {
      const source = readFileSync(`src/text/${file}`, 'utf8');
      const { static: direct, dynamic } = importsOf(source);
      const ours = [...direct, ...dynamic].filter((spec) => spec.startsWith('.') && !spec.startsWith('./'));
      expect(ours, file).toEqual(ours.filter((spec) => spec === '../model.js'));
      expect(source, file).not.toMatch(/^import (?!type)[^;]*'\.\.\/model\.js'/m);
    }
  });
});
