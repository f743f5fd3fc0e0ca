// The rule profile: every setting that differs between regions' scoring practice, as data.
import { z } from 'zod';

const percent = z.number().gt(0, 'expected a percentage between 0 and 100').max(100, 'expected a percentage between 0 and 100');

export const profileSchema = z
  .object({
    /** Name used with `--profile`. */
    name: z.string().min(1),
    /** One line saying whose practice this is. */
    description: z.string(),
    /** Where the rules come from (a document, a published table). */
    source: z.string(),
    budget: z
      .object({
        /** Execution rate (percent) that earns the full budget weight. */
        benchmark: percent,
        /** Weight of the budget block when the table does not declare one. */
        weight: z.number().positive(),
      })
      .strict(),
    /** How a missed at-most (reverse) indicator is scored. */
    reverse: z.discriminatedUnion('rule', [
      z.object({ rule: z.literal('ratio') }).strict(),
      z.object({ rule: z.literal('linear') }).strict(),
      z.object({ rule: z.literal('per-point'), deduction: z.number().positive() }).strict(),
    ]),
    /** Lower bounds, in percent of the weight, of the qualitative tiers 达成 and 部分达成 (未达成 is below). */
    tiers: z.object({ met: percent, partial: percent }).strict(),
    rounding: z
      .object({
        decimals: z.number().int().min(0).max(6),
        mode: z.enum(['half-up', 'truncate']),
      })
      .strict(),
    /** A declared score within this distance of the computed one is accepted. */
    tolerance: z.number().min(0),
    /** Grades from the highest: the first whose minimum the total reaches. */
    grades: z.array(z.object({ grade: z.string().min(1), min: z.number() }).strict()).min(1),
    /** Texts that do not count as a reason (compared after trimming). */
    placeholders: z.array(z.string()),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
