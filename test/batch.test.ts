// The batch's pieces that run in process: each file's result is plain data (it crosses from a worker
// thread by structured clone), and the pool hands results back in input order, an unreadable file in
// its place; the output assembled from the parts is the whole format's.
import { describe, expect, it } from 'vitest';
import { scoreFiles } from '../src/run/pool.js';
import type { FileResult, ScoreSettings } from '../src/run/score-file.js';
import type { FormatName } from '../src/report/registry.js';
import { loadProfile } from '../src/profiles/index.js';

function settings(name: FormatName): ScoreSettings {
  return { profile: loadProfile('zhengzhou-shangjie'), lang: 'zh', format: { name, lang: 'zh', color: false, width: 100 } };
}

async function results(files: string[], name: FormatName = 'json'): Promise<FileResult[]> {
  const out: FileResult[] = [];
  await scoreFiles(files.map((file) => ({ file, out: null })), settings(name), {
    jobs: 1,
    workerUrl: null,
    onResult: (result, index) => {
      expect(index).toBe(out.length);
      out.push(result);
    },
  });
  return out;
}

describe('scoreFiles in process', () => {
  it('hands results back in input order, an unreadable file in its place', async () => {
    const out = await results(['fixtures/seed-002.xlsx', 'fixtures/README.md', 'fixtures/seed-000.xlsx']);
    expect(out.map((r) => [r.entry.tables.map((t) => [t.file, t.total]), r.entry.unreadable.map((u) => u.message)])).toEqual([
      [[['fixtures/seed-002.xlsx', '96.88']], []],
      [[], ['fixtures/README.md：是文本文件，不是工作簿；如是导出的表格，请用 Excel 或 WPS 打开后另存为 .xlsx 再评分']],
      [[['fixtures/seed-000.xlsx', '95.81']], []],
    ]);
    expect(out[1]!.entry).toMatchObject({ errors: 1, warnings: 0 });
    expect(out[1]!.part.text).toBe('');
    expect(out[0]!.part.text).toContain('"total": 96.88');
  });

  it('gives results that a structured clone leaves unchanged: no Decimal, no class, in any format', async () => {
    for (const name of ['table', 'json', 'junit', 'sarif', 'github'] as const) {
      const [result] = await results(['fixtures/seed-004.xlsx'], name);
      expect(structuredClone(result)).toStrictEqual(result);
      expect(result!.entry.findings.length).toBe(result!.entry.errors + result!.entry.warnings);
    }
  });
});
