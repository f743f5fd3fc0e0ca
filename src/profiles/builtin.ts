// Built-in rule profiles, as data validated by the profile schema when selected.
import type { Profile } from '../schema/profile.js';

const common = {
  reverse: { rule: 'ratio' },
  tiers: { met: 80, partial: 60 },
  rounding: { decimals: 2, mode: 'half-up' },
  tolerance: 0.01,
  grades: [
    { grade: '优', min: 90 },
    { grade: '良', min: 80 },
    { grade: '中', min: 60 },
    { grade: '差', min: 0 },
  ],
  placeholders: ['', '无', '/', '／', '-', '－', '—', '——', '--', '……', '…'],
} satisfies Partial<Profile>;

export const builtinProfiles: Record<string, unknown> = {
  mof: {
    name: 'mof',
    description: '财政部模板：预算执行率以100%为满分，反向指标按 A/B 计分',
    source: '财预〔2020〕10号 及其附件的自评表模板；郑州市金水区 2021 年度部门整体自评表（种子 004）',
    budget: { benchmark: 100, weight: 10 },
    ...common,
  },
  'zhengzhou-shangjie': {
    name: 'zhengzhou-shangjie',
    description: '郑州市上街区 2022：预算执行率以90%为满分',
    source: '上街区信访局、区人大办 2022 年度部门整体自评表（种子 000、002）：72.41% → 8.05，66.6% → 7.40',
    budget: { benchmark: 90, weight: 10 },
    ...common,
  },
};

export const defaultProfileName = 'mof';
