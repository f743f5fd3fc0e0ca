// The CI formats (JUnit, SARIF, GitHub workflow commands and step summary, CSV ranking), run on the
// seeds scored in process, and checked by small strict readers written here (no dependency).
import { describe, expect, it } from 'vitest';
import { analyzeTable, unreadableFile } from '../src/engine/analyze.js';
import { RunError } from '../src/errors.js';
import type { FileReport, Finding, TableReport } from '../src/model.js';
import { loadProfile } from '../src/profiles/index.js';
import { toUri } from '../src/report/common.js';
import { formatCsv } from '../src/report/csv.js';
import { digestEntry, digestOf, RunDigest } from '../src/report/digest.js';
import { formatGithub, formatGithubSummary } from '../src/report/github.js';
import { formatJunit } from '../src/report/junit.js';
import { rankTables } from '../src/report/ranking.js';
import { formatSarif } from '../src/report/sarif.js';
import { openWorkbook } from '../src/workbook/read.js';
import { COMMAND, kids, parseCsv, parseXml, sarifProblems, type XmlElement } from './cli/readers.js';

async function scoreFile(file: string, profile: string): Promise<FileReport> {
  const opened = await openWorkbook(file);
  return { file, tables: opened.tables.map((t) => analyzeTable(t, loadProfile(profile))), findings: [] };
}

/** A refusal whose message is `message` in every language. */
function refusal(message: string) {
  return { kind: 'refused' as const, error: new RunError(() => message) };
}

/** A file that could not be read. */
function unreadable(file: string, message: string): FileReport {
  return unreadableFile(file, refusal(message), loadProfile('mof'));
}

const seed000 = await scoreFile('fixtures/seed-000.xlsx', 'zhengzhou-shangjie');
const seed002 = await scoreFile('fixtures/seed-002.xlsx', 'zhengzhou-shangjie');
const seed004 = await scoreFile('fixtures/seed-004.xlsx', 'mof');
const table004 = seed004.tables[0]!;

/** Seed 004 with its table changed, under another file name. */
function variant(file: string, change: Partial<TableReport>): FileReport {
  const table = { ...table004, ...change };
  // The table as read names itself after its sheet (the digest's sheet column is that name).
  if (change.sheet !== undefined) table.table = { ...table004.table, sheet: change.sheet, label: change.sheet };
  return { file, tables: [table], findings: [] };
}

/** Seed 004 with every finding's message replaced (each a finding whose words are `message` in every language). */
function withMessage(message: string): FileReport {
  const findings = table004.findings.map((f): Finding => ({ ...f, code: 'unreadable-file', data: { file: seed004.file, cause: refusal(message) } }));
  return variant(seed004.file, { findings });
}


describe('the XML reader of these tests', () => {
  it('rejects what is not well formed', () => {
    const decl = '<?xml version="1.0" encoding="UTF-8"?>';
    for (const bad of ['<a>', '<a></b>', '<a x=1/>', '<a x="1" x="2"/>', '<a>&</a>', '<a>&nbsp;</a>', '<a x="<"/>', '<a>\u0001</a>', '<a/><b/>']) {
      expect(() => parseXml(decl + bad), bad).toThrow();
    }
    expect(parseXml(`${decl}<a x="&quot;&#10;"><b>&lt;&amp;</b></a>`)).toMatchObject({ attrs: { x: '"\n' }, children: [{ name: 'b', text: '<&' }] });
  });
});

