// `perf-score eval` and `perf-score check`: expand the paths → score every file (worker threads for a
// batch) → write each file's output as soon as the files before it are done → end the output, the
// summary file and the GitHub step summary → the exit code (exit.ts).
// Loaded on demand by the CLI, with everything it needs (the reader, zod, the formatters).
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, resolve } from 'node:path';
import { openAtomic, removeOpenTemps, writeFileAtomic, type AtomicFile } from '../atomic.js';
import { RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import { handleSignals, isInterrupted, onInterrupt } from '../interrupt.js';
import { CONFIG_FILE, selectProfile } from '../profiles/index.js';
import { formatCsv } from '../report/csv.js';
import { RunDigest } from '../report/digest.js';
import { OutputWriter, type FormatSpec } from '../report/format.js';
import { formatGithubSummary, SUMMARY_FINDINGS } from '../report/github.js';
import { baselinePath, describeEntry, formatBaseline, readBaseline, type BaselineEntry } from './baseline.js';
import { useColor } from './color.js';
import { exitCodeOf } from './exit.js';
import { expandInputs, skippedFiles, skippedLines } from './inputs.js';
import { cwdOf, type Io } from './io.js';
import { checkCopyName, checkOutputs, planCopies, type Output } from './outputs.js';
import { scoreFiles } from './pool.js';
import { Progress } from './progress.js';
import type { CheckRequest, EvalRequest } from './request.js';
import type { FileJob } from './score-file.js';

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Creates the folders the scored copies go into; a RunError (exit 2) naming the one that cannot be. */
function makeFolders(outs: readonly (string | null)[], cwd: string): void {
  for (const dir of new Set(outs.flatMap((o) => (o === null ? [] : [dirname(resolve(cwd, o))])))) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new RunError((ui) => ui.writeFailed(dir, (err as NodeJS.ErrnoException).code ?? String(err)));
    }
  }
}

/** `check`: `eval` writing no workbook. `workerUrl` is the batch's worker script (null: every file in this thread). */
export async function runCheck(request: CheckRequest, io: Io, workerUrl: URL | null): Promise<number> {
  return runEval({ ...request, write: false }, io, workerUrl);
}

export async function runEval(request: EvalRequest, io: Io, workerUrl: URL | null): Promise<number> {
  // A signal ends the run by removing every temporary file first (interrupt.ts), from here to the end.
  const unhandle = handleSignals();
  const forget = onInterrupt(removeOpenTemps);
  try {
    return await evaluate(request, io, workerUrl);
  } finally {
    forget();
    unhandle();
  }
}

