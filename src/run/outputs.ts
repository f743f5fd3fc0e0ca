// Where a run writes, decided for every input before any file is read: the scored copies' names
// (beside each input, at -o, or under --out-dir), then the checks that keep a run from losing a file:
// no two outputs are one file, and no output is an input, whether spelled with `..`, reached through
// a symbolic link or a hard link to it.
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { RunError } from '../errors.js';
import { inodeOf, realPath } from '../paths.js';
import type { uiFor } from '../i18n/messages.js';

type Ui = ReturnType<typeof uiFor>;

/** Inputs whose copy keeps a macro-enabled extension: Excel refuses to open a macro package named .xlsx. */
const MACRO_EXTENSIONS = new Set(['.xlsm', '.xltm']);

/** `.scored.xlsm` for a macro-enabled input, `.scored.xlsx` for every other (.xls, .ods … are written as .xlsx). */
function copySuffix(input: string): string {
  return MACRO_EXTENSIONS.has(extname(input).toLowerCase()) ? '.scored.xlsm' : '.scored.xlsx';
}

/**
 * Refuses (exit 2) an `-o` that is not a name the copy can have: `.xlsx`, or `.xlsm` for a
 * macro-enabled input (Excel refuses a package named .xlsm that is not macro-enabled). Anything else
 * (`-o report.json`) was meant for --output-file, which the message says.
 */
export function checkCopyName(output: string, input: string): void {
  const ext = extname(output).toLowerCase();
  if (ext === '.xlsx') return;
  if (ext === '.xlsm' && MACRO_EXTENSIONS.has(extname(input).toLowerCase())) return;
  if (ext === '.xlsm') throw new RunError((ui) => ui.outputNotMacro(output, input));
  throw new RunError((ui) => ui.outputNotWorkbook(output));
}

/** `<dir>/<name>.scored.xlsx` (`.scored.xlsm` for .xlsm and .xltm) beside the input. */
export function defaultOutputPath(input: string): string {
  return join(dirname(input), `${basename(input, extname(input))}${copySuffix(input)}`);
}

/** `<dir>/<name><ext>.scored.xlsx`: the copy's name when another input of the same name takes the default one. */
function extensionKeptPath(input: string): string {
  return join(dirname(input), `${basename(input)}${copySuffix(input)}`);
}

/** File systems that ignore case (Windows, macOS by default) take `A.xlsx` and `a.xlsx` as one file. */
function keyOf(path: string): string {
  const real = realPath(path);
  return process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real;
}

/** The deepest folder holding every file (so scored copies keep their folders under --out-dir). */
function commonFolder(files: readonly string[]): string {
  let base = dirname(files[0]!);
  for (const f of files) {
    // dirname of a root is the root: on Windows, files on two drives end there.
    while (relative(base, dirname(f)).split(sep)[0] === '..' && dirname(base) !== base) base = dirname(base);
  }
  return base;
}

export interface CopyOptions {
  write: boolean;
  output?: string;
  outDir?: string;
}

/**
 * Where each file's scored copy goes (null: none): beside it, at -o, or under --out-dir keeping the
 * folders below the deepest one holding every input. When two inputs would have one copy (`a.xls` and
 * `a.xlsx`), the one ending in .xlsx keeps `a.scored.xlsx` and the others keep their extension in the
 * name (`a.xls.scored.xlsx`). Two inputs that still share a copy stop the run (exit 2).
 */
export function planCopies(files: readonly string[], opts: CopyOptions, cwd: string): (string | null)[] {
  if (!opts.write) return files.map(() => null);
  if (opts.output !== undefined) return [opts.output];
  const place =
    opts.outDir === undefined
      ? (name: (input: string) => string) => files.map(name)
      : (name: (input: string) => string) => {
          const absolute = files.map((f) => resolve(cwd, f));
          const base = commonFolder(absolute);
          return absolute.map((f) => name(join(opts.outDir!, relative(base, f))));
        };
  const defaults = place(defaultOutputPath);
  const kept = place(extensionKeptPath);
  const sharing = groupsOf(defaults, cwd);
  const copies = defaults.map((out, i) => ((sharing.get(keyOf(resolve(cwd, out)))?.length ?? 0) > 1 && extname(files[i]!).toLowerCase() !== '.xlsx' ? kept[i]! : out));
  for (const group of groupsOf(copies, cwd).values()) {
    if (group.length > 1) throw new RunError((ui) => ui.copiesCollide(files[group[0]!]!, files[group[1]!]!, copies[group[0]!]!));
  }
  return copies;
}

/** The indices of the paths, grouped by the file they name. */
function groupsOf(paths: readonly string[], cwd: string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  paths.forEach((p, i) => {
    const key = keyOf(resolve(cwd, p));
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return groups;
}

/** An output of the run, with what to call it in a message (`--summary`, the scored copy of a.xlsx …). */
export interface Output {
  path: string;
  label: (ui: Ui) => string;
}

/**
 * Refuses (exit 2) an output that is an input, through `..`, links or as a hard link of it, and two
 * outputs that are one file. Run before anything is read or written.
 */
export function checkOutputs(files: readonly string[], outputs: readonly Output[], cwd: string): void {
  const byReal = new Map<string, string>();
  const byInode = new Map<string, string>();
  for (const f of files) {
    const absolute = resolve(cwd, f);
    byReal.set(keyOf(absolute), f);
    const inode = inodeOf(absolute);
    if (inode !== null) byInode.set(inode, f);
  }
  const seen = new Map<string, Output>();
  for (const output of outputs) {
    const absolute = resolve(cwd, output.path);
    const key = keyOf(absolute);
    if (byReal.has(key)) throw new RunError((ui) => ui.sameAsInput(output.path));
    const inode = inodeOf(absolute);
    const input = inode === null ? undefined : byInode.get(inode);
    if (input !== undefined) throw new RunError((ui) => ui.outputIsInput(output.path, input));
    const other = seen.get(key);
    if (other !== undefined) throw new RunError((ui) => ui.outputsCollide(other.label(ui), output.label(ui), output.path));
    seen.set(key, output);
  }
}
