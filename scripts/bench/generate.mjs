// Generates realistic 部门整体绩效自评表 workbooks for the bench (scripts/bench.mjs), modelled on
// fixtures/seed-000 and fixtures/units-comparators: a title, the unit's name, a budget block
// (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, weight 10), 年度总体目标 and 年度主要任务
// text blocks, then an indicator table of 40–60 rows under 产出指标 (50) / 效益指标 (30) /
// 满意度指标 (10) with merged 一级 / 二级 cells, a 总分 row and a 自评结果 row; borders, wrapped
// text, column widths, several fonts and Chinese text throughout, so that reading one is as much
// work as reading a real one. exceljs writes them at about 13 KB each (some 55 KB of XML), a little
// heavier than fixtures/seed-000.xlsx (10 KB), also written by exceljs.
//
// Deterministic: file i is always the same workbook (seeded by i). Most rows meet their target;
// a few miss it (score by ratio, with a reason), and a few rows in a thousand carry a
// declared score that is off, so perf-score has findings to report as well.
//
//   node scripts/bench/generate.mjs DIR N [--workers K]      writes DIR/wb-00000.xlsx …
//   import { generate } from './generate.mjs'; await generate(dir, n, { workers })
//
// With workers > 1 the files are split over that many child processes (exceljs is CPU bound).
import ExcelJS from 'exceljs';
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// Prepared data, shared by every file
// ---------------------------------------------------------------------------------------------

const CITIES = ['郑州市', '洛阳市', '开封市', '新乡市', '许昌市', '南阳市'];
const DISTRICTS = ['上街区', '金水区', '中原区', '二七区', '管城回族区', '惠济区', '郑东新区', '高新技术产业开发区', '经济技术开发区'];
const BUREAUS = [
  '教育局', '财政局', '卫生健康委员会', '交通运输局', '民政局', '信访局', '统计局', '人力资源和社会保障局',
  '城市管理局', '农业农村局', '文化广电和旅游局', '自然资源和规划局', '应急管理局', '市场监督管理局', '司法局',
  '退役军人事务局', '住房和城乡建设局', '生态环境分局', '水利局', '审计局',
];
const SCHOOLS = ['中学', '小学', '实验学校', '职业中专'];
const OTHERS = ['街道办事处', '社区卫生服务中心', '实验幼儿园', '疾病预防控制中心', '图书馆', '人民医院'];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** A seeded PRNG (mulberry32), so that file i is always the same workbook. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
/** Half-up rounding to 2 decimals, on the decimal text (no binary surprises for x.xx5). */
const round2 = (x) => Number(Math.round(Number(`${x}e2`)) + 'e-2');

function unitName(r, i) {
  const city = pick(r, CITIES);
  const district = pick(r, DISTRICTS);
  switch (i % 3) {
    case 0:
      return `${city}${district}${pick(r, BUREAUS)}`;
    case 1:
      return `${city}${district}第${pick(r, NUMERALS)}${pick(r, SCHOOLS)}`;
    default:
      return `${city}${district}${pick(r, ['城关', '东城', '西城', '南阳路', '北环', '金海', '工业路', '峡窝'])}${pick(r, OTHERS)}`;
  }
}

const REASONS = [
  '受财政资金紧张影响，部分资金未能按时拨付，导致项目进度滞后。下一步将加强与财政部门沟通，合理安排资金拨付计划。',
  '部分项目年底才完成验收，资金未能及时支付；今后将提前谋划，倒排工期，确保按期完成。',
  '因疫情防控需要，部分线下培训活动取消或改为线上开展，参训人数未达预期。明年将优化培训方式，增加培训频次。',
  '个别采购项目流标后重新招标，实施时间推迟。下一步将完善采购需求论证，提高采购效率。',
  '服务对象对部分服务流程不够熟悉，满意度略低于目标值；将加强政策宣传和窗口服务培训。',
  '设备到货延迟，部分工作未能在计划时间内完成，已督促供应商限期整改，并纳入下年度考核。',
  '实际需求较年初预计有所减少，完成数量低于年度指标值；今后将加强调研，科学设定绩效目标。',
  '人员调整较多，业务衔接不够顺畅，已完善岗位职责和交接制度。',
];

