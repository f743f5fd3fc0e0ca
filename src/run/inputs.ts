// The command line's paths turned into the list of workbooks to score: files as given, folders walked
// recursively and quoted globs matched, in an order that is the same on every machine. Lock files and
// our own scored copies are left out of a batch, and listed, so that the user can be told; so are the
// files an ignore pattern (`--ignore GLOB`, or a path argument starting with `!`) excludes. A folder or
// a glob that yields nothing is an error naming it.
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { RunError } from '../errors.js';
import type { SkippedFile } from '../model.js';
import { compareText } from '../order.js';

/** What the command line asks to score. */
export interface Inputs {
  /** The workbooks to score, in a deterministic order, each spelled as the user would see it (may be none). */
  files: string[];
  /**
   * What was left out, in the same order and spelling: scored copies, lock files, the files of a
   * folder not named as workbooks (`others`), and files an ignore pattern excludes.
   */
  skipped: { scored: string[]; locks: string[]; others: string[]; ignored: string[] };
}

/** The files a folder or a glob yields: every workbook format perf-score reads, or is to read. */
export const WORKBOOK_EXTENSIONS: readonly string[] = ['.xlsx', '.xlsm', '.xltx', '.xltm', '.xls', '.xlt', '.et', '.ett', '.ods', '.xlsb'];

