// Writes that cannot lie, through the real bin: the defects corpus's reproducers (disk-full.sh,
// output-collisions.sh, signals.sh, bomb-strings-511MiB.xlsx in a folder) as tests of what is
// promised: every file written whole or not at all, no input ever changed, no two inputs written to
// one file, every skip said, nothing written after the command has ended, and a file that exhausts a
// worker's memory failing that file alone.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, cleanWorkdirs, listing, loadWorkbook, run, sha256, workdir } from './cli/helpers.js';
import { writeManyCells, writeStringsBomb } from './cli/heavy.js';

const mounted: string[] = [];

/** For the tests that score hundreds of files or a bomb: a guard against a hang on a loaded machine, not a speed limit. */
const HEAVY = 180_000;

afterEach(() => {
  for (const dir of mounted.splice(0)) spawnSync('umount', [dir]);
  cleanWorkdirs();
});

interface Doc {
  files: { file: string; total: number }[];
  unreadable: { file: string; code: string; message: string }[];
  summary: { files: number; tables: number; unreadable: number };
}

/** Every temporary file perf-score may have left under `dir`. */
function temps(dir: string): string[] {
  return listing(dir).filter((f) => f.endsWith('.tmp'));
}

/** Whether a file is a whole zip: it ends with an end-of-central-directory record. */
function isWholeZip(path: string): boolean {
  const bytes = readFileSync(path);
  return bytes.length > 22 && bytes.readUInt32LE(bytes.length - 22) === 0x06054b50;
}

/**
 * A tmpfs of `kb` KiB mounted at `dir/name`, filled to leave `freeKb` KiB: a full disk. Null where
 * mounting is not allowed (not root, or no CAP_SYS_ADMIN): the tests that need one are skipped.
 */
function fullDisk(dir: string, name: string, freeKb: number): string | null {
  const mnt = join(dir, name);
  mkdirSync(mnt);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', mnt]).status !== 0) return null;
  mounted.push(mnt);
  const st = statfsSync(mnt);
  const avail = Number(st.bavail) * Number(st.bsize);
  writeFileSync(join(mnt, 'fill'), Buffer.alloc(avail - freeKb * 1024));
  return mnt;
}

describe('a full disk (disk-full.sh)', () => {
  it('a scored copy that does not fit is not written, and not said to be: exit 2 naming it, nothing left', (ctx) => {
    const dir = workdir(['seed-000.xlsx']);
    const full = fullDisk(dir, 'full', 8);
    if (full === null) return ctx.skip();
    const r = run(['eval', 'seed-000.xlsx', '-o', 'full/out.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).not.toContain('written');
    expect(r.stderr).toBe('full/out.xlsx: cannot write (no space left on the disk, ENOSPC)\n');
    expect(readdirSync(full)).toEqual(['fill']);
  });

  it('the report (--output-file) and the summary (--summary) neither', (ctx) => {
    const dir = workdir(['seed-000.xlsx', 'seed-004.xlsx']);
    const full = fullDisk(dir, 'full', 4);
    if (full === null) return ctx.skip();
    const report = run(['check', '.', '--format', 'junit', '--output-file', 'full/report.xml'], { cwd: dir });
    expect(report.status).toBe(2);
    // The disk's filler file is in the folder too: a file that is not a workbook, said as skipped.
    expect(report.stderr).toMatch(/^已跳过 1 个不是工作簿的文件：full\/fill\n\S*full\/report\.xml：无法写入（(磁盘空间不足，ENOSPC|写入了 0 字节，磁盘可能已满)）\n$/);
    const summary = run(['check', '.', '--summary', 'full/汇总.xlsx', '--format', 'json'], { cwd: dir });
    expect(summary.status).toBe(2);
    expect(summary.stderr).toContain('full/汇总.xlsx：无法写入');
    expect(readdirSync(full)).toEqual(['fill']);
  });

  it('in a batch, each copy that does not fit is reported, the report is whole, exit 2', (ctx) => {
    const dir = workdir([], 'in');
    for (const name of ['a', 'b', 'c']) copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'in', `${name}.xlsx`));
    const full = fullDisk(dir, 'full', 16);
    if (full === null) return ctx.skip();
    const r = run(['eval', 'in', '--out-dir', 'full/out', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.files.map((f) => f.file)).toEqual(['in/a.xlsx', 'in/b.xlsx', 'in/c.xlsx']);
    const failed = r.stderr.trimEnd().split('\n');
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const line of failed) expect(line).toMatch(/^full\/out\/[abc]\.scored\.xlsx：无法写入（/);
    const written = readdirSync(join(full, 'out'));
    expect(temps(full)).toEqual([]);
    expect(written.length).toBe(3 - failed.length);
    for (const name of written) expect(isWholeZip(join(full, 'out', name))).toBe(true);
  });
});

