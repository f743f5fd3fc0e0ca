// Finding the indicator table on a sheet by its header row, and the blocks around it: the unit's
// name, the project's, the budget block, the declared total and grade. Works on a Grid, knows
// nothing of the file.
import type {
  CellText,
  ColumnMap,
  HeaderColumn,
  NearHeader,
  RawBudget,
  RawBudgetLine,
  RawCaption,
  RawIndicatorRow,
  RawLevel,
  RawTable,
} from '../model.js';
import { cellName, columnLetters } from '../cells.js';
import { compactText, isPlaceholder } from '../text/normalize.js';
import type { Grid } from './grid.js';

type Field = keyof ColumnMap;

/**
 * Header names, in the order they are tried: the first pattern that matches names the column.
 * Texts are compared without blanks, brackets and full-width forms made ASCII (compactText).
 */
const HEADER_FIELDS: [Field, RegExp][] = [
  ['reason', /原因|改进措施/],
  ['deviation', /偏差/],
  ['adjustedTarget', /^调整(后)?的?(年度)?(指标|目标)值|^调整后?值$/],
  ['actual', /实际|^完成值|^全年完成值|^完成情况$/],
  ['level1', /^一级指标/],
  ['level2', /^二级指标/],
  ['name', /^三级指标|^指标名称$|^绩效指标名称$|^具体指标$/],
  ['nature', /^指标性质$|^指标方向$|^性质$|^比较符号?$|^运算符号?$/],
  ['unit', /度量单位|计量单位|^单位$/],
  ['target', /指标值|目标值/],
  ['weight', /^分值|^权重|指标分值|指标权重|^标准分值?$|^满分|^参考分值/],
  // Not 得分系数 (a percentage beside the points, 重庆).
  ['score', /得分(?!系数)|^评分$/],
];

const REQUIRED: Field[] = ['name', 'target', 'actual', 'weight', 'score'];

/** A header cell is a few words; a longer text (a note merged over the budget rows) names no column. */
const HEADER_MAX_LENGTH = 30;

function classify(text: string | null): Field | null {
  const t = compactText(text);
  if (!t || t.length > HEADER_MAX_LENGTH) return null;
  for (const [field, pattern] of HEADER_FIELDS) if (pattern.test(t)) return field;
  return null;
}

/**
 * A sub-header under a header spread over several columns: named by its own text, else by its
 * parent's (under 年度指标值: 调整后 is the adjusted target, 年初 or any other text the target).
 */
function classifySub(text: string | null, parent: Field | null, taken: Partial<ColumnMap>): Field | null {
  const own = classify(text);
  if (own) return own;
  const t = compactText(text);
  if (!t || parent !== 'target') return null;
  if (/性质|方向|符号/.test(t)) return 'nature';
  if (/单位/.test(t)) return 'unit';
  if (/调整/.test(t)) return 'adjustedTarget';
  return taken.target === undefined ? 'target' : null;
}

/**
 * Whether the row below a header row holds sub-headers of its spread cells, rather than the first
 * indicator row: outside those cells, every cell of it is empty or part of a header cell merged down.
 */
function isSubHeaderRow(grid: Grid, row: number, spans: { left: number; right: number }[]): boolean {
  const below = row + 1;
  for (const seg of grid.segments(below)) {
    if (seg.master.row !== below) continue;
    for (let c = seg.left; c <= seg.right; c++) if (!spans.some((s) => c >= s.left && c <= s.right)) return false;
  }
  return true;
}

interface Header {
  /** First and last row of the header. */
  top: number;
  bottom: number;
  map: Partial<ColumnMap>;
}

/**
 * The columns named by a header that starts at `row`: its own cells; under a cell spread over
 * several columns, the sub-headers of the row below (年度指标值 over 指标性质 | 指标值 | 度量单位), which
 * take its place; and, when the row lacks a required column, the cells of the row below.
 */