const TASKS = [
  ['日常公用经费', '保障机关日常运转，包括办公费、水电费、物业管理费、差旅费等，确保各项工作正常开展。'],
  ['业务培训专项', '组织开展业务骨干培训、新入职人员岗前培训及专题讲座，提升干部职工业务能力和服务水平。'],
  ['信息化建设', '完成业务管理系统升级改造和网络安全等级保护测评，推进数据共享和“一网通办”。'],
  ['专项检查经费', '开展安全生产、食品药品、消防等领域专项检查，及时排查并督促整改各类隐患。'],
  ['宣传教育经费', '通过报刊、网站、微信公众号等渠道开展政策宣传，组织“进社区、进学校、进企业”宣传活动。'],
  ['设备购置', '购置办公及业务设备，更新老旧电脑、打印机等，改善办公条件，提高工作效率。'],
  ['维修改造工程', '对办公楼屋面防水、外墙、给排水及供电线路进行维修改造，消除安全隐患。'],
  ['民生保障资金', '按时足额发放各类补助资金，做好困难群众基本生活保障，确保应保尽保。'],
  ['安全生产专项', '开展安全生产大检查和隐患排查整治，组织应急演练，落实安全生产责任制。'],
  ['档案数字化', '对历年文书档案进行整理、扫描和数字化加工，建设档案信息管理平台。'],
  ['志愿服务活动', '组织志愿者开展关爱帮扶、环境整治、文明交通等志愿服务活动。'],
  ['法律顾问服务', '聘请常年法律顾问，开展合同审查、法律咨询和普法宣传。'],
  ['绿化养护经费', '对辖区道路、游园绿地进行日常养护管理，补植补栽苗木，保持绿化景观效果。'],
  ['食堂运营补助', '保障职工食堂正常运营，落实食品安全管理制度，提高就餐服务质量。'],
  ['党建工作经费', '开展主题党日、党员教育培训和基层党组织标准化规范化建设。'],
  ['应急物资储备', '采购储备防汛、消防等应急物资，完善物资台账和调用机制。'],
];

/** Sentences for the long text cells (goals, what was done, reasons), composed so that files differ. */
const DO = ['全面落实', '认真贯彻', '持续推进', '扎实开展', '进一步完善', '积极推动', '统筹做好', '不断加强', '切实做好', '稳步推进', '深入开展', '严格执行'];
const WHAT = [
  '党风廉政建设', '预算绩效管理', '政务公开工作', '安全生产责任制', '信息化建设', '干部队伍建设', '基层治理能力建设', '民生实事项目',
  '营商环境优化', '应急值守工作', '财务内部控制制度', '国有资产管理', '档案规范化管理', '矛盾纠纷排查化解', '政策宣传解读', '公共服务供给',
  '重点项目建设', '意识形态工作责任制', '“放管服”改革', '常态化疫情防控',
];
const SO = [
  '，确保各项任务按期完成', '，工作成效明显提升', '，群众满意度不断提高', '，为全区经济社会高质量发展提供有力保障', '，全年未发生重大安全责任事故',
  '，各项制度得到有效落实', '，服务质量和效率进一步提高', '，资金使用效益显著提升', '，形成了一批可复制可推广的经验做法', '，受到上级部门通报表扬',
];
const FIGURES = [
  (r) => `，全年累计开展${int(r, 3, 240)}次`, (r) => `，覆盖群众${int(r, 200, 98000)}人次`, (r) => `，完成率达${int(r, 90, 100)}%`,
  (r) => `，投入资金${int(r, 5, 900)}.${int(r, 10, 99)}万元`, (r) => `，惠及${int(r, 2, 60)}个社区（村）`, (r) => `，截至${int(r, 6, 12)}月${int(r, 1, 28)}日已全部完成`,
];
const sentence = (r) => `${pick(r, DO)}${pick(r, WHAT)}${r() < 0.6 ? pick(r, FIGURES)(r) : ''}${pick(r, SO)}。`;
const paragraph = (r, k) => Array.from({ length: k }, () => sentence(r)).join('');

