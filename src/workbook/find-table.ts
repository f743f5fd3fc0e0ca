// Finding the indicator table on a sheet by its header row, and the blocks around it: the unit's
// name, the budget block, the declared total and grade. Works on a Grid, knows nothing of exceljs.
import type { CellText, ColumnMap, RawBudget, RawIndicatorRow, RawLevel, RawTable } from '../model.js';
import type { Grid } from './grid.js';

type Field = keyof ColumnMap;

/** Header names, in the order they are tried: the first pattern that matches names the column. */
const HEADER_FIELDS: [Field, RegExp][] = [
  ['reason', /原因|改进措施/],
  ['deviation', /偏差/],
  ['actual', /实际|^完成值|^全年完成值|^完成情况$/],
  ['level1', /^一级指标/],
  ['level2', /^二级指标/],
  ['name', /^三级指标|^指标名称$|^绩效指标名称$|^具体指标$/],
  ['unit', /度量单位|计量单位|^单位$/],
  ['target', /指标值|目标值/],
  ['weight', /^分值|^权重|指标分值|^标准分值?$|^满分/],
  ['score', /得分|^评分$/],
];

const REQUIRED: Field[] = ['name', 'target', 'actual', 'weight', 'score'];

/** Header text as compared: no spaces or line breaks, ASCII brackets. */
function normalize(text: string | null): string {
  return (text ?? '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

function classify(text: string | null): Field | null {
  const t = normalize(text);
  if (!t) return null;
  for (const [field, pattern] of HEADER_FIELDS) if (pattern.test(t)) return field;
  return null;
}

/**
 * The columns named by a header that starts at `row`: its own cells and, for a header that
 * spans two rows, the cells of the row below (which win where they name a column).
 */
function columnsAt(grid: Grid, row: number): { map: Partial<ColumnMap>; bottom: number } {
  const map: Partial<ColumnMap> = {};
  let bottom = row;
  const take = (r: number) => {
    for (let c = 1; c <= grid.colCount; c++) {
      if (!grid.isMaster(r, c) && grid.master(r, c).col !== c) continue; // horizontal merge: named once
      const field = classify(grid.text(r, c));
      if (field && map[field] === undefined) {
        map[field] = c;
        bottom = Math.max(bottom, grid.extent(r, c).row);
      }
    }
  };
  take(row);
  if (REQUIRED.some((f) => map[f] === undefined) && row < grid.rowCount) take(row + 1);
  return { map, bottom };
}

function findHeader(grid: Grid): { row: number; bottom: number; map: ColumnMap } | null {
  for (let r = 1; r <= grid.rowCount; r++) {
    const { map, bottom } = columnsAt(grid, r);
    if (REQUIRED.every((f) => map[f] !== undefined)) {
      const first = Math.min(...Object.values(map).filter((v): v is number => v !== undefined));
      // A 一级指标 header merged over several columns names the one nearest the 二级 column
      // (the ones further left hold group labels such as 绩效指标).
      const next = map.level2 ?? map.name!;
      const level1 = map.level1 === undefined ? next - 1 : Math.min(grid.extent(r, map.level1).col, next - 1);
      return {
        row: r,
        bottom,
        map: {
          level1: level1 >= 1 ? level1 : first,
          level2: map.level2 ?? null,
          name: map.name!,
          target: map.target!,
          unit: map.unit ?? null,
          actual: map.actual!,
          weight: map.weight!,
          score: map.score!,
          deviation: map.deviation ?? null,
          reason: map.reason ?? null,
        },
      };
    }
  }
  return null;
}

/** The first text to the right of a label cell, past the label's own merge. */
function valueRightOf(grid: Grid, row: number, col: number): CellText | null {
  for (let c = grid.extent(row, col).col + 1; c <= grid.colCount; c = grid.extent(row, c).col + 1) {
    const cell = grid.cell(row, c);
    if (cell.text !== null) return cell;
  }
  return null;
}

/** A labelled value in the rows above the table (部门（单位）名称 | …, 自评得分 | …). */
function labelledValue(grid: Grid, lastRow: number, label: RegExp): CellText | null {
  for (let r = 1; r <= lastRow; r++) {
    for (let c = 1; c <= grid.colCount; c++) {
      if (!grid.isMaster(r, c)) continue;
      if (label.test(normalize(grid.text(r, c)))) {
        const value = valueRightOf(grid, r, c);
        if (value) return value;
      }
    }
  }
  return null;
}

const DEPARTMENT = /^(部门\(单位\)名称|单位名称|部门名称|预算单位|单位\(部门\)名称|部门\(单位\))$/;
const DECLARED_TOTAL = /^(自评得分|自评总分|总得分|综合得分|自评分数)$/;
const DECLARED_GRADE = /^(自评结果|自评等级|评价等级|绩效等级|评价结果|等级)$/;
const TOTAL_ROW = /^(总分|合计|总计|总得分)$/;
const END_ROW = /^(注|说明|备注|填报人|填表人|单位负责人|联系人|联系电话|审核人)/;

const BUDGET_FIELDS: [keyof Omit<RawBudget, 'label'>, RegExp][] = [
  ['rate', /执行率/],
  ['executed', /执行数|执行金额|实际支出/],
  ['initial', /年初/],
  ['adjusted', /全年预算|调整后?预算|^预算数/],
  ['weight', /^分值|^权重/],
  ['score', /得分/],
];

/** The budget block's header row and its total row (部门预算总额), in the rows above the indicator table. */
function findBudget(grid: Grid, lastRow: number): RawBudget | null {
  for (let r = 1; r <= lastRow; r++) {
    const cols: Partial<Record<keyof Omit<RawBudget, 'label'>, number>> = {};
    for (let c = 1; c <= grid.colCount; c++) {
      if (grid.master(r, c).col !== c) continue;
      const t = normalize(grid.text(r, c));
      const hit = t ? BUDGET_FIELDS.find(([, p]) => p.test(t)) : undefined;
      if (hit && cols[hit[0]] === undefined) cols[hit[0]] = c;
    }
    if (cols.executed === undefined || (cols.adjusted === undefined && cols.initial === undefined)) continue;
    const firstAmount = Math.min(...Object.values(cols));
    const headerBottom = Math.max(...Object.values(cols).map((c) => grid.extent(r, c).row));
    // The total row: the first row below the header labelled as a total, else the first with an amount.
    let chosen: { row: number; label: CellText } | null = null;
    for (let row = headerBottom + 1; row <= Math.min(lastRow, headerBottom + 10); row++) {
      let label: CellText | null = null;
      for (let c = firstAmount - 1; c >= 1; c--) {
        if (grid.master(row, c).row === row && grid.text(row, c) !== null) {
          label = grid.cell(row, c);
          break;
        }
      }
      const hasAmount = grid.text(row, cols.executed) !== null;
      if (label && /总额|合计|总计|总金额/.test(normalize(label.text))) {
        chosen = { row, label };
        break;
      }
      if (!chosen && hasAmount && label) chosen = { row, label };
    }
    if (!chosen) continue;
    const at = (c: number | undefined) => (c === undefined ? null : grid.cell(chosen.row, c));
    return {
      label: chosen.label,
      initial: at(cols.initial),
      adjusted: at(cols.adjusted),
      executed: at(cols.executed),
      rate: at(cols.rate),
      weight: at(cols.weight),
      score: at(cols.score),
    };
  }
  return null;
}

const LEVEL_WEIGHT = /[(（]\s*([0-9０-９.]+)\s*分?\s*[)）]\s*$/;

/** `产出指标 (40分)` → name `产出指标`, weight `40`. */
function splitLevelLabel(text: string): { name: string; weight: string | null } {
  const m = LEVEL_WEIGHT.exec(text);
  return m ? { name: text.slice(0, m.index).replace(/\s+/g, ''), weight: m[1]! } : { name: text.replace(/\s+/g, ''), weight: null };
}

const PLACEHOLDER_NAME = /^(指标\s*\d+\s*[:：]?|…+|\.{3,}|[-—/／]*)$/;

/** Finds the indicator table on a sheet; null when the sheet has none. */
export function findTable(grid: Grid): RawTable | null {
  const header = findHeader(grid);
  if (!header) return null;
  const { map } = header;
  const rows: RawIndicatorRow[] = [];
  const levels: RawLevel[] = [];
  let declaredTotal: CellText | null = null;
  let level1 = '';
  let level2: string | null = null;
  const tableCols = Object.values(map).filter((c): c is number => c !== null);
  const firstCol = Math.min(...tableCols);
  const lastColumn = Math.max(...tableCols.map((c) => grid.extent(header.row, c).col));

  for (let r = header.bottom + 1; r <= grid.rowCount; r++) {
    const lead = [firstCol, map.level1, map.level2 ?? map.level1, map.name].map((c) => normalize(grid.text(r, c)));
    if (lead.some((t) => TOTAL_ROW.test(t))) {
      declaredTotal = grid.cell(r, map.score);
      break;
    }
    if (lead.some((t) => END_ROW.test(t))) break;

    // Merged 一级/二级 cells give every row their text; an empty unmerged cell inherits from above.
    const l1 = grid.text(r, map.level1);
    if (l1 !== null) {
      const { name, weight } = splitLevelLabel(l1);
      if (name !== level1) {
        level2 = null;
        if (!levels.some((l) => l.name === name)) levels.push({ name, declaredWeight: weight, ref: grid.ref(r, map.level1) });
      }
      level1 = name;
    }
    if (map.level2 !== null) {
      const l2 = grid.text(r, map.level2);
      if (l2 !== null) level2 = l2.replace(/\s+/g, '');
    }

    const cell = (c: number | null) => (c === null ? null : grid.cell(r, c));
    const row: RawIndicatorRow = {
      level1,
      level2,
      name: grid.cell(r, map.name),
      target: grid.cell(r, map.target),
      unit: cell(map.unit),
      actual: grid.cell(r, map.actual),
      weight: grid.cell(r, map.weight),
      score: grid.cell(r, map.score),
      deviation: cell(map.deviation),
      reason: cell(map.reason),
    };
    const values = [row.target, row.actual, row.weight, row.score].map((c) => c.text);
    const blank = (t: string | null) => t === null || /^[-—/／…]*$/.test(t);
    // Blank rows and template placeholders (指标2:, ……, / everywhere) carry nothing.
    if (values.every(blank) && (row.name.text === null || PLACEHOLDER_NAME.test(row.name.text))) continue;
    rows.push(row);
  }

  const above = header.row - 1;
  return {
    sheet: grid.sheet,
    department: labelledValue(grid, above, DEPARTMENT),
    declaredTotal: declaredTotal?.text ? declaredTotal : labelledValue(grid, above, DECLARED_TOTAL),
    declaredGrade: labelledValue(grid, above, DECLARED_GRADE),
    budget: findBudget(grid, above),
    levels,
    rows,
    columns: map,
    headerRow: header.bottom,
    lastColumn,
  };
}