function headerAt(grid: Grid, row: number): Header {
  const map: Partial<ColumnMap> = {};
  let bottom = row;
  const claim = (field: Field, r: number, c: number) => {
    map[field] = c;
    bottom = Math.max(bottom, grid.extent(r, c).row);
  };
  // Cells spread over several columns (年度指标值 over 指标性质 | 指标值 | 度量单位, 绩效指标 over 一级 | 二级 | 三级).
  const spans: { left: number; right: number; field: Field | null }[] = [];
  const take = (r: number) => {
    // A horizontal merge is named once, by its first column.
    for (const c of grid.starts(r)) {
      const field = classify(grid.text(r, c));
      if (field && map[field] === undefined) claim(field, r, c);
      const extent = grid.extent(r, c);
      if (r === row && grid.isMaster(r, c) && extent.col > c && extent.row === r) spans.push({ left: c, right: extent.col, field });
    }
  };
  take(row);
  // A header's first row names columns itself (a row of goals above the header names none).
  if (Object.keys(map).length === 0) return { top: row, bottom, map };
  if (row < grid.rowCount && spans.length > 0 && isSubHeaderRow(grid, row, spans)) {
    const below = row + 1;
    for (const span of spans) {
      const subs: { col: number; text: string | null }[] = [];
      for (let c = span.left; c <= span.right; c = grid.extent(below, c).col + 1) {
        if (grid.master(below, c).row === below) subs.push({ col: c, text: grid.text(below, c) });
      }
      if (!subs.some((s) => s.text !== null)) continue;
      const parent = span.field;
      if (parent !== null && map[parent] === span.left) delete map[parent];
      for (const sub of subs) {
        const field = classifySub(sub.text, parent, map);
        if (field && (map[field] === undefined || field !== parent)) claim(field, below, sub.col);
      }
      // A parent whose sub-headers name nothing of its own keeps its first column.
      if (parent !== null && map[parent] === undefined) claim(parent, row, span.left);
    }
  }
  if (REQUIRED.some((f) => map[f] === undefined) && row < grid.rowCount) take(row + 1);
  return { top: row, bottom, map };
}

function findHeader(grid: Grid, from: number): { top: number; bottom: number; map: ColumnMap } | null {
  for (const r of grid.rows()) {
    if (r < from) continue;
    const { map, bottom } = headerAt(grid, r);
    if (!REQUIRED.every((f) => map[f] !== undefined)) continue;
    const first = Math.min(...Object.values(map).filter((v): v is number => v !== undefined));
    // A 一级指标 header merged over several columns names the one nearest the 二级 column
    // (the ones further left hold group labels such as 绩效指标).
    const next = map.level2 ?? map.name!;
    let level1 = map.level1 === undefined ? next - 1 : Math.min(grid.extent(r, map.level1).col, next - 1);
    // A weight column left of the 二级 column holds the first levels' weights (分解目标 | 自评权重).
    const levelWeight = map.level1 === undefined && level1 > 1 && /权重|分值/.test(compactText(grid.text(r, level1))) ? level1 : null;
    if (levelWeight !== null) level1 -= 1;
    return {
      top: r,
      bottom,
      map: {
        level1: level1 >= 1 ? level1 : first,
        levelWeight,
        level2: map.level2 ?? null,
        name: map.name!,
        target: map.target!,
        unit: map.unit ?? null,
        nature: map.nature ?? null,
        adjustedTarget: map.adjustedTarget ?? null,
        actual: map.actual!,
        weight: map.weight!,
        score: map.score!,
        deviation: map.deviation ?? null,
        reason: map.reason ?? null,
      },
    };
  }
  return null;
}

/**
 * The row that comes nearest to an indicator table's header without being one (three of the five
 * columns it needs or more), for saying what is missing when a sheet has no table; null when none does.
 */
