// What a run keeps of each file once it has been formatted: a line per table (for the ranking),
// the files that could not be read, the counts, and the findings as text rows when a summary needs
// them. Small beside a file's report, so a batch of thousands of files stays flat in memory.
import type { Decimal } from 'decimal.js';
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

  add(file: FileReport): void {
    this.files += 1;
    for (const f of file.findings) if (f.code === 'unreadable-file') this.unreadable.push({ file: file.file, severity: f.severity, message: f.message });
    for (const t of file.tables) {
      const { department, total, declaredTotal, grade, declaredGrade, sheet } = t;
      this.tables.push({ file: file.file, sheet, department, total, declaredTotal, grade, declaredGrade, ...countFindings(t.findings) });
    }
    const located = locateFindings(file);
    const counts = countFindings(located.map((l) => l.finding));
    this.errors += counts.errors;
    this.warnings += counts.warnings;
    for (const { table, finding } of located) {
      if (this.findings.length >= this.keepFindings) break;
      const { code, severity, indicator, message } = finding;
      this.findings.push({ file: file.file, sheet: table?.sheet ?? null, cell: cellName(finding.ref), code, severity, indicator, message });
    }
  }
}

/** The digest of a list of files, keeping every finding. */
export function digestOf(files: readonly FileReport[]): RunDigest {
  const digest = new RunDigest(Infinity);
  for (const f of files) digest.add(f);
  return digest;
}

/** Names tables as the summaries show them: the file, plus ` [sheet]` when the file holds several tables. */
export function tableNamer(tables: readonly TableRow[]): (t: TableRow) => string {
  const perFile = new Map<string, number>();
  for (const t of tables) perFile.set(t.file, (perFile.get(t.file) ?? 0) + 1);
  return (t) => (perFile.get(t.file)! > 1 ? `${t.file} [${t.sheet}]` : t.file);
}
