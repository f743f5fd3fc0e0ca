// The baseline (--write-baseline, --baseline): recorded, accepted one-for-one by file, code, cell and
// indicator, so that a run fails only on new findings; a round trip through the CLI, and the matching.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileReport, Finding } from '../src/model.js';
import { applyBaseline, formatBaseline, readBaseline, type BaselineEntry } from '../src/run/baseline.js';
import { RunError } from '../src/errors.js';
import { uiFor } from '../src/i18n/messages.js';
import { inProcess, spawned, type Invoke } from './cli/cases.js';
import { cleanWorkdirs, FIXTURES, workdir } from './cli/helpers.js';

afterEach(cleanWorkdirs);

/** The machine's environment without colour (FORCE_COLOR would win over NO_COLOR). */
const { FORCE_COLOR: _force, ...machine } = process.env;
const ENV = { ...machine, NO_COLOR: '1' };

/** seed-000 with the reason of 预算执行率 (J20) emptied: a missed row without a reason, a new error. */
async function withoutReason(src: string, dest: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(src));
  let edited = 0;
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    const next = xml.replace(/<c r="J20"([^>]*?)(?:\/>|>[^]*?<\/c>)/, (_m, attrs: string) => `<c r="J20"${attrs.replace(/\s+t="[^"]*"/, '')}/>`);
    if (next !== xml) {
      zip.file(name, next);
      edited += 1;
    }
  }
  expect(edited).toBe(1);
  writeFileSync(dest, await zip.generateAsync({ type: 'nodebuffer' }));
}

interface Doc {
  files: { file: string; findings: { code: string; cell: string | null; indicator: string | null }[] }[];
  summary: { errors: number; warnings: number };
}

describe.each([
  ['in process', inProcess],
  ['spawned', spawned],
] as [string, Invoke][])('the baseline round trip, %s', (_how, invoke) => {
  it('records, accepts, and fails only on the finding that is new', async () => {
    const dir = workdir();
    copyFileSync(join(FIXTURES, 'seed-004.xlsx'), join(dir, '金水.xlsx'));
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, '上街.xlsx'));
    const env = ENV;

    // Recorded: every finding of the run, accepted in the run that records them.
    const write = await invoke(['check', '.', '--write-baseline', 'baseline.json'], dir, env);
    expect(write.status, write.stderr).toBe(0);
    expect(write.stdout).toContain('已将 9 项记入基线：baseline.json\n');
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { perfScoreBaseline: number; findings: BaselineEntry[] };
    expect(baseline.perfScoreBaseline).toBe(1);
    expect(baseline.findings.map((e) => e.file)).toEqual([...Array(2).fill('上街.xlsx'), ...Array(7).fill('金水.xlsx')]);
    expect(baseline.findings).toContainEqual({ file: '金水.xlsx', code: 'missing-reason', cell: '部门整体绩效自评表!H25', indicator: '预算执行率', count: 1 });

    // Accepted: exit 0 where seed-004 alone exits 1, and the count said.
    const again = await invoke(['check', '.', '--baseline', 'baseline.json'], dir, env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('错误 0 项，警告 0 项，提示 8 项\n已接受基线 baseline.json 中的 9 项（不计入退出码）\n');
    expect(again.stderr).toBe('');

    // A new finding: exit 1, and only it reported, in every format.
    await withoutReason(join(FIXTURES, 'seed-000.xlsx'), join(dir, '上街.xlsx'));
    const json = await invoke(['check', '.', '--baseline', 'baseline.json', '--format', 'json'], dir, env);
    expect(json.status).toBe(1);
    const doc = JSON.parse(json.stdout) as Doc;
    // Information (the seven other missed targets, with their reasons) is neither recorded nor accepted: always shown.
    expect(doc.files.flatMap((f) => f.findings.filter((x) => x.code !== 'missed-target').map((x) => [f.file, x.code, x.cell, x.indicator]))).toEqual([['上街.xlsx', 'missing-reason', '自评表!J20', '预算执行率']]);
    expect(doc.summary).toMatchObject({ errors: 1, warnings: 0 });
    expect(json.stderr).toBe('已接受基线 baseline.json 中的 9 项（不计入退出码）\n');
    const github = await invoke(['check', '上街.xlsx', '--baseline', 'baseline.json', '--format', 'github', '--lang', 'en'], dir, env);
    expect(github.status).toBe(1);
    expect(github.stdout.trimEnd().split('\n').filter((l) => !l.startsWith('::notice '))).toEqual([expect.stringMatching(/^::error file=上街\.xlsx,title=missing-reason 自评表!J20::/)]);
    expect(github.stderr).toBe('accepted 2 findings recorded in the baseline baseline.json (not counted toward the exit code)\n');
    // SARIF keeps the accepted findings, suppressed (code scanning shows them as such, not as fixed).
    const sarif = await invoke(['check', '.', '--baseline', 'baseline.json', '--format', 'sarif'], dir, env);
    expect(sarif.status).toBe(1);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; level: string; suppressions?: unknown[] }[] }[] }).runs[0]!.results.filter((r) => r.level !== 'note');
    expect(results).toHaveLength(10);
    expect(results.filter((r) => r.suppressions === undefined).map((r) => r.ruleId)).toEqual(['missing-reason']);
    expect(results.filter((r) => r.suppressions !== undefined)[0]!.suppressions).toEqual([{ kind: 'external', justification: 'perf-score baseline baseline.json' }]);
  });
});

