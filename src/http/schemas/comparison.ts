import { z } from '@hono/zod-openapi';
import { SAFE_HARBOR_STATUSES, SORT_KEYS } from '../../domain/comparison';
import { DOMAINS } from '../../domain/model/document';
import { CoverageOption, InlineApplicant, isoDate, Money } from '../../domain/posture';
import { ProblemSchema } from '../problem';
import { TierEnum } from './rating';

export const MAX_COMPARISON_ENTRIES = 1_000;
/** About 4 KB per inline applicant leaves room for a thousand realistic ones. */
export const COMPARISON_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const BY_APPLICANT =
  'A stored applicant the key may see: rated with its current profile and its latest assessment’s posture.';
const BY_ASSESSMENT = 'A stored assessment the key may see: its posture, rated with its applicant’s current profile.';
const Id = z.string().uuid({ error: 'must be a UUID' });

/** The three shapes of an entry, each validated on its own (`src/http/routes/comparisons/entries.ts`). */
export const ComparisonApplicantEntry = z.strictObject({ applicantId: Id });
export const ComparisonAssessmentEntry = z.strictObject({ assessmentId: Id });
/** An applicant sent in full, as in POST /v1/score (without options or asOf: those are common to the set). */
export const ComparisonInlineEntry = InlineApplicant;

const uuidField = (description: string) => ({ type: 'string' as const, format: 'uuid', description });

/**
 * Each entry is validated on its own by the handler, with the three schemas above, so one bad entry becomes that
 * row's problem instead of the request's failure; the document shows the three shapes an entry may take, the
 * inline one by reference to the contract's Profile and Posture components.
 */
const Entry = z.unknown().openapi({
  oneOf: [
    {
      type: 'object',
      title: 'By applicant',
      properties: { applicantId: uuidField(BY_APPLICANT) },
      required: ['applicantId'],
      additionalProperties: false,
    },
    {
      type: 'object',
      title: 'By assessment',
      properties: { assessmentId: uuidField(BY_ASSESSMENT) },
      required: ['assessmentId'],
      additionalProperties: false,
    },
    {
      type: 'object',
      title: 'Inline',
      properties: {
        profile: { $ref: '#/components/schemas/Profile' },
        posture: { $ref: '#/components/schemas/Posture' },
      },
      required: ['profile', 'posture'],
      additionalProperties: false,
    },
  ],
  description:
    'One applicant: `{ applicantId }` (a stored applicant, rated with its current profile and latest assessment), `{ assessmentId }` (a stored assessment, with its applicant’s current profile) or `{ profile, posture }` as in POST /v1/score. An entry that fails validation, or names an object the key may not see, gives its row a `problem`; the other rows are rated.',
});

export const ComparisonRequest = z
  .strictObject({
    applicants: z
      .array(Entry)
      .min(1, { error: 'give at least one applicant to compare' })
      .max(MAX_COMPARISON_ENTRIES, {
        error: `cannot compare more than ${MAX_COMPARISON_ENTRIES} applicants in one request`,
      })
      .openapi({
        description: `1 to ${MAX_COMPARISON_ENTRIES} applicants; the response has one row for each, in this order.`,
      }),
    option: CoverageOption.meta({
      description: 'The one coverage option every applicant is priced on, in the rating model’s currency.',
    }),
    asOf: isoDate().optional().meta({
      description:
        'Rating date: selects the default model in force and the KEV entries known on that day. Omitted means the server’s date.',
      example: '2026-11-22',
    }),
    sortBy: z.enum(SORT_KEYS).default('premium').openapi({
      description:
        'What `rank` and `percentile` order by: `premium` (default), `premiumPerMillionRevenue` and `premiumPerThousandDevices` ascending, `composite` descending; ties go to the higher composite, then the earlier entry.',
      example: 'premium',
    }),
  })
  .openapi('ComparisonRequest', {
    description: 'Applicants to rate side by side on one coverage option, as of one date, with one model.',
  });

const money = (description: string) => Money.meta({ description });
const nullableMoney = (description: string) => Money.nullable().meta({ description });

const Gap = z
  .object({
    factorId: z.string().openapi({ description: 'The model’s factor id.' }),
    title: z.string().openapi({ description: 'The factor’s title.' }),
    domain: z.enum(DOMAINS).openapi({ description: 'The scoring domain the factor belongs to.' }),
    pointsLost: z.number().openapi({
      description: 'Composite points lost: domain weight × (max − points) / domain points available × 100.',
    }),
    premiumCost: money(
      'The factor’s share of the posture loading, in proportion to the points it loses; the shares of all factors sum exactly to the loading.',
    ),
  })
  .openapi('ComparisonGap', { description: 'A posture factor and what it costs of the premium.' });

const CostlyExclusion = z
  .object({
    code: z.string().openapi({ description: 'The restriction code.' }),
    title: z.string().openapi({ description: 'What it excludes.' }),
    part: z.string().openapi({ description: 'The coverage part it excludes, or `all`.' }),
    premiumShare: z
      .number()
      .openapi({ description: 'The model’s premium share of that part (1 for `all`): what ranks exclusions.' }),
  })
  .openapi('ComparisonExclusion', { description: 'A posture exclusion (never a form exclusion).' });

const SafeHarborSummary = z
  .object({
    counts: z
      .object(
        Object.fromEntries(
          SAFE_HARBOR_STATUSES.map((status) => [
            status,
            z
              .number()
              .int()
              .openapi({ description: `Regimes with status ${status}.` }),
          ]),
        ) as Record<(typeof SAFE_HARBOR_STATUSES)[number], z.ZodNumber>,
      )
      .openapi({ description: 'Safe-harbor regimes by status.' }),
    eligible: z.array(z.string()).openapi({ description: 'Ids of the regimes the applicant is eligible for.' }),
  })
  .openapi('ComparisonSafeHarbor', { description: 'Safe-harbor standing at a glance.' });