export function nearestHeader(grid: Grid): NearHeader | null {
  let best: NearHeader | null = null;
  for (const r of grid.rows()) {
    const { map } = headerAt(grid, r);
    const missing = REQUIRED.filter((f) => map[f] === undefined) as NearHeader['missing'];
    if (missing.length === 0 || missing.length > 2 || (best && best.missing.length <= missing.length)) continue;
    const first = Math.min(...Object.values(map).filter((v): v is number => v !== undefined));
    best = { cell: cellName(grid.ref(r, first)), missing };
  }
  return best;
}

/** Every column from the first to the last header cell, with its header texts and field. */
function headerColumns(grid: Grid, top: number, bottom: number, map: ColumnMap): { headers: HeaderColumn[]; first: number; last: number } {
  const mapped = Object.values(map).filter((c): c is number => c !== null);
  const first = Math.min(...mapped);
  let last = Math.max(...mapped.map((c) => grid.extent(top, c).col));
  for (let r = top; r <= bottom; r++) {
    for (const seg of grid.segments(r)) if (seg.right >= first) last = Math.max(last, seg.right);
  }
  const fields = new Map<number, Field>();
  for (const [field, col] of Object.entries(map) as [Field, number | null][]) if (col !== null) fields.set(col, field);
  const headers: HeaderColumn[] = [];
  for (let c = first; c <= last; c++) {
    const texts: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const t = (grid.text(r, c) ?? '').replace(/\s+/g, '');
      if (t && texts[texts.length - 1] !== t) texts.push(t);
    }
    headers.push({ col: c, text: texts.join(' / '), field: fields.get(c) ?? null });
  }
  return { headers, first, last };
}

/** Comparators a 指标性质 cell may hold, as they are written before a number. */
const NATURE_COMPARATOR = /^(>=|<=|≥|≤|>|<|=|不少于|不低于|不小于|不超过|不高于|不大于|大于等于|小于等于|大于|小于|高于|低于)$/;
const NATURE_NONE = /^(定性|定性指标|定量|定量指标)$/;
const NATURE_WORDS: Record<string, string> = { 正向: '≥', 正向指标: '≥', 反向: '≤', 反向指标: '≤' };

/**
 * The target of a row whose 年度指标值 is split into 指标性质 | 指标值 (| 度量单位), written as one
 * cell would state it: `≥` and `95` give `≥95`; `定性` and `达标` give `达标`. A value that states its
 * own comparator is kept as written; an unknown 指标性质 is kept in front of the value, so that the
 * target cannot be read and is reported rather than guessed.
 */
export function composeTarget(nature: string | null, value: string | null): string | null {
  if (value === null || isPlaceholder(value) || nature === null || isPlaceholder(nature)) return value;
  const n = compactText(nature);
  const v = compactText(value);
  if (NATURE_NONE.test(n)) return value;
  const comparator = NATURE_WORDS[n] ?? (NATURE_COMPARATOR.test(n) ? n : null);
  if (comparator === null) return `${nature.trim()}${value}`;
  if (v.startsWith(comparator)) return value;
  // `=` before a word, a date or a tier says nothing more than the word.
  if (comparator === '=' && !/^[-+]?[\d.,]/.test(v)) return value;
  // A value with another comparator of its own (`≤` before `≥95`) cannot be read, and is reported.
  return `${NATURE_WORDS[n] ?? nature.trim()}${value}`;
}

/** First and last row of a part of the sheet. */
type Span = [number, number];

/** A label (`项目名称`, `部门（单位）名称：`) compared without blanks, brackets made ASCII, a trailing colon and `(盖章)` removed. */
function labelKey(text: string | null): string {
  return compactText(text).replace(/\(盖章\)/g, '').replace(/[:：]$/, '');
}

