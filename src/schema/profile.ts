// The rule profile: every setting that differs between regions' scoring practice, as data.
// Built-in profiles and users' profile files are both checked by this schema.
import { z } from 'zod';
import { FINDING_CODES } from '../model.js';

const percent = z
  .number({ error: 'expected a number' })
  .gt(0, 'expected a percentage between 0 and 100')
  .max(100, 'expected a percentage between 0 and 100');
const share = z
  .number({ error: 'expected a number' })
  .min(0, 'expected a percentage between 0 and 100')
  .max(100, 'expected a percentage between 0 and 100');
const positive = z.number({ error: 'expected a number' }).positive('expected a positive number');
const optionalThreshold = z.number({ error: 'expected a number or null' }).positive('expected a positive number').nullable();

const budgetSchema = z
  .object({
    /** `ratio`: weight × min(1, rate / benchmark); `steps`: a share of the weight by rate bands (Jiangxi). */
    rule: z.enum(['ratio', 'steps'], { error: 'expected "ratio" or "steps"' }),
    /** Execution rate (percent) that earns the full weight, for the `ratio` rule. */
    benchmark: percent,
    /** For the `steps` rule: from this rate (percent, included) the block earns `share` percent of its weight; below the lowest step, 0. */
    steps: z.array(z.object({ from: share, share }).strict()),
    /** Weight of the budget block when the table does not declare one. */
    weight: positive,
  })
  .strict()
  .refine((b) => b.rule !== 'steps' || b.steps.length > 0, { message: 'the "steps" rule needs at least one step', path: ['steps'] });

const reverseSchema = z.discriminatedUnion(
  'rule',
  [
    z.object({ rule: z.literal('ratio') }).strict(),
    z.object({ rule: z.literal('linear') }).strict(),
    z.object({ rule: z.literal('per-point'), deduction: positive }).strict(),
  ],
  { error: 'expected rule "ratio", "linear", or "per-point" with a deduction' },
);

const severityValue = z.enum(['off', 'info', 'warning', 'error'], { error: 'expected "off", "info", "warning" or "error"' });
const codes: readonly string[] = FINDING_CODES;

export const profileSchema = z
  .object({
    /** Name used with `--profile`, or given by a profile file. */
    name: z.string().min(1, 'expected a name'),
    /** One line saying whose practice this is. */
    description: z.string(),
    /** Where the rules come from (a document, a published table). */
    source: z.string(),
    budget: budgetSchema,
    /** How a missed at-most (reverse) indicator is scored. */
    reverse: reverseSchema,
    /** Lower bounds, in percent of the weight, of the qualitative tiers 达成 and 部分达成 (未达成 is below). */
    tiers: z
      .object({ met: percent, partial: percent })
      .strict()
      .refine((t) => t.partial < t.met, { message: 'expected partial below met', path: ['partial'] }),
    rounding: z
      .object({
        decimals: z.number().int('expected a whole number').min(0).max(6, 'expected at most 6'),
        mode: z.enum(['half-up', 'truncate'], { error: 'expected "half-up" or "truncate"' }),
      })
      .strict(),
    /** A declared score within this distance of the computed one is accepted. */
    tolerance: z.number({ error: 'expected a number' }).min(0, 'expected 0 or more'),
    /** When a row needs a reason (偏差原因). */
    reasons: z
      .object({
        /** A row that misses its target. */
        missed: z.boolean({ error: 'expected true or false' }),
        /** A row that meets its target but is scored below its weight (扣分须说明原因). */
        belowWeight: z.boolean({ error: 'expected true or false' }),
        /** A row whose deviation is beyond this many percent either way (null: no such rule). */
        deviationBeyond: optionalThreshold,
        /** A row whose actual reaches this percentage of its target or more, e.g. 130 (null: no such rule). */
        overAchievement: optionalThreshold,
        /** The budget execution rate under this percentage (null: no such rule). */
        budgetRateBelow: optionalThreshold,
      })
      .strict(),
    /**
     * Expected first-level weights, as sets of level → weight (levels named without 指标: 产出, 效益 …).
     * A table whose first levels are those of a set must carry its weights; other tables are not checked.
     */
    levelWeights: z.array(z.record(z.string(), positive)),
    /** Grades from the highest: the first whose minimum the total reaches. */
    grades: z.array(z.object({ grade: z.string().min(1), min: z.number() }).strict()).min(1, 'expected at least one grade'),
    /** Texts that do not count as a reason (compared after trimming). */
    placeholders: z.array(z.string()),
    /** Extra words that, given as the actual of a word target, mean met, partly met or not met. */
    words: z.object({ met: z.array(z.string()), partial: z.array(z.string()), unmet: z.array(z.string()) }).strict(),
    /** Severity of each finding code: `off` drops it. Codes not listed keep their default. */
    severity: z.record(
      z.string().refine((code) => codes.includes(code), { error: (issue) => `unknown finding code "${String(issue.input)}"` }),
      severityValue,
    ),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
