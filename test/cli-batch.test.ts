// Batches and CI checks through the real bin: folders, globs and skip rules; worker threads and the
// order of the output; an unreadable file among good ones; `check` and its formats, each read by a
// strict reader; --output-file, --max-warnings, --summary and the GitHub step summary.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, cleanWorkdirs, listing, run, sha256, workdir } from './cli/helpers.js';
import { COMMAND, kids, parseCsv, parseXml, sarifProblems } from './cli/readers.js';
import { pageDump } from './tools/page.js';
import { have } from './tools/readers.js';

afterEach(cleanWorkdirs);

const GOOD = ['seed-000.xlsx', 'seed-002.xlsx', 'seed-004.xlsx', 'two-tables.xlsx', 'one-decimal.xlsx'];

interface Doc {
  files: { file: string; sheet: string; total: number; indicators: unknown[]; findings: { code: string; severity: string; cell: string | null }[] }[];
  unreadable: { file: string; code: string; severity: string; message: string }[];
  skipped: { file: string; reason: string; message: string }[];
  summary: { files: number; tables: number; unreadable: number; errors: number; warnings: number; infos: number };
}

/**
 * A submissions folder as a finance bureau gets it: departments in subfolders, one damaged workbook,
 * and what must be skipped (an Excel lock file, an earlier scored copy, a Word file).
 */
function submissions(): string {
  const dir = workdir();
  const place = (name: string, sub: string) => {
    mkdirSync(join(dir, '材料', sub), { recursive: true });
    copyFileSync(join(FIXTURES, name), join(dir, '材料', sub, name));
  };
  place('seed-000.xlsx', '上街区');
  place('seed-002.xlsx', '上街区');
  place('seed-004.xlsx', '金水区');
  place('two-tables.xlsx', '金水区');
  place('one-decimal.xlsx', '县');
  writeFileSync(join(dir, '材料/金水区/坏表.xlsx'), 'not a workbook');
  writeFileSync(join(dir, '材料/金水区/~$seed-004.xlsx'), 'lock');
  copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, '材料/上街区/seed-000.scored.xlsx'));
  writeFileSync(join(dir, '材料/说明.docx'), 'word');
  return dir;
}

/** What perf-score says it skipped in `submissions()`. */
const SKIPPED =
  '已跳过 1 个评分副本（*.scored.xlsx、*.scored.xlsm）：材料/上街区/seed-000.scored.xlsx\n已跳过 1 个锁定文件（~$…，Excel/WPS 打开工作簿时生成）：材料/金水区/~$seed-004.xlsx\n已跳过 1 个不是工作簿的文件：材料/说明.docx\n';

const EXPECTED_FILES = ['材料/上街区/seed-000.xlsx', '材料/上街区/seed-002.xlsx', '材料/县/one-decimal.xlsx', '材料/金水区/seed-004.xlsx', '材料/金水区/two-tables.xlsx'];

function json(r: { stdout: string }): Doc {
  return JSON.parse(r.stdout) as Doc;
}