describe('the baseline, stale entries and files', () => {
  it('says on stderr the entries of the files checked that no longer occur, without failing', async () => {
    const dir = workdir();
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'a.xlsx'));
    const entries = [
      { file: 'a.xlsx', code: 'missing-reason', cell: '自评表!J99', indicator: '旧指标', count: 2 },
      { file: 'other.xlsx', code: 'missing-reason', cell: '自评表!J20', indicator: '预算执行率', count: 1 },
    ];
    writeFileSync(join(dir, 'b.json'), formatBaseline(entries));
    const r = await inProcess(['check', 'a.xlsx', '--baseline', 'b.json', '--lang', 'en'], dir, ENV);
    expect(r.status).toBe(0);
    // other.xlsx was not checked: its entry is not stale (CI checks the changed files only).
    expect(r.stderr).toBe('2 findings recorded in the baseline b.json no longer occur: a.xlsx 自评表!J99 missing-reason ×2; update it with --write-baseline b.json\n');
  });

  it('updates a baseline in place: the files checked as they are now, the others kept', async () => {
    const dir = workdir();
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'a.xlsx'));
    const entries = [
      { file: 'a.xlsx', code: 'missing-reason', cell: '自评表!J99', indicator: '旧指标', count: 1 },
      { file: 'z/other.xlsx', code: 'missing-reason', cell: '自评表!J20', indicator: '预算执行率', count: 1 },
    ];
    writeFileSync(join(dir, 'b.json'), formatBaseline(entries));
    const r = await inProcess(['check', 'a.xlsx', '--baseline', 'b.json', '--write-baseline', 'b.json', '--format', 'json'], dir, ENV);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('已将 2 项记入基线：b.json\n');
    const written = readBaseline('b.json', dir);
    expect([...written.keys()]).toEqual(['a.xlsx', 'z/other.xlsx']);
    // seed-000 under mof: its two warnings now; the stale entry J99 pruned.
    expect(written.get('a.xlsx')).toEqual([
      { file: 'a.xlsx', code: 'budget-mismatch', cell: '自评表!J4', indicator: '部门预算总额（万元）', count: 1 },
      { file: 'a.xlsx', code: 'total-mismatch', cell: '自评表!H46', indicator: null, count: 1 },
    ]);
    expect(written.get('z/other.xlsx')).toEqual([entries[1]]);
  });

  it('refuses a baseline that is missing or not one, before any workbook is read (exit 2)', async () => {
    const dir = workdir();
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'a.xlsx'));
    writeFileSync(join(dir, 'x.json'), '{"findings": []}');
    const env = ENV;
    expect(await inProcess(['check', 'a.xlsx', '--baseline', 'nope.json'], dir, env)).toEqual({ status: 2, stdout: '', stderr: 'nope.json：文件不存在\n' });
    expect(await inProcess(['check', 'a.xlsx', '--baseline', 'x.json'], dir, env)).toEqual({ status: 2, stdout: '', stderr: 'x.json：不是 perf-score 的基线文件（"perfScoreBaseline": 1）\n' });
  });

  it('refuses --write-baseline naming an input or another output', async () => {
    const dir = workdir();
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'a.xlsx'));
    const r = await inProcess(['check', 'a.xlsx', '--write-baseline', 'r.json', '--output-file', 'r.json', '--format', 'json'], dir, ENV);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('--output-file 和 --write-baseline 会写到同一个文件 r.json\n');
  });
});

