// Findings in words, zh and en: each code's title (SARIF rule descriptions) and message, made from
// the finding's data at the edge (console, CI formats, JSON, the scored copy). A code's words are
// here and nowhere else; its check is in src/checks/.
import type { Decimal } from 'decimal.js';
import type { FieldName, Finding, FindingCode, FindingData, Lang } from '../model.js';
import { describeExpression } from './describe.js';
import { uiFor } from './messages.js';

type Words = { [C in FindingCode]: { title: string; message: (d: FindingData[C]) => string } };

const zhFields: Record<FieldName, string> = {
  name: '三级指标名称',
  target: '年度指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  deviation: '偏差度',
  reason: '偏差原因',
  budget: '全年预算数',
  executed: '全年执行数',
  rate: '执行率',
};

const enFields: Record<FieldName, string> = {
  name: 'indicator name',
  target: 'target',
  actual: 'actual value',
  weight: 'weight',
  score: 'score',
  deviation: 'deviation',
  reason: 'reason',
  budget: 'full-year budget',
  executed: 'amount executed',
  rate: 'execution rate',
};

/** A score, weight or percentage as messages show it: 2 decimals. */
function fmt(d: Decimal): string {
  return d.toFixed(2);
}

/** A sum of weights or a profile's figure as messages show it: as it is, no trailing zeros. */
function plain(d: Decimal): string {
  return d.toFixed();
}

/** An amount of the budget block, or `—` when there is none. */
function shown(d: Decimal | null): string {
  return d === null ? '—' : d.toFixed();
}

const zh: Words = {
  'missing-reason': {
    title: '未完成目标或扣分但未填写原因',
    message: (d) => {
      switch (d.why) {
        case 'missed':
          return `实际 ${describeExpression(d.actual)}，未达到目标 ${describeExpression(d.target)}（得分 ${fmt(d.score)}/${fmt(d.weight)}），未填写偏差原因`;
        case 'below-weight':
          return `得分 ${fmt(d.score)} 低于分值 ${fmt(d.weight)}（已扣分），未填写扣分原因`;
        case 'deviation':
          return `偏差度 ${fmt(d.deviation)}% 超过 ±${plain(d.limit)}%，未填写偏差原因`;
        case 'over-achievement':
          return `实际完成值达到指标值的 ${fmt(d.ratio)}%（不低于 ${plain(d.limit)}%），未说明超额完成原因`;
        case 'budget-rate':
          return `预算执行率 ${fmt(d.rate)}% 低于 ${plain(d.limit)}%，未说明原因`;
      }
    },
  },
  'score-exceeds-weight': {
    title: '自评得分超过分值',
    message: (d) => `自评得分 ${fmt(d.declared)} 超过分值 ${fmt(d.weight)}`,
  },
  'weight-sum': {
    title: '分值合计不符',
    message: (d) =>
      d.scope === 'level'
        ? `“${d.level}”下各指标分值合计 ${plain(d.sum)}，与标注的 ${plain(d.declared)} 分不符`
        : `分值合计 ${plain(d.sum)}（其中预算执行 ${plain(d.budget)}），应为 ${plain(d.expected)}`,
  },
  'unparsed-value': {
    title: '无法识别的数值',
    message: (d) => {
      switch (d.problem) {
        case 'not-a-number':
          return `无法识别${zhFields[d.field]}“${d.text}”，应为数字`;
        case 'not-an-expression':
          return `无法识别${zhFields[d.field]}“${d.text}”，应为数字、比较式（≥99%、≤20%、1次）、定性词（达标）或期限（7月31日前）`;
        case 'unit-mismatch':
          return `指标值单位“${d.target}”与实际完成值单位“${d.actual}”不一致`;
        case 'incomparable':
          return `实际完成值“${d.actual}”无法与指标值“${d.target}”比较`;
      }
    },
  },
  'table-not-filled': {
    title: '表格未填写',
    message: (d) => `表格未填写：${d.rows} 个指标的实际完成值和自评得分均为空，无法评分`,
  },
  'missing-value': {
    title: '缺少必填数值',
    message: (d) => (d.field === 'budget-block' ? '未找到预算执行情况（全年预算数、全年执行数）' : `缺少${zhFields[d.field]}`),
  },
  'qualitative-tier': {
    title: '自评得分不在完成档次区间内',
    message: (d) => `自评得分 ${fmt(d.declared)} 不在完成档次对应的分值区间 ${fmt(d.min)}–${fmt(d.max)} 内`,
  },
  'score-mismatch': {
    title: '自评得分与计算得分不符',
    message: (d) => `自评得分 ${fmt(d.declared)}，按规则应为 ${fmt(d.computed)}`,
  },
  'deviation-mismatch': {
    title: '偏差度与计算值不符',
    message: (d) => `填报偏差度 ${fmt(d.declared)}%，计算应为 ${fmt(d.computed)}%`,
  },
  'budget-mismatch': {
    title: '预算执行率或得分与计算值不符',
    message: (d) =>
      d.figure === 'rate'
        ? `填报执行率 ${fmt(d.declared)}%，按金额计算为 ${fmt(d.computed)}%`
        : `填报预算执行得分 ${fmt(d.declared)}，按规则应为 ${fmt(d.computed)}`,
  },
  'total-mismatch': {
    title: '填报总分与计算总分不符',
    message: (d) =>
      d.declaredGrade === d.computedGrade
        ? `填报总分 ${fmt(d.declared)}，计算总分为 ${fmt(d.computed)}`
        : `填报总分 ${fmt(d.declared)}（${d.declaredGrade}），计算总分为 ${fmt(d.computed)}（${d.computedGrade}），等级不同`,
  },
  'grade-mismatch': {
    title: '填报等级与计算等级不符',
    message: (d) => `填报等级“${d.declared}”，按计算总分 ${fmt(d.total)} 应为“${d.computed}”`,
  },
  'ambiguous-comparator': {
    title: '比较符写在数字之后',
    message: (d) => `“${d.text}”的比较符写在数字之后，按“${describeExpression(d.read)}”理解`,
  },
  'level-weight': {
    title: '一级指标分值与评分规则不符',
    message: (d) => `一级指标“${d.level}”分值 ${plain(d.weight)}，评分规则 ${d.profile} 要求 ${plain(d.expected)}`,
  },
  'budget-total-empty': {
    title: '预算总额行未填写',
    message: (d) => `预算总额行“${d.label}”金额为空或为 0，按其下分项（${d.lines.join('、')}）合计计分：预算 ${shown(d.budget)}，执行 ${shown(d.executed)}`,
  },
  'dropped-content': {
    title: '未纳入评分的表格内容',
    message: (d) => `评分副本未能保留：${d.what}`,
  },
  'unreadable-file': {
    title: '无法读取的文件',
    message: (d) => unreadable(d, 'zh'),
  },  'missed-target': {
    title: '未达到目标（已填写偏差原因）',
    message: (d) => `实际 ${describeExpression(d.actual)}，未达到目标 ${describeExpression(d.target)}${d.deviation === null ? '' : `，偏差 ${fmt(d.deviation)}%`}；原因：${d.reason}`,
  },
};