describe('a copy that cannot be written in a batch', () => {
  it('is reported and the run exits 2; the other copies are written, nothing is left half-written', () => {
    const dir = workdir(['seed-000.xlsx', 'seed-004.xlsx']);
    // A folder where one copy would go: its rename fails (as root too, unlike a read-only folder).
    mkdirSync(join(dir, 'seed-004.scored.xlsx'));
    const r = run(['eval', 'seed-000.xlsx', 'seed-004.xlsx', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('seed-004.scored.xlsx：无法写入（EISDIR）\n');
    expect((JSON.parse(r.stdout) as Doc).summary).toMatchObject({ files: 2, tables: 2 });
    expect(listing(dir)).toEqual(['seed-000.scored.xlsx', 'seed-000.xlsx', 'seed-004.scored.xlsx/', 'seed-004.xlsx']);
    expect(isWholeZip(join(dir, 'seed-000.scored.xlsx'))).toBe(true);
  });
});

describe('outputs that would collide (output-collisions.sh)', () => {
  it('`eval *.xlsx` run twice: the first run’s copy is skipped, said so, and no input changes', () => {
    const dir = workdir();
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'a.xlsx'));
    const input = sha256(join(dir, 'a.xlsx'));
    const shell = (lang: string) => spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" eval *.xlsx --lang ${lang}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const first = shell('zh');
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const copy = sha256(join(dir, 'a.scored.xlsx'));
    // The shell now passes a.scored.xlsx a.xlsx.
    const second = shell('zh');
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('已跳过 1 个评分副本（*.scored.xlsx、*.scored.xlsm）：a.scored.xlsx\n');
    expect(second.stdout).toContain('已写入评分副本：a.scored.xlsx\n');
    expect(second.stdout).not.toContain('a.scored.scored');
    expect(listing(dir)).toEqual(['a.scored.xlsx', 'a.xlsx']);
    expect(sha256(join(dir, 'a.xlsx'))).toBe(input);
    // The copy of a.xlsx, written again: a whole workbook, the same bytes.
    expect(sha256(join(dir, 'a.scored.xlsx'))).toBe(copy);
    const en = shell('en');
    expect(en.stderr).toBe('skipped 1 scored copy (*.scored.xlsx, *.scored.xlsm): a.scored.xlsx\n');
    expect(sha256(join(dir, 'a.xlsx'))).toBe(input);
  });

  it('`eval r.xlsm r.xlsx`: two copies, r.scored.xlsm and r.scored.xlsx, both written', () => {
    const dir = workdir([], 'c');
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'c/r.xlsm'));
    copyFileSync(join(FIXTURES, 'seed-004.xlsx'), join(dir, 'c/r.xlsx'));
    const r = run(['eval', 'c/r.xlsm', 'c/r.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('scored copy written: c/r.scored.xlsm\n');
    expect(r.stdout).toContain('scored copy written: c/r.scored.xlsx\n');
    expect(listing(join(dir, 'c'))).toEqual(['r.scored.xlsm', 'r.scored.xlsx', 'r.xlsm', 'r.xlsx']);
    expect(sha256(join(dir, 'c/r.scored.xlsm'))).not.toBe(sha256(join(dir, 'c/r.scored.xlsx')));
  });

  it('a.xls beside a.xlsx: a.scored.xlsx is the .xlsx’s, the other keeps its extension in its name', async () => {
    const dir = workdir();
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'a.xlsx'));
    // A package saved under an .xls name: read as what it is.
    copyFileSync(join(FIXTURES, 'seed-004.xlsx'), join(dir, 'a.xls'));
    const r = run(['eval', 'a.xls', 'a.xlsx'], { cwd: dir });
    expect(r.stdout).toContain('已写入评分副本：a.xls.scored.xlsx\n已写入评分副本：a.scored.xlsx\n');
    expect(listing(dir)).toEqual(['a.scored.xlsx', 'a.xls', 'a.xls.scored.xlsx', 'a.xlsx']);
    expect((await loadWorkbook(join(dir, 'a.scored.xlsx'))).worksheets.map((w) => w.name)).toContain('自评表');
    expect((await loadWorkbook(join(dir, 'a.xls.scored.xlsx'))).worksheets.map((w) => w.name)).toContain('部门整体绩效自评表');
    expect(sha256(join(dir, 'a.xlsx'))).toBe(sha256(join(FIXTURES, 'seed-000.xlsx')));
  });

  it('two inputs that would still share a copy: exit 2 naming both, before anything is read or written', () => {
    const dir = workdir();
    for (const name of ['a.xls', 'a.xlsx', 'a.xls.xlsx']) copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, name));
    const before = listing(dir);
    const r = run(['eval', '.', '--out-dir', 'out'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('a.xls 和 a.xls.xlsx 的评分副本会写到同一个文件 out/a.xls.scored.xlsx：请将其中一个改名后再评分\n');
    expect(listing(dir)).toEqual(before);
  });

  it('an output that is an input through a hard link, or two outputs that are one file: exit 2, nothing written', () => {
    const dir = workdir(['seed-000.xlsx']);
    linkSync(join(dir, 'seed-000.xlsx'), join(dir, 'seed-000.scored.xlsx'));
    const input = sha256(join(dir, 'seed-000.xlsx'));
    const linked = run(['eval', 'seed-000.xlsx'], { cwd: dir });
    expect(linked.status).toBe(2);
    expect(linked.stderr).toBe('seed-000.scored.xlsx：与输入文件 seed-000.xlsx 是同一个文件（链接），不能作为输出\n');
    expect(sha256(join(dir, 'seed-000.xlsx'))).toBe(input);
    const both = run(['check', 'seed-000.xlsx', '--output-file', 'r.csv', '--summary', './r.csv'], { cwd: dir });
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('--output-file 和 --summary 会写到同一个文件 ./r.csv\n');
    const copy = run(['eval', 'seed-000.xlsx', '-o', 'x.xlsx', '--output-file', 'x.xlsx', '--lang', 'en'], { cwd: dir });
    expect(copy.status).toBe(2);
    expect(copy.stderr).toBe('-o and --output-file would both be written to x.xlsx\n');
    expect(listing(dir)).toEqual(['seed-000.scored.xlsx', 'seed-000.xlsx']);
  });
});