describe('applyBaseline', () => {
  const ref = (address: string) => ({ sheet: '自评表', address, row: Number(address.slice(1)), col: 8 });
  const finding = (code: string, address: string | null, indicator: string | null): Finding =>
    ({ code, severity: 'error', ref: address === null ? null : ref(address), indicator, data: {} }) as unknown as Finding;
  const report = (findings: Finding[]): FileReport => ({ file: 'a.xlsx', findings: [], tables: [{ findings } as unknown as FileReport['tables'][number]] });

  it('accepts one finding per count of its key, in the report order; the rest stay new', () => {
    const twice = [finding('missing-reason', 'H20', '预算执行率'), finding('missing-reason', 'H20', '预算执行率'), finding('score-mismatch', 'H20', '预算执行率')];
    const entry = { file: 'a.xlsx', code: 'missing-reason', cell: '自评表!H20', indicator: '预算执行率', count: 1 };
    const { report: left, outcome } = applyBaseline(report(twice), 'a.xlsx', [entry], false);
    expect(left.tables[0]!.findings.map((f) => f.code)).toEqual(['missing-reason', 'score-mismatch']);
    expect(outcome).toEqual({ accepted: 1, stale: [], recorded: [] });
    expect(applyBaseline(report(twice), 'a.xlsx', [{ ...entry, count: 3 }], false).outcome).toEqual({ accepted: 2, stale: [{ ...entry, count: 1 }], recorded: [] });
  });

  it('matches by indicator and cell too: the same code elsewhere is new', () => {
    const entry = { file: 'a.xlsx', code: 'missing-reason', cell: '自评表!H20', indicator: '预算执行率', count: 1 };
    const moved = applyBaseline(report([finding('missing-reason', 'H21', '预算执行率'), finding('missing-reason', 'H20', '预算调整率')]), 'a.xlsx', [entry], false);
    expect(moved.report.tables[0]!.findings).toHaveLength(2);
    expect(moved.outcome.stale).toEqual([entry]);
  });

  it('records every finding, duplicates as a count, and accepts them all', () => {
    const { report: left, outcome } = applyBaseline(report([finding('weight-sum', null, null), finding('weight-sum', null, null)]), 'a.xlsx', [], true);
    expect(left.tables[0]!.findings).toEqual([]);
    expect(outcome).toEqual({ accepted: 2, stale: [], recorded: [{ file: 'a.xlsx', code: 'weight-sum', cell: null, indicator: null, count: 2 }] });
  });

  it('writes a file that reads back the same, ordered by file whatever the order of the run', () => {
    const entries: BaselineEntry[] = [
      { file: 'b.xlsx', code: 'score-mismatch', cell: '自评表!H20', indicator: '预算执行率', count: 1 },
      { file: 'a.xlsx', code: 'weight-sum', cell: null, indicator: null, count: 2 },
    ];
    const text = formatBaseline(entries);
    expect(text).toBe(
      '{\n  "perfScoreBaseline": 1,\n  "findings": [\n' +
        '    {"file":"a.xlsx","code":"weight-sum","cell":null,"indicator":null,"count":2},\n' +
        '    {"file":"b.xlsx","code":"score-mismatch","cell":"自评表!H20","indicator":"预算执行率","count":1}\n  ]\n}\n',
    );
    const dir = workdir();
    writeFileSync(join(dir, 'b.json'), text);
    expect([...readBaseline('b.json', dir).entries()]).toEqual([
      ['a.xlsx', [entries[1]]],
      ['b.xlsx', [entries[0]]],
    ]);
    writeFileSync(join(dir, 'bad.json'), '{"perfScoreBaseline": 1, "findings": [{"file": "a.xlsx"}]}');
    try {
      readBaseline('bad.json', dir);
      expect.unreachable();
    } catch (e) {
      expect((e as RunError).render(uiFor('en'))).toBe('bad.json: not a perf-score baseline (findings[0])');
    }
  });
});