const en: Words = {
  'missing-reason': {
    title: 'Target missed or score below weight without a reason',
    message: (d) => {
      switch (d.why) {
        case 'missed':
          return `actual ${describeExpression(d.actual)} misses the target ${describeExpression(d.target)} (scored ${fmt(d.score)} of ${fmt(d.weight)}) and no reason given`;
        case 'below-weight':
          return `scored ${fmt(d.score)}, below its weight ${fmt(d.weight)} (points docked), and no reason given`;
        case 'deviation':
          return `deviation ${fmt(d.deviation)}% is beyond ±${plain(d.limit)}% and no reason given`;
        case 'over-achievement':
          return `the actual value reaches ${fmt(d.ratio)}% of the target (${plain(d.limit)}% or more) and no reason is given for the over-achievement`;
        case 'budget-rate':
          return `budget execution rate ${fmt(d.rate)}% is under ${plain(d.limit)}% and no reason given`;
      }
    },
  },
  'score-exceeds-weight': {
    title: 'Declared score above the weight',
    message: (d) => `declared score ${fmt(d.declared)} exceeds the weight ${fmt(d.weight)}`,
  },
  'weight-sum': {
    title: 'Weights do not add up',
    message: (d) =>
      d.scope === 'level'
        ? `weights under "${d.level}" add up to ${plain(d.sum)}, not the ${plain(d.declared)} its label declares`
        : `weights add up to ${plain(d.sum)} (budget execution ${plain(d.budget)} included), not ${plain(d.expected)}`,
  },
  'unparsed-value': {
    title: 'Value that cannot be read',
    message: (d) => {
      switch (d.problem) {
        case 'not-a-number':
          return `cannot read the ${enFields[d.field]} "${d.text}": expected a number`;
        case 'not-an-expression':
          return `cannot read the ${enFields[d.field]} "${d.text}": expected a number, a comparison (≥99%, ≤20%, 1次), a word (达标) or a deadline (7月31日前)`;
        case 'unit-mismatch':
          return `the target's unit "${d.target}" differs from the actual value's unit "${d.actual}"`;
        case 'incomparable':
          return `the actual value "${d.actual}" cannot be compared with the target "${d.target}"`;
      }
    },
  },
  'table-not-filled': {
    title: 'Table not filled in',
    message: (d) => `the table was not filled in: none of its ${d.rows} indicators has an actual value or a self-score, so it cannot be scored`,
  },
  'missing-value': {
    title: 'Missing value',
    message: (d) => (d.field === 'budget-block' ? 'no budget execution block found (full-year budget and amount executed)' : `missing ${enFields[d.field]}`),
  },
  'qualitative-tier': {
    title: 'Declared score outside the range of its completion tier',
    message: (d) => `declared score ${fmt(d.declared)} is outside the range ${fmt(d.min)}–${fmt(d.max)} of the completion tier`,
  },
  'score-mismatch': {
    title: 'Declared score differs from the computed one',
    message: (d) => `declared score ${fmt(d.declared)}, the rules give ${fmt(d.computed)}`,
  },
  'deviation-mismatch': {
    title: 'Declared deviation differs from the computed one',
    message: (d) => `declared deviation ${fmt(d.declared)}%, computed ${fmt(d.computed)}%`,
  },
  'budget-mismatch': {
    title: 'Declared budget execution rate or score differs from the computed one',
    message: (d) =>
      d.figure === 'rate'
        ? `declared execution rate ${fmt(d.declared)}%, the amounts give ${fmt(d.computed)}%`
        : `declared budget score ${fmt(d.declared)}, the rules give ${fmt(d.computed)}`,
  },
  'total-mismatch': {
    title: 'Declared total differs from the computed total',
    message: (d) =>
      d.declaredGrade === d.computedGrade
        ? `declared total ${fmt(d.declared)}, computed total ${fmt(d.computed)}`
        : `declared total ${fmt(d.declared)} (${d.declaredGrade}), computed total ${fmt(d.computed)} (${d.computedGrade}): another grade`,
  },
  'grade-mismatch': {
    title: 'Declared grade differs from the computed one',
    message: (d) => `declared grade "${d.declared}", the computed total ${fmt(d.total)} gives "${d.computed}"`,
  },
  'ambiguous-comparator': {
    title: 'Comparator written after the number',
    message: (d) => `"${d.text}" has its comparator after the number; read as "${describeExpression(d.read)}"`,
  },
  'level-weight': {
    title: 'First-level weight differs from the one the profile expects',
    message: (d) => `first level "${d.level}" weighs ${plain(d.weight)}; profile ${d.profile} expects ${plain(d.expected)}`,
  },
  'budget-total-empty': {
    title: 'Budget total row left empty',
    message: (d) =>
      `the budget total row "${d.label}" holds no amounts (empty or 0): scored from its sub-rows (${d.lines.join('、')}), budget ${shown(d.budget)}, executed ${shown(d.executed)}`,
  },
  'dropped-content': {
    title: 'Table content left out of the scoring',
    message: (d) => `the scored copy could not keep: ${d.what}`,
  },
  'unreadable-file': {
    title: 'File that cannot be read',
    message: (d) => unreadable(d, 'en'),
  },  'missed-target': {
    title: 'Target missed, with a reason',
    message: (d) => `actual ${describeExpression(d.actual)} misses the target ${describeExpression(d.target)}${d.deviation === null ? '' : `, deviation ${fmt(d.deviation)}%`}; reason: ${d.reason}`,
  },
};

/** Why a file could not be read, in `lang`: a refusal words itself; a crash or a lost worker is said as one. */
function unreadable({ file, cause }: FindingData['unreadable-file'], lang: Lang): string {
  const ui = uiFor(lang);
  switch (cause.kind) {
    case 'refused':
      return cause.error.render(ui);
    case 'crashed':
      return ui.crashed(cause.detail);
    case 'out-of-memory':
      return ui.outOfMemory(file);
  }
}

function wordsFor(lang: Lang): Words {
  return lang === 'en' ? en : zh;
}

/** A finding's message in `lang`, made from its data. */
export function renderFinding(f: Finding, lang: Lang): string {
  // The words of f.code take f.data of that code: TypeScript cannot follow the pairing through the lookup.
  const words = wordsFor(lang)[f.code] as { message: (d: Finding['data']) => string };
  return words.message(f.data);
}

/** A finding code's static title in `lang` (SARIF shortDescription). */
export function ruleTitle(code: FindingCode, lang: Lang = 'zh'): string {
  return wordsFor(lang)[code].title;
}
