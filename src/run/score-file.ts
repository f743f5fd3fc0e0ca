// One file's work, the same in a worker thread or in the main one: read, analyze, write the scored
// copy, format. Nothing here throws for a bad file: a file that cannot be read becomes an `unreadable-file`
// finding, and a copy that cannot be written becomes `writeError`, so the batch goes on.
import { analyzeTable, unreadableFile } from '../engine/analyze.js';
import { RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, Lang, UnreadableCause } from '../model.js';
import { digestEntry, type DigestEntry } from '../report/digest.js';
import { locateFindings } from '../report/common.js';
import { filePart, type FilePart, type FormatSpec } from '../report/format.js';
import { sarifResults, type SarifResult } from '../report/sarif.js';
import type { Profile } from '../schema/profile.js';
import { openWorkbook } from '../workbook/read.js';
import { writeScoredCopy } from '../workbook/write.js';
import { applyBaseline, baselinePath, type BaselineEntry, type BaselineOutcome } from './baseline.js';

/** A file to score, and where its scored copy goes (null: none is written). */
export interface FileJob {
  file: string;
  out: string | null;
  /** The baseline's entries for this file (--baseline), accepted; none when absent. */
  accept?: BaselineEntry[];
}

/**
 * What every file of a run is scored and formatted with: plain data, handed to each worker thread.
 * The scoring takes the profile alone; the format's language words the file's outputs (its part of
 * the report, its digest entry, its scored copy's notes, a copy that cannot be written), made where
 * the file was scored so that its report never has to cross threads.
 */
export interface ScoreSettings {
  profile: Profile;
  format: FormatSpec;
  /** Where the jobs' relative paths start: the run's working directory (the process's by default). */
  cwd?: string;
  /** The run records a baseline (--write-baseline): every finding is recorded, and accepted. */
  recordBaseline?: boolean;
  /** The baseline file (--baseline or --write-baseline), named in SARIF's suppressions. */
  baselineFile?: string;
}

export interface FileOutcome {
  report: FileReport;
  /** The scored copy written, or null. */
  written: string | null;
  /** Why the scored copy could not be written, in words; null when it was (or was not asked for). */
  writeError: string | null;
}

/** Why a file could not be read: one of our refusals, or a bug of ours, said as one. */
function causeOf(err: unknown): UnreadableCause {
  return err instanceof RunError ? { kind: 'refused', error: err } : { kind: 'crashed', detail: err instanceof Error ? err.message : String(err) };
}

/** The message of an error: ours in the user's words; anything else is a bug, said as one. */
function messageOf(err: unknown, lang: Lang): string {
  const ui = uiFor(lang);
  return err instanceof RunError ? err.render(ui) : ui.crashed(err instanceof Error ? err.message : String(err));
}

export async function scoreFile(job: FileJob, settings: ScoreSettings): Promise<FileOutcome> {
  const { profile, cwd = process.cwd() } = settings;
  const { lang } = settings.format;
  let opened;
  let tables;
  try {
    opened = await openWorkbook(job.file, { cwd });
    tables = opened.tables.map((t) => analyzeTable(t, profile));
  } catch (err) {
    // Unreadable, or a bug of ours on this file: reported on the file, so the other files' results still come.
    return { report: unreadableFile(job.file, causeOf(err), profile), written: null, writeError: null };
  }
  const report: FileReport = { file: job.file, tables, findings: [] };
  if (job.out === null) return { report, written: null, writeError: null };
  try {
    await writeScoredCopy(opened, tables, job.out, lang, { profileDescription: profile.description });
    return { report, written: job.out, writeError: null };
  } catch (err) {
    return { report, written: null, writeError: messageOf(err, lang) };
  }
}

/** What crosses back to the main thread of one file: its text in the run's format, its digest entry. */
export interface FileResult {
  part: FilePart;
  entry: DigestEntry;
  written: string | null;
  writeError: string | null;
  /** What the baseline did (accepted findings are in neither `part` nor `entry`); null when the run has none. */
  baseline: BaselineOutcome | null;
}

/**
 * A file's report as it crosses back: the findings the baseline accepts taken out (the scored copy,
 * written before, marks them all), then its part of the output and its digest entry. SARIF keeps
 * them, each with a suppression (`kind: external`), as code scanning expects of accepted alerts.
 */
export function resultOf(report: FileReport, job: FileJob, settings: ScoreSettings): Pick<FileResult, 'part' | 'entry' | 'baseline'> {
  if (job.accept === undefined && !settings.recordBaseline) return { part: filePart(settings.format, report), entry: digestEntry(report, settings.format.lang), baseline: null };
  const applied = applyBaseline(report, baselinePath(job.file, settings.cwd ?? process.cwd()), job.accept ?? [], settings.recordBaseline ?? false);
  let part = filePart(settings.format, applied.report);
  if (settings.format.name === 'sarif' && applied.taken.size > 0) {
    const suppression = { kind: 'external', justification: `perf-score baseline ${settings.baselineFile ?? ''}`.trimEnd() };
    const located = locateFindings(report);
    const results: SarifResult[] = sarifResults(report, settings.format).map((r, i) => (applied.taken.has(located[i]!.finding) ? { ...r, suppressions: [suppression] } : r));
    part = { kind: 'sarif', results };
  }
  return { part, entry: digestEntry(applied.report, settings.format.lang), baseline: applied.outcome };
}

/** Scores one file and formats it: the whole of a file's work, where it runs (a worker thread). */
export async function processFile(job: FileJob, settings: ScoreSettings): Promise<FileResult> {
  const { report, written, writeError } = await scoreFile(job, settings);
  return { ...resultOf(report, job, settings), written, writeError };
}
