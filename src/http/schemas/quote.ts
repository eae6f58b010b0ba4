import { z } from '@hono/zod-openapi';
import { CoverageOptions, isoDate, Money, Posture, Profile } from '../../domain/posture';
import { QUOTE_STATUSES, STORED_QUOTE_STATUSES } from '../../domain/quotes';
import { RatingResponse, Reason, Subjectivity, TierEnum } from './rating';

const ModelRef = z.object({ id: z.string(), version: z.string(), hash: z.string() });
const Actor = z.object({
  keyId: z.string().uuid().nullable().openapi({
    description:
      'The API key that acted. Null for the system, and for a key of the carrier when a broker or applicant reads: they see the carrier’s staff by role only.',
  }),
  role: z.string(),
});

export const CreateQuote = z
  .strictObject({
    assessmentId: z.string().uuid({ error: 'must be a UUID' }),
    options: CoverageOptions,
    effectiveDate: isoDate().meta({
      description:
        'When the policy would incept, today to 365 days ahead: it chooses the rating model in force. The quote is rated as of the server’s date.',
      example: '2027-01-01',
    }),
  })
  .openapi('CreateQuote');

export const QuoteStatus = z.enum(QUOTE_STATUSES).openapi({
  description:
    'quoted, referred, bind_requested, bound, declined, not_taken_up, superseded, or expired (a quoted or bind-requested quote past expiresOn, computed on read).',
});

const QuoteSubjectivity = Subjectivity.extend({
  dueOn: z.string().nullable().openapi({ description: 'Post-bind: the date it falls due, from binding.' }),
  resolution: z
    .object({
      kind: z.enum(['satisfied', 'waived']),
      at: z.string(),
      by: Actor,
      note: z.string().openapi({ description: 'The evidence accepted, or the reason for the waiver.' }),
    })
    .nullable(),
}).openapi('QuoteSubjectivity');

const QuoteEvent = z
  .object({
    action: z.string(),
    from: z.enum(STORED_QUOTE_STATUSES).nullable(),
    to: z.enum(STORED_QUOTE_STATUSES),
    at: z.string(),
    actor: Actor,
    reason: z.string().optional(),
    optionIndex: z.number().int().optional(),
    subjectivity: z.string().optional(),
    supersededBy: z.string().optional(),
  })
  .openapi('QuoteEvent');

const Schedule = z
  .object({
    items: z.array(z.object({ id: z.string(), title: z.string(), adjustment: z.number() })),
    total: z.number().openapi({ description: 'The waterfall factor is 1 + total.' }),
    reason: z.string(),
  })
  .openapi('UnderwriterSchedule');

const StoredRatingInput = z
  .object({
    profile: Profile,
    posture: Posture,
    options: CoverageOptions,
    asOf: z.string(),
    kevCatalog: z
      .object({ version: z.string(), entries: z.array(z.record(z.string(), z.unknown())) })
      .nullable()
      .openapi({ description: 'The catalog version matched, with its entries for the declared CVE ids.' }),
  })
  .openapi('StoredRatingInput', { description: 'Exactly what the engine rated, as stored.' });

/** What a quote is and where it stands, in the whole quote and in its summary alike. */
const quoteHeader = {
  id: z.string().uuid(),
  applicantId: z.string().uuid(),
  assessmentId: z.string().uuid(),
  ownerOrganizationId: z.string().uuid(),
  status: QuoteStatus,
  effectiveDate: z.string(),
  ratingDate: z.string().openapi({ description: 'The server’s date when it was rated (also asOf).' }),
  expiresOn: z
    .string()
    .openapi({ description: 'Last day the offer stands: the rating date plus the model’s validity.' }),
};