describe('formatJunit', () => {
  it('writes well-formed XML: one suite per table, a testcase per indicator and per file-level check', () => {
    const root = parseXml(formatJunit([seed004]));
    expect(root.name).toBe('testsuites');
    const [suite, ...others] = kids(root, 'testsuite');
    expect(others).toEqual([]);
    expect(suite!.attrs.name).toBe('fixtures/seed-004.xlsx');
    const cases = kids(suite!, 'testcase');
    expect(cases.map((c) => c.attrs.name).slice(-4)).toEqual(['budget', 'weights', 'total', 'grade']);
    expect(cases).toHaveLength(table004.indicators.length + 4);
    expect(cases.find((c) => c.attrs.name === '预算执行率 (部门整体绩效自评表!C25)')?.attrs.classname).toBe('投入管理指标.预算和财务管理');
  });

  it('counts tests, failures and errors right: seed 004 has 2 errors (failures) and 5 warnings (system-out)', () => {
    expect(table004.findings).toHaveLength(7);
    const root = parseXml(formatJunit([seed004]));
    const cases = kids(root, 'testsuite').flatMap((s) => kids(s, 'testcase'));
    const failures = cases.flatMap((c) => kids(c, 'failure'));
    expect(failures.map((f) => f.attrs.type)).toEqual(['missing-reason', 'missing-reason']);
    expect(failures.map((f) => f.text)).toEqual([
      '部门整体绩效自评表!H25 missing-reason: 得分 1.50 低于分值 2.00（已扣分），未填写扣分原因',
      '部门整体绩效自评表!H27 missing-reason: 实际 25.79%，未达到目标 ≤20%（得分 0.00/1.00），未填写偏差原因',
    ]);
    const warnings = cases.flatMap((c) => kids(c, 'system-out')).flatMap((o) => o.text.split('\n'));
    expect(warnings).toHaveLength(5);
    expect(warnings.every((w) => w.startsWith('warning '))).toBe(true);
    expect(cases.find((c) => c.attrs.name === 'total')!.children.map((c) => c.name)).toEqual(['system-out']);
    expect(root.attrs).toMatchObject({ tests: String(table004.indicators.length + 4), failures: '2', errors: '0' });
  });

  it('keeps the counts of every suite and of the root equal to what they hold', () => {
    const twoTables: FileReport = { file: 'two.xlsx', tables: [table004, seed000.tables[0]!], findings: [] };
    const root = parseXml(formatJunit([seed000, twoTables, unreadable('bad.xlsx', '工作簿已损坏')]));
    const suites = kids(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['fixtures/seed-000.xlsx', 'two.xlsx [部门整体绩效自评表]', 'two.xlsx [自评表]', 'bad.xlsx']);
    const count = (cases: XmlElement[]) => ({
      tests: String(cases.length),
      failures: String(cases.filter((c) => kids(c, 'failure').length > 0).length),
      errors: String(cases.filter((c) => kids(c, 'error').length > 0).length),
    });
    for (const s of suites) expect(s.attrs).toMatchObject(count(kids(s, 'testcase')));
    expect(root.attrs).toMatchObject(count(suites.flatMap((s) => kids(s, 'testcase'))));
    expect(root.attrs).toMatchObject({ failures: '2', errors: '1' });
  });

  it('puts a missing budget in `budget`, and a finding tied to no row or check in an extra `table` case', () => {
    const at = (row: number) => ({ sheet: table004.sheet, address: `Z${row}`, row, col: 26 });
    const findings: Finding[] = [
      { code: 'missing-value', severity: 'error', ref: null, indicator: null, data: { field: 'budget-block' } },
      { code: 'unparsed-value', severity: 'error', ref: at(999), indicator: null, data: { problem: 'not-a-number', field: 'weight', text: '?' } },
    ];
    const cases = kids(kids(parseXml(formatJunit([variant('x.xlsx', { budget: null, findings })])), 'testsuite')[0]!, 'testcase');
    const failed = cases.filter((c) => kids(c, 'failure').length > 0).map((c) => [c.attrs.name, kids(c, 'failure')[0]!.attrs.type]);
    expect(failed).toEqual([['budget', 'missing-value'], ['table', 'unparsed-value']]);
  });

  it('reports an unreadable file as a suite with one testcase `read` in error', () => {
    const root = parseXml(formatJunit([unreadable('bad.xlsx', '工作簿已损坏')]));
    const suite = kids(root, 'testsuite')[0]!;
    expect(suite.attrs).toMatchObject({ name: 'bad.xlsx', tests: '1', failures: '0', errors: '1' });
    expect(kids(kids(suite, 'testcase')[0]!, 'error')[0]!.attrs).toEqual({ type: 'unreadable-file', message: '工作簿已损坏' });
  });

  it('escapes & < > " \' and drops control characters', () => {
    const xml = formatJunit([withMessage(`a & b < c > d "e" 'f'\u0001\u001b g\nh`)]);
    const root = parseXml(xml);
    const failure = kids(root, 'testsuite').flatMap((s) => kids(s, 'testcase')).flatMap((c) => kids(c, 'failure'))[0]!;
    expect(failure.attrs.message).toBe(`a & b < c > d "e" 'f' g\nh`);
    expect(xml).toContain('message="a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; g&#10;h"');
  });
});

