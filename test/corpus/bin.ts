// Running the real bin as a user does, with a hang detector and a memory meter: the child and
// everything it starts (a batch runs in a second Node) are watched through /proc, and killed when
// they pass the CPU-time cap or the memory ceiling. The cap counts CPU time, so that a busy machine
// does not turn a slow file into a hang; a wall-time cap five times larger is the safety net (and the
// only cap where /proc is missing). Caps detect hangs and runaways; they are not speed or memory
// assertions (those are the tests' own, on the figures returned here).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BIN, REPO } from './env.js';

export interface BinRun {
  args: string[];
  /** Exit code, or null when ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** CPU time of the bin's processes (user + system), in ms; null where /proc is not there. */
  cpuMs: number | null;
  /** Killed at the time cap: no outcome within it. */
  timedOut: boolean;
  /** Killed for passing the memory ceiling. */
  overMemory: boolean;
  /** Sum of the peak resident sizes (VmHWM) of the bin's processes, in MB; null where /proc is not there. */
  peakMb: number | null;
}

export interface BinOptions {
  cwd?: string;
  /** Hang detector, in CPU time of the bin's processes together: 60 s by default. */
  timeoutMs?: number;
  /** Kill the processes when their resident sizes together pass this (MB); 3000 by default. */
  ceilingMb?: number;
  env?: Record<string, string | undefined>;
}

const PROC = existsSync('/proc/self/status');

/** Pids of `root` and its descendants (Linux /proc). */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

function killTree(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Runs `node bin/perf-score.js ARGS` and waits for it, watching time and memory. */
export function runBin(args: string[], opts: BinOptions = {}): Promise<BinRun> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const ceilingKb = (opts.ceilingMb ?? 3000) * 1024;
  const env = opts.env ?? { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', TZ: 'UTC' };
  const start = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const peaks = new Map<number, number>();
    const cpu = new Map<number, number>();
    const cpuUsed = () => [...cpu.values()].reduce((a, b) => a + b, 0);
    let timedOut = false;
    let overMemory = false;
    const poll = () => {
      if (!PROC || child.pid === undefined) return;
      const pids = tree(child.pid);
      let rss = 0;
      for (const pid of pids) {
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, statusKb(pid, 'VmHWM')));
        cpu.set(pid, Math.max(cpu.get(pid) ?? 0, cpuMs(pid)));
        rss += statusKb(pid, 'VmRSS');
      }
      if (rss > ceilingKb) {
        overMemory = true;
        killTree(pids);
      } else if (cpuUsed() > timeoutMs) {
        timedOut = true;
        killTree(pids);
      }
    };
    const meter = setInterval(poll, 50);
    const cap = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) killTree(PROC ? tree(child.pid) : [child.pid]);
    }, timeoutMs * 5);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(meter);
      clearTimeout(cap);
      let peakKb = 0;
      for (const kb of peaks.values()) peakKb += kb;
      resolvePromise({
        args,
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - start,
        cpuMs: PROC ? cpuUsed() : null,
        timedOut,
        overMemory,
        peakMb: PROC ? Math.round(peakKb / 1024) : null,
      });
    });
    poll();
  });
}

/** What a run's stderr must never hold: a stack trace or a V8 fatal error. */
export function traceIn(stderr: string): string | null {
  const m = /^\s+at .+(?::\d+:\d+\)?|\(native\))$/m.exec(stderr) ?? /FATAL ERROR.*|Native stack trace|node::/.exec(stderr);
  return m ? m[0].trim() : null;
}

/** How a run ended, when it did not end cleanly (exit 0/1/2, no stack trace, no internal error); null when clean. */
export function uncleanEnd(run: BinRun): string | null {
  if (run.timedOut) return `no outcome within ${Math.round((run.cpuMs ?? run.ms) / 1000)} s of ${run.cpuMs === null ? 'wall' : 'CPU'} time (killed; ${Math.round(run.ms / 1000)} s wall)`;
  if (run.overMemory) return `killed past the memory ceiling (${run.peakMb} MB)`;
  if (run.signal !== null) return `ended by ${run.signal}${traceIn(run.stderr) ? `: ${firstLine(run.stderr)}` : ''}`;
  if (run.code === null || ![0, 1, 2].includes(run.code)) return `exit code ${run.code}: ${firstLine(run.stderr)}`;
  const trace = traceIn(run.stderr);
  if (trace) return `stack trace on stderr: ${trace}`;
  const internal = /internal error[^\n]*|内部错误[^\n]*/.exec(run.stdout + run.stderr);
  if (internal) return internal[0].slice(0, 200);
  return null;
}

export function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 300);
}