describe('lock files and scored copies', () => {
  it('in a folder: skipped, one line per kind on stderr; the report is the same', () => {
    const dir = workdir([], 'in');
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'in/a.xlsx'));
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'in/a.scored.xlsx'));
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'in/m.scored.xlsm'));
    writeFileSync(join(dir, 'in/~$a.xlsx'), 'lock');
    const r = run(['check', 'in', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      '已跳过 2 个评分副本（*.scored.xlsx、*.scored.xlsm）：in/a.scored.xlsx、in/m.scored.xlsm\n已跳过 1 个锁定文件（~$…，Excel/WPS 打开工作簿时生成）：in/~$a.xlsx\n',
    );
    expect((JSON.parse(r.stdout) as Doc).files.map((f) => f.file)).toEqual(['in/a.xlsx']);
  });

  it('a single lock file named alone is refused, saying what it is; a scored copy named alone is scored', () => {
    const dir = workdir(['seed-000.xlsx']);
    writeFileSync(join(dir, '~$seed-000.xlsx'), 'lock');
    const lock = run(['check', '~$seed-000.xlsx', '--lang', 'en'], { cwd: dir });
    expect(lock.status).toBe(2);
    expect(lock.stderr).toBe('~$seed-000.xlsx: is the lock file Excel or WPS leaves while a workbook is open (its name starts with ~$), not a workbook; score the file without ~$\n');
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'old.scored.xlsx'));
    const copy = run(['check', 'old.scored.xlsx', '--format', 'json'], { cwd: dir });
    expect(copy.stderr).toBe('');
    expect((JSON.parse(copy.stdout) as Doc).files.map((f) => f.file)).toEqual(['old.scored.xlsx']);
  });

  it('other workbook formats in a folder are taken, and reported when they cannot be read: none vanishes', () => {
    const dir = workdir([], 'in');
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'in/a.xlsx'));
    for (const name of ['b.xls', 'c.et', 'd.ods', 'e.xlsb', 'f.XLTX', 'g.xlt', 'h.ett', 'i.xltm', 'j.xlsm']) writeFileSync(join(dir, 'in', name), 'not a workbook');
    const r = run(['check', 'in', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.summary.files).toBe(10);
    expect(doc.unreadable.map((u) => u.file)).toEqual(['in/b.xls', 'in/c.et', 'in/d.ods', 'in/e.xlsb', 'in/f.XLTX', 'in/g.xlt', 'in/h.ett', 'in/i.xltm', 'in/j.xlsm']);
  });
});

