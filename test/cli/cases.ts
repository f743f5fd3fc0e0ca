// One table of command-line cases, run two ways (as markdownlint-cli2 does): in this process through
// `main(argv, io)` with an Io of its own (test/cli-main.test.ts), and by spawning the real bin
// (test/cli-exec.test.ts), which also checks that both ways give the same exit code, output and files.
// Each case runs in a fresh working directory holding the files it names; its paths are relative to it.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { toUri } from '../../src/report/common.js';
import { displayWidth } from '../../src/report/text.js';
import { BIN, FIXTURES, REPO, listing, run, workdir } from './helpers.js';
import { kids, parseXml, sarifProblems } from './readers.js';

/** What a case expects of a stream: the text exactly, a pattern it matches, or a check of its own. */
export type Expected = string | RegExp | ((text: string) => void);

export interface CliCase {
  name: string;
  args: string[];
  /**
   * The working directory's files before the run: path → a fixture (a path under fixtures/) or
   * `{ text }`, the file's content.
   */
  files?: Record<string, string | { text: string }>;
  /** Added to the environment (which has NO_COLOR=1, and no FORCE_COLOR). */
  env?: Record<string, string>;
  status: number;
  /** stdout; anything when absent. */
  stdout?: Expected;
  /** stderr; nothing at all when absent. */
  stderr?: Expected;
  /** Every file in the working directory after the run (sorted, as `listing` gives them); not checked when absent. */
  after?: string[];
  /** Further checks of the working directory after the run. */
  check?: (dir: string) => void;
}

/** What a run gave: its exit code, its output (the working directory spelled `<dir>`), and the files it left. */
export interface CaseResult {
  status: number | null;
  stdout: string;
  stderr: string;
  files: string[];
}

/** Runs a case one way in the working directory `dir`: the spawned bin, or main() in this process. */
export type Invoke = (args: string[], dir: string, env: Record<string, string | undefined>) => Promise<Omit<CaseResult, 'files'>>;

/** The bin, spawned. */
export const spawned: Invoke = async (args, dir, env) => run(args, { cwd: dir, env });

/**
 * main() of the bundle the bin runs (dist/cli.js, built by the global setup), in this process: its
 * own working directory, environment and captured streams, neither a terminal (as a spawned bin's pipes).
 */
export const inProcess: Invoke = async (args, dir, env) => {
  const { main } = (await import(pathToFileURL(join(REPO, 'dist/cli.js')).href)) as typeof import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const status = await main([process.execPath, BIN, ...args], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env,
    cwd: dir,
  });
  return { status, stdout, stderr };
};

/** Makes a case's working directory, runs it, and returns what it gave. */
export async function runCase(c: CliCase, invoke: Invoke): Promise<CaseResult> {
  const dir = workdir();
  for (const [path, source] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    if (typeof source === 'string') copyFileSync(join(FIXTURES, source), join(dir, path));
    else writeFileSync(join(dir, path), source.text);
  }
  // FORCE_COLOR from the machine would win over NO_COLOR: only a case sets it.
  const { FORCE_COLOR: _force, ...machine } = process.env;
  const env = { ...machine, NO_COLOR: '1', ...c.env };
  const r = await invoke(c.args, dir, env);
  const local = (text: string) => text.replaceAll(dir, '<dir>');
  const result = { status: r.status, stdout: local(r.stdout), stderr: local(r.stderr), files: listing(dir) };
  c.check?.(dir);
  return result;
}

function expectText(actual: string, expected: Expected | undefined, what: string): void {
  if (expected === undefined) return;
  if (typeof expected === 'string') expect(actual, what).toBe(expected);
  else if (expected instanceof RegExp) expect(actual, what).toMatch(expected);
  else expected(actual);
}

/** Checks a result against its case. */
export function expectCase(c: CliCase, r: CaseResult): void {
  expect(r.status, `exit code; stderr: ${r.stderr}`).toBe(c.status);
  expectText(r.stdout, c.stdout, 'stdout');
  expectText(r.stderr, c.stderr ?? '', 'stderr');
  if (c.after !== undefined) expect(r.files, 'files after the run').toEqual(c.after);
}

// ——— helpers for the table ———

interface Doc {
  schemaVersion: number;
  files: { file: string; sheet: string; total: number; findings: { code: string; severity: string }[] }[];
  unreadable: { file: string; code: string }[];
  skipped: { file: string; reason: string; message: string }[];
  summary: { files: number; tables: number; unreadable: number; skipped: number; errors: number; warnings: number; infos: number };
}

