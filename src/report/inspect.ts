// The `inspect` format: how a workbook was read, without scoring. Per sheet: where the indicator
// table is, which column was taken as what, the header block, the budget block, and each row's
// cells with their parsed target and actual. Plain text, one fact per line, deterministic: a
// `git diff` textconv driver. Field and kind names are the model's identifiers, in every language.
import type { Decimal } from 'decimal.js';
import type { RowReading } from '../engine/expression.js';
import { columnLetters } from '../cells.js';
import type { CellText, ColumnMap, Expression, ParseResult, RawBudgetLine, RawIndicatorRow, RawTable, SheetRead } from '../model.js';
import { displayWidth } from './text.js';

export interface InspectInput {
  /** The file as named on the command line; null for git's textconv, whose path is a temporary file's. */
  file: string | null;
  sheets: SheetRead[];
  /** How each row's cells read (the engine's readRow): the formatter parses nothing itself. */
  read: (row: RawIndicatorRow) => RowReading;
}

/** A cell's text on one line: line breaks as `⏎`, empty as `(empty)`. */
function shown(text: string | null): string {
  return text === null ? '(empty)' : text.replace(/\r?\n/g, '⏎');
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** A parsed target or actual, spelled out: `at-least 95 %`, `qualitative 达标`, `deadline 2022-12-31`. */
export function describeParsed(expr: Expression): string {
  const unit = (u: string | null) => (u === null ? '' : ` ${u}`);
  switch (expr.kind) {
    case 'at-least':
    case 'at-most':
      return `${expr.kind}${expr.strict ? ' (strict)' : ''} ${expr.value.toFixed()}${unit(expr.unit)}`;
    case 'exact':
      return `exact ${expr.value.toFixed()}${unit(expr.unit)}`;
    case 'qualitative':
      return `qualitative ${expr.word}`;
    case 'deadline': {
      const month = String(expr.month).padStart(2, '0');
      const day = expr.day === null ? 'end' : String(expr.day).padStart(2, '0');
      return `deadline ${expr.year === null ? '' : `${expr.year}-`}${month}-${day}`;
    }
    case 'tier':
      return `tier ${expr.tier}`;
  }
}

function describeValue(r: ParseResult): string {
  if (!r.ok) return r.reason;
  return `${describeParsed(r.expr)}${r.comparatorAfter ? ' (comparator after the number)' : ''}`;
}

/** A weight or score: nothing when it reads as written, else the number read (` 2 ` → 2) or `not a number`. */
function describeNumber(text: string | null, n: Decimal | null): string {
  if (text === null) return '';
  if (n === null) return 'not a number';
  return n.toFixed() === text ? '' : n.toFixed();
}

const FIELD_ORDER: (keyof ColumnMap)[] = ['level1', 'level2', 'name', 'nature', 'target', 'adjustedTarget', 'unit', 'actual', 'weight', 'score', 'deviation', 'reason'];

function columnLines(table: RawTable): string[] {
  const width = Math.max(...table.headers.map((h) => displayWidth(h.text))) + 2;
  return table.headers.map((h) => `    ${pad(columnLetters(h.col), 3)} ${pad(h.text || '(empty)', width)}${h.field ?? '(not used)'}`);
}

function labelled(label: string, cell: CellText | null): string {
  return `  ${pad(label, 11)} ${cell === null ? '(not found)' : `${pad(cell.ref.address, 5)} ${shown(cell.text)}`}`;
}

function budgetLine(kind: string, line: RawBudgetLine): string {
  const fields: [string, CellText | null][] = [
    ['initial', line.initial],
    ['adjusted', line.adjusted],
    ['executed', line.executed],
    ['rate', line.rate],
    ['weight', line.weight],
    ['score', line.score],
  ];
  const parts = fields.filter(([, c]) => c !== null).map(([name, c]) => `${name} ${c!.ref.address} ${shown(c!.text)}`);
  return `    ${kind} ${line.label.ref.address} ${shown(line.label.text)}: ${parts.join(' | ')}`;
}

function rowLines(row: RawIndicatorRow, reading: RowReading, table: RawTable, sheet: SheetRead): string[] {
  const c = table.columns;
  const r = row.name.ref.row;
  const unit = row.unit?.text ?? null;
  const path = [row.level1, row.level2, row.name.text ?? '(empty)'].filter((p) => p !== null && p !== '').join(' / ');
  // A 预算执行率 row scores budget execution as an indicator (in place of, or beside, a budget block).
  const out = [`  row ${r}  ${shown(path)}${reading.budgetRate ? '  (budget rate, scored as an indicator)' : ''}`];
  const line = (field: string, cell: CellText, parsed = '') => {
    out.push(`    ${pad(field, 9)} ${pad(cell.ref.address, 5)} ${pad(shown(cell.text), 14)}${parsed ? ` ${parsed}` : ''}`.trimEnd());
  };
  const at = (col: number): CellText => ({ text: sheet.text(r, col), ref: { sheet: table.sheet, address: `${columnLetters(col)}${r}`, row: r, col } });
  if (c.nature !== null) line('nature', at(c.nature));
  const adjusted = row.target.ref.col === c.adjustedTarget;
  if (adjusted) line('original', at(c.target), 'replaced by the adjusted target');
  // The target cell as written; what was read when 指标性质 was put in front of it.
  const own = at(row.target.ref.col);
  const composed = own.text !== row.target.text ? ` (read as ${shown(row.target.text)})` : '';
  line(adjusted ? 'adjusted' : 'target', own, `${describeValue(reading.target)}${composed}`);
  if (row.unit) {
    const u = reading.unit;
    line('unit', row.unit, unit === null || u === unit ? '' : (u ?? 'none'));
  }
  line('actual', row.actual, describeValue(reading.actual));
  line('weight', row.weight, describeNumber(row.weight.text, reading.weight));
  line('score', row.score, describeNumber(row.score.text, reading.score));
  if (row.deviation) line('deviation', row.deviation);
  if (row.reason) line('reason', row.reason);
  return out;
}

function tableLines(sheet: SheetRead, table: RawTable, read: InspectInput['read']): string[] {
  const range = `${columnLetters(table.firstColumn)}${table.headerTop}:${columnLetters(table.lastColumn)}${table.lastRow}`;
  const headerRows = table.headerTop === table.headerRow ? `header row ${table.headerRow}` : `header rows ${table.headerTop}-${table.headerRow}`;
  const out = [`sheet ${sheet.name}: indicator table ${range} (${headerRows}, ${table.rows.length} rows)`];
  out.push(labelled('department', table.department), labelled('project', table.project), labelled('total', table.declaredTotal), labelled('grade', table.declaredGrade));
  out.push('', '  columns', ...columnLines(table));
  const unused = FIELD_ORDER.filter((f) => table.columns[f] === null);
  if (unused.length > 0) out.push(`    not found: ${unused.join(', ')}`);
  out.push('');
  const b = table.budget;
  if (b === null) out.push('  budget (not found)');
  else {
    out.push(`  budget (header row ${b.headerRow}${b.scored ? '' : ', not scored: no weight or score'})`, budgetLine('total', b));
    for (const sub of b.subRows) out.push(budgetLine('sub  ', sub));
  }
  const weighted = (ref: CellText['ref'], name: string, weight: string | null) => `    ${pad(ref.address, 5)} ${name}${weight === null ? '' : `  weight ${weight}`}`;
  if (table.captions.length > 0) out.push('', '  captions', ...table.captions.map((c) => weighted(c.ref, c.name, c.declaredWeight)));
  out.push('', '  levels');
  if (table.levels.length === 0) out.push('    (none)');
  for (const l of table.levels) out.push(weighted(l.ref, l.name, l.declaredWeight));
  out.push('');
  for (const row of table.rows) out.push(...rowLines(row, read(row), table, sheet));
  return out;
}

/** The whole inspection of one file. */
/** The first line: `file <path>`, or for textconv (no path) one that is the same for every file. */
export function inspectHeader(file: string | null): string {
  return file === null ? 'perf-score inspect' : `file ${file}`;
}

export function formatInspect(input: InspectInput): string {
  const out = [inspectHeader(input.file)];
  for (const sheet of input.sheets) {
    out.push('');
    if (sheet.tables.length > 0) {
      sheet.tables.forEach((table, i) => out.push(...(i > 0 ? [''] : []), ...tableLines(sheet, table, input.read)));
      continue;
    }
    const used = sheet.rowCount > 0 && sheet.colCount > 0 ? `used range A1:${columnLetters(sheet.colCount)}${sheet.rowCount}` : 'empty';
    out.push(`sheet ${sheet.name}: no indicator table (${used})`);
    for (const cell of sheet.cells()) out.push(`  ${pad(cell.ref.address, 5)} ${shown(cell.text)}`);
  }
  return `${out.join('\n')}\n`;
}
