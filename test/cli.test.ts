// End-to-end tests of the command line: each test spawns the real bin (bin/perf-score.js → dist/,
// built by the global setup) in a fresh temporary directory holding copies of the fixtures, so
// nothing is ever written into fixtures/.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeWorkbookWithoutTable, zipOf } from './cli/files.js';
import { parseGrid } from '../fixtures/grid.js';
import { buildWorkbook, writeWorkbook } from '../fixtures/xlsx.js';
import {
  FIXTURES,
  REPO,
  cleanWorkdirs,
  displayWidth,
  importsOf,
  listing,
  loadWorkbook,
  merges,
  noteText,
  run,
  sha256,
  tablesIn,
  workdir,
  type RunResult,
} from './cli/helpers.js';

afterEach(cleanWorkdirs);

/** The JSON document of `eval --format json` (README.md), as far as these tests read it. */
interface JsonFinding {
  code: string;
  severity: 'error' | 'warning';
  cell: string | null;
  indicator: string | null;
  message: string;
  /** The numbers and words of the message, by code (README: Findings). */
  data: Record<string, unknown>;
}
interface JsonTable {
  file: string;
  sheet: string;
  department: string | null;
  profile: string;
  total: number;
  declaredTotal: number | null;
  grade: string;
  declaredGrade: string | null;
  budget: { rate: number | null; score: number | null; declaredScore: number | null } | null;
  levels: { name: string; weight: number; score: number }[];
  indicators: { name: string; cell: string; weight: number | null; score: number | null; deviation: number | null }[];
  findings: JsonFinding[];
}
interface JsonDocument {
  schemaVersion: number;
  files: JsonTable[];
  unreadable: { file: string; code: string; severity: string; message: string }[];
  summary: { files: number; tables: number; unreadable: number; errors: number; warnings: number; infos: number };
}

function parseJson(r: RunResult): JsonDocument {
  return JSON.parse(r.stdout) as JsonDocument;
}

/** Scores `fixtures/<name>` copied into a fresh directory, as JSON, writing nothing. */
function evalJson(name: string, ...args: string[]): { r: RunResult; doc: JsonDocument; dir: string } {
  const dir = workdir([name], 'fixtures');
  const r = run(['eval', `fixtures/${name}`, '--format', 'json', '--no-write', ...args], { cwd: dir });
  return { r, doc: parseJson(r), dir };
}

const SEED4 = '部门整体绩效自评表';