/** stdout is one JSON document of `--format json` whose summary and tables' totals are these. */
function jsonReport(summary: Partial<Doc['summary']>, totals?: [file: string, sheet: string, total: number][]) {
  return (text: string) => {
    expect(text.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(text) as Doc;
    expect(doc.summary).toMatchObject(summary);
    if (totals) expect(doc.files.map((t) => [t.file, t.sheet, t.total])).toEqual(totals);
  };
}

/** Each line is contained in the text, in this order. */
function inOrder(...parts: string[]) {
  return (text: string) => {
    let at = 0;
    for (const part of parts) {
      const i = text.indexOf(part, at);
      expect(i, `${JSON.stringify(part)} after position ${at} of:\n${text}`).toBeGreaterThanOrEqual(0);
      at = i + part.length;
    }
  };
}

const SEED4 = '部门整体绩效自评表';

/**
 * A bureau's folder with real-length names: two workbooks (one an .ods), a damaged one, and two files
 * skipped on purpose (a scored copy, a lock file). Files in input order, then the skipped ones.
 */
const BUREAU_FILES = {
  xlsx: '材料/上街区/信访局/2022年度部门整体支出绩效自评表（郑州市上街区信访局）.xlsx',
  ods: '材料/金水区/办公室/2022年度部门整体支出绩效自评表（部门）.ods',
  damaged: '材料/金水区/财政局/自评表.xlsx',
  scored: '材料/上街区/信访局/2022年度部门整体支出绩效自评表（郑州市上街区信访局）.scored.xlsx',
  lock: '材料/金水区/办公室/~$2022年度部门整体支出绩效自评表（部门）.xlsx',
};
const BUREAU: Record<string, string | { text: string }> = {
  [BUREAU_FILES.xlsx]: 'seed-000.xlsx',
  [BUREAU_FILES.scored]: 'seed-000.xlsx',
  [BUREAU_FILES.ods]: 'formats/seed-004.ods',
  [BUREAU_FILES.lock]: { text: 'lock' },
  [BUREAU_FILES.damaged]: { text: 'PK\u0003\u0004 cut short' },
};
const BUREAU_SKIPPED = `已跳过 1 个评分副本（*.scored.xlsx、*.scored.xlsm）：${BUREAU_FILES.scored}\n已跳过 1 个锁定文件（~$…，Excel/WPS 打开工作簿时生成）：${BUREAU_FILES.lock}\n`;

/** The console ranking's lines: its title, its header, its rule, a line per file; each checked to fit `width` columns. */
export function rankingLines(stdout: string, width: number, title = '排名（文件路径相对于 材料/）'): string[] {
  const start = stdout.indexOf(`${title}\n`);
  expect(start, stdout).toBeGreaterThanOrEqual(0);
  const lines = stdout.slice(start).split('\n\n')[0]!.split('\n');
  for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
  return lines;
}

/** The bureau's ranking at `width` columns: every file a line, ranked first, then unreadable, then skipped. */
export function bureauRanking(width: number) {
  return (stdout: string) => {
    const [, head, rule, ...rows] = rankingLines(stdout, width);
    expect(head).toMatch(/^排名 +单位 +文件 +总分 +填报 +等级 +错误 +警告 +状态$/);
    expect(rule).toMatch(/^─+$/);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/^ {3}1 +郑.*办公室 +\S*\.ods +98\.03 +95\.92 +优 +2 +9 +错误$/);
    expect(rows[1]).toMatch(/^ {3}2 +郑.*信访局 +\S*\.xlsx +95\.81 +95\.81 +优 +0 +0 +通过$/);
    expect(rows[2]).toMatch(/^ {8,}\S*表\.xlsx +1 +0 +工作簿已损坏$/);
    expect(rows[3]).toMatch(/^ {8,}\S*\.scored\.xlsx +评分副本$/);
    expect(rows[4]).toMatch(/^ {8,}\S*\.xlsx +锁定文件$/);
    expect(stdout).toContain('\n\n共 5 个文件：已评分 2 个，无法读取 1 个，已跳过 2 个\n');
  };
}
const PROFILE_NAMES = ['mof', 'zhengzhou-shangjie', 'zhengzhou-jinshui', 'hubei', 'jiangxi', 'mof-linear'];

/** Every fixture, with what `check --format json` gives it under the default profile (mof). */
const FIXTURE_RESULTS: [name: string, status: number, summary: Partial<Doc['summary']>, totals: [string, number][]][] = [
  ['seed-000.xlsx', 0, { errors: 0, warnings: 2 }, [['自评表', 95]]],
  ['seed-002.xlsx', 0, { errors: 0, warnings: 2 }, [['自评表', 96.14]]],
  ['seed-004.xlsx', 1, { errors: 2, warnings: 5 }, [[SEED4, 97.2]]],
  ['budget-subrows.xlsx', 0, { errors: 0, warnings: 0 }, [[SEED4, 98.95]]],
  ['budget-zero-total.xlsx', 0, { errors: 0, warnings: 1 }, [['项目自评表', 99.18]]],
  ['one-decimal.xlsx', 1, { errors: 1, warnings: 6 }, [['Sheet1', 96.76]]],
  ['project-split.xlsx', 0, { errors: 0, warnings: 0 }, [['项目支出绩效自评表', 97.87]]],
  ['two-tables.xlsx', 1, { errors: 1, warnings: 2 }, [['老年助餐', 99.5], ['垃圾分类', 91.76]]],
  ['units-comparators.xlsx', 1, { errors: 2, warnings: 1 }, [['自评表', 94.98]]],
];

