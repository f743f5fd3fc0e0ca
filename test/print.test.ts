// The scored copy of every fixture, printed by a reader we did not write: LibreOffice converts it to
// PDF, poppler's pdftotext and pdfinfo read the pages back. The indicator table with its added
// columns prints one page wide (every page that shows 计算得分 shows the table's 三级指标 too: a
// table split across pages would show the added columns alone), and 评分结果 on one A4 portrait page,
// the last. Skipped, and said, where LibreOffice or poppler-utils is not installed; nothing here is
// timed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeTable } from '../src/engine/analyze.js';
import { loadProfile } from '../src/profiles/index.js';
import { openWorkbook } from '../src/workbook/read.js';
import { scoredCopy } from '../src/workbook/write.js';
import { cleanWorkdirs, FIXTURES, workdir } from './cli/helpers.js';
import { have, SOFFICE } from './tools/readers.js';

const POPPLER = ['pdftotext', 'pdfinfo'].every((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0);
if (!POPPLER) process.stderr.write('\n[perf-score tests] pdftotext/pdfinfo are not installed (Debian package poppler-utils): the checks of printed copies are SKIPPED.\n');

/** Fixtures the tool refuses by name, so that they have no scored copy (a table without a 分值 column). */
const REFUSED = ['hb-huangshi-haimian.xlsx'];
const FILES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.xlsx') && !REFUSED.includes(f))
  .sort();
/** The profile each fixture is scored under: the seeds of 上街 under their own region's rules. */
const PROFILE: Record<string, string> = { 'seed-000.xlsx': 'zhengzhou-shangjie', 'seed-002.xlsx': 'zhengzhou-shangjie' };

const ready = have('libreoffice') && POPPLER;

describe.runIf(ready)('the scored copy of every fixture, printed by LibreOffice', () => {
  let dir = '';
  const pdfOf = (f: string) => join(dir, f.replace(/\.xlsx$/, '.pdf'));

  beforeAll(async () => {
    dir = workdir();
    for (const f of FILES) {
      const opened = await openWorkbook(join(FIXTURES, f));
      const profile = loadProfile(PROFILE[f] ?? 'mof');
      const reports = opened.tables.map((t) => analyzeTable(t, profile));
      writeFileSync(join(dir, f), scoredCopy(opened, reports, 'zh', '.xlsx', { profileDescription: profile.description }).bytes);
    }
    const profileDir = join(dir, 'lo-profile');
    mkdirSync(profileDir);
    // One LibreOffice for every file, with a profile of its own.
    const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${profileDir}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...FILES.map((f) => join(dir, f))], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`LibreOffice could not convert the copies: ${r.stderr}`);
  }, 600_000);

  afterAll(cleanWorkdirs);

  /** The text of each page of a PDF. */
  function pages(pdf: string): string[] {
    const count = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    return Array.from({ length: count }, (_, i) => spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-'], { encoding: 'utf8' }).stdout);
  }

  it.each(FILES)('%s: the table one page wide, 评分结果 on one A4 portrait page', (f) => {
    const text = pages(pdfOf(f));
    const tablePages = text.filter((t) => t.includes('计算得分'));
    expect(tablePages.length).toBeGreaterThan(0);
    for (const t of tablePages) {
      // The table's own header beside ours (三级指标, or 指标名称 in a 重庆 list without levels).
      expect(t).toMatch(/三级指标|指标名称/);
      expect(t).toContain('检查结果');
    }
    const summary = text.findIndex((t) => t.includes('绩效自评表评分结果'));
    expect(summary).toBe(text.length - 1);
    const size = /Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)/.exec(spawnSync('pdfinfo', ['-f', String(text.length), '-l', String(text.length), pdfOf(f)], { encoding: 'utf8' }).stdout)!;
    expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([595, 842]);
  });
});