const RowRating = z
  .object({
    composite: z.number().openapi({ description: 'Composite score, 0 to 100.' }),
    domains: z
      .object(
        Object.fromEntries(
          DOMAINS.map((domain) => [
            domain,
            z.number().openapi({ description: `The ${domain} domain score, 0 to 100.` }),
          ]),
        ) as Record<(typeof DOMAINS)[number], z.ZodNumber>,
      )
      .openapi({ description: 'Each domain’s score.' }),
    tier: TierEnum,
    decision: z.enum(['quote', 'refer', 'decline']).openapi({ description: 'The decision the rules reached.' }),
    completeness: z.number().openapi({ description: 'Share of applicable posture questions answered.' }),
    premium: money('Premium of the common option.'),
    premiumPerMillionRevenue: nullableMoney(
      'Premium × 1,000,000 major units / annual revenue, rounded half away from zero to a minor unit; null without revenue.',
    ),
    premiumPerThousandDevices: nullableMoney(
      'Premium × 1,000 / devices in the fleet, rounded half away from zero to a minor unit; null without devices.',
    ),
    postureLoading: money(
      'Premium beyond the same option at the model’s best tier (premium × best tier factor / this tier’s factor, not below the minimum premium); 0 at the best tier.',
    ),
    exclusionCount: z.number().int().openapi({ description: 'Restrictions of kind form_exclusion or exclusion.' }),
    costliestExclusions: z
      .array(CostlyExclusion)
      .openapi({ description: 'Up to 3 posture exclusions, by the premium share of the part they exclude.' }),
    safeHarbor: SafeHarborSummary,
    gaps: z.array(Gap).openapi({ description: 'Up to 3 factors that lose points, costliest first.' }),
  })
  .openapi('ComparisonRating', { description: 'An applicant rated on the common option.' });

const Row = z
  .object({
    index: z.number().int().openapi({ description: 'Position of the entry in `applicants`.' }),
    applicantId: z
      .string()
      .nullable()
      .openapi({ description: 'The stored applicant rated (or named); null for an inline entry.' }),
    assessmentId: z.string().nullable().openapi({
      description: 'The assessment whose posture was rated (an applicant’s latest, or the one named); null inline.',
    }),
    legalName: z
      .string()
      .nullable()
      .openapi({ description: 'The applicant’s legal name; null when the entry names nothing the key may see.' }),
    rank: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Position by `sortBy`, 1 first; rows with a problem come after all rated rows: null.' }),
    percentile: z.number().nullable().openapi({
      description:
        'Share (0 to 100, two decimals) of the other rated rows this row is as good as or better than on the sort key; null with a problem or without a value for the key.',
    }),
    rating: RowRating.nullable().openapi({ description: 'null when the row has a problem.' }),
    // A union, not .nullable(): zod-to-openapi renders a nullable registered schema as allOf [$ref, {type: [object,
    // null]}], which no null satisfies (the resilience fuzzer found rated rows failing their own schema).
    problem: z.union([ProblemSchema, z.null()]).openapi({
      description:
        'Why the entry was not rated (RFC 9457): 422 when it fails validation or the model refuses it, 404 when it names an applicant or assessment the key may not see (unknown and foreign alike). Each `errors[].path` starts `applicants[<index>]`.',
    }),
  })
  .openapi('ComparisonRow', { description: 'One entry of the comparison.' });

const counts = <K extends string>(keys: readonly K[], what: string) =>
  z
    .object(
      Object.fromEntries(
        keys.map((key) => [
          key,
          z
            .number()
            .int()
            .openapi({ description: `Rated rows ${what} ${key}.` }),
        ]),
      ) as Record<K, z.ZodNumber>,
    )
    .openapi({ description: `Rated rows by ${what === 'in tier' ? 'tier' : 'decision'}.` });

const Summary = z
  .object({
    entries: z.number().int().openapi({ description: 'Entries sent.' }),
    rated: z.number().int().openapi({ description: 'Rows rated.' }),
    failed: z.number().int().openapi({ description: 'Rows with a problem.' }),
    medianPremium: nullableMoney(
      'Median premium of the rated rows; for an even count the mean of the two middle ones, rounded half away from zero to a minor unit. null when none was rated.',
    ),
    tierCounts: counts(['preferred', 'standard', 'substandard', 'high_risk'] as const, 'in tier'),
    decisionCounts: counts(['quote', 'refer', 'decline'] as const, 'with decision'),
    meanComposite: z
      .number()
      .nullable()
      .openapi({ description: 'Mean composite of the rated rows, two decimals; null when none was rated.' }),
    asOf: z.string().openapi({ description: 'The rating date.' }),
    sortBy: z.enum(SORT_KEYS).openapi({ description: 'The key `rank` and `percentile` follow.' }),
    model: z
      .object({
        id: z.string().openapi({ description: 'Model id.' }),
        version: z.string().openapi({ description: 'Model version.' }),
        hash: z.string().openapi({ description: 'sha256 of the model’s canonical JSON.' }),
      })
      .openapi({ description: 'The model every row was rated with: the default model in force on `asOf`.' }),
    kevCatalog: z
      .object({ version: z.string().openapi({ description: 'Catalog version.' }) })
      .nullable()
      .openapi({ description: 'The KEV catalog matched; null while none is loaded.' }),
  })
  .openapi('ComparisonSummary', { description: 'The set at a glance.' });

export const ComparisonResponse = z
  .object({ rows: z.array(Row), summary: Summary })
  .openapi('Comparison', { description: 'One row per entry, in input order, and a summary of the set.' });