/** Indicator templates per 二级指标: name, and a maker of [target, actual-if-met, actual-if-missed, score-if-missed(weight)]. */
const pct = (x) => `${x}%`;
const QUANTITY_NAMES = [
  ['开展业务培训次数', '次'], ['组织专项检查次数', '次'], ['完成项目数量', '个'], ['接待来访群众人次', '人次'], ['发放宣传资料数量', '份'],
  ['覆盖服务对象人数', '人'], ['新增设备数量', '台'], ['召开工作会议次数', '次'], ['开展督导检查次数', '次'], ['维修改造面积', '平方米'],
  ['培训参训人数', '人'], ['办理业务件数', '件'], ['开展宣传活动场次', '场'], ['受益学生人数', '人'], ['入户走访户数', '户'],
];
const QUALITY_NAMES = [
  '项目验收合格率', '资金发放准确率', '培训合格率', '设备完好率', '检查覆盖率', '问题整改完成率', '档案资料完整率',
  '信息公开准确率', '案件办结率', '政策知晓率', '数据上报准确率', '安全事故发生率控制',
];
const QUALITY_WORDS = [['达标', '达标'], ['合格', '合格'], ['规范', '规范'], ['完整', '完整'], ['符合国家标准', '符合国家标准']];
const TIME_NAMES = ['项目完成时间', '资金拨付及时性', '培训完成时间', '设备采购完成时间', '年度报告报送时间', '检查工作完成时间', '补助资金发放时间'];
const COST_NAMES = [['日常公用经费', '万元'], ['培训成本', '万元'], ['设备购置成本', '万元'], ['维修改造成本', '万元'], ['印刷宣传费用', '万元'], ['人均培训费用', '元/人']];
const ECON_NAMES = [['降低运行成本', '有效降低'], ['带动相关产业发展', '有所带动'], ['节约财政资金', '有效节约'], ['促进就业增收', '明显促进']];
const SOCIAL_NAMES = [
  ['群众办事便利度', '明显提升'], ['社会治安环境', '持续改善'], ['公共服务水平', '显著提高'], ['群众安全感', '明显增强'],
  ['教育教学质量', '稳步提升'], ['社会公众知晓率', null], ['信访问题化解率', null], ['突发事件处置', '及时'],
];
const SUSTAIN_NAMES = [['长效管理机制', '健全'], ['设施设备持续使用年限', null], ['工作机制可持续性', '可持续'], ['制度建设完善程度', '完善']];
const SATISFACTION_NAMES = ['服务对象满意度', '群众满意度', '学生及家长满意度', '参训人员满意度', '企业满意度', '干部职工满意度'];

