// A profile file's problems in Chinese. The schema (src/schema/profile.ts) and the loader state each
// problem as `path: what was expected`, in English, the words its tests and the README use; a Chinese
// run reads them here, the path kept as written (it names the file's own keys). A problem without an
// entry (a message of zod's own) stays as it is.
const ZH: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^expected a number$/, () => '应为数字'],
  [/^expected a number or null$/, () => '应为数字或 null'],
  [/^expected a percentage between 0 and 100$/, () => '应为 0 到 100 之间的百分数'],
  [/^expected a positive number$/, () => '应为正数'],
  [/^expected a whole number$/, () => '应为整数'],
  [/^expected at most (\d+)$/, (m) => `不应大于 ${m[1]}`],
  [/^expected (\d+) or more$/, (m) => `不应小于 ${m[1]}`],
  [/^expected true or false$/, () => '应为 true 或 false'],
  [/^expected a name$/, () => '应有名称'],
  [/^expected at least one grade$/, () => '至少需要一个等级'],
  [/^expected partial below met$/, () => 'partial 应小于 met'],
  [/^the "steps" rule needs at least one step$/, () => '"steps" 规则至少需要一档'],
  [/^expected rule "ratio", "linear", or "per-point" with a deduction$/, () => '应为 "ratio"、"linear"，或带 deduction 的 "per-point"'],
  [/^expected (".*")$/, (m) => `应为 ${m[1]!.replace(/", "/g, '"、"').replace(/" or "/g, '" 或 "')}`],
  [/^unknown finding code (".*")$/, (m) => `未知的问题代码 ${m[1]}`],
  [/^unknown setting$/, () => '未知的设置项'],
  [/^expected a JSON object$/, () => '应为 JSON 对象'],
  [/^unknown profile (.*); built-in profiles: (.*)$/, (m) => `未知的评分规则 ${m[1]}；内置评分规则：${m[2]}`],
  [/^not valid JSON(?: \((.*)\))?: (.*)$/, (m) => `不是有效的 JSON${m[1] ? `（${m[1].replace(/^line (\d+), column (\d+)$/, '第 $1 行第 $2 列')}）` : ''}：${m[2]}`],
];

/** `path: problem` with the problem in Chinese (the whole line, when it has no path). */
export function profileProblemZh(line: string): string {
  const colon = line.indexOf(': ');
  const [path, problem] = colon < 0 || line.startsWith('not valid JSON') ? [null, line] : [line.slice(0, colon), line.slice(colon + 2)];
  for (const [re, say] of ZH) {
    const m = problem.match(re);
    if (m) return path === null ? say(m) : `${path === '(profile)' ? '（整个文件）' : path}：${say(m)}`;
  }
  return line;
}