const DEPARTMENT = /^(部门\(单位\)名称|单位名称|部门名称|预算单位|预算单位名称|单位\(部门\)名称|部门\(单位\)|填报单位|填报单位名称|评价部门名称|评价单位名称)$/;
const IMPLEMENTER = /^(实施单位|项目实施单位|实施单位名称|实施单位\(部门\))$/;
const SUPERVISOR = /^(主管部门|主管单位|项目主管部门|主管部门\(单位\)|主管部门名称)$/;
const PROJECT = /^(项目名称|项目全称)$/;
const DECLARED_TOTAL = /^(自评得分|自评总分|总得分|综合得分|自评分数)(\(分\))?$/;
const DECLARED_GRADE = /^(自评结果|自评等级|评价等级|绩效等级|评价结果|等级)$/;
/** Other labels of a header block, never a value: an empty value is not the next label. */
const OTHER_LABELS = /^(财政处室|部门联系人|联系人|联系电话|项目负责人|项目负责人及电话|下属单位个数|填报人|填报日期)$/;
const HEADER_LABELS = [DEPARTMENT, IMPLEMENTER, SUPERVISOR, PROJECT, DECLARED_TOTAL, DECLARED_GRADE, OTHER_LABELS];

/** The first text to the right of a label cell, past the label's own merge; null when it is another label. */
function valueRightOf(grid: Grid, row: number, col: number): CellText | null {
  const after = grid.extent(row, col).col;
  const next = grid.segments(row).find((s) => s.left > after);
  if (!next) return null;
  const cell = grid.cell(row, next.left);
  return HEADER_LABELS.some((l) => l.test(labelKey(cell.text))) ? null : cell;
}

/** A labelled value in the rows above the table: `部门（单位）名称 | …`, or `项目名称：…` in one cell. */
function labelledValue(grid: Grid, [firstRow, lastRow]: Span, label: RegExp): CellText | null {
  for (const r of grid.rows()) {
    if (r < firstRow) continue;
    if (r > lastRow) break;
    for (const { left: c, master } of grid.segments(r)) {
      if (master.row !== r) continue;
      const text = grid.text(r, c)!;
      if (label.test(labelKey(text))) {
        const value = valueRightOf(grid, r, c);
        if (value) return value;
        continue;
      }
      const inline = /^([^:：]{2,20})[:：](.+)$/s.exec(text.trim());
      if (inline && label.test(labelKey(inline[1]!))) return { text: inline[2]!.trim(), ref: grid.ref(r, c) };
    }
  }
  return null;
}

const TOTAL_ROW = /^(总分|合计|总计|总得分)$/;
const SUBTOTAL_ROW = /^小计$/;
const END_ROW = /^(注|说明|备注|填报人|填表人|单位负责人|联系人|联系电话|审核人)/;

type BudgetField = keyof Omit<RawBudgetLine, 'label'>;

const BUDGET_FIELDS: [BudgetField, RegExp][] = [
  // Before 执行率: 执行率权重, 执行率得分 (重庆).
  ['weight', /^分值|^权重|权重$/],
  ['score', /得分/],
  ['rate', /执行率/],
  ['executed', /执行数|执行金额|实际支出|执行额/],
  ['initial', /年初/],
  ['adjusted', /全年预算|年度预算|调整后?预算|^预算数|全年\(调整\)预算/],
];

/** Labels of the rows under a budget block's total row (其中：当年财政拨款, (2) 财政专户管理资金 …). */
const BUDGET_SUB_ROW = /其中|资金|拨款|结转|其他|财政|专户|基本支出|项目支出|^[(（]?\d+[)）、.]|^[一二三四五六七八九十]+[、.]/;

/** A cell that holds a figure (`273.8`, `860.5万`, `1,200.00万元`, `76%`), not a sentence with a number in it. */
function isAmount(text: string | null): boolean {
  return /^[-+]?[0-9０-９][0-9０-９,，.．]*\s*(万元|万|元|%|％)?$/.test((text ?? '').trim());
}

