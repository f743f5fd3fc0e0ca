// Writing whole or not at all (src/atomic.ts), with the file-system calls injected to fail as a full
// disk, a quota or a network file system would: a short write is written on or fails, never renamed
// into place; whatever fails leaves the target as it was and no temporary file.
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAtomic, removeTempsBeside, tempsBeside, writeFileAtomic, type WriteFs } from '../src/atomic.js';
import { RunError } from '../src/errors.js';
import { uiFor } from '../src/i18n/messages.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perf-score-atomic-'));
  dirs.push(dir);
  return dir;
}

/** The real calls, with some replaced. */
function fsWith(overrides: Partial<WriteFs>): WriteFs {
  return { ...(fs as WriteFs), ...overrides };
}

/** A writer like a disk with `free` bytes left: short writes up to it, then writes of nothing. */
function diskWithRoom(free: number): WriteFs {
  let left = free;
  return fsWith({
    writeSync(fd, data, offset, length) {
      const n = Math.min(length, left, 1000);
      left -= n;
      return n === 0 ? 0 : fs.writeSync(fd, data, offset, n);
    },
  });
}

/** What `fn` threw, rendered in both languages, with its exit code. */
function failure(fn: () => void): { zh: string; en: string; exitCode: number } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RunError);
    const err = e as RunError;
    return { zh: err.render(uiFor('zh')), en: err.render(uiFor('en')), exitCode: err.exitCode };
  }
  throw new Error('expected a failure');
}

const DATA = Buffer.from('工作簿'.repeat(5000));

describe('writeFileAtomic', () => {
  it('writes on after a short write until every byte is written', () => {
    const dir = folder();
    const target = join(dir, 'out.xlsx');
    let calls = 0;
    const oneByteAtATime = fsWith({
      writeSync(fd, data, offset) {
        calls += 1;
        return fs.writeSync(fd, data, offset, 1);
      },
    });
    writeFileAtomic(target, DATA.subarray(0, 3000), oneByteAtATime);
    expect(calls).toBe(3000);
    expect(readFileSync(target)).toEqual(DATA.subarray(0, 3000));
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
  });

  it('fails on a write of nothing (a full disk), exit 2 naming the file; the target stays as it was, no temporary file', () => {
    const dir = folder();
    const target = join(dir, 'out.xlsx');
    writeFileSync(target, 'the copy of an earlier run');
    const f = failure(() => writeFileAtomic(target, DATA, diskWithRoom(4096)));
    expect(f.exitCode).toBe(2);
    expect(f.zh).toBe(`${target}：无法写入（写入了 0 字节，磁盘可能已满）`);
    expect(f.en).toBe(`${target}: cannot write (no byte could be written; the disk may be full)`);
    expect(readFileSync(target, 'utf8')).toBe('the copy of an earlier run');
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
  });

  it('fails when a write fails (ENOSPC), saying why in words', () => {
    const dir = folder();
    const target = join(dir, 'out.xlsx');
    let written = 0;
    const full = fsWith({
      writeSync(fd, data, offset, length) {
        if (written > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        written = fs.writeSync(fd, data, offset, Math.min(length, 8192));
        return written;
      },
    });
    const f = failure(() => writeFileAtomic(target, DATA, full));
    expect(f.zh).toBe(`${target}：无法写入（磁盘空间不足，ENOSPC）`);
    expect(f.en).toBe(`${target}: cannot write (no space left on the disk, ENOSPC)`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when closing fails (what a network file system or a quota reports late)', () => {
    const dir = folder();
    const target = join(dir, 'out.xlsx');
    const lateError = fsWith({
      closeSync(fd) {
        fs.closeSync(fd);
        throw Object.assign(new Error('EDQUOT'), { code: 'EDQUOT' });
      },
    });
    const f = failure(() => writeFileAtomic(target, DATA, lateError));
    expect(f.zh).toBe(`${target}：无法写入（超出磁盘配额，EDQUOT）`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when the rename fails, leaving the target and no temporary file', () => {
    const dir = folder();
    const target = join(dir, 'out.xlsx');
    writeFileSync(target, 'before');
    const f = failure(() => writeFileAtomic(target, DATA, fsWith({ renameSync: () => { throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' }); } })));
    expect(f.zh).toBe(`${target}：无法写入（EXDEV）`);
    expect(readFileSync(target, 'utf8')).toBe('before');
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
  });

  it('fails when the temporary file cannot be made, removing nothing it did not make', () => {
    const dir = folder();
    const target = join(dir, 'missing', 'out.xlsx');
    const f = failure(() => writeFileAtomic(target, DATA));
    expect(f.zh).toBe(`${target}：无法写入（ENOENT）`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('openAtomic, written in pieces', () => {
  it('a failure in the middle removes what was written; later calls do nothing', () => {
    const dir = folder();
    const target = join(dir, 'report.json');
    const file = openAtomic(target, diskWithRoom(2500));
    file.write('{"files": [');
    file.write(DATA.subarray(0, 2000));
    expect(tempsBeside(target)).toHaveLength(1);
    const f = failure(() => file.write(DATA));
    expect(f.exitCode).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    file.write('more');
    file.commit();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('abort removes the temporary file and leaves the target', () => {
    const dir = folder();
    const target = join(dir, 'report.json');
    writeFileSync(target, 'old');
    const file = openAtomic(target);
    file.write('new');
    file.abort();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(target, 'utf8')).toBe('old');
  });
});

describe('tempsBeside', () => {
  it("finds this process's temporary files of one target, and nothing else", () => {
    const dir = folder();
    const target = join(dir, 'a.scored.xlsx');
    const names = [
      `.a.scored.xlsx.${process.pid}.0123abcd.tmp`,
      `.a.scored.xlsx.${process.pid + 1}.0123abcd.tmp`,
      `.b.scored.xlsx.${process.pid}.0123abcd.tmp`,
      `.a.scored.xlsx.${process.pid}.notours.tmp`,
      'a.scored.xlsx',
    ];
    for (const name of names) writeFileSync(join(dir, name), '');
    expect(tempsBeside(target)).toEqual([join(dir, names[0]!)]);
    removeTempsBeside(target);
    expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort());
  });
});