/** Resolves with how the process ended: its signal, or its exit code. */
function ended(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

/** Polls until `test` holds; fails the test after a generous cap (a guard against a hang, not a speed limit). */
async function until(test: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !test(); waited += 20) {
    if (waited > HEAVY / 2) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A folder `in` of `n` copies of seed-000, and an environment that logs every Node main thread started. */
function batch(n: number): { dir: string; env: Record<string, string | undefined>; started: () => number[] } {
  const dir = workdir([], 'in');
  for (let i = 0; i < n; i++) copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'in', `${String(i).padStart(3, '0')}.xlsx`));
  const log = join(dir, 'started.txt');
  const probe = join(dir, 'probe.cjs');
  writeFileSync(probe, `if (require('node:worker_threads').isMainThread) require('node:fs').appendFileSync(${JSON.stringify(log)}, process.pid + '\\n');\n`);
  const env = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--require ${JSON.stringify(probe)}` };
  const started = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map(Number) : []);
  return { dir, env, started };
}

const copiesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.scored.xlsx')).length : 0);

describe.skipIf(process.platform === 'win32')('signals (signals.sh)', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} during a batch: every temporary file removed, the report not written, ended by ${signal}`, async () => {
      const { dir, env } = batch(300);
      const child = spawn(process.execPath, [BIN, 'eval', 'in', '--out-dir', 'out', '--format', 'json', '--output-file', 'report.json'], { cwd: dir, env, stdio: 'ignore' });
      const end = ended(child);
      await until(() => copiesIn(join(dir, 'out')) >= 20, 'copies written');
      child.kill(signal);
      expect(await end).toEqual({ code: null, signal });
      expect(temps(dir)).toEqual([]);
      expect(existsSync(join(dir, 'report.json'))).toBe(false);
      const copies = readdirSync(join(dir, 'out'));
      expect(copies.length).toBeLessThan(300);
      for (const name of copies) expect(isWholeZip(join(dir, 'out', name)), name).toBe(true);
    }, HEAVY);
  }

  it('SIGKILL during a batch: the batch’s second Node ends too, removing its temporary files; nothing is written after', async () => {
    const { dir, env, started } = batch(300);
    const child = spawn(process.execPath, [BIN, 'eval', 'in', '--out-dir', 'out'], { cwd: dir, env, stdio: 'ignore' });
    const end = ended(child);
    await until(() => copiesIn(join(dir, 'out')) >= 20, 'copies written');
    child.kill('SIGKILL');
    expect(await end).toEqual({ code: null, signal: 'SIGKILL' });
    // The first Node, and the second it started for the batch (src/run/batch-heap.ts).
    const pids = started();
    expect(pids[0]).toBe(child.pid);
    expect(pids).toHaveLength(2);
    await until(() => !isAlive(pids[1]!), 'the batch’s Node ended');
    const atEnd = copiesIn(join(dir, 'out'));
    expect(atEnd).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 500));
    expect(copiesIn(join(dir, 'out'))).toBe(atEnd);
    expect(temps(join(dir, 'out'))).toEqual([]);
    for (const name of readdirSync(join(dir, 'out'))) expect(isWholeZip(join(dir, 'out', name)), name).toBe(true);
  }, HEAVY);
});