const GLOB_CHARS = /[*?[{]/;

/**
 * What a file is by its name: a workbook; a lock file Excel or WPS keeps beside an open workbook
 * (`~$自评表.xlsx`); a scored copy we wrote (`*.scored.xlsx`, `*.scored.xlsm`); or something else.
 */
export function kindOfName(name: string): 'workbook' | 'lock' | 'scored' | 'other' {
  const lower = name.toLowerCase();
  if (!WORKBOOK_EXTENSIONS.includes(extname(lower))) return 'other';
  if (lower.startsWith('~$')) return 'lock';
  if (lower.endsWith('.scored.xlsx') || lower.endsWith('.scored.xlsm')) return 'scored';
  return 'workbook';
}

/** Whether a file found in a folder or by a glob is one to score. */
export function isCandidate(name: string): boolean {
  return kindOfName(name) === 'workbook';
}

/** Files no one sent on purpose: hidden ones (`.DS_Store`), and those Windows and macOS leave in folders. */
function isHiddenOrSystem(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('.') || lower.startsWith('~$') || lower === 'thumbs.db' || lower === 'desktop.ini' || lower === 'icon\r';
}

/** The command line's arguments split: paths (files, folders, globs) and ignore patterns (`!GLOB`, without the `!`). */
export function splitArgs(args: readonly string[]): { paths: string[]; ignore: string[] } {
  return {
    paths: args.filter((a) => !a.startsWith('!')),
    ignore: args.filter((a) => a.startsWith('!') && a.length > 1).map((a) => a.slice(1)),
  };
}

/** What was skipped as one list, for the run's outputs to account for: scored copies, then lock files. */
export function skippedFiles(skipped: Inputs['skipped']): SkippedFile[] {
  return [
    ...skipped.scored.map((file) => ({ file, reason: 'scored-copy' as const })),
    ...skipped.locks.map((file) => ({ file, reason: 'lock-file' as const })),
    ...skipped.others.map((file) => ({ file, reason: 'not-a-workbook' as const })),
  ];
}

/**
 * Whether a file is excluded by an ignore pattern. Patterns are globs relative to the working
 * directory (`材料/旧/**`, `材料/旧`, `草稿*.xlsx` at the top; an absolute pattern against the absolute path), matched
 * against the file's path and each folder above it, so that `材料/旧` excludes what is under it too.
 */
export function ignoreMatcher(patterns: readonly string[], cwd: string): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  // As for globs (expandGlob), `\` is a separator on Windows only; elsewhere it escapes.
  const posix = (p: string) => (process.platform === 'win32' ? p.replaceAll('\\', '/') : p);
  const matchers = patterns.map((pattern) => {
    const absolute = isAbsolute(pattern);
    const spelled = posix(absolute ? pattern : pattern.replace(/^(\.\/)+/, '')).replace(/\/+$/, '');
    return { absolute, isMatch: picomatch(spelled, { dot: true, windows: false }) };
  });
  return (file) => {
    const full = resolve(cwd, file);
    const forms = { absolute: posix(full), relative: posix(relative(cwd, full)) };
    return matchers.some(({ absolute, isMatch }) => {
      const path = absolute ? forms.absolute : forms.relative;
      // The path itself, then each folder above it: `a/b/c.xlsx`, `a/b`, `a`.
      for (let p = path; p !== ''; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
        if (isMatch(p)) return true;
      }
      return false;
    });
  };
}

/**
 * Expands the command line's paths: files, folders (recursive) and quoted globs; arguments starting
 * with `!` and `ignore` are ignore patterns (see ignoreMatcher). In a batch (several paths, a folder or
 * a glob) scored copies and lock files are skipped, named ones too, since a shell expanding `*.xlsx`
 * names them. A single file is taken as given, unless it is a lock file (exit 2). A folder or a glob
 * that yields no workbook (or only ignored ones) is an error (exit 2) naming it; a file named on the
 * command line that an ignore pattern excludes is left out and listed, without failing (CI passes
 * the changed files, some of which may be ignored).
 */
export async function expandInputs(rawArgs: readonly string[], cwd: string, ignorePatterns: readonly string[] = []): Promise<Inputs> {
  const split = splitArgs(rawArgs);
  const args = split.paths;
  const ignored = ignoreMatcher([...ignorePatterns, ...split.ignore], cwd);
  const kinds = await Promise.all(args.map((arg) => kindOf(resolve(cwd, arg))));
  const batch = args.length > 1 || kinds.some((kind, i) => kind === 'dir' || (kind === 'missing' && GLOB_CHARS.test(args[i]!)));
  const inputs: Inputs = { files: [], skipped: { scored: [], locks: [], others: [], ignored: [] } };
  const seen = new Set<string>();
  const ignoredSeen = new Set<string>();
  for (const [i, arg] of args.entries()) {
    const found = await expandOne(arg, kinds[i]!, cwd);
    let matched = false;
    for (const { file, explicit } of found) {
      if (ignored(file)) {
        if (explicit) matched = true;
        const key = resolve(cwd, file);
        if (!ignoredSeen.has(key)) inputs.skipped.ignored.push(file);
        ignoredSeen.add(key);
        continue;
      }
      const kind = kindOfName(basename(file));
      // A folder holding no workbook at all matched nothing, whatever else it holds.
      if (explicit || kind !== 'other') matched = true;
      const key = resolve(cwd, file);
      if (seen.has(key)) continue;
      seen.add(key);
      if (explicit && !batch) {
        if (kind === 'lock') throw new RunError((ui) => ui.notWorkbook(file, 'lock'));
        inputs.files.push(file);
      } else if (kind === 'lock') inputs.skipped.locks.push(file);
      else if (kind === 'scored') inputs.skipped.scored.push(file);
      else if (explicit || kind === 'workbook') inputs.files.push(file);
      else inputs.skipped.others.push(file);
    }
    const workbooks = found.filter(({ file, explicit }) => explicit || kindOfName(basename(file)) !== 'other');
    if (!matched) throw new RunError((ui) => (workbooks.length === 0 ? ui.noMatch(arg) : ui.allIgnored(arg)));
  }
  return inputs;
}

/** Whether the command line may stand for more than one file: several paths, a folder or a glob (ignore patterns aside). */
export async function mayBeBatch(rawArgs: readonly string[], cwd: string): Promise<boolean> {
  const args = splitArgs(rawArgs).paths;
  if (args.length !== 1) return args.length > 1;
  return GLOB_CHARS.test(args[0]!) || (await kindOf(resolve(cwd, args[0]!))) === 'dir';
}

type SkipWords = Record<'skippedScored' | 'skippedLocks' | 'skippedOthers' | 'skippedIgnored', (names: string[], total: number) => string>;

/** The lines telling the user what a run skipped, one per kind (none when nothing was). */
export function skippedLines(skipped: Inputs['skipped'], ui: SkipWords): string[] {
  const SHOWN = 3;
  const lines: string[] = [];
  if (skipped.scored.length > 0) lines.push(ui.skippedScored(skipped.scored.slice(0, SHOWN), skipped.scored.length));
  if (skipped.locks.length > 0) lines.push(ui.skippedLocks(skipped.locks.slice(0, SHOWN), skipped.locks.length));
  if (skipped.others.length > 0) lines.push(ui.skippedOthers(skipped.others.slice(0, SHOWN), skipped.others.length));
  if (skipped.ignored.length > 0) lines.push(ui.skippedIgnored(skipped.ignored.slice(0, SHOWN), skipped.ignored.length));
  return lines;
}

/**
 * The files one argument stands for, spelled from the argument: itself when it is a file (explicit),
 * else the files of a folder or a glob that may be workbooks (skipped ones included, to be listed).
 */
async function expandOne(arg: string, kind: 'file' | 'dir' | 'missing', cwd: string): Promise<{ file: string; explicit: boolean }[]> {
  if (kind === 'file') return [{ file: arg, explicit: true }];
  const listed = (rel: string) => kindOfName(baseName(rel)) !== 'other';
  if (kind === 'dir') {
    // Every file of a folder is accounted for: what is not named as a workbook is listed as skipped
    // (a PDF a unit sent instead of its 自评表), hidden and system files aside.
    const found = await walk(resolve(cwd, arg), Infinity);
    return found.filter((rel) => listed(rel) || !isHiddenOrSystem(baseName(rel))).map((rel) => ({ file: join(arg, rel), explicit: false }));
  }
  if (!GLOB_CHARS.test(arg)) throw new RunError((ui) => ui.notFound(arg));
  return (await expandGlob(arg, cwd, listed)).map((file) => ({ file, explicit: false }));
}

/** The files a glob matches: the folder before its first glob segment is walked, the rest is matched. */
async function expandGlob(arg: string, cwd: string, keep: (rel: string) => boolean): Promise<string[]> {
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
  return found.filter((rel) => isMatch(rel) && keep(rel)).map((rel) => join(prefix, rel));
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