/** One indicator row's cells; `miss` asks for a target that was not met. */
function makeRow(r, level2, miss) {
  const atLeastPct = (name) => {
    const t = pick(r, [80, 85, 90, 95, 98]);
    const met = Math.min(100, t + int(r, 0, 6) + (r() < 0.5 ? int(r, 0, 9) / 10 : 0));
    const got = round2(t * (0.82 + r() * 0.15));
    return { name, target: `≥${t}%`, actual: pct(miss ? got : met), ratio: miss ? got / t : 1, percent: true };
  };
  switch (level2) {
    case '数量指标': {
      const [name, unit] = pick(r, QUANTITY_NAMES);
      const t = pick(r, [3, 4, 6, 10, 12, 20, 24, 50, 100, 200, 500, 1200, 3000]);
      const form = int(r, 0, 2);
      const target = form === 0 ? `≥${t}${unit}` : form === 1 ? `=${t}${unit}` : `${t}${unit}`;
      const got = Math.max(1, Math.floor(t * (0.7 + r() * 0.25)));
      const met = form === 0 ? t + int(r, 0, Math.ceil(t / 10)) : t;
      return { name, target, actual: `${miss ? got : met}${unit}`, ratio: miss ? got / t : 1 };
    }
    case '质量指标': {
      if (r() < 0.3) {
        const [target, actual] = pick(r, QUALITY_WORDS);
        return { name: pick(r, QUALITY_NAMES).replace(/率$/, '情况'), target, actual, ratio: 1, noMiss: true };
      }
      if (r() < 0.3) return { name: pick(r, QUALITY_NAMES), target: '100%', actual: '100%', ratio: 1, percent: true, noMiss: true };
      return atLeastPct(pick(r, QUALITY_NAMES));
    }
    case '时效指标': {
      const name = pick(r, TIME_NAMES);
      const form = int(r, 0, 3);
      const month = pick(r, [6, 9, 10, 11, 12]);
      const target = form === 0 ? `${month}月底前` : form === 1 ? `${month}月${month === 11 || month === 6 || month === 9 ? 30 : 31}日前` : form === 2 ? '年底前' : '及时';
      const actual = form === 3 ? '及时' : r() < 0.5 ? '按时完成' : `2023年${form === 2 ? 12 : month}月${int(r, 5, 28)}日`;
      return { name, target, actual, ratio: 1, noMiss: true };
    }
    case '成本指标': {
      const [name, unit] = pick(r, COST_NAMES);
      const t = unit === '万元' ? pick(r, [5, 12, 30, 45.5, 80, 120, 260, 500]) : pick(r, [300, 500, 800, 1200]);
      const spent = round2(t * (0.8 + r() * 0.19));
      const over = round2(t * (1.05 + r() * 0.2));
      return { name, target: `≤${t}${unit}`, actual: `${miss ? over : spent}${unit}`, ratio: miss ? t / over : 1 };
    }
    case '经济效益指标': {
      if (r() < 0.5) {
        const [name, word] = pick(r, ECON_NAMES);
        return { name, target: word, actual: word, ratio: 1, noMiss: true };
      }
      const t = pick(r, [3, 5, 8, 10]);
      const got = round2(t * (0.6 + r() * 0.3));
      return { name: '运行成本节约率', target: `≥${t}%`, actual: pct(miss ? got : t + int(r, 0, 3)), ratio: miss ? got / t : 1, percent: true };
    }
    case '社会效益指标': {
      const [name, word] = pick(r, SOCIAL_NAMES);
      if (word) return { name, target: word, actual: word, ratio: 1, noMiss: true };
      return atLeastPct(name);
    }
    case '可持续影响指标': {
      const [name, word] = pick(r, SUSTAIN_NAMES);
      if (word) return { name, target: word, actual: word, ratio: 1, noMiss: true };
      const t = pick(r, [3, 5, 8, 10]);
      return { name, target: `≥${t}年`, actual: `${t}年`, ratio: 1, noMiss: true };
    }
    default:
      return atLeastPct(pick(r, SATISFACTION_NAMES));
  }
}

/** `total` points over `k` rows, as whole numbers (k ≤ total). */
function spread(r, total, k) {
  const base = Math.floor(total / k);
  const w = Array(k).fill(base);
  for (let left = total - base * k; left > 0; left--) w[int(r, 0, k - 1)] += 1;
  return w;
}

/** Splits `n` rows over the 二级指标 of one 一级指标, at least one each (as many groups as rows allow). */
function groups(r, names, n) {
  const used = names.slice(0, Math.min(names.length, n));
  const counts = used.map(() => 1);
  for (let left = n - used.length; left > 0; left--) counts[int(r, 0, used.length - 1)] += 1;
  return used.map((name, i) => [name, counts[i]]);
}