describe('eval --format json', () => {
  it('seed 000 with zhengzhou-shangjie: the published total, budget, levels and rows; its eight missed targets as information', () => {
    const { r, doc, dir } = evalJson('seed-000.xlsx', '--profile', 'zhengzhou-shangjie');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // One JSON document and nothing else.
    expect(r.stdout.trimStart().startsWith('{')).toBe(true);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(doc.schemaVersion).toBe(3);
    expect(doc.files).toHaveLength(1);
    const t = doc.files[0]!;
    expect(t.file).toBe('fixtures/seed-000.xlsx');
    expect(t.department).toBe('郑州市上街区信访局');
    expect(t.profile).toBe('zhengzhou-shangjie');
    expect(t.total).toBe(95.81);
    expect(t.declaredTotal).toBe(95.81);
    expect(t.grade).toBe('优');
    expect(t.budget?.rate).toBe(72.41);
    expect(t.budget?.score).toBe(8.05);
    expect(t.levels.map((l) => [l.name, l.weight, l.score])).toEqual([
      ['投入管理指标', 30, 28.17],
      ['产出指标', 25, 24.79],
      ['效益指标', 35, 34.8],
    ]);
    expect(t.indicators).toHaveLength(31);
    expect(t.indicators.find((i) => i.name === '预算执行率')).toMatchObject({
      cell: '自评表!D20',
      weight: 3,
      score: 2.17,
      deviation: -27.59,
    });
    // The eight rows that miss their target, each with its reason (rows 38 and 41 meet theirs): information only.
    expect(t.findings.map((f) => [f.code, f.severity, f.cell, f.indicator])).toEqual([
      ['missed-target', 'info', '自评表!J20', '预算执行率'],
      ['missed-target', 'info', '自评表!J24', '政府采购执行率'],
      ['missed-target', 'info', '自评表!J35', '日常信访接待及办案费'],
      ['missed-target', 'info', '自评表!J36', '联合接访大厅水电费'],
      ['missed-target', 'info', '自评表!J37', '信访保障工作专项'],
      ['missed-target', 'info', '自评表!J39', '联合接访大厅水电费'],
      ['missed-target', 'info', '自评表!J40', '信访保障工作专项'],
      ['missed-target', 'info', '自评表!J42', '保证工作正常运转'],
    ]);
    expect(t.findings[0]!.message).toBe('实际 72.41%，未达到目标 ≥100%，偏差 -27.59%；原因：财政资金紧张未按时拨付，物业公司未及时送发票。');
    expect(doc.summary).toEqual({ files: 1, tables: 1, unreadable: 0, skipped: 0, errors: 0, warnings: 0, infos: 8 });
    // Decimals are written with two places.
    expect(r.stdout).toContain('"total": 95.81');
    expect(r.stdout).toContain('"weight": 30.00');
    expect(r.stdout).toContain('"deviation": -27.59');
    expect(listing(dir)).toEqual(['fixtures/', 'fixtures/seed-000.xlsx']);
  });

  it('seed 002 with zhengzhou-shangjie: total 96.88, budget score written as 7.40', () => {
    const { r, doc } = evalJson('seed-002.xlsx', '--profile', 'zhengzhou-shangjie');
    expect(r.status).toBe(0);
    const t = doc.files[0]!;
    expect(t.total).toBe(96.88);
    expect(t.budget?.score).toBe(7.4);
    expect(r.stdout).toMatch(/"budget": \{[^}]*"score": 7\.40,/);
    expect(r.stdout).toContain('"total": 96.88');
    expect(doc.files[0]!.findings.map((f) => [f.code, f.cell])).toEqual([['missed-target', '自评表!J20']]);
    expect(doc.summary).toEqual({ files: 1, tables: 1, unreadable: 0, skipped: 0, errors: 0, warnings: 0, infos: 1 });
  });

  it('seed 004 with the default profile: exit 1, its own total, the findings in order', () => {
    const { r, doc } = evalJson('seed-004.xlsx');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const t = doc.files[0]!;
    expect(t.profile).toBe('mof');
    expect(t.total).toBe(97.2);
    expect(t.declaredTotal).toBe(95.92);
    expect(r.stdout).toContain('"total": 97.20');
    expect(t.findings.map((f) => [f.code, f.cell])).toEqual([
      ['total-mismatch', `${SEED4}!G4`],
      ['missing-reason', `${SEED4}!H25`],
      ['score-mismatch', `${SEED4}!H25`],
      ['ambiguous-comparator', `${SEED4}!D26`],
      ['ambiguous-comparator', `${SEED4}!D27`],
      ['missing-reason', `${SEED4}!H27`],
      ['score-mismatch', `${SEED4}!H27`],
    ]);
    expect(t.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['missing-reason', 'missing-reason']);
    for (const f of t.findings) expect(Object.keys(f)).toEqual(['code', 'severity', 'cell', 'indicator', 'message', 'data']);
    // The data of each message, numbers as JSON numbers with the digits they have.
    expect(t.findings.map((f) => f.data)).toEqual([
      { declared: 95.92, computed: 97.2, declaredGrade: '优', computedGrade: '优' },
      { why: 'below-weight', score: 1.5, weight: 2 },
      { declared: 1.5, computed: 2 },
      { text: '5≤', read: { kind: 'at-most', value: 5, unit: '%', strict: false } },
      { text: '20≤', read: { kind: 'at-most', value: 20, unit: '%', strict: false } },
      { why: 'missed', target: { kind: 'at-most', value: 20, unit: '%', strict: false }, actual: { kind: 'exact', value: 25.79, unit: '%' }, score: 0, weight: 1 },
      { declared: 0, computed: 0.78 },
    ]);
    expect(r.stdout).toContain('"data": {\n            "declared": 95.92,\n            "computed": 97.2,\n            "declaredGrade": "优",\n            "computedGrade": "优"\n          }');
    expect(doc.summary).toEqual({ files: 1, tables: 1, unreadable: 0, skipped: 0, errors: 2, warnings: 5, infos: 0 });
  });

  it('keeps a cell written `_x0001_12.5` a string: no cell text becomes a number', async () => {
    // `_x0001_` is how a workbook writes U+0001 in a string; the JSON writer once marked its own numbers with it.
    const grid = readFileSync(join(FIXTURES, 'seed-004.grid'), 'utf8');
    const row = '^ | ^ | 绩效指标合理性 | 合理 | 定性指标 | 合理 |';
    expect(grid).toContain(row);
    const dir = workdir();
    const file = join(dir, 'x0001.xlsx');
    writeFileSync(file, await writeWorkbook(buildWorkbook(parseGrid(grid.replace(row, '^ | ^ | 绩效指标合理性 | 合理 | 定性指标 | _x0001_12.5 |'), 'x0001.grid'))));
    const r = run(['check', file, '--format', 'json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { files: { indicators: { name: string; actual: unknown }[]; findings: JsonFinding[] }[] };
    expect(doc.files[0]!.indicators.find((i) => i.name === '绩效指标合理性')!.actual).toBe('\u000112.5');
    expect(doc.files[0]!.findings.find((f) => f.code === 'unparsed-value')!.data).toEqual({ problem: 'not-an-expression', field: 'actual', text: '\u000112.5' });
    expect(r.stdout).toContain('"actual": "\\u000112.5"');
  });
});

describe('--lang', () => {
  const scoreMismatch = (doc: JsonDocument) =>
    doc.files[0]!.findings.find((f) => f.code === 'score-mismatch' && f.indicator === '结转结余率')?.message;

  it('writes the findings in Chinese by default', () => {
    const { doc } = evalJson('seed-004.xlsx');
    expect(scoreMismatch(doc)).toBe('自评得分 0.00，按规则应为 0.78');
    expect(doc.files[0]!.findings[0]!.message).toBe('填报总分 95.92，计算总分为 97.20');
  });

  it('writes the findings in English with --lang en', () => {
    const { r, doc } = evalJson('seed-004.xlsx', '--lang', 'en');
    expect(r.status).toBe(1);
    expect(scoreMismatch(doc)).toBe('declared score 0.00, the rules give 0.78');
    expect(doc.files[0]!.findings[0]!.message).toBe('declared total 95.92, computed total 97.20');
    for (const f of doc.files[0]!.findings) expect(f.message).not.toMatch(/[，（）]|按规则|未填写/);
  });

  it('rejects a language it does not have', () => {
    const dir = workdir(['seed-000.xlsx']);
    const r = run(['eval', join(dir, 'seed-000.xlsx'), '--lang', 'fr']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('fr');
    expect(listing(dir)).toEqual(['seed-000.xlsx']);
  });
});

describe('the scored copy', () => {
  it('is written beside the input, which is left byte for byte as it was', async () => {
    const dir = workdir(['seed-004.xlsx']);
    const input = join(dir, 'seed-004.xlsx');
    const out = join(dir, 'seed-004.scored.xlsx');
    const before = sha256(input);
    const r = run(['eval', input]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(out);
    expect(r.stdout).toContain(`已写入评分副本：${out}`);
    expect(sha256(input)).toBe(before);
    // No temporary file left behind.
    expect(listing(dir)).toEqual(['seed-004.scored.xlsx', 'seed-004.xlsx']);

    const original = await loadWorkbook(input);
    const scored = await loadWorkbook(out);
    expect(scored.worksheets.map((ws) => ws.name)).toEqual([...original.worksheets.map((ws) => ws.name), '评分结果']);

    const ws = scored.getWorksheet(SEED4)!;
    const ows = original.getWorksheet(SEED4)!;
    expect(merges(ws)).toEqual(merges(ows));
    expect(merges(ws).length).toBeGreaterThan(0);

    const h27 = ws.getCell('H27');
    expect(noteText(h27.note)).toContain('score-mismatch');
    expect(noteText(h27.note)).toContain('自评得分 0.00，按规则应为 0.78');
    expect(h27.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ows.getCell('H27').fill).not.toMatchObject({ pattern: 'solid' });
    expect(h27.value).toBe(0); // the declared score is kept

    // The computed columns start past one empty column right of the last column the sheet uses:
    // the table ends at H, the budget block above it at I (预算执行率, 得分).
    expect(ows.getCell('I7').value).toBe('预算执行率');
    expect(ws.getCell('J19').value).toBeNull();
    expect(ws.getCell('K19').value).toBe('计算得分');
    expect(ws.getCell('K27').value).toBe(0.78);
    expect(ws.getCell('K25').value).toBe(2);

    // The summary sheet carries the computed and declared totals.
    const summary = scored.getWorksheet('评分结果')!;
    const totals: unknown[][] = [];
    summary.eachRow((row) => {
      if (row.getCell(1).value === '总分') totals.push([row.getCell(2).value, row.getCell(3).value]);
    });
    expect(totals).toEqual([[97.2, 95.92]]);
  });

  it('goes where -o says', async () => {
    const dir = workdir(['seed-000.xlsx']);
    mkdirSync(join(dir, 'out'));
    const input = join(dir, 'seed-000.xlsx');
    const out = join(dir, 'out', 'x.xlsx');
    const r = run(['eval', input, '--profile', 'zhengzhou-shangjie', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(out);
    expect(listing(dir)).toEqual(['out/', 'out/x.xlsx', 'seed-000.xlsx']);
    const scored = await loadWorkbook(out);
    expect(scored.getWorksheet('评分结果')).toBeDefined();
  });

  it('is never written over the input (-o naming the input, in any spelling)', () => {
    const dir = workdir(['seed-000.xlsx']);
    const input = join(dir, 'seed-000.xlsx');
    const before = sha256(input);
    for (const [out, cwd] of [
      [input, REPO],
      [`${dir}/./seed-000.xlsx`, REPO],
      ['seed-000.xlsx', dir],
    ] as const) {
      const r = run(['eval', input, '--profile', 'zhengzhou-shangjie', '-o', out], { cwd });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('输出文件不能与输入文件相同');
      expect(sha256(input)).toBe(before);
      expect(listing(dir)).toEqual(['seed-000.xlsx']);
    }
  });

  it('leaves nothing behind when it cannot be written (-o into a missing directory)', () => {
    const dir = workdir(['seed-000.xlsx']);
    const out = join(dir, 'missing', 'x.xlsx');
    const r = run(['eval', join(dir, 'seed-000.xlsx'), '--profile', 'zhengzhou-shangjie', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${out}：无法写入`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(listing(dir)).toEqual(['seed-000.xlsx']);
  });

  it('refuses -o with several inputs', () => {
    const dir = workdir(['seed-000.xlsx', 'seed-002.xlsx']);
    const r = run(['eval', join(dir, 'seed-000.xlsx'), join(dir, 'seed-002.xlsx'), '-o', join(dir, 'x.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('-o 只能用于单个输入文件');
    expect(listing(dir)).toEqual(['seed-000.xlsx', 'seed-002.xlsx']);
  });

  it('is not written with --no-write', () => {
    const dir = workdir(['seed-004.xlsx']);
    const input = join(dir, 'seed-004.xlsx');
    const before = sha256(input);
    const r = run(['eval', input, '--no-write']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('97.20');
    expect(r.stdout).not.toContain('已写入');
    expect(listing(dir)).toEqual(['seed-004.xlsx']);
    expect(sha256(input)).toBe(before);
  });
});

describe('files that cannot be scored', () => {
  /** Exit 2, one line on stderr naming the file, no stack trace, nothing on stdout, nothing written. */
  function expectRefused(args: string[], file: string, dir: string): string {
    const before = listing(dir);
    const r = run(['eval', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    const lines = r.stderr.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toContain('Error:');
    expect(r.stderr).not.toContain('内部错误');
    expect(listing(dir)).toEqual(before);
    return lines[0]!;
  }

  /**
   * A file that is there but cannot be read: exit 1, the reason as the report's `unreadable-file`
   * error naming the file, nothing on stderr, no stack trace, nothing written.
   */
  function expectUnreadable(args: string[], file: string, dir: string): string {
    const before = listing(dir);
    const r = run(['eval', ...args, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const doc = parseJson(r);
    expect(doc.files).toEqual([]);
    expect(doc.unreadable).toEqual([{ file, code: 'unreadable-file', severity: 'error', message: expect.stringContaining(file) }]);
    expect(doc.summary).toEqual({ files: 1, tables: 0, unreadable: 1, skipped: 0, errors: 1, warnings: 0, infos: 0 });
    const message = doc.unreadable[0]!.message;
    expect(message).not.toContain('Error:');
    expect(message).not.toContain('内部错误');
    expect(listing(dir)).toEqual(before);
    return message;
  }

  it('a truncated xlsx', () => {
    const dir = workdir();
    const file = join(dir, 'cut.xlsx');
    writeFileSync(file, readFileSync(join(REPO, 'fixtures/seed-000.xlsx')).subarray(0, 1000));
    expect(expectUnreadable([file], file, dir)).toContain('工作簿已损坏');
  });

  it('a text file named .xlsx', () => {
    const dir = workdir();
    const file = join(dir, 'x.xlsx');
    writeFileSync(file, '单位,得分\n信访局,95.81\n');
    expect(expectUnreadable([file], file, dir)).toBe(`${file}：是文本文件，不是工作簿；如是导出的表格，请用 Excel 或 WPS 打开后另存为 .xlsx 再评分`);
  });

  it('a damaged .xls (an OLE header and nothing else): says so, naming the format, in either language', () => {
    const dir = workdir();
    const file = join(dir, 'old.xls');
    writeFileSync(file, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    expect(expectUnreadable([file], file, dir)).toBe(`${file}：.xls 工作簿已损坏，无法读取`);
    expect(expectUnreadable([file, '--lang', 'en'], file, dir)).toBe(`${file}: the .xls workbook is damaged and cannot be read`);
  });

  it('a .csv file', () => {
    const dir = workdir();
    const file = join(dir, 'data.csv');
    writeFileSync(file, '三级指标,指标值,实际完成值,分值,得分\n预算执行率,≥100%,72.41%,3,2.17\n');
    const line = expectUnreadable([file], file, dir);
    expect(line).toContain('.csv');
    expect(line).toContain('xlsx');
    expect(line).toContain('另存为');
  });

  it('a path that does not exist, in either language', () => {
    const dir = workdir();
    const file = join(dir, 'missing.xlsx');
    expect(expectRefused([file], file, dir)).toContain('文件不存在');
    expect(expectRefused([file, '--lang', 'en'], file, dir)).toContain('no such file');
  });

  it('a workbook with no indicator table', async () => {
    const dir = workdir();
    const file = join(dir, 'notes.xlsx');
    await writeWorkbookWithoutTable(file);
    expect(expectUnreadable([file], file, dir)).toContain('未找到绩效指标表');
    expect(expectUnreadable([file, '--lang', 'en'], file, dir)).toContain('no indicator table found');
  });

  it('a table whose header has no 分值 column: the row that looks like a header, and what it lacks', async () => {
    const dir = workdir();
    const file = join(dir, 'no-weight.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('自评表');
    ws.addRow(['项目支出绩效自评表']);
    ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '得分']);
    ws.addRow(['产出指标', '数量指标', '指标一', '≥1', '1', '20']);
    await wb.xlsx.writeFile(file);
    expect(expectUnreadable([file], file, dir)).toContain('未找到绩效指标表：自评表!A2 所在行像表头，但缺少“分值”列');
    expect(expectUnreadable([file, '--lang', 'en'], file, dir)).toContain('the row of 自评表!A2 looks like its header but has no 分值 (weight) column');
  });

  it('an xlsx whose zip is corrupted in the middle', () => {
    const dir = workdir();
    const file = join(dir, 'broken.xlsx');
    const bytes = Buffer.from(readFileSync(join(REPO, 'fixtures/seed-000.xlsx')));
    bytes.fill(0x41, 2000, 2400);
    writeFileSync(file, bytes);
    expect(expectUnreadable([file], file, dir)).toContain('工作簿已损坏');
  });

  it('a well-formed zip that is not a workbook', () => {
    const dir = workdir();
    const file = join(dir, 'archive.xlsx');
    writeFileSync(file, zipOf({ 'readme.txt': '这不是工作簿' }));
    const line = expectUnreadable([file], file, dir);
    // Not a workbook at all: saying no indicator table was found would send the user looking for a header row.
    expect(line).toBe(`${file}：是 zip 压缩包，不是工作簿；请解压后对其中的工作簿评分`);
    expect(line).not.toContain('未找到绩效指标表');
  });

  it('a batch with one damaged file: the good one is still scored and written, the bad one reported; exit 1', () => {
    const dir = workdir(['seed-000.xlsx']);
    const good = join(dir, 'seed-000.xlsx');
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    const r = run(['eval', bad, good, '--profile', 'zhengzhou-shangjie']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    // In the order given: the bad file's error, then the good file's block, the ranking, the counts.
    expect(r.stdout.indexOf(`${bad}：是文本文件`)).toBeGreaterThan(-1);
    expect(r.stdout.indexOf(`${bad}：是文本文件`)).toBeLessThan(r.stdout.indexOf('95.81'));
    expect(r.stdout).toContain('排名');
    expect(r.stdout).toContain('错误 1 项，警告 0 项，提示 8 项');
    expect(listing(dir)).toEqual(['bad.xlsx', 'seed-000.scored.xlsx', 'seed-000.xlsx']);
  });

  it('a path that does not exist stops the run before anything is read or written; exit 2', () => {
    const dir = workdir(['seed-000.xlsx']);
    const missing = join(dir, 'missing.xlsx');
    const r = run(['eval', join(dir, 'seed-000.xlsx'), missing, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${missing}：文件不存在\n`);
    expect(listing(dir)).toEqual(['seed-000.xlsx']);
  });
});

describe('options and help', () => {
  it('an unknown profile lists the known ones', () => {
    const dir = workdir(['seed-000.xlsx']);
    const r = run(['eval', join(dir, 'seed-000.xlsx'), '--profile', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('nope');
    expect(r.stderr).toContain('mof');
    expect(r.stderr).toContain('zhengzhou-shangjie');
    expect(r.stderr).toContain('未知的评分规则');
    expect(listing(dir)).toEqual(['seed-000.xlsx']);
    const en = run(['eval', join(dir, 'seed-000.xlsx'), '--profile', 'nope', '--lang', 'en']);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe('unknown profile "nope"; choose one of: mof, zhengzhou-shangjie, zhengzhou-jinshui, hubei, jiangxi, mof-linear\n');
  });

  it('an unknown option is refused with exit 2', () => {
    const dir = workdir(['seed-000.xlsx']);
    const r = run(['eval', join(dir, 'seed-000.xlsx'), '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--bogus');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(listing(dir)).toEqual(['seed-000.xlsx']);
  });

  it('--help lists the eval command', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\s+eval\b/m);
  });

  it('eval --help lists every option', () => {
    const r = run(['eval', '--help']);
    expect(r.status).toBe(0);
    for (const opt of ['--profile', '--lang', '--format', '-o, --output', '--no-write']) expect(r.stdout).toContain(opt);
  });
});

describe('console output', () => {
  const cases: [string, string[]][] = [
    ['seed-004.xlsx', []],
    ['seed-004.xlsx', ['--lang', 'en']],
    ['seed-000.xlsx', ['--profile', 'zhengzhou-shangjie']],
  ];

  for (const [name, args] of cases) {
    it(`has aligned tables and no colour when piped: ${name} ${args.join(' ')}`, () => {
      const dir = workdir([name]);
      // NO_COLOR unset: output to a pipe must be plain by itself.
      const env = { ...process.env };
      delete env.NO_COLOR;
      const r = run(['eval', join(dir, name), '--no-write', ...args], { env });
      expect(r.status).toBe(name === 'seed-004.xlsx' ? 1 : 0);
      expect(r.stdout).not.toContain('\x1b[');
      const tables = tablesIn(r.stdout);
      // The totals, 偏差说明 (every fixture here has a row that misses its target), and seed 004's findings.
      expect(tables.length).toBe(name === 'seed-004.xlsx' ? 3 : 2);
      for (const lines of tables) {
        const widths = new Set(lines.map(displayWidth));
        expect([...widths], lines.join('\n')).toHaveLength(1);
        // Piped output is laid out for 80 columns.
        expect([...widths][0]).toBeLessThanOrEqual(80);
      }
    });
  }

  it('shows every finding and the counts', () => {
    const dir = workdir(['seed-004.xlsx']);
    const r = run(['eval', join(dir, 'seed-004.xlsx'), '--no-write']);
    for (const cell of ['G4', 'H25', 'D26', 'D27', 'H27']) expect(r.stdout).toContain(`${SEED4}!${cell}`);
    expect(r.stdout).toContain('错误 2 项，警告 5 项，提示 0 项');
  });
});

describe('start-up: exceljs is loaded only when a file is read', () => {
  const dist = join(REPO, 'dist');
  const entry = join(dist, 'cli.js');
  const hasExcelJs = (file: string) => {
    const src = readFileSync(file, 'utf8');
    return src.includes('xl/workbook.xml') || src.includes('ExcelJS');
  };

  /** Modules reachable from `from` by the given kinds of import, `from` included. */
  function reachable(from: string, follow: (imports: { static: string[]; dynamic: string[] }) => string[]): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of follow(importsOf(readFileSync(file, 'utf8')))) visit(resolve(dirname(file), spec));
    };
    visit(from);
    return seen;
  }

  it('the bundle is split into dist/cli.js and dist/chunks/', () => {
    expect(existsSync(entry)).toBe(true);
    expect(readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.js')).length).toBeGreaterThan(1);
  });

  it('neither cli.js nor any chunk it imports statically contains exceljs', () => {
    const statics = reachable(entry, (i) => i.static);
    // The import scan works: cli.js does import shared chunks statically.
    expect([...statics].some((f) => f.includes(`${join(dist, 'chunks')}`))).toBe(true);
    for (const file of statics) expect(hasExcelJs(file), file).toBe(false);
  });

  it('a chunk reachable only by dynamic import() holds exceljs', () => {
    const statics = reachable(entry, (i) => i.static);
    const all = reachable(entry, (i) => [...i.static, ...i.dynamic]);
    const lazy = [...all].filter((f) => !statics.has(f));
    expect(lazy.length).toBeGreaterThan(0);
    for (const f of lazy) expect(existsSync(f), f).toBe(true);
    expect(lazy.filter(hasExcelJs).length).toBeGreaterThan(0);
  });
});
