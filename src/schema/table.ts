// The zod schema an indicator row must satisfy before it is scored. A row that fails it yields
// findings at the failing cells (see analyzeTable), never an exception.
import { z } from 'zod';
import { isPlaceholder } from '../text/normalize.js';
import { parseNumber } from '../text/numbers.js';

/** The two ways a cell can fail: nothing there, or something that is not what the column holds. */
export type CellIssue = 'missing' | 'invalid';

const requiredText = z
  .string()
  .nullable()
  .transform((text, ctx) => {
    if (text === null || isPlaceholder(text)) {
      ctx.addIssue({ code: 'custom', message: 'missing' satisfies CellIssue });
      return z.NEVER;
    }
    return text;
  });

function numberCell(required: boolean) {
  return z
    .string()
    .nullable()
    .transform((text, ctx) => {
      if (text === null || isPlaceholder(text)) {
        if (required) ctx.addIssue({ code: 'custom', message: 'missing' satisfies CellIssue });
        return null;
      }
      const n = parseNumber(text);
      if (n === null || n.isNegative()) {
        ctx.addIssue({ code: 'custom', message: 'invalid' satisfies CellIssue });
        return z.NEVER;
      }
      return n;
    });
}

/** The texts of an indicator row's cells, checked and with its numbers read. */
export const indicatorRowSchema = z.object({
  name: requiredText,
  target: requiredText,
  actual: requiredText,
  weight: numberCell(true),
  score: numberCell(false),
});

export type IndicatorRowInput = z.input<typeof indicatorRowSchema>;
export type ValidIndicatorRow = z.output<typeof indicatorRowSchema>;