/** The plan of one workbook: everything but the cells' styles. */
function plan(i) {
  const r = rng(0x9e3779b9 ^ (i * 2654435761));
  const variant = i % 10;
  const nRows = int(r, 40, 60);
  const missRate = 0.02 + r() * 0.18; // how careful the unit was: some meet almost everything, some miss a fifth
  const nSat = int(r, 2, 4);
  const nBen = Math.min(30, Math.floor((nRows - nSat) * 0.35));
  const nOut = nRows - nSat - nBen;
  const levels = [
    ['产出指标', 50, groups(r, ['数量指标', '质量指标', '时效指标', '成本指标'], nOut)],
    ['效益指标', 30, groups(r, ['社会效益指标', '经济效益指标', '可持续影响指标'], nBen)],
    ['满意度指标', 10, [['服务对象满意度指标', nSat]]],
  ];
  const rows = [];
  for (const [level1, weight, subs] of levels) {
    const count = subs.reduce((s, [, c]) => s + c, 0);
    const weights = spread(r, weight, count);
    let nth = 0;
    for (const [level2, c] of subs) {
      for (let k = 0; k < c; k++) {
        const w = weights[nth++];
        let row = makeRow(r, level2, false);
        if (!row.noMiss && r() < missRate) row = { ...makeRow(r, level2, true), missed: true };
        let score = row.missed ? round2(w * Math.min(1, row.ratio)) : w;
        if (r() < 0.003) score = round2(Math.max(0, score - 0.5)); // a declared score that is off
        const reason = row.missed ? `${pick(r, REASONS)}${paragraph(r, 2)}` : r() < 0.25 ? '无' : r() < 0.4 ? `已完成年度目标。${sentence(r)}` : '';
        rows.push({ level1, level2, ...row, weight: w, score, reason });
      }
    }
  }
  const planned = round2(int(r, 20000, 500000) / 100);
  const initial = round2(planned * (0.85 + r() * 0.15));
  const executed = round2(planned * (0.55 + r() * 0.45));
  const rate = round2((executed / planned) * 100);
  const budgetScore = round2(10 * Math.min(1, rate / 100));
  const total = round2(budgetScore + rows.reduce((s, x) => s + x.score, 0));
  const grade = total >= 90 ? '优' : total >= 80 ? '良' : total >= 60 ? '中' : '差';
  const tasks = [];
  const nTasks = int(r, 4, 9);
  for (let k = 0; k < nTasks; k++) {
    const [name, text] = TASKS[(i + k) % TASKS.length];
    tasks.push({ name, text: `${text}${paragraph(r, int(r, 1, 2))}`, goal: paragraph(r, int(r, 3, 6)), done: paragraph(r, int(r, 3, 6)) });
  }
  return {
    variant,
    sheetName: ['部门整体绩效自评表', '部门整体支出绩效自评表', '自评表'][variant % 3],
    unit: unitName(r, i),
    year: 2021 + (i % 3),
    budget: { initial, planned, executed, rate, budgetScore },
    rows,
    total,
    grade,
    tasks,
    percentAsNumber: variant % 2 === 1,
    totalAsFormula: variant % 4 !== 0,
    twoRowHeader: variant === 7,
    gradeAbove: variant % 3 === 1,
  };
}

// ---------------------------------------------------------------------------------------------
// The workbook
// ---------------------------------------------------------------------------------------------

// Fonts as government forms use them: 仿宋 body, 黑体 headers, 小标宋 title, Times New Roman figures.
const FONT = { name: '仿宋_GB2312', size: 10, charset: 134 };
const HEADER_FONT = { name: '黑体', size: 10, charset: 134 };
const FIGURE_FONT = { name: 'Times New Roman', size: 10 };
const TITLE_FONT = { name: '方正小标宋简体', size: 18, charset: 134 };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN = { style: 'thin' };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const COLS = 8; // A 一级 | B 二级 | C 三级 | D 年度指标值 | E 实际完成值 | F 分值 | G 得分 | H 偏差原因分析及改进措施

/** A boxed cell: thin borders, wrapped, vertically centred. */
function box(ws, row, col, value, extra = {}) {
  const cell = ws.getCell(row, col);
  if (value !== null && value !== undefined) cell.value = value;
  cell.font = extra.bold ? HEADER_FONT : typeof value === 'number' || value?.formula ? FIGURE_FONT : FONT;
  if (extra.bold) cell.fill = HEADER_FILL;
  cell.alignment = { vertical: 'middle', wrapText: true, ...(extra.align ? { horizontal: extra.align } : {}) };
  cell.border = BORDER;
  if (extra.numFmt) cell.numFmt = extra.numFmt;
  return cell;
}

