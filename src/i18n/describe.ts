// Writing a parsed expression back as text, the way a table would state it (`≤20%`, `达标`, `7月31日前`).
import type { Expression } from '../model.js';

export function describeExpression(expr: Expression): string {
  switch (expr.kind) {
    case 'at-least':
      return `${expr.strict ? '>' : '≥'}${expr.value.toFixed()}${expr.unit ?? ''}`;
    case 'at-most':
      return `${expr.strict ? '<' : '≤'}${expr.value.toFixed()}${expr.unit ?? ''}`;
    case 'exact':
      return `${expr.value.toFixed()}${expr.unit ?? ''}`;
    case 'qualitative':
      return expr.word;
    case 'deadline':
      return `${expr.year === null ? '' : `${expr.year}年`}${expr.month}月${expr.day === null ? '底' : `${expr.day}日`}前`;
    case 'tier':
      return { met: '达成', partial: '部分达成', unmet: '未达成' }[expr.tier];
  }
}