export const Quote = RatingResponse.extend({
  ...quoteHeader,
  referralReasons: z.array(Reason).openapi({
    description: 'The rating’s referral reasons plus any of underwriting authority (AUTHORITY_LIMIT, ...).',
  }),
  subjectivities: z.array(QuoteSubjectivity),
  schedule: Schedule.nullable().openapi({ description: 'The schedule rating applied at approval, if any.' }),
  requestedOptionIndex: z.number().int().nullable(),
  bound: z.object({ optionIndex: z.number().int(), premium: Money, boundAt: z.string() }).nullable(),
  supersededBy: z.string().uuid().nullable(),
  createdBy: Actor,
  history: z.array(QuoteEvent),
  revision: z.number().int().openapi({ description: 'Increases with every change; the ETag names it.' }),
  createdAt: z.string(),
  updatedAt: z.string(),
  ratingInput: StoredRatingInput,
  ratingInputHash: z.string().openapi({ description: 'sha256 of the stored rating input’s canonical JSON.' }),
}).openapi('Quote', {
  description:
    'A priced offer: the rating (at top level, as /v1/score returns it) with the model, catalog and exact input that made it, where it stands in its lifecycle, and its history.',
});

const QuoteOptionSummary = z.object({
  optionIndex: z.number().int(),
  limit: Money,
  retention: Money,
  attachment: Money,
  premium: Money,
});

export const QuoteSummary = z
  .object({
    ...quoteHeader,
    model: ModelRef,
    tier: TierEnum,
    decision: z.enum(['quote', 'refer', 'decline']),
    options: z.array(QuoteOptionSummary),
    boundOptionIndex: z.number().int().nullable(),
    revision: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('QuoteSummary');

export const QuoteListQuery = z.object({
  status: QuoteStatus.optional(),
  applicantId: z.string().uuid().optional(),
  assessmentId: z.string().uuid().optional(),
  tier: TierEnum.optional(),
  createdFrom: isoDate().optional().openapi({ description: 'Rated on or after this date.' }),
  createdTo: isoDate().optional().openapi({ description: 'Rated on or before this date.' }),
  effectiveFrom: isoDate().optional().openapi({ description: 'Incepting on or after this date.' }),
  effectiveTo: isoDate().optional().openapi({ description: 'Incepting on or before this date.' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const ReasonText = z.string().trim().min(1).max(2000);

export const ApproveBody = z
  .strictObject({
    reason: ReasonText.openapi({ description: 'Why the quote is approved; mandatory, and the schedule step’s title.' }),
    scheduleAdjustment: z
      .strictObject({
        items: z
          .array(
            z.strictObject({
              id: z.string().min(1).max(100).openapi({ description: 'A schedule item of the pinned model.' }),
              adjustment: z
                .number()
                .finite()
                .min(-1)
                .max(1)
                .openapi({ description: 'Negative is a credit: -0.05 takes 5% off.', example: -0.05 }),
            }),
          )
          .max(50),
      })
      .optional()
      .openapi({ description: 'Schedule rating within the model’s per-item and overall caps.' }),
  })
  .openapi('ApproveQuote');

export const OptionChoice = z.strictObject({ optionIndex: z.number().int().min(0).max(9) }).openapi('OptionChoice');
export const DeclineBody = z.strictObject({ reason: ReasonText }).openapi('DeclineQuote');
export const NotTakenUpBody = z.strictObject({ reason: ReasonText.optional() }).openapi('NotTakenUp');
export const SatisfyBody = z
  .strictObject({ evidence: ReasonText.openapi({ description: 'What shows the condition is met.' }) })
  .openapi('SatisfySubjectivity');
export const WaiveBody = z.strictObject({ reason: ReasonText }).openapi('WaiveSubjectivity');

export const Replay = z
  .object({
    quoteId: z.string().uuid(),
    identical: z.boolean().openapi({ description: 'The re-rating reproduces the stored result exactly.' }),
    differences: z.array(z.object({ path: z.string(), stored: z.unknown(), replayed: z.unknown() })),
    model: ModelRef,
    kevCatalog: z.object({ version: z.string() }).nullable(),
    ratingDate: z.string(),
  })
  .openapi('QuoteReplay');
