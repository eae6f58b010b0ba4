import { z } from 'zod';
import { percent, refuseDuplicates } from './fields';
import { Money } from './money';

const PART_NAME = /^[a-z][a-z0-9_]*$/;
const MAX_PARTS = 50;

/** Part names are checked against the rating model's coverage parts when rating, not here. */
const PartName = z
  .string()
  .max(64, { error: 'a coverage part name cannot exceed 64 characters', abort: true })
  .regex(PART_NAME, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a coverage part name: expected lower-case snake_case such as business_interruption`,
  });

/** zod words a bad record key as "Invalid key in record"; the key's own message says what is expected. */
function partRecord<T extends z.ZodType>(value: T) {
  return z.record(PartName, value, {
    error: (issue) => (issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined),
  });
}

function atMostParts(record: Record<string, unknown>): boolean {
  return Object.keys(record).length <= MAX_PARTS;
}

export const CoverageOption = z
  .strictObject({
    limit: Money,
    retention: Money,
    attachment: Money.optional(),
    sublimits: partRecord(Money)
      .refine(atMostParts, { error: `cannot set more than ${MAX_PARTS} sublimits` })
      .optional()
      .meta({
        description:
          'Per-part sublimits overriding the model’s defaults, by coverage part name (e.g. `business_interruption`). Each is greater than 0, at most `limit`, in the currency of `limit`.',
        example: { business_interruption: { amount: 25_000_000, currency: 'USD' } },
      }),
    coinsurance: partRecord(percent())
      .refine(atMostParts, { error: `cannot set more than ${MAX_PARTS} coinsurance shares` })
      .optional()
      .meta({
        description:
          'Per-part coinsurance overriding the model’s defaults: the percent (0 to 100) of each covered loss of that part the insured bears.',
        example: { cyber_extortion: 20 },
      }),
    waitingPeriodHours: z
      .number({ error: 'must be a number of hours' })
      .min(0, { abort: true, error: 'cannot be negative' })
      .max(720, { abort: true, error: 'cannot exceed 720 hours (30 days)' })
      .int({ error: 'must be a whole number of hours' })
      .optional()
      .meta({
        description:
          'Waiting period, in hours (0 to 720), before time-element losses (business interruption) are covered; overrides the model’s default where a part has one. Omitted means the model’s default.',
        example: 12,
      }),
  })
  .superRefine((option, ctx) => {
    const currency = option.limit.currency;
    if (option.limit.amount === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['limit', 'amount'],
        message: 'must be greater than 0: the limit is the most the policy pays',
        input: 0,
      });
    }
    const sameCurrency = (money: { currency: string }, path: PropertyKey[]) => {
      if (money.currency !== currency) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'currency'],
          message: `must be ${currency}, the currency of limit: one option cannot mix currencies`,
          input: money.currency,
        });
      }
    };
    sameCurrency(option.retention, ['retention']);
    if (option.attachment !== undefined) {
      sameCurrency(option.attachment, ['attachment']);
    }
    for (const [part, sublimit] of Object.entries(option.sublimits ?? {})) {
      sameCurrency(sublimit, ['sublimits', part]);
      if (sublimit.amount === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['sublimits', part, 'amount'],
          message: 'must be greater than 0: leave out a part to keep the model’s default sublimit',
          input: 0,
        });
      } else if (sublimit.currency === currency && sublimit.amount > option.limit.amount) {
        ctx.addIssue({
          code: 'custom',
          path: ['sublimits', part, 'amount'],
          message: `cannot exceed limit (${option.limit.amount}): a sublimit is part of the aggregate`,
          input: sublimit.amount,
        });
      }
    }
  })
  .meta({
    id: 'CoverageOption',
    description:
      'One coverage option to price. `limit` is the policy aggregate (greater than 0); `retention` is the amount the insured bears per claim; `attachment` (default 0) makes the option an excess layer sitting above that amount of underlying insurance. Sublimits, coinsurance and waiting period override the rating model’s per-part defaults. All money in an option shares the currency of `limit`.',
  });

export type CoverageOption = z.output<typeof CoverageOption>;

/** What makes two options the same: an omitted attachment is 0 and an empty override map is no override. */
function canonicalOption(option: CoverageOption): string {
  const sorted = <T>(record: Record<string, T> | undefined) =>
    record === undefined || Object.keys(record).length === 0
      ? null
      : Object.keys(record)
          .sort()
          .map((key) => [key, record[key]]);
  return JSON.stringify([
    option.limit,
    option.retention,
    option.attachment?.amount ?? 0,
    sorted(option.sublimits),
    sorted(option.coinsurance),
    option.waitingPeriodHours ?? null,
  ]);
}

export const CoverageOptions = z
  .array(CoverageOption)
  .min(1, { error: 'give at least one option to price' })
  .max(10, { error: 'cannot price more than 10 options in one request' })
  .superRefine((options, ctx) =>
    refuseDuplicates(
      options,
      ctx,
      canonicalOption,
      (_key, first) =>
        `duplicates options[${first}]: each option must differ in limit, retention, attachment, sublimits, coinsurance or waiting period`,
    ),
  )
  .meta({
    description: '1 to 10 distinct coverage options; the response prices each, in the same order.',
  });
