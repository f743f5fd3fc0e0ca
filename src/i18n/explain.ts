// The words of score explanations (`perf-score explain`, notes in the scored copy, JSON), zh and en.
import type { Lang } from '../model.js';
import type { RuleId } from '../engine/score.js';

const zh = {
  colon: '：',
  comma: '，',
  atLeast: (v: string) => `不低于${v}`,
  atMost: (v: string) => `不高于${v}`,
  exact: (v: string) => `${v}`,
  word: (w: string) => `“${w}”`,
  deadline: (d: string) => d,
  tier: (t: string) => t,
  target: '指标值',
  actual: '实际完成值',
  rules: {
    met: '达成，得满分',
    'at-least-ratio': '按完成比例',
    'exact-zero': '目标为 0 未达成',
    'reverse-ratio': '反向指标按比例（A/B）',
    'reverse-linear': '反向指标线性扣分',
    'reverse-per-point': '反向指标按点扣分',
    completion: '按完成程度',
    tier: '自评得分须在档次区间内',
    'deadline-missed': '逾期，自评得分须在区间内',
  } satisfies Record<RuleId, string>,
  cappedAt: (w: string) => `（以分值 ${w} 为上限）`,
  notScored: '无法计分',
  budget: '预算执行',
  budgetRatio: (benchmark: string) => `按执行率与 ${benchmark}% 之比`,
  budgetSteps: '按执行率分档',
  total: '总分',
};

type Words = typeof zh;

const en: Words = {
  colon: ': ',
  comma: ', ',
  atLeast: (v) => `at least ${v}`,
  atMost: (v) => `at most ${v}`,
  exact: (v) => `exactly ${v}`,
  word: (w) => `"${w}"`,
  deadline: (d) => `by ${d}`,
  tier: (t) => t,
  target: 'target',
  actual: 'actual',
  rules: {
    met: 'met, full weight',
    'at-least-ratio': 'ratio rule',
    'exact-zero': 'target 0 missed',
    'reverse-ratio': 'ratio rule',
    'reverse-linear': 'linear rule',
    'reverse-per-point': 'per-point rule',
    completion: 'completion rule',
    tier: 'the self-score must lie in the tier range',
    'deadline-missed': 'deadline missed: the self-score must lie in the range',
  },
  cappedAt: (w) => ` (capped at the weight ${w})`,
  notScored: 'cannot be scored',
  budget: 'budget execution',
  budgetRatio: (benchmark) => `ratio to ${benchmark}%`,
  budgetSteps: 'rate steps',
  total: 'total',
};

export function explainWordsFor(lang: Lang): Words {
  return lang === 'en' ? en : zh;
}