/** The label of a budget row: the nearest text left of the amounts that starts in this row. */
function budgetLabel(grid: Grid, row: number, firstAmount: number): CellText | null {
  const label = grid.segments(row).filter((s) => s.left < firstAmount && s.master.row === row).pop();
  return label ? grid.cell(row, label.left) : null;
}

/**
 * Whether the cells under a budget header cell hold row labels (总额, 其中：财政拨款) rather than
 * amounts: then the header cell (`年度预算数（万元）` over the label column) names the block, not a column.
 */
function holdsLabels(grid: Grid, headerBottom: number, lastRow: number, col: number): boolean {
  for (let row = headerBottom + 1; row <= Math.min(lastRow, headerBottom + 3); row++) {
    const master = grid.master(row, col);
    if (master.row !== row || master.col !== col) continue;
    const text = grid.text(row, col);
    if (!isPlaceholder(text) && !isAmount(text)) return true;
  }
  return false;
}

/** A weight in the block's title (`预算执行情况（10分）`), left of its amounts in the header row or alone in the row above. */
function titleWeight(grid: Grid, headerRow: number, firstAmount: number): CellText | null {
  const titles = grid.segments(headerRow).filter((s) => s.left < firstAmount);
  const above = grid.segments(headerRow - 1);
  if (above.length === 1) titles.push(above[0]!);
  for (const seg of titles) {
    const text = grid.text(seg.master.row, seg.master.col);
    const { weight } = splitLevelLabel(text ?? '');
    if (weight !== null && /预算|资金|执行/.test(text!)) return { text: weight, ref: grid.ref(seg.master.row, seg.master.col) };
  }
  return null;
}

/** The budget block's header row, its total row (部门预算总额 / 年度资金总额) and the rows under it, in the rows above the indicator table. */
function findBudget(grid: Grid, [firstRow, lastRow]: Span): RawBudget | null {
  for (const r of grid.rows()) {
    if (r < firstRow) continue;
    if (r > lastRow) break;
    const candidates: [BudgetField, number][] = [];
    for (const c of grid.starts(r)) {
      const t = compactText(grid.text(r, c));
      const hit = t ? BUDGET_FIELDS.find(([, p]) => p.test(t)) : undefined;
      if (hit) candidates.push([hit[0], c]);
    }
    const bottomOf = (c: number) => grid.extent(r, c).row;
    const cols: Partial<Record<BudgetField, number>> = {};
    for (const [i, [field, c]] of candidates.entries()) {
      if (cols[field] !== undefined) continue;
      // A header cell over the row labels, when another cell names the same figure further right.
      if (candidates.slice(i + 1).some(([f]) => f === field) && holdsLabels(grid, bottomOf(c), lastRow, c)) continue;
      cols[field] = c;
    }
    if (cols.executed === undefined || (cols.adjusted === undefined && cols.initial === undefined)) continue;
    const firstAmount = Math.min(...Object.values(cols));
    const headerBottom = Math.max(...Object.values(cols).map(bottomOf));
    // The total row: the first row below the header labelled as a total, else the first with an amount.
    let chosen: { row: number; label: CellText } | null = null;
    for (let row = headerBottom + 1; row <= Math.min(lastRow, headerBottom + 10); row++) {
      const label = budgetLabel(grid, row, firstAmount);
      const hasAmount = isAmount(grid.text(row, cols.executed));
      if (label && /总额|合计|总计|总金额/.test(compactText(label.text))) {
        chosen = { row, label };
        break;
      }
      if (!chosen && hasAmount && label) chosen = { row, label };
    }
    // A block of one row under its header, with no label of its own (the block's label merged down
    // beside it) and only its rate, weight or score given (重庆: 76% | 10 | 7.6): that row, under the block's label.
    const first = headerBottom + 1;
    const figures = [cols.executed, cols.adjusted, cols.initial, cols.rate, cols.score].some((c) => c !== undefined && isAmount(grid.text(first, c)));
    const beside = grid.segments(first).find((s) => s.left < firstAmount && s.master.row < first);
    if (!chosen && first <= lastRow && figures && beside) chosen = { row: first, label: grid.cell(beside.master.row, beside.master.col) };
    if (!chosen) continue;
    const total = chosen;
    const line = (row: number, label: CellText): RawBudgetLine => {
      const at = (c: number | undefined) => (c === undefined ? null : grid.cell(row, c));
      return {
        label,
        initial: at(cols.initial),
        adjusted: at(cols.adjusted),
        executed: at(cols.executed),
        rate: at(cols.rate),
        weight: at(cols.weight),
        score: at(cols.score),
      };
    };
    // The block ends where its label merged down the left ends (部门整体支出情况 over A3:A7), else
    // with the last row labelled as a sub-row.
    let blockBottom = total.row;
    for (const { left: c, master } of grid.segments(r)) if (c < firstAmount && master.row === r) blockBottom = Math.max(blockBottom, grid.extent(r, c).row);
    const subRows: RawBudgetLine[] = [];
    for (let row = total.row + 1; row <= Math.min(lastRow, total.row + 10); row++) {
      const label = budgetLabel(grid, row, firstAmount);
      if (row > blockBottom && !(label && BUDGET_SUB_ROW.test(compactText(label.text)))) break;
      if (label) subRows.push(line(row, label));
    }
    const totalLine = line(total.row, total.label);
    // No 分值 column: the weight the block's title declares, if any.
    if (totalLine.weight === null) totalLine.weight = titleWeight(grid, r, firstAmount);
    return { ...totalLine, headerRow: r, scored: totalLine.weight !== null || totalLine.score !== null, subRows };
  }
  return null;
}

