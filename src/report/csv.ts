// The batch ranking as CSV (`--summary FILE.csv`): UTF-8 with a BOM and CRLF line ends, so Excel on
// Chinese Windows opens it as UTF-8; fields quoted as RFC 4180 says.
import type { Decimal } from 'decimal.js';
import { reportLabels } from '../i18n/labels.js';
import type { CiOptions } from './common.js';
import { skippedMessage, tableStatus, type RunDigest } from './digest.js';
import { rankTables } from './ranking.js';

/** An RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A text taken from a workbook or a path: one starting with = + - @ (or a tab or CR) would be run
 * by Excel as a formula, so it gets a leading `'` (the OWASP advice against CSV injection).
 */
function csvText(value: string | null): string {
  if (value === null) return '';
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/** A score with 2 decimals, empty when there is none. */
function csvNumber(d: Decimal | null): string {
  return d === null ? '' : d.toFixed(2);
}

/**
 * The ranking as CSV, every file given a row: the tables ranked, then the unreadable files unranked
 * with their one finding, then the files skipped on purpose. The last column, 状态, is a table's worst
 * severity (or 通过), a file's reason for not being read (its finding's message) or skipped.
 */
export function formatCsv(digest: RunDigest, opts: CiOptions = {}): string {
  const l = reportLabels(opts.lang);
  const lines = [[l.rank, l.file, l.sheet, l.department, l.total, l.declaredTotal, l.grade, l.declaredGrade, l.errors, l.warnings, l.status].map(csvField).join(',')];
  for (const r of rankTables(digest.tables)) {
    const status = tableStatus(r, opts.lang ?? 'zh');
    lines.push(
      [String(r.rank), csvText(r.file), csvText(r.sheet), csvText(r.department), csvNumber(r.total), csvNumber(r.declaredTotal), csvText(r.grade), csvText(r.declaredGrade), String(r.errors), String(r.warnings), csvText(status)].join(','),
    );
  }
  for (const u of digest.unreadable) {
    const [errors, warnings] = u.severity === 'error' ? ['1', '0'] : ['0', '1'];
    lines.push(['', csvText(u.file), '', '', '', '', '', '', errors, warnings, csvText(u.message)].join(','));
  }
  for (const s of digest.skipped) lines.push(['', csvText(s.file), '', '', '', '', '', '', '', '', csvText(skippedMessage(s, opts.lang ?? 'zh'))].join(','));
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}
