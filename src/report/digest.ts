// What a run keeps of each file once it has been formatted: a line per table (for the ranking),
// the files that could not be read, the counts, and the findings as text rows when a summary needs
// them. Small beside a file's report, so a batch of thousands of files stays flat in memory.
import { Decimal } from 'decimal.js';
import type { FileReport, FindingCode, Severity } from '../model.js';
import { cellName, countFindings, locateFindings } from './common.js';

/** One table's line in the run: what the ranking and the summaries show of it. */
export interface TableRow {
  file: string;
  sheet: string;
  /** 部门（单位）名称, null when not found. */
  department: string | null;
  total: Decimal;
  declaredTotal: Decimal | null;
  grade: string;
  declaredGrade: string | null;
  errors: number;
  warnings: number;
}

/** A file that could not be read, with the reason in words. */
export interface UnreadableRow {
  file: string;
  severity: Severity;
  message: string;
}

/** A finding as the summaries list it: plain text, with its file and sheet. */
export interface FindingRow {
  file: string;
  /** Null for a finding about the file itself (`unreadable-file`). */
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
  tables: (Omit<TableRow, 'total' | 'declaredTotal'> & { total: string; declaredTotal: string | null })[];
  unreadable: UnreadableRow[];
  findings: FindingRow[];
  errors: number;
  warnings: number;
}

/** The digest entry of a file's report. */
export function digestEntry(file: FileReport): DigestEntry {
  const located = locateFindings(file);
  const unreadable = file.findings
    .filter((f) => f.code === 'unreadable-file')
    .map((f) => ({ file: file.file, severity: f.severity, message: f.message }));
  const tables = file.tables.map((t) => ({
    file: file.file,
    sheet: t.sheet,
    department: t.department,
    total: t.total.toString(),
    declaredTotal: t.declaredTotal?.toString() ?? null,
    grade: t.grade,
    declaredGrade: t.declaredGrade,
    ...countFindings(t.findings),
  }));
  const findings = located.map(({ table, finding: { code, severity, indicator, message, ref } }) => ({
    file: file.file,
    sheet: table?.sheet ?? null,
    cell: cellName(ref),
    code,
    severity,
    indicator,
    message,
  }));
  return { tables, unreadable, findings, ...countFindings(located.map((l) => l.finding)) };
}

export class RunDigest {
  /** Files added, readable or not. */
  files = 0;
  errors = 0;
  warnings = 0;
  /** Every table, in input order. */
  readonly tables: TableRow[] = [];
  /** Files with an `unreadable-file` finding, in input order. */
  readonly unreadable: UnreadableRow[] = [];
  /** The first `keepFindings` findings in report order. */
  readonly findings: FindingRow[] = [];

  /** `keepFindings`: how many findings to keep as rows (none by default; Infinity for all). */
  constructor(private readonly keepFindings = 0) {}

  add(entry: DigestEntry): void {
    this.files += 1;
    this.errors += entry.errors;
    this.warnings += entry.warnings;
    this.unreadable.push(...entry.unreadable);
    for (const t of entry.tables) {
      this.tables.push({ ...t, total: new Decimal(t.total), declaredTotal: t.declaredTotal === null ? null : new Decimal(t.declaredTotal) });
    }
    const room = this.keepFindings - this.findings.length;
    if (room > 0) this.findings.push(...entry.findings.slice(0, room));
  }
}

/** The digest of a list of files, keeping every finding. */
export function digestOf(files: readonly FileReport[]): RunDigest {
  const digest = new RunDigest(Infinity);
  for (const f of files) digest.add(digestEntry(f));
  return digest;
}

/** Names tables as the summaries show them: the file, plus ` [sheet]` when the file holds several tables. */
export function tableNamer(tables: readonly TableRow[]): (t: TableRow) => string {
  const perFile = new Map<string, number>();
  for (const t of tables) perFile.set(t.file, (perFile.get(t.file) ?? 0) + 1);
  return (t) => (perFile.get(t.file)! > 1 ? `${t.file} [${t.sheet}]` : t.file);
}