const LEVEL_WEIGHT = /(?:[(（]\s*([0-9０-９.．]+)\s*分?\s*[)）]|(?<![0-9０-９.．])([0-9０-９.．]+)\s*分)\s*$/;

/** `产出指标 (40分)`, `满意度指标（10分）` → name `产出指标` / `满意度指标`, weight `40` / `10`. */
function splitLevelLabel(text: string): { name: string; weight: string | null } {
  const m = LEVEL_WEIGHT.exec(text);
  const name = (m ? text.slice(0, m.index) : text).replace(/\s+/g, '');
  return m && name ? { name, weight: (m[1] ?? m[2])! } : { name: text.replace(/\s+/g, ''), weight: null };
}

/** A template's name for a row still to be filled in: `指标2:`, `指标：`. */
const TEMPLATE_NAME = /^指标\s*\d*\s*[:：]?$/;
const ZERO = /^0+(\.0+)?$/;

/** A sheet's title (`项目支出绩效自评表`, `2022年度部门整体支出绩效自评表`): above a table, never inside one. */
const TITLE = /绩效自评表|绩效自评价表|支出绩效自评|自评表$/;

/**
 * Whether a row opens another table: a title alone in its row, or a row that starts with a label of
 * the header block (项目名称, 主管部门 …, or `项目名称：…` in one cell).
 */
function opensTable(grid: Grid, r: number): boolean {
  const own = grid.segments(r).filter((s) => s.master.row === r);
  if (own.length === 0) return false;
  const text = grid.text(r, own[0]!.left)!;
  const key = labelKey(text);
  if (own.length === 1 && grid.segments(r).length === 1 && TITLE.test(key) && key.length <= 40) return true;
  const inline = /^([^:：]{2,20})[:：]/.exec(text.trim());
  return [DEPARTMENT, IMPLEMENTER, SUPERVISOR, PROJECT].some((l) => l.test(key) || (inline !== null && l.test(labelKey(inline[1]!))));
}

/**
 * A caption: one cell across the table's name, target, actual, weight and score columns
 * (`年度绩效目标2（40分）` merged over the row).
 */
