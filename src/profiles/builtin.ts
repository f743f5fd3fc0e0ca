// Built-in rule profiles, as data. Each but `mof` extends another and states only what differs,
// exactly as a user's profile file does; all are checked by the profile schema when resolved.

/** The base profile: every setting, as 财预〔2020〕10号 and its templates state them. */
const mof = {
  name: 'mof',
  description: '财政部模板：预算执行率以100%为满分，反向指标按 A/B 计分',
  source:
    '财预〔2020〕10号《项目支出绩效评价管理办法》及附件自评表模板（反向指标 得分 = A/B × 分值；定性三档 100–80%、80–60%、60–0%；项目表一级指标 产出 50、效益 30、满意度 10）；郑州市金水区 2021 年度部门整体自评表（种子 004：74.21% → 7.42）',
  budget: { rule: 'ratio', benchmark: 100, steps: [], weight: 10 },
  reverse: { rule: 'ratio' },
  tiers: { met: 80, partial: 60 },
  rounding: { decimals: 2, mode: 'half-up' },
  tolerance: 0.01,
  reasons: { missed: true, belowWeight: true, deviationBeyond: null, overAchievement: null, budgetRateBelow: null },
  levelWeights: [{ 产出: 50, 效益: 30, 满意度: 10 }],
  grades: [
    { grade: '优', min: 90 },
    { grade: '良', min: 80 },
    { grade: '中', min: 60 },
    { grade: '差', min: 0 },
  ],
  placeholders: ['', '无', '/', '／', '-', '－', '—', '——', '--', '……', '…'],
  words: { met: [], partial: [], unmet: [] },
  severity: {},
};

export const builtinProfiles: Record<string, Record<string, unknown>> = {
  mof,
  'zhengzhou-shangjie': {
    extends: 'mof',
    name: 'zhengzhou-shangjie',
    description: '郑州市上街区 2022：预算执行率以90%为满分；部门整体表一级指标 投入管理 30、产出 25、效益 35',
    source: '上街区信访局、区人大办 2022 年度部门整体自评表（种子 000、002）：72.41% → 8.05，66.6% → 7.40',
    budget: { benchmark: 90 },
    levelWeights: [{ 投入管理: 30, 产出: 25, 效益: 35 }, ...mof.levelWeights],
  },
  'zhengzhou-jinshui': {
    extends: 'mof',
    name: 'zhengzhou-jinshui',
    description: '郑州市金水区：部门整体表一级指标 预算执行率 10、投入管理 20、产出 40、效益 30',
    source: '金水区 2021 年度部门整体绩效自评表附注（种子 004）：“原则上一级指标分值统一设置为：预算执行率10分、投入管理指标20分、产出指标40分、效益指标30分”',
    levelWeights: [{ 投入管理: 20, 产出: 40, 效益: 30 }, ...mof.levelWeights],
  },
  hubei: {
    extends: 'mof',
    name: 'hubei',
    description: '湖北：预算执行 20 分（执行率 × 20）；定性档次 80% / 50%；一级指标 产出 40、效益 40',
    source:
      '湖北省项目支出绩效自评表及评分规则（预算执行率 20 分，按执行率计分；定性指标三档 100–80%、80–50%、50–0%）；黄石市住建局 2022 年项目自评表（fixtures/hb-huangshi-haimian：“预算执行情况（万元）（20分）”，“得分（20分*执行率）”，195.5/200 = 97.75% → 19.55）',
    budget: { weight: 20 },
    tiers: { met: 80, partial: 50 },
    levelWeights: [{ 产出: 40, 效益: 40 }],
  },
  jiangxi: {
    extends: 'mof',
    name: 'jiangxi',
    description: '江西：预算执行按档计分 100% → 10，80–100% → 7，60–80% → 5，60% 以下 → 0',
    source: '江西省项目支出绩效自评规则（预算执行率分档计分）',
    budget: {
      rule: 'steps',
      steps: [
        { from: 100, share: 100 },
        { from: 80, share: 70 },
        { from: 60, share: 50 },
      ],
    },
  },
  'mof-linear': {
    extends: 'mof',
    name: 'mof-linear',
    description: '财政部模板，未完成的反向指标按线性扣分：分值 × (1 − (B−A)/A)，B ≥ 2A 得 0',
    source: '多省部署的预算绩效管理系统对反向指标的计分方式（domain.md：linear）',
    reverse: { rule: 'linear' },
  },
};

export const defaultProfileName = 'mof';
