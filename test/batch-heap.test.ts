// A batch runs in a second Node started with heap flags (src/run/batch-heap.ts): seen through a
// preload script that records, in every main thread, the flags its Node was started with.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_HEAP_FLAGS, heapIsSized } from '../src/run/batch-heap.js';
import { BIN, FIXTURES, cleanWorkdirs, run, workdir } from './cli/helpers.js';

afterEach(cleanWorkdirs);

describe('heapIsSized', () => {
  it('sees the heap flags, ours or the user’s, in the command line or NODE_OPTIONS, in either spelling', () => {
    expect(heapIsSized([], undefined)).toBe(false);
    expect(heapIsSized(['--enable-source-maps'], '--require x.cjs')).toBe(false);
    expect(heapIsSized(BATCH_HEAP_FLAGS, undefined)).toBe(true);
    expect(heapIsSized(['--max-old-space-size=4096'], undefined)).toBe(true);
    expect(heapIsSized([], '--max_semi_space_size=4')).toBe(true);
    expect(heapIsSized([], ' --inspect  --max-old-space-size=512 ')).toBe(true);
    expect(heapIsSized(['--max-old-space-sizes=1'], '--max-heap=1')).toBe(false);
  });
});

interface Seen {
  pid: number;
  ppid: number;
  execArgv: string[];
}

/** A folder of `n` workbooks, and a preload script that logs each Node's start to `log`. */
function batch(n: number): { dir: string; env: Record<string, string | undefined>; seen: () => Seen[] } {
  const dir = workdir([], 'in');
  for (let i = 0; i < n; i++) copyFileSync(join(FIXTURES, 'seed-000.xlsx'), join(dir, 'in', `表${i}.xlsx`));
  const log = join(dir, 'started.jsonl');
  const probe = join(dir, 'probe.cjs');
  writeFileSync(
    probe,
    `const { isMainThread } = require('node:worker_threads');
if (isMainThread) require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv }) + '\\n');\n`,
  );
  const env = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--require ${JSON.stringify(probe)}` };
  const seen = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Seen) : []);
  return { dir, env, seen };
}

describe('a batch in a Node sized for it', () => {
  it('runs the command again with the heap flags, and exits with its code and output', () => {
    const { dir, env, seen } = batch(3);
    writeFileSync(join(dir, 'in/坏表.xlsx'), 'not a workbook');
    const r = run(['check', 'in', '--format', 'json'], { cwd: dir, env });
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { summary: { files: number; unreadable: number } };
    expect(doc.summary).toMatchObject({ files: 4, unreadable: 1 });
    const [first, second, ...more] = seen();
    expect(more).toEqual([]);
    expect(first!.execArgv.some((a) => a.startsWith('--max-'))).toBe(false);
    expect(second!.ppid).toBe(first!.pid);
    expect(second!.execArgv.slice(-BATCH_HEAP_FLAGS.length)).toEqual(BATCH_HEAP_FLAGS);
  });

  it('scores a single file in place, and a batch in place when the user sized the heap', () => {
    const { dir, env, seen } = batch(2);
    expect(run(['check', 'in/表0.xlsx', '--format', 'json'], { cwd: dir, env }).status).toBe(0);
    expect(seen()).toHaveLength(1);
    const sized = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS} --max-old-space-size=2048` };
    const r = run(['eval', 'in', '--out-dir', 'out', '--format', 'json'], { cwd: dir, env: sized });
    expect(r.status).toBe(0);
    expect(seen()).toHaveLength(2);
    expect(existsSync(join(dir, 'out/表1.scored.xlsx'))).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('a signal to the first Node ends the batch, and the first Node the same way', async () => {
    const { dir, env, seen } = batch(40);
    const bin = spawn(process.execPath, [BIN, 'eval', 'in', '--out-dir', 'out', '--format', 'json'], { cwd: dir, env, stdio: 'ignore' });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => bin.on('exit', (_code, signal) => resolve(signal)));
    // Until the second Node has started (the preload runs before the command does).
    while (seen().length < 2) await new Promise((r) => setTimeout(r, 10));
    bin.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    const batchPid = seen()[1]!.pid;
    expect(() => process.kill(batchPid, 0)).toThrow(/ESRCH/);
  });
});