function isCaption(grid: Grid, r: number, map: ColumnMap): boolean {
  const master = grid.master(r, map.name);
  if (grid.text(r, map.name) === null) return false;
  return [map.target, map.actual, map.weight, map.score].every((c) => {
    const m = grid.master(r, c);
    return m.row === master.row && m.col === master.col;
  });
}

/** The text of a row's only cell, when it has one cell with text and it lies left of the name column (a heading left alone). */
function loneLabel(grid: Grid, r: number, map: ColumnMap): { text: string; ref: CellText['ref'] } | null {
  const segs = grid.segments(r).filter((s) => s.master.row === r);
  if (segs.length !== 1 || segs[0]!.left >= map.name || grid.segments(r).length !== 1) return null;
  return { text: grid.text(r, segs[0]!.left)!, ref: grid.ref(r, segs[0]!.left) };
}

/** The table whose header is the first at or below row `from`; null when there is none. */
function findTable(grid: Grid, from: number): RawTable | null {
  const header = findHeader(grid, from);
  if (!header) return null;
  const { map } = header;
  const rows: RawIndicatorRow[] = [];
  const levels: RawLevel[] = [];
  const captions: RawCaption[] = [];
  let declaredTotal: CellText | null = null;
  let caption: string | null = null;
  let level1 = '';
  let level2: string | null = null;
  // A first-level label alone in its row: a first level when the rows under it take it, a caption when they name their own.
  let pending: { text: string; ref: CellText['ref'] } | null = null;
  const { headers, first: firstCol, last: lastColumn } = headerColumns(grid, header.top, header.bottom, map);
  let lastRow = header.bottom;
  const openCaption = (text: string, ref: CellText['ref']) => {
    const { name, weight } = splitLevelLabel(text);
    captions.push({ name, declaredWeight: weight, ref });
    caption = name;
    level1 = '';
    level2 = null;
  };
  const levelName = (name: string) => (caption === null ? name : `${caption} / ${name}`);
  // A caption down the left of the whole table, merged from its header over its rows, with a weight
  // (`绩效指标(90分)` beside a budget block of 10): the indicators' declared weight, checked as a block's.
  if (firstCol > 1) {
    const beside = grid.master(header.top, firstCol - 1);
    const text = grid.text(beside.row, beside.col);
    const { name, weight } = splitLevelLabel(text ?? '');
    if (text !== null && weight !== null && grid.extent(beside.row, beside.col).row > header.bottom) captions.push({ name, declaredWeight: weight, ref: grid.ref(beside.row, beside.col) });
  }

  // Rows that show no text carry nothing: only those that do are read.
  for (const r of grid.rows()) {
    if (r <= header.bottom) continue;
    const lead = [firstCol, map.level1, map.level2 ?? map.level1, map.name].map((c) => compactText(grid.text(r, c)));
    if (lead.some((t) => TOTAL_ROW.test(t))) {
      declaredTotal = grid.cell(r, map.score);
      lastRow = r;
      break;
    }
    if (lead.some((t) => END_ROW.test(t)) || opensTable(grid, r)) break;
    // Subtotal rows and a header repeated after a page break carry no indicator.
    if (lead.some((t) => SUBTOTAL_ROW.test(t)) || classify(grid.text(r, map.name)) === 'name') continue;
    if (isCaption(grid, r, map)) {
      openCaption(grid.text(r, map.name)!, grid.ref(grid.master(r, map.name).row, grid.master(r, map.name).col));
      pending = null;
      lastRow = r;
      continue;
    }
    const lone = loneLabel(grid, r, map);
    if (lone) {
      if (pending) openCaption(pending.text, pending.ref);
      pending = lone;
      lastRow = r;
      continue;
    }

    // Merged 一级/二级 cells give every row their text; an empty unmerged cell inherits from above.
    let l1 = grid.text(r, map.level1);
    let l1Ref = grid.ref(r, map.level1);
    if (pending) {
      // The rows under a lone label name their own first level: the label was a caption.
      if (l1 !== null) openCaption(pending.text, pending.ref);
      else [l1, l1Ref] = [pending.text, pending.ref];
      pending = null;
    }
    if (l1 !== null) {
      const { name: plain, weight } = splitLevelLabel(l1);
      const name = levelName(plain);
      if (name !== level1) {
        level2 = null;
        const declared = weight ?? (map.levelWeight === null ? null : grid.text(r, map.levelWeight));
        if (!levels.some((l) => l.name === name)) levels.push({ name, declaredWeight: declared, ref: l1Ref });
      }
      level1 = name;
    }
    if (map.level2 !== null) {
      const l2 = grid.text(r, map.level2);
      if (l2 !== null) level2 = splitLevelLabel(l2).name;
    }

    const cell = (c: number | null) => (c === null ? null : grid.cell(r, c));
    // 调整指标值, when filled, replaces the original target; 指标性质 is read into either.
    const adjusted = cell(map.adjustedTarget);
    const value = adjusted !== null && !isPlaceholder(adjusted.text) ? adjusted : grid.cell(r, map.target);
    const nature = map.nature === null ? null : grid.text(r, map.nature);
    const row: RawIndicatorRow = {
      level1,
      level2,
      name: grid.cell(r, map.name),
      target: { text: composeTarget(nature, value.text), ref: value.ref },
      unit: cell(map.unit),
      actual: grid.cell(r, map.actual),
      weight: grid.cell(r, map.weight),
      score: grid.cell(r, map.score),
      deviation: cell(map.deviation),
      reason: cell(map.reason),
    };
    const nil = (t: string | null) => isPlaceholder(t) || ZERO.test(t!.trim());
    // Blank rows and template placeholders (指标2:, ……, / everywhere) carry nothing.
    const placeholderName = isPlaceholder(row.name.text) || TEMPLATE_NAME.test(row.name.text!.trim());
    if (placeholderName && isPlaceholder(row.target.text) && isPlaceholder(row.actual.text) && nil(row.weight.text) && nil(row.score.text)) continue;
    rows.push(row);
    lastRow = r;
  }

  const above: Span = [from, header.top - 1];
  return {
    sheet: grid.sheet,
    label: grid.sheet,
    department: labelledValue(grid, above, DEPARTMENT) ?? labelledValue(grid, above, IMPLEMENTER) ?? labelledValue(grid, above, SUPERVISOR),
    project: labelledValue(grid, above, PROJECT),
    declaredTotal: declaredTotal?.text ? declaredTotal : labelledValue(grid, above, DECLARED_TOTAL),
    declaredGrade: labelledValue(grid, above, DECLARED_GRADE),
    budget: findBudget(grid, above),
    levels,
    captions,
    rows,
    columns: map,
    headerRow: header.bottom,
    headerTop: header.top,
    headers,
    firstColumn: firstCol,
    lastColumn,
    lastRow,
    notices: [],
  };
}

/**
 * Finds the indicator tables on a sheet, top to bottom (most sheets hold one; some stack a unit's
 * project tables one under another): each from the rows below the one before. Empty when it has none.
 */
export function findTables(grid: Grid): RawTable[] {
  const tables: RawTable[] = [];
  for (let from = 1, table = findTable(grid, from); table !== null; from = table.lastRow + 1, table = findTable(grid, from)) tables.push(table);
  if (tables.length > 1) {
    for (const t of tables) {
      const project = t.project?.text?.replace(/\s+/g, ' ').trim();
      t.label = project ? `${grid.sheet} · ${project}` : `${grid.sheet}!${columnLetters(t.firstColumn)}${t.headerTop}`;
    }
    // Two tables of one project: told apart by where they start.
    for (const t of tables) if (tables.filter((o) => o.label === t.label).length > 1) t.label = `${grid.sheet}!${columnLetters(t.firstColumn)}${t.headerTop}`;
  }
  return tables;
}
