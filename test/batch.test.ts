// The batch's pieces that run in process: a report crossing from a worker thread keeps its Decimals,
// and the in-process pool hands outcomes back in input order with an unreadable file in its place.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { decodeDecimals, encodeDecimals } from '../src/batch/codec.js';
import { scoreFiles } from '../src/batch/pool.js';
import type { FileOutcome } from '../src/batch/score-file.js';
import { loadProfile } from '../src/profiles/index.js';

const settings = { profile: loadProfile('zhengzhou-shangjie'), lang: 'zh' as const };

async function outcomes(files: string[]): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  await scoreFiles(files.map((file) => ({ file, out: null })), settings, {
    jobs: 1,
    workerUrl: null,
    onOutcome: (o, i) => {
      expect(i).toBe(out.length);
      out.push(o);
    },
  });
  return out;
}

describe('the report codec', () => {
  it('gives back the same report, Decimals and all, after a structured clone', async () => {
    const [outcome] = await outcomes(['fixtures/seed-000.xlsx']);
    const copy = decodeDecimals<FileOutcome>(structuredClone(encodeDecimals(outcome)));
    expect(copy).toEqual(outcome);
    const table = copy.report.tables[0]!;
    expect(table.total).toBeInstanceOf(Decimal);
    expect(table.total.toFixed(2)).toBe('95.81');
    expect(table.indicators[0]!.score).toBeInstanceOf(Decimal);
  });

  it('leaves plain data alone', () => {
    const value = { a: [1, 'x', null, { b: true }], c: { $decimal: 1 } };
    expect(decodeDecimals(structuredClone(encodeDecimals(value)))).toEqual(value);
  });
});

describe('scoreFiles in process', () => {
  it('hands outcomes back in input order, an unreadable file in its place', async () => {
    const out = await outcomes(['fixtures/seed-002.xlsx', 'fixtures/README.md', 'fixtures/seed-000.xlsx']);
    expect(out.map((o) => [o.report.file, o.report.tables.map((t) => t.total.toFixed(2)), o.report.findings.map((f) => f.code)])).toEqual([
      ['fixtures/seed-002.xlsx', ['96.88'], []],
      ['fixtures/README.md', [], ['unreadable-file']],
      ['fixtures/seed-000.xlsx', ['95.81'], []],
    ]);
    expect(out[1]!.report.findings[0]!.message).toBe('fixtures/README.md：不是 xlsx 工作簿');
  });
});
