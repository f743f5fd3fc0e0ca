// What a run keeps of each file once it has been formatted: a line per table (for the ranking),
// the files that could not be read, the counts, and the findings as text rows when a summary needs
// them (worded in the run's language, since an entry crosses from a worker thread as plain data).
// Small beside a file's report, so a batch of thousands of files stays flat in memory.
import { Decimal } from 'decimal.js';
import { renderFinding } from '../i18n/findings.js';
import { severityWord } from '../i18n/labels.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, FindingCode, Lang, Severity, SkippedFile } from '../model.js';
import { cellName, countFindings, locateFindings, tableLabel } from './common.js';

/** One table's line in the run: what the ranking and the summaries show of it. */
export interface TableRow {
  file: string;
  /** The table's name on its sheet (RawTable.label): the sheet's name, or `sheet · 项目` for one of several on a sheet. */
  sheet: string;
  /** How the summaries name it: the file, plus ` [sheet]` when the file holds several tables (tableLabel). */
  name: string;
  /** 部门（单位）名称, null when not found. */
  department: string | null;
  total: Decimal;
  declaredTotal: Decimal | null;
  grade: string;
  declaredGrade: string | null;
  errors: number;
  warnings: number;
  infos: number;
}

/** A file that could not be read, with the reason in words. */
export interface UnreadableRow {
  file: string;
  code: FindingCode;
  severity: Severity;
  message: string;
}

/** A finding as the summaries list it: plain text, with its file and sheet. */
export interface FindingRow {
  file: string;
  /** Null for a finding about the file itself (it could not be read). */
  sheet: string | null;
  /** `sheet!A1`, or null. */
  cell: string | null;
  code: FindingCode;
  severity: Severity;
  indicator: string | null;
  message: string;
}

/**
 * What the run keeps of one file, made where the file was scored: plain data (totals as decimal
 * strings), so it crosses from a worker thread as is.
 */
export interface DigestEntry {
  /** The file, as given. */
  file: string;
  tables: (Omit<TableRow, 'total' | 'declaredTotal'> & { total: string; declaredTotal: string | null })[];
  unreadable: UnreadableRow[];
  findings: FindingRow[];
  errors: number;
  warnings: number;
  infos: number;
}

/** The digest entry of a file's report, its findings worded in `lang`. */
export function digestEntry(file: FileReport, lang: Lang): DigestEntry {
  const located = locateFindings(file);
  // A file's own findings say why it could not be read.
  const unreadable = file.findings.map((f) => ({ file: file.file, code: f.code, severity: f.severity, message: renderFinding(f, lang) }));
  const tables = file.tables.map((t) => ({
    file: file.file,
    sheet: t.table.label,
    name: tableLabel(file, t),
    department: t.department,
    total: t.total.toString(),
    declaredTotal: t.declaredTotal?.toString() ?? null,
    grade: t.grade,
    declaredGrade: t.declaredGrade,
    ...countFindings(t.findings),
  }));
  const findings = located.map(({ table, finding }) => ({
    file: file.file,
    sheet: table?.sheet ?? null,
    cell: cellName(finding.ref),
    code: finding.code,
    severity: finding.severity,
    indicator: finding.indicator,
    message: renderFinding(finding, lang),
  }));
  return { file: file.file, tables, unreadable, findings, ...countFindings(located.map((l) => l.finding)) };
}

/**
 * A reason as short as a table cell wants it: an unreadable file's message without its file and past
 * its first clause (`工作簿已损坏`, `是文本文件`, `the workbook is damaged`).
 */
export function shortReason(u: Pick<UnreadableRow, 'file' | 'message'>): string {
  let text = u.message;
  for (const prefix of [`${u.file}：`, `${u.file}: `]) if (text.startsWith(prefix)) text = text.slice(prefix.length);
  const cut = text.search(/[，；。（：]|[,;(]|: /);
  return (cut > 0 ? text.slice(0, cut) : text).trim();
}

/** A skipped file's reason in a word or two (`锁定文件`, `scored copy`). */
export function skipReasonText(reason: SkippedFile['reason'], lang: Lang): string {
  return uiFor(lang).skipReason[reason];
}

/** A skipped file's reason as a sentence, with the file (`~$a.xlsx：已跳过，是…锁定文件…`). */
export function skippedMessage(s: SkippedFile, lang: Lang): string {
  return uiFor(lang).skippedFile(s.file, s.reason);
}

export class RunDigest {
  /** Files given: added (readable or not) and skipped. */
  files = 0;
  /** The files added (read, or tried), in input order. */
  readonly added: string[] = [];
  errors = 0;
  warnings = 0;
  infos = 0;
  /** Every table, in input order. */
  readonly tables: TableRow[] = [];
  /** Files with a finding of their own (they could not be read), in input order. */
  readonly unreadable: UnreadableRow[] = [];
  /** The first `keepFindings` findings in report order. */
  readonly findings: FindingRow[] = [];
  /** Files the batch found and left out on purpose (lock files, scored copies), in the order inputs.ts gives them. */
  readonly skipped: SkippedFile[] = [];

  /** `keepFindings`: how many findings to keep as rows (none by default; Infinity for all). */
  constructor(private readonly keepFindings = 0) {}

  add(entry: DigestEntry): void {
    this.files += 1;
    this.added.push(entry.file);
    this.errors += entry.errors;
    this.warnings += entry.warnings;
    this.infos += entry.infos;
    this.unreadable.push(...entry.unreadable);
    for (const t of entry.tables) {
      this.tables.push({ ...t, total: new Decimal(t.total), declaredTotal: t.declaredTotal === null ? null : new Decimal(t.declaredTotal) });
    }
    const room = this.keepFindings - this.findings.length;
    if (room > 0) this.findings.push(...entry.findings.slice(0, room));
  }

  /** Files left out on purpose: counted among the files given, and listed by every output. */
  skip(files: readonly SkippedFile[]): void {
    this.files += files.length;
    this.skipped.push(...files);
  }

  /** How many files could not be read. */
  get unreadableFiles(): number {
    return new Set(this.unreadable.map((u) => u.file)).size;
  }

  /** How many files were read and scored (files given, less the unreadable and the skipped). */
  get scoredFiles(): number {
    return this.files - this.unreadableFiles - this.skipped.length;
  }
}

/** The digest of a list of files (and of those skipped), keeping every finding, worded in `lang`. */
export function digestOf(files: readonly FileReport[], lang: Lang, skipped: readonly SkippedFile[] = []): RunDigest {
  const digest = new RunDigest(Infinity);
  for (const f of files) digest.add(digestEntry(f, lang));
  digest.skip(skipped);
  return digest;
}

/** A table's status in the summaries: its worst finding that needs attention (错误, 警告), else 通过. */
export function tableStatus(row: Pick<TableRow, 'errors' | 'warnings'>, lang: Lang): string {
  if (row.errors > 0) return severityWord('error', lang);
  return row.warnings > 0 ? severityWord('warning', lang) : uiFor(lang).statusOk;
}