describe('formatSarif', () => {
  const sarif = (files: FileReport[]) => formatSarif(files, { version: '9.9.9' });

  it('has the required shape: version, $schema, the driver and its rules, a location per result', () => {
    const text = sarif([seed004, seed000]);
    expect(text.startsWith('{\n  "$schema": ')).toBe(true);
    const log = JSON.parse(text);
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'perf-score', version: '9.9.9' });
    expect(log.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(['ambiguous-comparator', 'missed-target', 'missing-reason', 'score-mismatch', 'total-mismatch']);
  });

  it('gives every finding of seed 004 as a result, with its level and its cell as a logical location', () => {
    const results = JSON.parse(sarif([seed004])).runs[0].results;
    expect(results).toHaveLength(7);
    expect(results.filter((r: any) => r.level === 'error')).toHaveLength(2);
    expect(results.filter((r: any) => r.level === 'warning')).toHaveLength(5);
    const h27 = results.find((r: any) => r.ruleId === 'missing-reason' && r.locations[0].logicalLocations[0].name === 'H27');
    expect(h27.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'fixtures/seed-004.xlsx' } },
      logicalLocations: [{ name: 'H27', fullyQualifiedName: '部门整体绩效自评表!H27', kind: 'cell' }],
    });
    expect(h27.properties).toEqual({ indicator: '结转结余率' });
  });

  it('percent-encodes paths into valid URI references, and reports an unreadable file', () => {
    const log = JSON.parse(sarif([{ ...seed004, file: '.\\自评表\\2021 金水#1.xlsx' }, unreadable('坏,文件%.xlsx', '无法读取')]));
    expect(sarifProblems(log)).toEqual([]);
    const uris = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(new Set(uris)).toEqual(new Set(['%E8%87%AA%E8%AF%84%E8%A1%A8/2021%20%E9%87%91%E6%B0%B4%231.xlsx', '%E5%9D%8F%2C%E6%96%87%E4%BB%B6%25.xlsx']));
    expect(decodeURIComponent(uris[0])).toBe('自评表/2021 金水#1.xlsx');
    expect(log.runs[0].results.at(-1)).toMatchObject({ ruleId: 'unreadable-file', level: 'error', message: { text: '无法读取' } });
  });

  it('writes absolute paths as file: URIs', () => {
    expect(toUri('/srv/自评/a b.xlsx')).toBe('file:///srv/%E8%87%AA%E8%AF%84/a%20b.xlsx');
    expect(toUri('C:\\自评\\a.xlsx')).toBe('file:///C:/%E8%87%AA%E8%AF%84/a.xlsx');
    expect(toUri('a:b.xlsx')).toBe('a%3Ab.xlsx');
  });
});

// ---------------------------------------------------------------------------------------------