/** A percentage as written, or as a number with a percent format (as Excel keeps a typed `98%`). */
function percentValue(text, asNumber) {
  if (!asNumber || !/^\d+(\.\d+)?%$/.test(text)) return { value: text };
  const decimals = (text.split('.')[1] ?? '').replace('%', '').length;
  return { value: Number(`${text.slice(0, -1)}e-2`), numFmt: decimals ? `0.${'0'.repeat(decimals)}%` : '0%' };
}

export function buildWorkbook(i) {
  const p = plan(i);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'perf-score bench';
  wb.created = new Date(Date.UTC(2024, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(p.sheetName, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  [12, 14, 30, 14, 14, 7, 8, 36].forEach((w, c) => (ws.getColumn(c + 1).width = w));

  let row = 1;
  // Title, and (some variants) the year under it.
  const title = ws.getCell(row, 1);
  title.value = `${p.year}年度部门整体绩效自评表`;
  title.font = TITLE_FONT;
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(row).height = 30;
  ws.mergeCells(row, 1, row, COLS);
  row++;
  if (p.variant % 3 === 0) {
    const sub = ws.getCell(row, 1);
    sub.value = `（${p.year}年度）`;
    sub.font = FONT;
    sub.alignment = { horizontal: 'center' };
    ws.mergeCells(row, 1, row, COLS);
    const unit = ws.getCell(row + 1, COLS);
    unit.value = '单位：万元';
    unit.font = FONT;
    unit.alignment = { horizontal: 'right' };
    row += 2;
  }

  // 部门（单位）名称; some variants give 自评得分 / 自评结果 beside it, as fixtures/seed-004 does.
  if (p.gradeAbove) {
    box(ws, row, 1, '部门（单位）名称');
    for (let c = 2; c <= 5; c++) box(ws, row, c, c === 3 ? p.unit : null);
    box(ws, row, 6, '自评得分');
    box(ws, row, 7, p.total, { numFmt: '0.00' });
    box(ws, row, 8, null);
    box(ws, row + 1, 6, '自评结果');
    box(ws, row + 1, 7, p.grade);
    box(ws, row + 1, 8, null);
    for (let c = 1; c <= 5; c++) box(ws, row + 1, c, null);
    ws.mergeCells(row, 1, row + 1, 2);
    ws.mergeCells(row, 3, row + 1, 5);
    ws.mergeCells(row, 7, row, 8);
    ws.mergeCells(row + 1, 7, row + 1, 8);
    row += 2;
  } else {
    box(ws, row, 1, '部门（单位）名称');
    box(ws, row, 2, null);
    ws.mergeCells(row, 1, row, 2);
    for (let c = 3; c <= COLS; c++) box(ws, row, c, c === 3 ? p.unit : null);
    ws.mergeCells(row, 3, row, COLS);
    row++;
  }

  // Budget block.
  const b = p.budget;
  const top = row;
  box(ws, row, 1, '预算执行情况（万元）', { align: 'center' });
  box(ws, row, 2, null);
  ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((h, k) => box(ws, row, 3 + k, h, { align: 'center' }));
  row++;
  const rateFmt = { numFmt: '0.00%' };
  const budgetRows = [
    ['部门预算总额', b.initial, b.planned, b.executed, 10, b.rate, b.budgetScore],
    ['其中：财政拨款', b.initial, b.planned, b.executed, '-', b.rate, '-'],
    ['其他资金', 0, 0, 0, '-', 0, '-'],
  ];
  for (const [label, ...values] of budgetRows) {
    box(ws, row, 1, null);
    box(ws, row, 2, label);
    values.forEach((v, k) => box(ws, row, 3 + k, k === 4 && typeof v === 'number' ? Number(`${v}e-2`) : v, k === 4 ? rateFmt : { numFmt: k < 3 ? '0.00' : undefined }));
    row++;
  }
  ws.mergeCells(top, 1, row - 1, 1);

  // 年度总体目标 and 年度主要任务 (text, as the real forms have them).
  box(ws, row, 1, '年度总体目标');
  box(ws, row, 2, '预期目标');
  for (let c = 3; c <= 5; c++) box(ws, row, c, null);
  box(ws, row, 6, '实际完成情况');
  for (let c = 7; c <= COLS; c++) box(ws, row, c, null);
  ws.mergeCells(row, 2, row, 5);
  ws.mergeCells(row, 6, row, COLS);
  row++;
  // Rich text in some variants (task names in bold), as forms typed in WPS / Excel often have.
  const rich = (part) =>
    p.variant % 2 === 0
      ? { richText: p.tasks.flatMap((t, k) => [{ text: `${k ? '\n' : ''}${k + 1}、${t.name}：`, font: HEADER_FONT }, { text: t[part], font: FONT }]) }
      : p.tasks.map((t, k) => `${k + 1}、${t.name}：${t[part]}`).join('\n');
  const goals = rich('goal');
  const done = rich('done');
  box(ws, row, 1, null);
  box(ws, row, 2, goals);
  for (let c = 3; c <= 5; c++) box(ws, row, c, null);
  box(ws, row, 6, done);
  for (let c = 7; c <= COLS; c++) box(ws, row, c, null);
  ws.mergeCells(row, 2, row, 5);
  ws.mergeCells(row, 6, row, COLS);
  ws.getRow(row).height = Math.min(409, 40 * p.tasks.length);
  ws.mergeCells(row - 1, 1, row, 1);
  row++;
  const taskTop = row;
  box(ws, row, 1, '年度主要任务');
  box(ws, row, 2, '任务名称');
  box(ws, row, 3, '主要内容');
  box(ws, row, 4, null);
  box(ws, row, 5, null);
  ws.mergeCells(row, 3, row, 5);
  box(ws, row, 6, '实际完成情况');
  box(ws, row, 7, null);
  box(ws, row, 8, null);
  ws.mergeCells(row, 6, row, 8);
  row++;
  for (const { name, text, done } of p.tasks) {
    box(ws, row, 1, null);
    box(ws, row, 2, name);
    box(ws, row, 3, text);
    box(ws, row, 4, null);
    box(ws, row, 5, null);
    ws.mergeCells(row, 3, row, 5);
    box(ws, row, 6, `已完成。${done}`);
    box(ws, row, 7, null);
    box(ws, row, 8, null);
    ws.mergeCells(row, 6, row, 8);
    ws.getRow(row).height = 60;
    row++;
  }
  ws.mergeCells(taskTop, 1, row - 1, 1);

  // Indicator header (one row, or two rows merged as in fixtures/seed-002).
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  header.forEach((h, k) => box(ws, row, k + 1, h, { bold: true, align: 'center' }));
  if (p.twoRowHeader) {
    header.forEach((_, k) => box(ws, row + 1, k + 1, null, { bold: true }));
    for (let c = 1; c <= COLS; c++) ws.mergeCells(row, c, row + 1, c);
    row++;
  }
  row++;

  // Indicator rows, with 一级 / 二级 merged over their rows.
  const first = row;
  let level1Top = row;
  let level2Top = row;
  p.rows.forEach((x, k) => {
    const prev = p.rows[k - 1];
    const newLevel1 = !prev || prev.level1 !== x.level1;
    const newLevel2 = newLevel1 || prev.level2 !== x.level2;
    if (newLevel1) level1Top = row;
    if (newLevel2) level2Top = row;
    box(ws, row, 1, newLevel1 ? x.level1 : null, { align: 'center' });
    box(ws, row, 2, newLevel2 ? x.level2 : null, { align: 'center' });
    box(ws, row, 3, x.name);
    box(ws, row, 4, x.target, { align: 'center' });
    const actual = percentValue(x.actual, p.percentAsNumber && x.percent);
    box(ws, row, 5, actual.value, { align: 'center', numFmt: actual.numFmt });
    box(ws, row, 6, x.weight, { align: 'center' });
    box(ws, row, 7, x.score, { align: 'center', numFmt: '0.00' });
    box(ws, row, 8, x.reason || null);
    if (x.reason) ws.getRow(row).height = 40;
    const next = p.rows[k + 1];
    if ((!next || next.level2 !== x.level2 || next.level1 !== x.level1) && row > level2Top) ws.mergeCells(level2Top, 2, row, 2);
    if ((!next || next.level1 !== x.level1) && row > level1Top) ws.mergeCells(level1Top, 1, row, 1);
    row++;
  });

  // 总分 and 自评结果.
  for (let c = 1; c <= 5; c++) box(ws, row, c, c === 1 ? '总分' : null, { bold: true, align: 'center' });
  ws.mergeCells(row, 1, row, 5);
  box(ws, row, 6, 100, { align: 'center' });
  const budgetScoreRef = `H${top + 1}`;
  box(ws, row, 7, p.totalAsFormula ? { formula: `${budgetScoreRef}+SUM(G${first}:G${row - 1})`, result: p.total } : p.total, { align: 'center', numFmt: '0.00' });
  box(ws, row, 8, null);
  row++;
  if (!p.gradeAbove) {
    for (let c = 1; c <= 5; c++) box(ws, row, c, c === 1 ? '自评结果' : null, { bold: true, align: 'center' });
    ws.mergeCells(row, 1, row, 5);
    for (let c = 6; c <= COLS; c++) box(ws, row, c, c === 6 ? p.grade : null, { align: 'center' });
    ws.mergeCells(row, 6, row, COLS);
    row++;
  }
  const note = ws.getCell(row + 1, 1);
  note.value = '填表说明：1.预算执行率=全年执行数/全年预算数×100%，预算执行率得分=分值×执行率；2.定量指标按实际完成值与年度指标值的比例计分，反向指标按年度指标值/实际完成值计分；3.未完成年度指标值的，应在“偏差原因分析及改进措施”栏说明原因。';
  note.font = FONT;
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells(row + 1, 1, row + 1, COLS);
  ws.getRow(row + 1).height = 45;
  return wb;
}

export function fileName(i) {
  return `wb-${String(i).padStart(5, '0')}.xlsx`;
}

async function writeRange(dir, from, to) {
  for (let i = from; i < to; i++) {
    const bytes = await buildWorkbook(i).xlsx.writeBuffer();
    writeFileSync(join(dir, fileName(i)), Buffer.from(bytes));
  }
}

/** Writes files 0 … n−1 into `dir`, split over `workers` child processes when that is more than 1. */
export async function generate(dir, n, { workers = 1 } = {}) {
  mkdirSync(dir, { recursive: true });
  const k = Math.max(1, Math.min(workers, Math.ceil(n / 50)));
  if (k === 1) return writeRange(dir, 0, n);
  const self = fileURLToPath(import.meta.url);
  const per = Math.ceil(n / k);
  await Promise.all(
    Array.from({ length: k }, (_, w) => {
      const from = w * per;
      const to = Math.min(n, from + per);
      return new Promise((resolve, reject) => {
        const child = fork(self, ['--range', dir, String(from), String(to)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generator child ${from}–${to} exited with ${code}`))));
      });
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--range') {
    const [, dir, from, to] = args;
    await writeRange(dir, Number(from), Number(to));
  } else {
    const [dir, n = '10'] = args;
    if (!dir) {
      process.stderr.write('usage: node scripts/bench/generate.mjs DIR [N] [--workers K]\n');
      process.exit(2);
    }
    const w = args.indexOf('--workers');
    const start = performance.now();
    await generate(dir, Number(n), { workers: w >= 0 ? Number(args[w + 1]) : 2 });
    process.stdout.write(`${n} workbooks in ${dir} (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
  }
}
