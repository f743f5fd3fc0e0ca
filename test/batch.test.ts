// The batch's pieces that run in process: each file's result is plain data (it crosses from a worker
// thread by structured clone), and the pool hands results back in input order, an unreadable file in
// its place; the output assembled from the parts is the whole format's.
import { describe, expect, it } from 'vitest';
import { scoreFiles } from '../src/run/pool.js';
import { scoreFile, type FileResult, type ScoreSettings } from '../src/run/score-file.js';
import { FORMAT_NAMES, OutputWriter, type FilePart, type FormatName, type FormatSpec } from '../src/report/format.js';
import { loadProfile } from '../src/profiles/index.js';
import { RunDigest } from '../src/report/digest.js';
import { formatConsole } from '../src/report/console.js';
import { formatJson } from '../src/report/json.js';
import { formatGithub } from '../src/report/github.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatJunit } from '../src/report/junit.js';
import { VERSION } from '../src/version.js';
import type { FileReport, SkippedFile } from '../src/model.js';

const spec = (name: FormatName): FormatSpec => ({ name, lang: 'zh', color: false, width: 100 });

function settings(name: FormatName): ScoreSettings {
  return { profile: loadProfile('zhengzhou-shangjie'), format: spec(name) };
}

const textOf = (part: FilePart): string => (part.kind === 'text' ? part.text : '');

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
    expect(textOf(out[1]!.part)).toBe('');
    expect(textOf(out[0]!.part)).toContain('"total": 96.88');
  });

  it('gives results that a structured clone leaves unchanged: no Decimal, no class, in any format', async () => {
    for (const name of FORMAT_NAMES) {
      const [result] = await results(['fixtures/seed-004.xlsx'], name);
      expect(structuredClone(result)).toStrictEqual(result);
      expect(result!.entry.findings.length).toBe(result!.entry.errors + result!.entry.warnings + result!.entry.infos);
    }
  });

  it('assembles, from the parts that cross from the workers and the files skipped, the whole output of each format', async () => {
    const files = ['fixtures/seed-002.xlsx', 'fixtures/README.md', 'fixtures/two-tables.xlsx', 'fixtures/seed-004.xlsx'];
    const skipped: SkippedFile[] = [{ file: 'fixtures/seed-002.scored.xlsx', reason: 'scored-copy' }, { file: 'fixtures/~$seed-004.xlsx', reason: 'lock-file' }];
    const reports: FileReport[] = [];
    for (const file of files) reports.push((await scoreFile({ file, out: null }, settings('json'))).report);
    const whole: Record<FormatName, string> = {
      table: formatConsole(reports, { ...spec('table'), skipped }),
      json: formatJson(reports, { skipped }),
      github: formatGithub(reports, { skipped }),
      sarif: formatSarif(reports, { version: VERSION, skipped }),
      junit: formatJunit(reports, { skipped }),
    };
    // Each format names every skipped file.
    for (const name of FORMAT_NAMES) for (const s of skipped) expect(whole[name], name).toContain(name === 'sarif' ? encodeURIComponent('~$seed-004.xlsx') : s.file.slice('fixtures/'.length, -10));
    for (const name of FORMAT_NAMES) {
      const parts = await results(files, name);
      const writer = new OutputWriter(spec(name));
      const digest = new RunDigest();
      digest.skip(skipped);
      let out = writer.begin();
      for (const { part, entry } of parts) {
        digest.add(entry);
        out += writer.add(part);
      }
      expect(out + writer.end(digest), name).toBe(whole[name]);
    }
  });
});
