// Running perf-score's reader and writer in process, but each task in a child Node that can be
// stopped: a task that uses more than the cap of CPU time is a hang (the child is killed and
// replaced), one that runs the child out of heap is reported as such, and neither takes the test run
// down with it. The cap counts CPU time, not wall time, so that a busy machine does not turn a slow
// file into a "hang"; a wall-time cap five times larger is the safety net (and the only cap where
// /proc is missing). The child runs test/corpus/worker.ts bundled by esbuild (Node 20 cannot load
// TypeScript), so it reaches perf-score through the adapter like every other test file.
import { build } from 'esbuild';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './env.js';
import type { TaskName, Tasks } from './worker.js';

export type TaskOutcome<T> =
  | { ok: true; value: T; ms: number; cpuMs: number | null }
  /** `hang`: past the CPU cap; `heap`: out of memory; `error`: the task threw; `exit`: the child died otherwise. */
  | { ok: false; kind: 'hang' | 'heap' | 'error' | 'exit'; message: string; ms: number; cpuMs: number | null };

const PROC = existsSync('/proc/self/stat');
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) of a process so far, in ms; null where /proc is not there. */
export function cpuMsOf(pid: number): number | null {
  if (!PROC) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function rssMbOf(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Bundles the worker once per process, beside node_modules so that its bare imports resolve. */
let bundled: Promise<string> | null = null;
function workerBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(REPO, 'node_modules/.cache/perf-score-tests');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `worker-${process.pid}.mjs`);
    await build({
      entryPoints: [join(REPO, 'test/corpus/worker.ts')],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return outfile;
  })();
  return bundled;
}

/** Pools not yet closed; the last to close removes the bundle (a test process may be killed before its 'exit'). */
let openPools = 0;

interface Pending {
  id: number;
  task: TaskName;
  args: unknown[];
  resolve: (o: TaskOutcome<unknown>) => void;
}

interface Slot {
  child: ChildProcess | null;
  stderr: string;
  current: (Pending & { started: number; cpuAtStart: number | null; timer: NodeJS.Timeout }) | null;
}

export interface PoolOptions {
  /** Children at once; 2 by default. */
  size?: number;
  /** The hang detector, in CPU time: 60 s by default. */
  cpuCapMs?: number;
  /** Each child's old-space limit (MB): past it the task is reported `heap`, not the run killed. */
  heapMb?: number;
  /** A child's resident memory past this (MB) is killed and reported `heap`: 3000 by default. */
  ceilingMb?: number;
}

export class IsolatedPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private next = 0;
  private readonly cpuCapMs: number;
  private readonly heapMb: number;
  private readonly ceilingMb: number;

  constructor(opts: PoolOptions = {}) {
    this.slots = Array.from({ length: opts.size ?? 2 }, () => ({ child: null, stderr: '', current: null }));
    this.cpuCapMs = opts.cpuCapMs ?? 60_000;
    this.heapMb = opts.heapMb ?? 1536;
    this.ceilingMb = opts.ceilingMb ?? 3000;
    openPools++;
  }

  run<K extends TaskName>(task: K, ...args: Parameters<Tasks[K]>): Promise<TaskOutcome<Awaited<ReturnType<Tasks[K]>>>> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.next++, task, args, resolve: resolve as (o: TaskOutcome<unknown>) => void });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    const file = await workerBundle();
    for (const slot of this.slots) {
      if (slot.current !== null || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.child ??= this.spawn(slot, file);
      const child = slot.child;
      const started = Date.now();
      const cpuAtStart = cpuMsOf(child.pid!);
      const timer = setInterval(() => {
        const wall = Date.now() - started;
        const cpu = cpuMsOf(child.pid!);
        const used = cpu !== null && cpuAtStart !== null ? cpu - cpuAtStart : null;
        if (used !== null && used > this.cpuCapMs) this.finish(slot, { ok: false, kind: 'hang', message: `no answer within ${this.cpuCapMs / 1000} s of CPU time`, ms: wall, cpuMs: used }, true);
        else if (wall > this.cpuCapMs * 5) this.finish(slot, { ok: false, kind: 'hang', message: `no answer within ${(this.cpuCapMs * 5) / 1000} s`, ms: wall, cpuMs: used }, true);
        else if (PROC && rssMbOf(child.pid!) > this.ceilingMb) this.finish(slot, { ok: false, kind: 'heap', message: `resident memory past ${this.ceilingMb} MB`, ms: wall, cpuMs: used }, true);
      }, 100);
      slot.current = { ...job, started, cpuAtStart, timer };
      child.send({ id: job.id, task: job.task, args: job.args });
    }
  }

  private spawn(slot: Slot, file: string): ChildProcess {
    const child = fork(file, [], {
      execArgv: [`--max-old-space-size=${this.heapMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, NO_COLOR: '1' },
    });
    slot.stderr = '';
    child.stderr!.on('data', (b: Buffer) => {
      slot.stderr = (slot.stderr + b.toString()).slice(-4000);
    });
    child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      if (slot.child !== child || slot.current?.id !== m.id) return;
      const ms = Date.now() - slot.current.started;
      const cpu = cpuMsOf(child.pid!);
      const cpuMs = cpu !== null && slot.current.cpuAtStart !== null ? cpu - slot.current.cpuAtStart : null;
      this.finish(slot, m.error !== undefined ? { ok: false, kind: 'error', message: m.error, ms, cpuMs } : { ok: true, value: m.value, ms, cpuMs }, false);
    });
    child.on('exit', (code, signal) => {
      if (slot.child !== child) return;
      slot.child = null;
      if (!slot.current) return;
      const heap = /heap limit|out of memory/i.test(slot.stderr);
      const message = heap ? `out of heap (${this.heapMb} MB): ${/FATAL ERROR[^\n]*/.exec(slot.stderr)?.[0] ?? ''}` : `child died: ${signal ?? `exit ${code}`} ${slot.stderr.trim().split('\n').slice(-3).join(' | ')}`;
      this.finish(slot, { ok: false, kind: heap ? 'heap' : 'exit', message, ms: Date.now() - slot.current.started, cpuMs: null }, false);
    });
    return child;
  }

  private finish(slot: Slot, outcome: TaskOutcome<unknown>, kill: boolean): void {
    const job = slot.current;
    if (!job) return;
    clearInterval(job.timer);
    slot.current = null;
    if (kill && slot.child) {
      const c = slot.child;
      slot.child = null;
      c.kill('SIGKILL');
    }
    job.resolve(outcome);
    void this.pump();
  }

  async close(): Promise<void> {
    for (const s of this.slots) {
      s.child?.kill('SIGKILL');
      s.child = null;
    }
    if (--openPools === 0 && bundled) {
      const file = await bundled;
      bundled = null;
      rmSync(file, { force: true });
    }
  }
}