async function evaluate(opts: EvalRequest, io: Io, workerUrl: URL | null): Promise<number> {
  const ui = uiFor(opts.lang);
  const cwd = cwdOf(io);
  const args = opts.paths;
  // Everything that can be refused is refused before any file is read or written.
  const profile = selectProfile({ ...opts, cwd });
  const summaryKind = opts.summary === undefined ? null : extname(opts.summary).toLowerCase();
  if (summaryKind !== null && summaryKind !== '.xlsx' && summaryKind !== '.csv') throw new RunError((u) => u.summaryFormat(opts.summary!));
  if (opts.output !== undefined && opts.outDir !== undefined) throw new RunError((u) => u.outWithOutDir());
  for (const [flag, on] of [['--quiet', opts.quiet], ['--ranking-only', opts.rankingOnly]] as const) {
    if (on && opts.format !== 'table') throw new RunError((u) => u.consoleOnly(flag, opts.format));
  }
  const baseline = opts.baseline === undefined ? null : readBaseline(opts.baseline, cwd);
  const { files, skipped: found } = await expandInputs(args, cwd, opts.ignore ?? []);
  // The run's own files in a folder it walks (its rules, baseline, report, summary, the config file) are
  // not files a unit sent: not listed among those skipped.
  const own = new Set([opts.rules, opts.baseline, opts.writeBaseline, opts.outputFile, opts.summary].flatMap((f) => (f === undefined ? [] : [resolve(cwd, f)])));
  const skipped = { ...found, others: found.others.filter((f) => !own.has(resolve(cwd, f)) && basename(f) !== CONFIG_FILE) };
  for (const line of skippedLines(skipped, ui)) io.stderr.write(`${line}\n`);
  // Every file given was excluded by an ignore pattern (CI passing the changed files): nothing to do, said above.
  if (files.length === 0 && skipped.ignored.length === 0) throw new RunError((u) => u.nothingMatched(args.join(' ')));
  if (opts.output !== undefined && files.length > 1) throw new RunError((u) => u.outWithMany());
  // -o names the scored copy, a workbook: `-o report.json` meant --output-file.
  if (opts.output !== undefined && files.length === 1) checkCopyName(opts.output, files[0]!);
  // Every output is decided, and checked against the inputs and the other outputs, before anything is read.
  const outs = planCopies(files, opts, cwd);
  const outputs: Output[] = [
    ...outs.flatMap((out, i) => (out === null || opts.output !== undefined ? [] : [{ path: out, label: (u: typeof ui) => u.copyOf(files[i]!) }])),
    ...(opts.output === undefined ? [] : [{ path: opts.output, label: () => '-o' }]),
    ...(opts.outputFile === undefined ? [] : [{ path: opts.outputFile, label: () => '--output-file' }]),
    ...(opts.summary === undefined ? [] : [{ path: opts.summary, label: () => '--summary' }]),
    ...(opts.writeBaseline === undefined ? [] : [{ path: opts.writeBaseline, label: () => '--write-baseline' }]),
  ];
  checkOutputs(files, outputs, cwd);
  // The report, the summary and the baseline are written at the end: a folder that is not there is said now.
  for (const target of [opts.outputFile, opts.summary, opts.writeBaseline]) {
    if (target !== undefined && !isFolder(dirname(resolve(cwd, target)))) throw new RunError((u) => u.writeFailed(target, 'ENOENT'));
  }
  // -o names a file, in a folder that must exist (a mistyped folder is not made); --out-dir is made.
  if (opts.outDir !== undefined) makeFolders(outs, cwd);
  const jobs: FileJob[] = files.map((file, i) => ({ file, out: outs[i]!, ...(baseline === null ? {} : { accept: baseline.get(baselinePath(file, cwd)) ?? [] }) }));

  const toFile = opts.outputFile !== undefined;
  const color = useColor(io, opts.color, toFile);
  // The terminal's width; 80 columns off a terminal (a pipe, a file), as commander's help.
  const width = !toFile && io.stdout.columns ? io.stdout.columns : 80;
  const spec: FormatSpec = { name: opts.format, lang: opts.lang, color, width, quiet: opts.quiet, rankingOnly: opts.rankingOnly };
  const keep = summaryKind === '.xlsx' ? Infinity : opts.format === 'github' ? SUMMARY_FINDINGS : 0;
  const digest = new RunDigest(keep);
  // Every file given is accounted for: those skipped on purpose are in every output's end, with their reason.
  digest.skip(skippedFiles(skipped));
  const writer = new OutputWriter(spec);
  const progress = io.stderr.isTTY && files.length > 1 ? new Progress(io.stderr, files.length, opts.lang) : null;
  const sink: AtomicFile | null = toFile ? openAtomic(resolve(cwd, opts.outputFile!)) : null;
  const out = (text: string) => {
    if (text === '') return;
    if (sink) return sink.write(text);
    progress?.clear();
    io.stdout.write(text);
  };
  const warn = (line: string) => {
    progress?.clear();
    io.stderr.write(`${line}\n`);
  };

  const written: string[] = [];
  let writeFailed = false;
  let accepted = 0;
  const stale: BaselineEntry[] = [];
  const recorded: BaselineEntry[] = [];
  try {
    out(writer.begin());
    const baselineFile = opts.writeBaseline ?? opts.baseline;
    await scoreFiles(jobs, { profile, format: spec, cwd, recordBaseline: opts.writeBaseline !== undefined, ...(baselineFile !== undefined && { baselineFile }) }, {
      jobs: opts.jobs ?? availableParallelism(),
      workerUrl,
      env: io.env,
      onDone: (done, file) => progress?.update(done, file),
      onResult: ({ part, entry, written: copy, writeError, baseline: applied }) => {
        if (applied !== null) {
          accepted += applied.accepted;
          stale.push(...applied.stale);
          recorded.push(...applied.recorded);
        }
        if (writeError !== null) {
          warn(writeError);
          writeFailed = true;
        }
        if (copy !== null) written.push(copy);
        digest.add(entry);
        out(writer.add(part));
      },
    });
    // A signal ended the run: the handler removes what was begun and ends the process; nothing more is written.
    if (isInterrupted()) return await new Promise<never>(() => {});
    progress?.clear();
    out(writer.end(digest));
    sink?.commit();
  } catch (err) {
    sink?.abort();
    throw err;
  }

  // What the baseline did: on stdout under the console report, on stderr when stdout holds a document.
  const note = opts.format === 'table' && !toFile ? (line: string) => io.stdout.write(`${line}\n`) : warn;
  if (opts.writeBaseline !== undefined) {
    // With --baseline too, the entries of files this run did not check are kept: a run over some files updates theirs.
    const checked = new Set(files.map((f) => baselinePath(f, cwd)));
    const kept = [...(baseline?.entries() ?? [])].flatMap(([file, entries]) => (checked.has(file) ? [] : entries));
    writeFileAtomic(resolve(cwd, opts.writeBaseline), formatBaseline([...recorded, ...kept]));
    note(ui.baselineWritten(recorded.reduce((n, e) => n + e.count, 0), opts.writeBaseline));
  } else if (opts.baseline !== undefined) {
    if (accepted > 0) note(ui.baselineAccepted(accepted, opts.baseline));
    const count = (entries: readonly BaselineEntry[]) => entries.reduce((n, e) => n + e.count, 0);
    const shown = stale.slice(0, 3);
    if (stale.length > 0) warn(ui.baselineStale(count(stale), opts.baseline, shown.map(describeEntry), count(stale) - count(shown)));
  }
  if (opts.format === 'table' && !toFile) {
    if (opts.outDir !== undefined && written.length > 0) io.stdout.write(`${ui.wroteMany(written.length, opts.outDir)}\n`);
    // --quiet and --ranking-only keep a batch's copies to one line.
    else if ((opts.quiet || opts.rankingOnly) && written.length > 1) io.stdout.write(`${ui.wroteBeside(written.length)}\n`);
    else for (const copy of written) io.stdout.write(`${ui.wrote(copy)}\n`);
  }
  if (opts.summary !== undefined) {
    const path = resolve(cwd, opts.summary);
    if (summaryKind === '.csv') writeFileAtomic(path, formatCsv(digest, { lang: opts.lang }));
    else {
      const { writeSummaryWorkbook } = await import('../workbook/summary.js');
      await writeSummaryWorkbook(path, digest, opts.lang);
    }
  }
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (opts.format === 'github' && stepSummary) {
    try {
      appendFileSync(resolve(cwd, stepSummary), formatGithubSummary(digest, { lang: opts.lang }));
    } catch (err) {
      warn(ui.writeFailed(stepSummary, (err as NodeJS.ErrnoException).code ?? String(err)));
    }
  }

  const exit = exitCodeOf({ copyFailed: writeFailed, errors: digest.errors, warnings: digest.warnings }, opts.maxWarnings);
  if (exit.tooManyWarnings) warn(ui.tooManyWarnings(digest.warnings, opts.maxWarnings!));
  return exit.code;
}