describe('a folder with one damaged workbook, scored in one call', () => {
  it('reports every good file and the damaged one, skips lock files, scored copies and other files; exit 1', () => {
    const dir = submissions();
    const before = listing(dir);
    const r = run(['check', '材料', '--format', 'json', '--profile', 'zhengzhou-shangjie'], { cwd: dir });
    expect(r.status).toBe(1);
    // Not a terminal: no progress bar; on stderr only what was skipped, one line per kind; stdout is the document alone.
    expect(r.stderr).toBe(SKIPPED);
    const doc = json(r);
    expect([...new Set(doc.files.map((t) => t.file))]).toEqual(EXPECTED_FILES);
    expect(doc.files.map((t) => [t.file.split('/').at(-1), t.sheet, t.total])).toEqual([
      ['seed-000.xlsx', '自评表', 95.81],
      ['seed-002.xlsx', '自评表', 96.88],
      ['one-decimal.xlsx', 'Sheet1', 97.01],
      ['seed-004.xlsx', '部门整体绩效自评表', 98.03],
      ['two-tables.xlsx', '老年助餐', 100],
      ['two-tables.xlsx', '垃圾分类', 92.54],
    ]);
    expect(doc.unreadable).toEqual([{ file: '材料/金水区/坏表.xlsx', code: 'unreadable-file', severity: 'error', message: '材料/金水区/坏表.xlsx：是文本文件，不是工作簿；如是导出的表格，请用 Excel 或 WPS 打开后另存为 .xlsx 再评分' }]);
    expect(doc.summary).toMatchObject({ files: 9, tables: 6, unreadable: 1, skipped: 3 });
    expect(doc.skipped.map((x) => [x.file, x.reason])).toContainEqual(['材料/说明.docx', 'not-a-workbook']);
    // The error count is the tables' errors plus the unreadable file.
    const tableErrors = doc.files.flatMap((t) => t.findings).filter((f) => f.severity === 'error').length;
    expect(doc.summary.errors).toBe(tableErrors + 1);
    expect(listing(dir)).toEqual(before);
  });

  it('gives the same output whatever the number of worker threads, in the order the paths were given', () => {
    const dir = submissions();
    const one = run(['check', '材料', '--format', 'json', '--jobs', '1'], { cwd: dir });
    const two = run(['check', '材料', '--format', 'json', '--jobs', '2'], { cwd: dir });
    const four = run(['check', '材料', '--format', 'json', '--jobs', '4'], { cwd: dir });
    expect(two.stdout).toBe(one.stdout);
    expect(four.stdout).toBe(one.stdout);
    const table1 = run(['check', '材料', '--jobs', '1'], { cwd: dir });
    const table2 = run(['check', '材料', '--jobs', '3'], { cwd: dir });
    expect(table2.stdout).toBe(table1.stdout);
    // Paths in another order: the output follows them, not the folder's order.
    const reordered = run(['check', '材料/金水区', '材料/上街区', '--format', 'json', '--jobs', '2'], { cwd: dir });
    expect([...new Set(json(reordered).files.map((t) => t.file))]).toEqual([
      '材料/金水区/seed-004.xlsx',
      '材料/金水区/two-tables.xlsx',
      '材料/上街区/seed-000.xlsx',
      '材料/上街区/seed-002.xlsx',
    ]);
  });

  it('takes a quoted glob, and explicit files as given', () => {
    const dir = submissions();
    const glob = run(['check', '材料/**/seed-*.xlsx', '--format', 'json'], { cwd: dir });
    expect([...new Set(json(glob).files.map((t) => t.file))]).toEqual(['材料/上街区/seed-000.xlsx', '材料/上街区/seed-002.xlsx', '材料/金水区/seed-004.xlsx']);
    const named = run(['check', '材料/金水区/seed-004.xlsx', '材料/上街区/seed-000.xlsx', '--format', 'json'], { cwd: dir });
    expect([...new Set(json(named).files.map((t) => t.file))]).toEqual(['材料/金水区/seed-004.xlsx', '材料/上街区/seed-000.xlsx']);
  });

  it('refuses a run where nothing matched, with exit 2', () => {
    const dir = workdir();
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'empty/说明.docx'), 'word');
    const r = run(['check', 'empty', '*.xlsx'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    // The first argument that yields no workbook is named (as ESLint's "No files matching").
    expect(r.stderr).toBe('没有找到与“empty”匹配的工作簿\n');
    const en = run(['check', 'empty', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toBe('No files matching the pattern "empty" were found.\n');
    // Workbooks found, but every one skipped (scored copies): nothing to score.
    writeFileSync(join(dir, 'empty/a.scored.xlsx'), 'copy');
    const skipped = run(['check', 'empty', '--lang', 'en'], { cwd: dir });
    expect(skipped.status).toBe(2);
    expect(skipped.stderr).toBe('skipped 1 scored copy (*.scored.xlsx, *.scored.xlsm): empty/a.scored.xlsx\nskipped 1 file not named as workbooks: empty/说明.docx\nno workbook to score (.xlsx, .xls, .et, .ods …) found in: empty\n');
  });

  it('shows a ranking of the batch after the tables, the unreadable file, then the skipped ones last', () => {
    const dir = submissions();
    const r = run(['check', '材料', '--profile', 'zhengzhou-shangjie'], { cwd: dir });
    expect(r.status).toBe(1);
    const ranking = r.stdout.slice(r.stdout.indexOf('\n排名（文件路径相对于 材料/）\n'));
    const rows = ranking.split('\n\n')[0]!.split('\n').slice(4).map((l) => l.trim().split(/ +/));
    expect(rows.map((c) => (c[0]!.match(/^\d+$/) ? [c[0], c.at(-6), c.at(-5), c.at(-1)] : [c[0], c.at(-1)]))).toEqual([
      ['1', '100.00', '99.50', '警告'],
      ['2', '98.03', '95.92', '错误'],
      ['3', '97.01', '96.70', '错误'],
      ['4', '96.88', '96.88', '通过'],
      ['5', '95.81', '95.81', '通过'],
      ['6', '92.54', '92.00', '错误'],
      ['金水区/坏表.xlsx', '是文本文件'],
      // Cut in the middle to fit 80 columns: the start and the end of the path are kept.
      [expect.stringMatching(/^上街区\/s.*….*\.scored\.xlsx$/), '评分副本'],
      [expect.stringMatching(/^金水区\/~.*….*004\.xlsx$/), '锁定文件'],
      // A Word file a unit sent: accounted for, not scored.
      ['说明.docx', '非工作簿'],
    ]);
    expect(ranking).toContain('\n\n共 9 个文件：已评分 5 个，无法读取 1 个，已跳过 3 个\n');
  });
});

describe('eval over a folder', () => {
  it('--out-dir collects the scored copies, keeping the folders; the inputs are untouched', () => {
    const dir = submissions();
    const inputs = EXPECTED_FILES.map((f) => [f, sha256(join(dir, f))]);
    const r = run(['eval', '材料', '--out-dir', '评分结果'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('已写入评分副本 5 份：评分结果\n');
    expect(listing(join(dir, '评分结果'))).toEqual([
      '上街区/',
      '上街区/seed-000.scored.xlsx',
      '上街区/seed-002.scored.xlsx',
      '县/',
      '县/one-decimal.scored.xlsx',
      '金水区/',
      '金水区/seed-004.scored.xlsx',
      '金水区/two-tables.scored.xlsx',
    ]);
    for (const [f, hash] of inputs) expect(sha256(join(dir, f!))).toBe(hash);
    // Scored copies go nowhere else.
    expect(listing(join(dir, '材料')).filter((f) => f.endsWith('.scored.xlsx'))).toEqual(['上街区/seed-000.scored.xlsx']);
  });

  it('refuses -o with --out-dir', () => {
    const dir = workdir(['seed-000.xlsx']);
    const r = run(['eval', 'seed-000.xlsx', '-o', 'a.xlsx', '--out-dir', 'out'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('-o 与 --out-dir 不能同时使用\n');
    expect(listing(dir)).toEqual(['seed-000.xlsx']);
  });
});

describe('check: the CI formats', () => {
  it('writes no workbook, and has no option to', () => {
    const dir = workdir(GOOD);
    const r = run(['check', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(listing(dir)).toEqual([...GOOD].sort());
    expect(run(['check', '.', '--out-dir', 'x'], { cwd: dir }).status).toBe(2);
  });

  it('junit: well formed, a suite per table, per unreadable file and per skipped file, counts equal to what they hold', () => {
    const dir = submissions();
    const r = run(['check', '材料', '--format', 'junit'], { cwd: dir });
    expect(r.status).toBe(1);
    const root = parseXml(r.stdout);
    const suites = kids(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual([
      '材料/上街区/seed-000.xlsx',
      '材料/上街区/seed-002.xlsx',
      '材料/县/one-decimal.xlsx',
      '材料/金水区/seed-004.xlsx',
      '材料/金水区/two-tables.xlsx [老年助餐]',
      '材料/金水区/two-tables.xlsx [垃圾分类]',
      '材料/金水区/坏表.xlsx',
      '材料/上街区/seed-000.scored.xlsx',
      '材料/金水区/~$seed-004.xlsx',
      '材料/说明.docx',
    ]);
    expect(root.attrs.skipped).toBe('3');
    const cases = suites.flatMap((s) => kids(s, 'testcase'));
    expect(root.attrs.tests).toBe(String(cases.length));
    expect(root.attrs.failures).toBe(String(cases.filter((c) => kids(c, 'failure').length > 0).length));
    expect(root.attrs.errors).toBe('1');
    const doc = json(run(['check', '材料', '--format', 'json'], { cwd: dir }));
    // One testcase per indicator and per file-level check (budget, weights, total, grade) of each table.
    expect(doc.files).toHaveLength(6);
    suites.slice(0, 6).forEach((suite, i) => {
      const all = kids(suite, 'testcase');
      expect(all.filter((c) => c.attrs.classname !== 'checks')).toHaveLength(doc.files[i]!.indicators.length);
      expect(all.filter((c) => c.attrs.classname === 'checks').map((c) => c.attrs.name).slice(0, 4)).toEqual(['budget', 'weights', 'total', 'grade']);
    });
  });

  it('sarif: the shape SARIF 2.1.0 requires, one result per finding, the rule id the code', () => {
    const dir = submissions();
    const r = run(['check', '材料', '--format', 'sarif'], { cwd: dir });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifProblems(log)).toEqual([]);
    const doc = json(run(['check', '材料', '--format', 'json'], { cwd: dir }));
    const results = log.runs[0].results as { ruleId: string; level: string }[];
    expect(results).toHaveLength(doc.summary.errors + doc.summary.warnings + doc.summary.infos);
    expect(results.filter((x) => x.level === 'error')).toHaveLength(doc.summary.errors);
    expect(results.filter((x) => x.ruleId === 'unreadable-file')).toHaveLength(1);
  });

  it('github: workflow commands on stdout, and the Markdown summary appended to $GITHUB_STEP_SUMMARY', () => {
    const dir = submissions();
    const summaryFile = join(dir, 'step-summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const r = run(['check', '材料', '--format', 'github'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: summaryFile } });
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(COMMAND);
    expect(lines).toContain('::error file=材料/金水区/坏表.xlsx,title=unreadable-file::材料/金水区/坏表.xlsx：是文本文件，不是工作簿；如是导出的表格，请用 Excel 或 WPS 打开后另存为 .xlsx 再评分');
    const md = readFileSync(summaryFile, 'utf8');
    expect(md.startsWith('# earlier step\n### perf-score\n')).toBe(true);
    expect(md).toContain('| 材料/金水区/seed-004.xlsx | 郑州市金水区人民政府办公室 | 97.20 | 95.92 | 优 | 2 | 5 |');
    expect(md).toContain('| 材料/金水区/坏表.xlsx |  |  |  |  | 1 | 0 |');
    // Without the variable, nothing but stdout.
    const plain = run(['check', '材料', '--format', 'github'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' } });
    expect(plain.stdout).toBe(r.stdout);
  });

  it('--output-file writes the report there, whole, and nothing to stdout', () => {
    const dir = submissions();
    const stdout = run(['check', '材料', '--format', 'junit'], { cwd: dir }).stdout;
    const r = run(['check', '材料', '--format', 'junit', '--output-file', 'report.xml'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toBe(stdout);
    // No temporary file left beside it.
    expect(listing(dir).filter((f) => !f.startsWith('材料'))).toEqual(['report.xml']);
    // Never over an input.
    const over = run(['check', '材料', '--output-file', '材料/上街区/seed-000.xlsx'], { cwd: dir });
    expect(over.status).toBe(2);
    expect(over.stderr).toBe(`${SKIPPED}材料/上街区/seed-000.xlsx：输出文件不能与输入文件相同\n`);
  });

  it('--max-warnings N fails a run with more warnings than N', () => {
    const dir = workdir(['budget-zero-total.xlsx']);
    const args = ['check', 'budget-zero-total.xlsx', '--profile', 'zhengzhou-shangjie'];
    expect(run(args, { cwd: dir }).status).toBe(0);
    expect(run([...args, '--max-warnings', '3'], { cwd: dir }).status).toBe(0);
    const over = run([...args, '--max-warnings', '2'], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('警告 3 项，超过 --max-warnings 允许的 2 项\n');
    const bad = run([...args, '--max-warnings', 'many'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
  });

  it('an unreadable file is an error unless the profile turns `unreadable-file` off', () => {
    const dir = workdir(['seed-002.xlsx']);
    writeFileSync(join(dir, 'other.xlsx'), 'not a workbook');
    writeFileSync(join(dir, 'rules.json'), JSON.stringify({ extends: 'zhengzhou-shangjie', severity: { 'unreadable-file': 'off' } }));
    expect(run(['check', '.', '--profile', 'zhengzhou-shangjie'], { cwd: dir }).status).toBe(1);
    const off = run(['check', '.', '--rules', 'rules.json', '--format', 'json'], { cwd: dir });
    expect(off.status).toBe(0);
    expect(json(off).unreadable).toEqual([]);
    // rules.json is the run's own (--rules): not a file to account for.
    expect(json(off).summary).toMatchObject({ files: 2, tables: 1, unreadable: 0, skipped: 0, errors: 0 });
  });
});

describe('--summary', () => {
  it('as CSV: UTF-8 with a BOM, one row per table ranked, the unreadable file, then the skipped ones last', () => {
    const dir = submissions();
    const r = run(['check', '材料', '--profile', 'zhengzhou-shangjie', '--summary', '汇总.csv'], { cwd: dir });
    expect(r.status).toBe(1);
    const text = readFileSync(join(dir, '汇总.csv'), 'utf8');
    expect(text.startsWith('\uFEFF排名,文件,工作表,单位,计算总分')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows.slice(1).map((x) => [x[0], x[1], x[4]])).toEqual([
      ['1', '材料/金水区/two-tables.xlsx', '100.00'],
      ['2', '材料/金水区/seed-004.xlsx', '98.03'],
      ['3', '材料/县/one-decimal.xlsx', '97.01'],
      ['4', '材料/上街区/seed-002.xlsx', '96.88'],
      ['5', '材料/上街区/seed-000.xlsx', '95.81'],
      ['6', '材料/金水区/two-tables.xlsx', '92.54'],
      ['', '材料/金水区/坏表.xlsx', ''],
      ['', '材料/上街区/seed-000.scored.xlsx', ''],
      ['', '材料/金水区/~$seed-004.xlsx', ''],
      ['', '材料/说明.docx', ''],
    ]);
    expect(rows.slice(-4).map((x) => x[10])).toEqual([
      '材料/金水区/坏表.xlsx：是文本文件，不是工作簿；如是导出的表格，请用 Excel 或 WPS 打开后另存为 .xlsx 再评分',
      '材料/上街区/seed-000.scored.xlsx：已跳过，是 perf-score 写的评分副本（*.scored.xlsx、*.scored.xlsm）',
      '材料/金水区/~$seed-004.xlsx：已跳过，是 Excel 或 WPS 打开工作簿时生成的锁定文件（~$ 开头），不是工作簿',
      '材料/说明.docx：已跳过，文件名不是工作簿（.xlsx、.xls、.et、.ods 等）；如是自评表，请另存为 .xlsx 后再评分',
    ]);
  });

  it('as a workbook: a ranking sheet and a sheet of every finding', async () => {
    const dir = submissions();
    const r = run(['check', '材料', '--summary', 'out/汇总.xlsx', '--format', 'json'], { cwd: dir });
    // The folder of a summary must exist, as for -o.
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const ok = run(['check', '材料', '--summary', '汇总.xlsx', '--format', 'json'], { cwd: dir });
    expect(ok.status).toBe(1);
    const doc = json(ok);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '汇总.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '问题清单']);
    const ranking = wb.getWorksheet('排名')!;
    expect(ranking.getRow(1).values).toEqual([undefined, '排名', '单位', '文件', '工作表', '计算总分', '填报总分', '等级', '填报等级', '错误', '警告', '说明']);
    expect(ranking.rowCount).toBe(1 + 6 + 1);
    expect([ranking.getCell('A2').value, ranking.getCell('C2').value, ranking.getCell('E2').value]).toEqual([1, '材料/金水区/two-tables.xlsx', 99.5]);
    expect(ranking.getCell('C8').value).toBe('材料/金水区/坏表.xlsx');
    // A file not scored says why.
    expect(ranking.getCell('K8').value).toMatch(/^材料\/金水区\/坏表\.xlsx：/);
    const findings = wb.getWorksheet('问题清单')!;
    expect(findings.rowCount).toBe(1 + doc.summary.errors + doc.summary.warnings + doc.summary.infos);
    const cells = findings.getColumn(3).values.slice(2);
    expect(cells).toContain('部门整体绩效自评表!H27');
    // Print-ready: A4 landscape, one page wide, the header row on every page; messages wrapped, a filter on the header.
    if (have('openpyxl')) {
      const pages = pageDump(join(dir, '汇总.xlsx'));
      for (const name of ['排名', '问题清单']) {
        expect(pages[name]).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitleRows: '$1:$1' });
      }
      expect(pages['问题清单']!.autoFilter).toBe('A1:G1');
      expect(pages['问题清单']!.wrapped).toContain('G2');
      // A message longer than its column wraps in a row tall enough for it.
      const long = findings.getColumn(7).values.slice(2).findIndex((m) => typeof m === 'string' && m.length > 40);
      expect(long).toBeGreaterThanOrEqual(0);
      expect(pages['问题清单']!.heights[String(long + 2)]).toBeGreaterThan(15);
    }
  });

  it('refuses a summary that is neither .xlsx nor .csv before reading anything', () => {
    const dir = workdir(['seed-000.xlsx']);
    const r = run(['check', '.', '--summary', '汇总.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('汇总.txt：汇总文件须以 .xlsx 或 .csv 结尾\n');
    expect(listing(dir)).toEqual(['seed-000.xlsx']);
  });
});

describe('a reader that stops early', () => {
  it('stops quietly, with no stack trace, when the pipe is closed (`| head`)', () => {
    const dir = submissions();
    // More output than a pipe holds, so that writing meets the closed pipe.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check 材料 --format json | head -c 100 >/dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(SKIPPED);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('progress', () => {
  it.skipIf(!hasScript)('draws a bar on a terminal: files done / total, elapsed seconds, the file', () => {
    const dir = submissions();
    // `script` runs the bin on a pseudo-terminal; stdout and stderr both reach the transcript.
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} check 材料 --format json`, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stdout).toMatch(/\[[█░]{20}\] 6\/6 个文件 · \d+ 秒 · /);
    // The bar is erased before the report is written.
    expect(r.stdout).toContain('\r\u001b[K');
  });
});