describe.skipIf(process.platform === 'win32')('a reader that closes the pipe', () => {
  it('ends the run with exit 2, the temporary files of the copies being written removed', () => {
    const { dir } = batch(60);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" eval in --out-dir out --format json | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    expect(temps(dir)).toEqual([]);
    for (const name of readdirSync(join(dir, 'out'))) expect(isWholeZip(join(dir, 'out', name)), name).toBe(true);
  }, HEAVY);
});

/** Whether a process is still running (signal 0 only asks); one ended but not yet reaped (a zombie, on Linux) is not. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

describe('memory: a file that exhausts a worker’s heap fails alone', () => {
  it('the bomb in a folder (bomb-strings-511MiB.xlsx): exit 1, the JSON whole, the good file scored, the bomb unreadable-file', async () => {
    const dir = workdir([], 'd');
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'd/a.xlsx'));
    await writeStringsBomb(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'd/z.xlsx'), 510);
    const r = run(['check', 'd', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.files.map((f) => [f.file, f.total])).toEqual([['d/a.xlsx', 95]]);
    expect(doc.unreadable).toEqual([{ file: 'd/z.xlsx', code: 'unreadable-file', severity: 'error', message: expect.stringMatching(/^d\/z\.xlsx：/) }]);
    expect(doc.unreadable[0]!.message).not.toContain('内部错误');
    expect(doc.summary).toMatchObject({ files: 2, tables: 1, unreadable: 1 });
  }, HEAVY);

  it('a worker heap lowered for the test (PERF_SCORE_WORKER_HEAP_MB): the file that needs more is unreadable-file, said plainly; the others come, in order', async () => {
    const dir = workdir([], 'd');
    copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'd/a.xlsx'));
    await writeManyCells(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'd/m.xlsx'), 40_000);
    copyFileSync(join(FIXTURES, 'seed-004.xlsx'), join(dir, 'd/z.xlsx'));
    // A heap flag of the test's own keeps the batch in one Node: the second Node's --max-old-space-size
    // would be every thread's cap (V8's flag wins over a worker's resourceLimits).
    const env = { ...process.env, NO_COLOR: '1', PERF_SCORE_WORKER_HEAP_MB: '32', NODE_OPTIONS: '--max-semi-space-size=8' };
    const r = run(['check', 'd', '--format', 'json'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.files.map((f) => f.file)).toEqual(['d/a.xlsx', 'd/z.xlsx']);
    expect(doc.unreadable).toEqual([{ file: 'd/m.xlsx', code: 'unreadable-file', severity: 'error', message: 'd/m.xlsx：读取时内存不足（文件过大或已损坏）' }]);
    const en = run(['eval', 'd', '--out-dir', 'out', '--lang', 'en', '--format', 'json', '--jobs', '1'], { cwd: dir, env });
    expect(en.status).toBe(1);
    expect((JSON.parse(en.stdout) as Doc).unreadable[0]!.message).toBe('d/m.xlsx: ran out of memory while reading it (the file is too large or damaged)');
    expect(listing(join(dir, 'out'))).toEqual(['a.scored.xlsx', 'z.scored.xlsx']);
    // The same file with the worker's usual heap is read.
    const usual = run(['check', 'd', '--format', 'json'], { cwd: dir, env: { ...env, PERF_SCORE_WORKER_HEAP_MB: undefined } });
    expect((JSON.parse(usual.stdout) as Doc).unreadable).toEqual([]);
  }, HEAVY);
});
