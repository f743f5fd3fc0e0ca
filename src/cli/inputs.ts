// The command line's paths turned into the list of workbooks to score: files as given, folders walked
// recursively and quoted globs matched, in an order that is the same on every machine.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { RunError } from '../errors.js';
import { compareText } from '../report/common.js';

/** What the command line asks to score. */
export interface Inputs {
  /** The workbooks to score, in a deterministic order, each spelled as the user would see it. */
  files: string[];
}

const GLOB_CHARS = /[*?[{]/;

/** Expands the command line's paths: files, folders (recursive) and quoted globs. */
export async function expandInputs(args: readonly string[], cwd: string): Promise<Inputs> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    for (const file of await expandOne(arg, cwd)) {
      const key = resolve(cwd, file);
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(file);
    }
  }
  if (files.length === 0) throw new RunError((ui) => ui.nothingMatched(args.join(' ')));
  return { files };
}

/** Whether the command line may stand for more than one file: several paths, a folder or a glob. */
export async function mayBeBatch(args: readonly string[], cwd: string): Promise<boolean> {
  if (args.length !== 1) return args.length > 1;
  return GLOB_CHARS.test(args[0]!) || (await kindOf(resolve(cwd, args[0]!))) === 'dir';
}

/** Whether a file found in a folder or by a glob is one to score. */
export function isCandidate(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.xlsx') && !lower.startsWith('~$') && !lower.endsWith('.scored.xlsx');
}

/** The files one argument stands for, spelled from the argument. */
async function expandOne(arg: string, cwd: string): Promise<string[]> {
  const kind = await kindOf(resolve(cwd, arg));
  if (kind === 'file') return [arg];
  if (kind === 'dir') {
    const found = await walk(resolve(cwd, arg), Infinity);
    return found.filter((rel) => isCandidate(baseName(rel))).map((rel) => join(arg, rel));
  }
  if (!GLOB_CHARS.test(arg)) throw new RunError((ui) => ui.notFound(arg));
  return expandGlob(arg, cwd);
}

/** The files a glob matches: the folder before its first glob segment is walked, the rest is matched. */
async function expandGlob(arg: string, cwd: string): Promise<string[]> {
  const pattern = process.platform === 'win32' ? arg.replaceAll('\\', '/') : arg;
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  // The static prefix keeps its trailing slash, so that `/`, `C:/` and `材料/` all resolve and join as expected.
  const prefix = segments.slice(0, firstGlob).map((s) => `${s}/`).join('');
  const rest = segments.slice(firstGlob).join('/');
  // Without `**` or braces the pattern cannot reach deeper than its own segments: `*.xlsx` stays at the top.
  const depth = rest.includes('**') || rest.includes('{') ? Infinity : segments.length - firstGlob;
  const isMatch = picomatch(rest, { dot: false, windows: false });
  const found = await walk(resolve(cwd, prefix), depth);
  return found.filter((rel) => isMatch(rel) && isCandidate(baseName(rel))).map((rel) => join(prefix, rel));
}

/** Whether a path is a file, a folder, or nothing; what stat cannot read (not for want of it) is a file for the reader to report. */
async function kindOf(path: string): Promise<'file' | 'dir' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'file';
  }
}

/**
 * Every file under a folder, as relative paths with `/` separators, sorted by code unit. Folders named `.*` or
 * `node_modules`, symlinked folders and folders that cannot be read are skipped; symlinked files are kept.
 */
async function walk(root: string, depth: number): Promise<string[]> {
  const out: string[] = [];
  async function visit(dir: string, rel: string, left: number): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        const skipped = left <= 1 || entry.name.startsWith('.') || entry.name === 'node_modules';
        if (!skipped) await visit(join(dir, entry.name), path, left - 1);
      } else if (entry.isFile() || (entry.isSymbolicLink() && (await kindOf(join(dir, entry.name))) === 'file')) {
        out.push(path);
      }
    }
  }
  await visit(root, '', depth);
  return out.sort(compareText);
}

function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}