describe('formatGithub', () => {
  it('writes one workflow command per finding', () => {
    const lines = formatGithub([seed004, seed000]).split('\n');
    expect(lines.pop()).toBe('');
    // Seed 004's 7 findings, and seed 000's eight missed targets as notices.
    expect(lines).toHaveLength(15);
    for (const line of lines) expect(line).toMatch(COMMAND);
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(8);
    expect(lines).toContain('::error file=fixtures/seed-004.xlsx,title=missing-reason 部门整体绩效自评表!H25::得分 1.50 低于分值 2.00（已扣分），未填写扣分原因');
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    const out = formatGithub([withMessage('100%\r\n::error::injected'), unreadable('a,b:c.xlsx', 'x')]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(line).toMatch(COMMAND);
    expect(lines[0]).toMatch(/::100%25%0D%0A::error::injected$/);
    expect(lines.at(-1)).toBe('::error file=a%2Cb%3Ac.xlsx,title=unreadable-file::x');
  });
});

describe('formatGithubSummary', () => {
  it('writes a Markdown table with | escaped, the counts and the findings', () => {
    const md = formatGithubSummary(digestOf([seed004, variant('b.xlsx', { department: 'A|B' })], 'zh'));
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(4);
    // Every row has the header's 8 cells once escaped pipes are set aside.
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(10);
    expect(rows[2]).toBe('| fixtures/seed-004.xlsx | 郑州市金水区人民政府办公室 | 97.20 | 95.92 | 优 | 2 | 5 | 错误 |');
    expect(md).toContain('\n共 2 个文件：已评分 2 个\n');
    expect(rows[3]).toContain('| A\\|B |');
    expect(md).toContain('**错误 4 项，警告 10 项，提示 0 项**');
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(14);
  });

  it('has a row for every file given: an unreadable one with its reason in a few words, a skipped one with its reason', () => {
    const md = formatGithubSummary(digestOf([seed004, unreadable('bad.xlsx', 'bad.xlsx：工作簿已损坏，缺少 xl/styles.xml')], 'zh', [{ file: '~$a.xlsx', reason: 'lock-file' }]));
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.slice(3)).toEqual(['| bad.xlsx |  |  |  |  | 1 | 0 | 工作簿已损坏 |', '| \\~$a.xlsx |  |  |  |  |  |  | 锁定文件 |']);  // ~ escaped for Markdown
    expect(md).toContain('\n共 3 个文件：已评分 1 个，无法读取 1 个，已跳过 1 个\n');
  });

  it('caps the findings list', () => {
    const kept = new RunDigest(3);
    kept.add(digestEntry(seed004, 'en'));
    const md = formatGithubSummary(kept, { lang: 'en' });
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toEqual([expect.any(String), expect.any(String), expect.any(String), '- 4 more not listed']);
  });
});

describe('formatCsv and rankTables', () => {
  it('writes UTF-8 with a BOM and CRLF line ends, headers in Chinese by default', () => {
    const csv = formatCsv(digestOf([seed000, seed002, seed004], 'zh'));
    expect(csv.startsWith('\uFEFF排名,文件,工作表,单位,计算总分,填报总分,等级,填报等级,错误,警告,状态\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(formatCsv(digestOf([], 'zh'), { lang: 'en' })).toBe('\uFEFFRank,File,Sheet,Unit,Computed total,Declared total,Grade,Declared grade,Errors,Warnings,Status\r\n');
  });

  it('ranks the seeds by computed total: 004 (97.20), 002 (96.88), 000 (95.81)', () => {
    const rows = parseCsv(formatCsv(digestOf([seed000, seed002, seed004], 'zh')).slice(1));
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4], r[8], r[9], r[10]])).toEqual([
      ['1', 'fixtures/seed-004.xlsx', '97.20', '2', '5', '错误'],
      ['2', 'fixtures/seed-002.xlsx', '96.88', '0', '0', '通过'],
      ['3', 'fixtures/seed-000.xlsx', '95.81', '0', '0', '通过'],
    ]);
    expect(rows.every((r) => r.length === 11)).toBe(true);
  });

  it('quotes fields with commas, quotes and line breaks, and defuses formulas', () => {
    const csv = formatCsv(digestOf([variant('a,b.xlsx', { department: '某"局"\n二处', sheet: '=HYPERLINK("x")' }), unreadable('bad.xlsx', '损坏')], 'zh'));
    expect(csv).toContain('"a,b.xlsx","\'=HYPERLINK(""x"")","某""局""\n二处",97.20');
    const rows = parseCsv(csv.slice(1));
    expect(rows[1]!.slice(0, 4)).toEqual(['1', 'a,b.xlsx', '\'=HYPERLINK("x")', '某"局"\n二处']);
    expect(rows[2]).toEqual(['', 'bad.xlsx', '', '', '', '', '', '', '1', '0', '损坏']);
  });

  it('gives equal totals the same rank and orders them by file, then sheet', () => {
    const rows = rankTables(digestOf([variant('b.xlsx', {}), seed002, variant('a.xlsx', { sheet: '乙' }), variant('a.xlsx', { sheet: '甲' })], 'zh').tables);
    expect(rows.map((r) => [r.rank, r.file, r.sheet])).toEqual([
      [1, 'a.xlsx', '乙'],
      [1, 'a.xlsx', '甲'],
      [1, 'b.xlsx', '部门整体绩效自评表'],
      [4, 'fixtures/seed-002.xlsx', '自评表'],
    ]);
  });
});