export const CASES: CliCase[] = [
  // Help, version, options commander refuses.
  {
    name: '--help lists every command, in Chinese',
    args: ['--help'],
    status: 0,
    stdout: inOrder('用法： perf-score [options] [command]', '为部门整体 / 项目支出绩效自评表评分', '选项：', '显示版本号', '命令：', 'eval [options] <paths...>', '评分并为每个工作簿写出评分副本', 'check [options] <paths...>', 'inspect [options] <files...>', 'explain [options] <file>', 'profiles [action] [name]', '显示某个命令的帮助'),
  },
  {
    name: '--help --lang en: in English',
    args: ['--help', '--lang', 'en'],
    status: 0,
    stdout: inOrder('Usage: perf-score [options] [command]', 'Options:', 'output the version number', 'Commands:', 'eval [options] <paths...>', 'score workbooks, write a scored copy of each'),
  },
  { name: '--version', args: ['--version'], status: 0, stdout: '0.1.0\n' },
  {
    name: 'eval --help lists every option',
    args: ['eval', '--help'],
    status: 0,
    stdout: inOrder('--profile', '--rules', '--lang', '--format', '--output-file', '--max-warnings', '--summary', '--jobs', '--output', '--out-dir', '--no-write'),
  },
  {
    name: 'check --help lists the CI options',
    args: ['check', '--help'],
    status: 0,
    stdout: inOrder('"!通配符"', '--ignore <glob>', '--format <format>', '（可选："table", "json", "junit", "sarif",', '默认："table"）', '--baseline <file>', '--write-baseline <file>', '--color', '--no-color'),
  },
  { name: 'inspect --help lists --textconv', args: ['inspect', '--help'], status: 0, stdout: inOrder('--lang', '--textconv') },
  { name: 'no command: the help, on stderr, exit 2', args: [], status: 2, stdout: '', stderr: /^用法： perf-score \[options\] \[command\]\n/ },
  {
    name: 'seed 000: the accountant sees 偏差说明, its eight rows that miss their target with the reasons as written',
    args: ['check', 'seed-000.xlsx', '--profile', 'zhengzhou-shangjie'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 0,
    stdout: (out) => {
      const section = out.slice(out.indexOf('偏差说明（未达到目标的指标）'), out.indexOf('错误 0 项'));
      const rows = section.split('\n').filter((l) => /^│ \S/.test(l)).map((l) => l.split('│')[1]!.trim());
      // The header, then each row's first line (a reason wraps onto lines whose first cell is empty).
      expect(rows).toEqual(['指标', '预算执行率', '政府采购执行率', '日常信访接待及办案费', '联合接访大厅水电费', '信访保障工作专项', '联合接访大厅水电费', '信访保障工作专项', '保证工作正常运转']);
      // 72.41% against ≥100%, and its reason as written (wrapped, never cut).
      expect(section).toMatch(/│ 预算执行率 +│ ≥100% +│ 72\.41% +│ -27\.59% +│/);
      expect(section.replace(/[│ \n]/g, '')).toContain('财政资金紧张未按时拨付，我单位未开展政府采购工作。');
      expect(out.endsWith('错误 0 项，警告 0 项，提示 8 项\n')).toBe(true);
    },
  },
  { name: 'an unknown command', args: ['frobnicate'], status: 2, stdout: '', stderr: '错误：未知的命令 frobnicate\n' },
  {
    name: 'a wrong profile file: every problem, in Chinese, each at its path',
    args: ['check', 'seed-000.xlsx', '--rules', 'r.json'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx', 'r.json': { text: '{"extends":"zhengzhou-shangjie","budget":{"benchmark":120},"tolerance":-1,"severity":{"score-mismatch":"loud","nope":"off"},"colour":"red"}' } },
    status: 2,
    stdout: '',
    stderr: [
      'r.json：评分规则文件有误',
      '  budget.benchmark：应为 0 到 100 之间的百分数',
      '  tolerance：不应小于 0',
      '  severity.score-mismatch：应为 "off"、"info"、"warning" 或 "error"',
      '  severity.nope：未知的问题代码 "nope"',
      '  colour：未知的设置项',
      '',
    ].join('\n'),
  },
  { name: 'an unknown command, in English', args: ['frobnicate', '--lang', 'en'], status: 2, stdout: '', stderr: "error: unknown command 'frobnicate'\n" },
  { name: 'an unknown option', args: ['eval', 'seed-000.xlsx', '--bogus'], files: { 'seed-000.xlsx': 'seed-000.xlsx' }, status: 2, stdout: '', stderr: '错误：未知的选项 --bogus\n', after: ['seed-000.xlsx'] },
  { name: 'an unknown option, in English', args: ['eval', 'seed-000.xlsx', '--bogus', '--lang', 'en'], files: { 'seed-000.xlsx': 'seed-000.xlsx' }, status: 2, stdout: '', stderr: "error: unknown option '--bogus'\n", after: ['seed-000.xlsx'] },
  { name: 'a language it does not have', args: ['eval', 'seed-000.xlsx', '--lang', 'fr'], files: { 'seed-000.xlsx': 'seed-000.xlsx' }, status: 2, stdout: '', stderr: '错误：选项 --lang <lang> 的取值“fr”无效，可选：zh, en\n' },
  { name: 'eval without a path', args: ['eval'], status: 2, stdout: '', stderr: '错误：缺少参数 paths\n' },
  { name: 'eval without a path, in English', args: ['eval', '--lang', 'en'], status: 2, stdout: '', stderr: "error: missing required argument 'paths'\n" },

  // eval and check of one file.
  {
    name: 'eval seed-004: the table, the findings, the scored copy beside it; exit 1',
    args: ['eval', 'seed-004.xlsx'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 1,
    stdout: inOrder(`郑州市金水区人民政府办公室  seed-004.xlsx · ${SEED4} · 评分规则 mof`, '│ 总分               │ 97.20          │ 95.92          │', `${SEED4}!H25`, `${SEED4}!H27`, '错误 2 项，警告 5 项，提示 0 项\n', '已写入评分副本：seed-004.scored.xlsx\n'),
    after: ['seed-004.scored.xlsx', 'seed-004.xlsx'],
  },
  {
    name: 'eval --no-write writes nothing',
    args: ['eval', 'seed-004.xlsx', '--no-write'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 1,
    stdout: (out) => {
      expect(out).toContain('错误 2 项，警告 5 项，提示 0 项\n');
      expect(out).not.toContain('已写入');
    },
    after: ['seed-004.xlsx'],
  },
  {
    name: 'eval --lang en',
    args: ['eval', 'seed-004.xlsx', '--no-write', '--lang', 'en'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 1,
    stdout: inOrder('· Profile mof\n', '│ Total ', '│ error    │ 部门整体绩效自评表!H25 │', '2 errors, 5 warnings, 0 info\n'),
  },
  {
    name: 'eval -o: the copy where it says',
    args: ['eval', 'seed-000.xlsx', '--profile', 'zhengzhou-shangjie', '-o', 'out/copy.xlsx'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx', 'out/.keep': { text: '' } },
    status: 0,
    stdout: /已写入评分副本：out\/copy\.xlsx\n$/,
    after: ['out/', 'out/.keep', 'out/copy.xlsx', 'seed-000.xlsx'],
  },
  {
    name: 'eval -o naming the input is refused before anything is written',
    args: ['eval', 'seed-000.xlsx', '-o', './seed-000.xlsx'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 2,
    stdout: '',
    stderr: /^\.\/seed-000\.xlsx.*\n$/,
    after: ['seed-000.xlsx'],
  },
  ...FIXTURE_RESULTS.map(([name, status, summary, totals]): CliCase => ({
    name: `check ${name} --format json`,
    args: ['check', name, '--format', 'json'],
    files: { [name]: name },
    status,
    stdout: jsonReport({ files: 1, unreadable: 0, ...summary }, totals.map(([sheet, total]) => [name, sheet, total])),
    after: [name],
  })),
  {
    name: 'check --format junit',
    args: ['check', 'seed-004.xlsx', '--format', 'junit'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 1,
    stdout: inOrder('<?xml version="1.0" encoding="UTF-8"?>\n', '<testsuites', '</testsuites>\n'),
  },
  {
    name: 'check --format sarif',
    args: ['check', 'seed-004.xlsx', '--format', 'sarif'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 1,
    stdout: (out) => {
      const doc = JSON.parse(out) as { version: string; runs: { results: unknown[] }[] };
      expect(doc.version).toBe('2.1.0');
      expect(doc.runs[0]!.results).toHaveLength(7);
    },
  },
  {
    name: 'check --format github, the step summary appended to $GITHUB_STEP_SUMMARY',
    args: ['check', 'seed-004.xlsx', '--format', 'github'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx', 'summary.md': { text: '' } },
    env: { GITHUB_STEP_SUMMARY: 'summary.md' },
    status: 1,
    stdout: (out) => {
      const lines = out.trimEnd().split('\n');
      expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(2);
      expect(lines.filter((l) => l.startsWith('::warning ') || l.startsWith('::notice ')).length).toBe(5);
    },
    check: (dir) => expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('seed-004.xlsx'),
  },
  {
    name: 'check of the other formats: .xls, .ods, .fods and a web page, each the score of its source',
    args: ['check', 'seed-000.xls', 'seed-000.ods', 'seed-000.fods', 'seed-000.web.xls', '--profile', 'zhengzhou-shangjie', '--format', 'json'],
    files: { 'seed-000.xls': 'formats/seed-000.xls', 'seed-000.ods': 'formats/seed-000.ods', 'seed-000.fods': 'formats/seed-000.fods', 'seed-000.web.xls': 'formats/seed-000.web.xls' },
    status: 0,
    stdout: jsonReport({ files: 4, tables: 4, errors: 0 }),
  },

  // Files and paths that cannot be scored.
  { name: 'a path that does not exist', args: ['eval', 'nope.xlsx'], status: 2, stdout: '', stderr: 'nope.xlsx：文件不存在\n', after: [] },
  { name: 'a path that does not exist, in English', args: ['check', 'nope.xlsx', '--lang', 'en'], status: 2, stdout: '', stderr: 'nope.xlsx: no such file\n' },
  {
    name: 'a text file named .xlsx: an unreadable-file error in the report, exit 1',
    args: ['check', 'bad.xlsx', '--format', 'json'],
    files: { 'bad.xlsx': { text: 'not a workbook' } },
    status: 1,
    stdout: (out) => {
      const doc = JSON.parse(out) as Doc;
      expect(doc.unreadable.map((u) => [u.file, u.code])).toEqual([['bad.xlsx', 'unreadable-file']]);
    },
  },
  {
    name: 'nothing matched',
    args: ['check', 'empty', '--lang', 'en'],
    files: { 'empty/notes.txt': { text: 'no workbooks here' } },
    status: 2,
    stdout: '',
    stderr: /^.*empty.*\n$/,
  },

  // Batches.
  {
    name: 'a batch of two files, in the order given',
    args: ['check', 'b/seed-004.xlsx', 'a/seed-000.xlsx', '--format', 'json'],
    files: { 'a/seed-000.xlsx': 'seed-000.xlsx', 'b/seed-004.xlsx': 'seed-004.xlsx' },
    status: 1,
    stdout: jsonReport({ files: 2, tables: 2, errors: 2 }, [['b/seed-004.xlsx', SEED4, 97.2], ['a/seed-000.xlsx', '自评表', 95]]),
  },
  {
    name: 'eval of a folder --out-dir: the copies keep their folders, the skipped files said',
    args: ['eval', '材料', '--out-dir', '评分结果', '--profile', 'zhengzhou-shangjie'],
    files: {
      '材料/上街区/seed-000.xlsx': 'seed-000.xlsx',
      '材料/金水区/seed-004.xlsx': 'seed-004.xlsx',
      '材料/金水区/~$seed-004.xlsx': { text: 'lock' },
    },
    status: 1,
    stdout: inOrder(
      '材料/上街区/seed-000.xlsx · 自评表',
      '材料/金水区/seed-004.xlsx · 部门整体绩效自评表',
      '排名（文件路径相对于 材料/）\n',
      '金水区/~$seed-004.xlsx',
      '锁定文件\n\n共 3 个文件：已评分 2 个，已跳过 1 个\n错误 2 项，警告 9 项，提示 8 项\n已写入评分副本 2 份：评分结果\n',
    ),
    stderr: '已跳过 1 个锁定文件（~$…，Excel/WPS 打开工作簿时生成）：材料/金水区/~$seed-004.xlsx\n',
    after: ['材料/', '材料/上街区/', '材料/上街区/seed-000.xlsx', '材料/金水区/', '材料/金水区/seed-004.xlsx', '材料/金水区/~$seed-004.xlsx', '评分结果/', '评分结果/上街区/', '评分结果/上街区/seed-000.scored.xlsx', '评分结果/金水区/', '评分结果/金水区/seed-004.scored.xlsx'],
  },
  {
    name: '-o with --out-dir is refused',
    args: ['eval', 'seed-000.xlsx', '-o', 'a.xlsx', '--out-dir', 'out'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 2,
    stdout: '',
    stderr: /\n$/,
    after: ['seed-000.xlsx'],
  },
  {
    name: '--output-file: the report there, nothing on stdout',
    args: ['check', 'seed-000.xlsx', '--format', 'junit', '--output-file', 'report.xml'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 0,
    stdout: '',
    after: ['report.xml', 'seed-000.xlsx'],
    check: (dir) => expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toMatch(/^<\?xml[^]*<\/testsuites>\n$/),
  },
  {
    name: '--summary that is neither .xlsx nor .csv',
    args: ['check', '.', '--summary', '汇总.txt'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 2,
    stdout: '',
    stderr: /汇总\.txt/,
    after: ['seed-000.xlsx'],
  },

  // CI controls: ignore patterns, globs that match nothing, -o misuse.
  {
    name: '--ignore leaves out what it matches (repeatable), said on stderr',
    args: ['check', '材料', '--ignore', '材料/旧/**', '--ignore', '**/草稿.xlsx', '--format', 'json'],
    files: { '材料/新/seed-000.xlsx': 'seed-000.xlsx', '材料/旧/seed-004.xlsx': 'seed-004.xlsx', '材料/新/草稿.xlsx': 'seed-004.xlsx' },
    status: 0,
    stdout: jsonReport({ files: 1, errors: 0 }, [['材料/新/seed-000.xlsx', '自评表', 95]]),
    stderr: '已排除 2 个文件（--ignore 或 ! 模式）：材料/新/草稿.xlsx、材料/旧/seed-004.xlsx\n',
  },
  {
    name: 'a "!" pattern among the paths excludes, as --ignore does',
    args: ['check', '材料/**/*.xlsx', '!材料/旧/**', '--format', 'json', '--lang', 'en'],
    files: { '材料/新/seed-000.xlsx': 'seed-000.xlsx', '材料/旧/seed-004.xlsx': 'seed-004.xlsx' },
    status: 0,
    stdout: jsonReport({ files: 1, errors: 0 }, [['材料/新/seed-000.xlsx', '自评表', 95]]),
    stderr: 'excluded 1 file (--ignore or a ! pattern): 材料/旧/seed-004.xlsx\n',
  },
  {
    name: 'a file named on the command line that an ignore pattern excludes: nothing to score, exit 0',
    args: ['check', '旧/seed-004.xlsx', '--ignore', '旧'],
    files: { '旧/seed-004.xlsx': 'seed-004.xlsx' },
    status: 0,
    stdout: '错误 0 项，警告 0 项，提示 0 项\n',
    stderr: '已排除 1 个文件（--ignore 或 ! 模式）：旧/seed-004.xlsx\n',
  },
  {
    name: 'a glob that matches nothing is exit 2, naming it, even beside files that match',
    args: ['check', 'seed-000.xlsx', '材料/**/*.xlsx'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 2,
    stdout: '',
    stderr: '没有找到与“材料/**/*.xlsx”匹配的工作簿\n',
  },
  { name: 'a glob that matches nothing, in English (as ESLint says it)', args: ['check', '*.xlsm', '--lang', 'en'], status: 2, stdout: '', stderr: 'No files matching the pattern "*.xlsm" were found.\n' },
  {
    name: 'a glob whose every file is ignored is exit 2, naming it',
    args: ['check', '旧/*.xlsx', '!旧/**'],
    files: { '旧/seed-004.xlsx': 'seed-004.xlsx' },
    status: 2,
    stdout: '',
    stderr: '与“旧/*.xlsx”匹配的文件都已被 --ignore 或 ! 模式排除\n',
  },
  {
    name: 'eval -o report.json --format json is refused with a hint to --output-file, nothing written',
    args: ['eval', 'seed-004.xlsx', '-o', 'report.json', '--format', 'json'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 2,
    stdout: '',
    stderr: '-o report.json：评分副本须是 .xlsx 或 .xlsm 工作簿；要把报告写入文件，请用 --output-file report.json\n',
    after: ['seed-004.xlsx'],
  },
  {
    name: 'eval -o that is not a workbook name, in English',
    args: ['eval', 'seed-004.xlsx', '-o', 'copy.csv', '--lang', 'en'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 2,
    stdout: '',
    stderr: '-o copy.csv: the scored copy must be named .xlsx or .xlsm; to write the report to a file, use --output-file copy.csv\n',
    after: ['seed-004.xlsx'],
  },
  {
    name: 'eval -o naming an .xlsm for a workbook without macros is refused',
    args: ['eval', 'seed-000.xlsx', '-o', 'copy.XLSM'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 2,
    stdout: '',
    stderr: '-o copy.XLSM：seed-000.xlsx 不是启用宏的工作簿，评分副本须以 .xlsx 结尾（Excel 不打开不含宏的 .xlsm）\n',
    after: ['seed-000.xlsx'],
  },
  {
    name: 'eval -o naming .XLSX, in any case, is a copy',
    args: ['eval', 'seed-000.xlsx', '-o', 'copy.XLSX', '--profile', 'zhengzhou-shangjie'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 0,
    after: ['copy.XLSX', 'seed-000.xlsx'],
  },

  // Colour: --color / --no-color, FORCE_COLOR, NO_COLOR (the table has NO_COLOR=1 and no terminal).
  { name: 'no colour off a terminal', args: ['check', 'seed-004.xlsx'], files: { 'seed-004.xlsx': 'seed-004.xlsx' }, env: { NO_COLOR: '' }, status: 1, stdout: (out) => expect(out).not.toContain('\u001b[') },
  { name: 'FORCE_COLOR=1 colours, NO_COLOR notwithstanding', args: ['check', 'seed-004.xlsx'], files: { 'seed-004.xlsx': 'seed-004.xlsx' }, env: { FORCE_COLOR: '1' }, status: 1, stdout: (out) => expect(out).toContain('\u001b[31m错误 2 项，警告 5 项，提示 0 项\u001b[39m') },
  { name: 'FORCE_COLOR=0 does not', args: ['check', 'seed-004.xlsx'], files: { 'seed-004.xlsx': 'seed-004.xlsx' }, env: { FORCE_COLOR: '0', NO_COLOR: '' }, status: 1, stdout: (out) => expect(out).not.toContain('\u001b[') },
  { name: '--color colours, NO_COLOR notwithstanding', args: ['check', 'seed-004.xlsx', '--color'], files: { 'seed-004.xlsx': 'seed-004.xlsx' }, status: 1, stdout: (out) => expect(out).toContain('\u001b[31m错误 2 项，警告 5 项，提示 0 项\u001b[39m') },
  { name: '--no-color wins over FORCE_COLOR', args: ['check', 'seed-004.xlsx', '--no-color'], files: { 'seed-004.xlsx': 'seed-004.xlsx' }, env: { FORCE_COLOR: '3' }, status: 1, stdout: (out) => expect(out).not.toContain('\u001b[') },
  {
    name: '--color never colours a report written to a file',
    args: ['check', 'seed-004.xlsx', '--color', '--output-file', 'report.txt'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 1,
    stdout: '',
    check: (dir) => expect(readFileSync(join(dir, 'report.txt'), 'utf8')).not.toContain('\u001b['),
  },

  // --max-warnings.
  { name: '--max-warnings not exceeded', args: ['check', 'budget-zero-total.xlsx', '--profile', 'zhengzhou-shangjie', '--max-warnings', '3'], files: { 'budget-zero-total.xlsx': 'budget-zero-total.xlsx' }, status: 0, stdout: /警告 3 项/ },
  {
    name: '--max-warnings exceeded: exit 1, said on stderr',
    args: ['check', 'budget-zero-total.xlsx', '--profile', 'zhengzhou-shangjie', '--max-warnings', '2'],
    files: { 'budget-zero-total.xlsx': 'budget-zero-total.xlsx' },
    status: 1,
    stderr: '警告 3 项，超过 --max-warnings 允许的 2 项\n',
  },
  {
    name: '--max-warnings that is not a number',
    args: ['check', 'budget-zero-total.xlsx', '--max-warnings', 'many'],
    files: { 'budget-zero-total.xlsx': 'budget-zero-total.xlsx' },
    status: 2,
    stdout: '',
    stderr: '错误：选项 --max-warnings <n> 的取值“many”无效：应为不小于 0 的整数\n',
  },

  // Rule profiles: the working directory's config file and profile files.
  {
    name: 'perf-score.config.json in the working directory is used',
    args: ['check', 'seed-000.xlsx', '--format', 'json'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx', 'perf-score.config.json': { text: JSON.stringify({ extends: 'zhengzhou-shangjie' }) } },
    status: 0,
    stdout: (out) => expect((JSON.parse(out) as { files: { profile: string }[] }).files[0]!.profile).toBe('perf-score.config.json'),
  },
  {
    name: '--rules: a broken profile file is refused, every problem at once',
    args: ['check', 'seed-000.xlsx', '--rules', 'rules.json', '--lang', 'en'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx', 'rules.json': { text: JSON.stringify({ extends: 'nope', grades: 'x' }) } },
    status: 2,
    stdout: '',
    stderr: /^rules\.json: .*\n {2}extends: unknown profile "nope"/,
  },
  { name: 'profiles lists the built-in profiles', args: ['profiles'], status: 0, stdout: (out) => expect(out.trimEnd().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(PROFILE_NAMES) },
  { name: 'profiles show NAME', args: ['profiles', 'show', 'hubei'], status: 0, stdout: (out) => expect((JSON.parse(out) as { name: string }).name).toBe('hubei') },
  {
    name: 'profiles show FILE, relative to the working directory',
    args: ['profiles', 'show', 'p.json'],
    files: { 'p.json': { text: JSON.stringify({ extends: 'hubei' }) } },
    status: 0,
    stdout: (out) => expect((JSON.parse(out) as { name: string }).name).toBe('p.json'),
  },
  { name: 'profiles show an unknown name', args: ['profiles', 'show', 'nope'], status: 2, stdout: '', stderr: '未知的评分规则“nope”，可选：mof, zhengzhou-shangjie, zhengzhou-jinshui, hubei, jiangxi, mof-linear\n' },

  // explain and inspect.
  {
    name: 'explain --row by cell',
    args: ['explain', 'seed-000.xlsx', '--profile', 'zhengzhou-shangjie', '--row', '自评表!F20'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 0,
    stdout: '郑州市上街区信访局 · 自评表 · 评分规则 zhengzhou-shangjie\n  预算执行率：不低于100%，实际完成值 72.41% → 按完成比例：3 × 72.41 / 100 = 2.1723 → 2.17  [自评表!H20]\n',
  },
  {
    name: 'explain --row that is not there',
    args: ['explain', 'seed-000.xlsx', '--row', '不存在的指标'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 2,
    stdout: '',
    stderr: 'seed-000.xlsx：没有与“不存在的指标”相符的指标行\n',
  },
  {
    name: 'explain in English',
    args: ['explain', 'seed-004.xlsx', '--lang', 'en'],
    files: { 'seed-004.xlsx': 'seed-004.xlsx' },
    status: 0,
    stdout: inOrder('郑州市金水区人民政府办公室 · 部门整体绩效自评表 · Profile mof\n', '  budget execution: 173.65 / 234 = 74.21%', '  结转结余率: at most 20%, actual 25.79% → ratio rule: 1 × 20 / 25.79 = 0.7755… → 0.78  [部门整体绩效自评表!H27]\n'),
  },
  {
    name: 'inspect two workbooks',
    args: ['inspect', 'seed-000.xlsx', 'two-tables.xlsx'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx', 'two-tables.xlsx': 'two-tables.xlsx' },
    status: 0,
    stdout: inOrder('seed-000.xlsx', '\n\n', 'two-tables.xlsx'),
  },
  {
    name: 'inspect --textconv: a first line without the path (git passes a temporary one)',
    args: ['inspect', '--textconv', 'seed-000.xlsx'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 0,
    stdout: (out) => expect(out.split('\n').slice(0, 3)).toEqual(['perf-score inspect', '', 'sheet 自评表: indicator table B14:J46 (header row 14, 31 rows)']),
  },
  {
    name: 'inspect --textconv of a damaged workbook: the problem as text on stdout, without the path, exit 0',
    args: ['inspect', '--textconv', 'bad.xlsx', '--lang', 'en'],
    files: { 'bad.xlsx': { text: 'PK\u0003\u0004 not really a zip' } },
    status: 0,
    stdout: /^perf-score inspect\ncannot be read: the workbook is damaged: [^\n]+\n$/,
  },
  {
    name: 'inspect --textconv of a file that is not a workbook, in Chinese',
    args: ['inspect', '--textconv', 'bad.xlsx'],
    files: { 'bad.xlsx': { text: 'not a workbook' } },
    status: 0,
    stdout: 'perf-score inspect\n无法读取：是文本文件，不是工作簿；如是导出的表格，请用 Excel 或 WPS 打开后另存为 .xlsx 再评分\n',
  },
  {
    name: 'inspect a file that is not a workbook: one line, exit 2',
    args: ['inspect', 'bad.xlsx', '--lang', 'en'],
    files: { 'bad.xlsx': { text: 'not a workbook' } },
    status: 2,
    stdout: '',
    stderr: /^bad\.xlsx: [^\n]+\n$/,
  },
  // Every file given accounted for, in every format: two workbooks (one .ods), a damaged one, a lock file, a scored copy.
  {
    name: 'a bureau folder: the ranking fits 80 columns off a terminal, every file a line with its status',
    args: ['check', '材料', '--profile', 'zhengzhou-shangjie'],
    files: BUREAU,
    status: 1,
    stdout: bureauRanking(80),
    stderr: BUREAU_SKIPPED,
  },
  {
    name: 'a bureau folder: --ranking-only prints no tables of the files, only the ranking and the counts',
    args: ['check', '材料', '--profile', 'zhengzhou-shangjie', '--ranking-only'],
    files: BUREAU,
    status: 1,
    stdout: (out) => {
      expect(out.startsWith('排名（文件路径相对于 材料/）\n排名 单位')).toBe(true);
      expect(out).not.toContain('┌');
      bureauRanking(80)(out);
      expect(out.endsWith('\n共 5 个文件：已评分 2 个，无法读取 1 个，已跳过 2 个\n错误 3 项，警告 9 项，提示 8 项\n')).toBe(true);
    },
    stderr: BUREAU_SKIPPED,
  },
  {
    name: 'a bureau folder: --quiet shows the files with errors, and their errors only',
    args: ['check', '材料', '--profile', 'zhengzhou-shangjie', '--quiet'],
    files: BUREAU,
    status: 1,
    stdout: (out) => {
      const blocks = out.slice(0, out.indexOf('排名（'));
      // seed-000 has no finding: no block; the .ods has 2 errors and 9 warnings: its errors only; the damaged file its one.
      expect(blocks).not.toContain(BUREAU_FILES.xlsx);
      expect(blocks).toContain(`${BUREAU_FILES.ods} · ${SEED4}`);
      expect(blocks).toContain(`${BUREAU_FILES.damaged}\n`);
      expect(blocks.match(/^│ 错误 │/gm)).toHaveLength(3);
      expect(blocks).not.toMatch(/^│ 提示 │/m);
      // The ranking and the counts are the whole run's.
      bureauRanking(80)(out);
      expect(out).toContain('错误 3 项，警告 9 项，提示 8 项\n');
    },
    stderr: BUREAU_SKIPPED,
  },
  {
    name: 'a bureau folder as JSON: the skipped files listed with their reason, summary.files counts every file given',
    args: ['check', '材料', '--format', 'json', '--profile', 'zhengzhou-shangjie'],
    files: BUREAU,
    status: 1,
    stdout: (out) => {
      const doc = JSON.parse(out) as Doc;
      expect(doc.schemaVersion).toBe(3);
      expect(doc.files.map((t) => [t.file, t.total])).toEqual([[BUREAU_FILES.xlsx, 95.81], [BUREAU_FILES.ods, 98.03]]);
      expect(doc.unreadable.map((u) => [u.file, u.code])).toEqual([[BUREAU_FILES.damaged, 'unreadable-file']]);
      expect(doc.skipped).toEqual([
        { file: BUREAU_FILES.scored, reason: 'scored-copy', message: `${BUREAU_FILES.scored}：已跳过，是 perf-score 写的评分副本（*.scored.xlsx、*.scored.xlsm）` },
        { file: BUREAU_FILES.lock, reason: 'lock-file', message: `${BUREAU_FILES.lock}：已跳过，是 Excel 或 WPS 打开工作簿时生成的锁定文件（~$ 开头），不是工作簿` },
      ]);
      expect(doc.summary).toEqual({ files: 5, tables: 2, unreadable: 1, skipped: 2, errors: 3, warnings: 9, infos: 8 });
    },
    stderr: BUREAU_SKIPPED,
  },
  {
    name: 'a bureau folder as JUnit: a suite per file, the skipped ones with a skipped testcase',
    args: ['check', '材料', '--format', 'junit', '--profile', 'zhengzhou-shangjie', '--lang', 'en'],
    files: BUREAU,
    status: 1,
    stdout: (out) => {
      const root = parseXml(out);
      const suites = kids(root, 'testsuite');
      expect(suites.map((s) => s.attrs.name)).toEqual([BUREAU_FILES.xlsx, BUREAU_FILES.ods, BUREAU_FILES.damaged, BUREAU_FILES.scored, BUREAU_FILES.lock]);
      expect(root.attrs).toMatchObject({ errors: '1', skipped: '2' });
      expect(suites.map((s) => s.attrs.skipped)).toEqual([undefined, undefined, undefined, '1', '1']);
      expect(kids(kids(suites[2]!, 'testcase')[0]!, 'error')).toHaveLength(1);
      const skipped = suites.slice(3).map((s) => kids(kids(s, 'testcase')[0]!, 'skipped')[0]!.attrs.message);
      expect(skipped).toEqual([
        `${BUREAU_FILES.scored}: skipped, a scored copy perf-score wrote (*.scored.xlsx, *.scored.xlsm)`,
        `${BUREAU_FILES.lock}: skipped, the lock file Excel or WPS leaves while a workbook is open (its name starts with ~$), not a workbook`,
      ]);
    },
    stderr: /^skipped 1 scored copy .*\nskipped 1 lock file .*\n$/,
  },
  {
    name: 'a bureau folder as SARIF: every file an artifact, the damaged one a result, the skipped ones notifications',
    args: ['check', '材料', '--format', 'sarif', '--profile', 'zhengzhou-shangjie'],
    files: BUREAU,
    status: 1,
    stdout: (out) => {
      const log = JSON.parse(out);
      expect(sarifProblems(log)).toEqual([]);
      const run = log.runs[0];
      const all = [BUREAU_FILES.xlsx, BUREAU_FILES.ods, BUREAU_FILES.damaged, BUREAU_FILES.scored, BUREAU_FILES.lock];
      expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(all.map(toUri));
      expect(run.artifacts.map((a: { roles?: string[] }) => a.roles)).toEqual([['analysisTarget'], ['analysisTarget'], ['analysisTarget'], undefined, undefined]);
      const unreadable = run.results.filter((r: { ruleId: string }) => r.ruleId === 'unreadable-file');
      expect(unreadable.map((r: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [r.level, r.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([['error', toUri(BUREAU_FILES.damaged)]]);
      const notes = run.invocations[0].toolExecutionNotifications;
      expect(notes.map((n: { level: string; descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [n.level, n.descriptor.id, n.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([
        ['note', 'scored-copy', toUri(BUREAU_FILES.scored)],
        ['note', 'lock-file', toUri(BUREAU_FILES.lock)],
      ]);
      expect(run.invocations[0].executionSuccessful).toBe(true);
      expect(run.tool.driver.notifications.map((n: { id: string }) => n.id)).toEqual(['lock-file', 'scored-copy']);
    },
    stderr: BUREAU_SKIPPED,
  },
  {
    name: 'a bureau folder as GitHub workflow commands: a notice per skipped file',
    args: ['check', '材料', '--format', 'github', '--profile', 'zhengzhou-shangjie'],
    files: BUREAU,
    status: 1,
    stdout: (out) => {
      const notices = out.split('\n').filter((l) => l.startsWith('::notice ') && l.includes(',title=skipped '));
      expect(notices).toEqual([
        `::notice file=${BUREAU_FILES.scored},title=skipped scored-copy::${BUREAU_FILES.scored}：已跳过，是 perf-score 写的评分副本（*.scored.xlsx、*.scored.xlsm）`,
        `::notice file=${BUREAU_FILES.lock},title=skipped lock-file::${BUREAU_FILES.lock}：已跳过，是 Excel 或 WPS 打开工作簿时生成的锁定文件（~$ 开头），不是工作簿`,
      ]);
      expect(out).toContain(`::error file=${BUREAU_FILES.damaged},title=unreadable-file::`);
    },
    stderr: BUREAU_SKIPPED,
  },
  {
    name: 'a bureau folder: --summary CSV has a row for every file given, with its status',
    args: ['check', '材料', '--profile', 'zhengzhou-shangjie', '--ranking-only', '--summary', '汇总.csv'],
    files: BUREAU,
    status: 1,
    stderr: BUREAU_SKIPPED,
    check: (dir) => {
      const rows = readFileSync(join(dir, '汇总.csv'), 'utf8').slice(1).trimEnd().split('\r\n').map((r) => r.split(','));
      expect(rows.map((r) => [r[0], r[1], r[10]])).toEqual([
        ['排名', '文件', '状态'],
        ['1', BUREAU_FILES.ods, '错误'],
        ['2', BUREAU_FILES.xlsx, '通过'],
        ['', BUREAU_FILES.damaged, `${BUREAU_FILES.damaged}：工作簿已损坏`],
        ['', BUREAU_FILES.scored, `${BUREAU_FILES.scored}：已跳过`],
        ['', BUREAU_FILES.lock, `${BUREAU_FILES.lock}：已跳过`],
      ].map(([a, b, c]) => [a, b, expect.stringContaining(c!)]));
    },
  },
  {
    name: '--quiet with another format than the console is refused',
    args: ['check', 'seed-000.xlsx', '--format', 'json', '--quiet'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 2,
    stdout: '',
    stderr: '--quiet 只用于控制台报告（--format table），不能与 --format json 同时使用\n',
  },
  {
    name: '--ranking-only of a single file: its line, in English',
    args: ['eval', 'seed-000.xlsx', '--ranking-only', '--lang', 'en', '--profile', 'zhengzhou-shangjie', '--no-write'],
    files: { 'seed-000.xlsx': 'seed-000.xlsx' },
    status: 0,
    stdout: (out) => {
      const [title, head, , row, ...rest] = rankingLines(out, 80, 'Ranking');
      expect([title, head, row, rest]).toEqual(['Ranking', '# Unit               File          Total Decl. Grade Err. Warn. Status', '1 郑州市上街区信访局 seed-000.xlsx 95.81 95.81 优       0     0 ok', []]);
      expect(out.endsWith('\n\n1 file: 1 scored\n0 errors, 0 warnings, 8 info\n')).toBe(true);
    },
  },
  {
    name: 'eval --ranking-only of two files beside each other: the copies said in one line',
    args: ['eval', 'a', '--ranking-only', '--profile', 'zhengzhou-shangjie'],
    files: { 'a/seed-000.xlsx': 'seed-000.xlsx', 'a/seed-002.xlsx': 'seed-002.xlsx' },
    status: 0,
    stdout: (out) => {
      const [title, , , ...rows] = rankingLines(out, 80, '排名（文件路径相对于 a/）');
      expect(title).toBe('排名（文件路径相对于 a/）');
      expect(rows.map((r) => r.trim().split(/ +/).slice(0, 4))).toEqual([['1', '郑州市上街…会常务委员会办公室', 'seed-002.xlsx', '96.88'], ['2', '郑州市上街区信访局', 'seed-000.xlsx', '95.81']]);
      expect(out.endsWith('\n\n共 2 个文件：已评分 2 个\n错误 0 项，警告 0 项，提示 9 项\n已写入评分副本 2 份，各在其输入文件旁\n')).toBe(true);
    },
    after: ['a/', 'a/seed-000.scored.xlsx', 'a/seed-000.xlsx', 'a/seed-002.scored.xlsx', 'a/seed-002.xlsx'],
  },
];
