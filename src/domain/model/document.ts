import { z } from 'zod';
import { isoDate } from '../posture/dates';
import {
  APPLICANT_ROLES,
  CERTIFICATION_SCHEMES,
  DATA_TYPES,
  DEVICE_CATEGORIES,
  FRAMEWORK_NAMES,
  SECTORS,
} from '../posture/enums';
import { isCurrencyCode } from '../posture/money';

/**
 * The rating-model document (docs/model-format.md), validated at load. Every number that prices a risk lives in a
 * document of this shape; code holds none. Expressions are strings in mathjs syntax, compiled by
 * `src/models/expression` against the facts of `src/domain/facts`; the semantics are in docs/model-format.md.
 */

export const DOMAINS = ['patching', 'certifications', 'access', 'contracts', 'monitoring', 'data'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Price classes, best first. The names and the order are part of the public contract. */
export const TIERS = ['preferred', 'standard', 'substandard', 'high_risk'] as const;
export type Tier = (typeof TIERS)[number];

export const RESTRICTION_KINDS = ['form_exclusion', 'exclusion', 'sublimit', 'coinsurance', 'waiting_period'] as const;
export type RestrictionKind = (typeof RESTRICTION_KINDS)[number];
export const RULE_KINDS = [...RESTRICTION_KINDS, 'subjectivity', 'referral', 'decline'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const SUBJECTIVITY_TIMINGS = ['pre_bind', 'post_bind'] as const;

const Name = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must be an identifier: a letter, then letters, digits or _');
const Code = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'must be an upper-case code: a letter, then upper-case letters, digits or _');
const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a lower-case id: a letter, then a-z, 0-9 or _');
const Text = z.string().trim().min(1).max(2000);
const Expression = z.string().min(1).max(2000).describe('mathjs expression');
const Share = z.number().min(0).max(1);
const Positive = z.number().positive().finite();

const RoundingDefinition = z.strictObject({
  mode: z.enum(['half_up', 'half_even', 'half_down', 'up', 'down']),
  increment: Positive,
});

const TableDefinition = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('lookup'),
    /** The closed set the keys must cover, when the table is keyed by one (sector, deviceCategory, ...). */
    keyedBy: z.string().optional(),
    entries: z.record(z.string().min(1), z.number().finite()),
    description: Text.optional(),
  }),
  z.strictObject({
    kind: z.literal('bands'),
    bands: z.array(z.strictObject({ from: z.number().finite(), value: z.number().finite() })).min(1),
    description: Text.optional(),
  }),
  z.strictObject({
    kind: z.literal('interpolate'),
    points: z.array(z.strictObject({ x: z.number().finite(), y: z.number().finite() })).min(2),
    beyond: z.enum(['clamp', 'extrapolate']),
    description: Text.optional(),
  }),
]);

const SchemeClass = z.strictObject({ evidence: z.enum(['device', 'operations']) });

const Factor = z.strictObject({
  id: Id,
  title: Text,
  /** The fact whose value the explanation reports. */
  fact: Name,
  /** Points earned, between 0 and maxPoints. */
  points: Expression,
  maxPoints: Positive,
  /** Explanation with `{value}`, `{points}` and `{maxPoints}` placeholders; the source of the rule belongs in it. */
  reason: Text,
});

const DomainDefinition = z.strictObject({
  title: Text,
  weight: Share,
  factors: z.array(Factor).min(1),
});

const ExposureDriver = z.strictObject({
  id: Id,
  title: Text,
  /** An exposure base in revenue-equivalent major currency units. */
  base: Expression,
});

const TierBand = z.strictObject({ tier: z.enum(TIERS), minComposite: z.number().min(0).max(100) });
const TierCap = z.strictObject({ id: Id, title: Text, when: Expression, maxTier: z.enum(TIERS) });

const CoveragePart = z.strictObject({
  id: Id,
  title: Text,
  /** Share of the premium attributable to this part; the shares of all parts sum to 1. */
  premiumShare: Share,
  /** Default sublimit as a share of the aggregate limit (1 = full limit). */
  defaultSublimitShare: Share.default(1),
  /** Default waiting period in hours, for time-element parts such as business interruption. */
  waitingPeriodHours: z.number().int().min(0).max(720).optional(),
});

const Step = z.strictObject({ id: Id, title: Text, factor: Expression });

const Retention = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('layer') }),
  z.strictObject({ method: z.literal('factor'), title: Text, factor: Expression }),
]);

const ScheduleItem = z.strictObject({
  id: Id,
  title: Text,
  maxCredit: Share,
  maxDebit: Share,
  /** The facts an underwriter weighs for this item; none may also drive the tier (no double counting). */
  basis: z.array(Name),
});

const Pricing = z.strictObject({
  /** The rounding applied to every waterfall step, converting to integer minor units. */
  rounding: Name,
  basePremium: z.strictObject({ title: Text, formula: Expression }),
  adjustments: z.array(Step),
  layer: z.strictObject({
    /** An interpolate table of increased-limit factors by ground-up limit (major units); 1 at the basis limit. */
    ilfTable: Name,
    retention: Retention,
  }),
  tierFactors: z.strictObject(
    Object.fromEntries(TIERS.map((tier) => [tier, Positive])) as Record<Tier, typeof Positive>,
  ),
  lossHistory: z.strictObject({ lookbackYears: z.number().int().min(1).max(10), title: Text, factor: Expression }),
  schedule: z.strictObject({ maxAdjustment: Share, items: z.array(ScheduleItem) }),
  /** Minimum premium per option, in minor units. */
  minimumPremium: z.number().int().min(0),
});

const Assumption = z.union([
  z.boolean(),
  z.number().finite(),
  z.string(),
  z.array(z.never()).max(0),
  z.strictObject({ daysBeforeRating: z.number().int().min(0).max(36_500) }),
]);

/** A condition on another answer: the field's answer must be one of `in`. */
const AnswerCondition = z.strictObject({ field: z.string(), in: z.array(z.union([z.boolean(), z.string()])).min(1) });

const UnknownHandling = z.strictObject({
  /** The answer an unknown is scored as: pessimistic but bounded. Dates as `{ daysBeforeRating }`, lists as `[]`. */
  assume: Assumption,
  /** When the parent answer makes this field moot, it is not applicable (not unknown) and is scored as `assume`. */
  applicableWhen: AnswerCondition.optional(),
  onUnknown: z.enum(['subjectivity', 'referral', 'none']),
  timing: z.enum(SUBJECTIVITY_TIMINGS).default('pre_bind'),
});

const Rule = z.strictObject({
  code: Code,
  /** Evaluate once per matched KEV entry (item facts: cveId, pastDue, ...); the code gets `:<CVE id>` appended. */
  forEach: z.literal('kevMatches').optional(),
  kind: z.enum(RULE_KINDS),
  title: Text,
  when: Expression,
  /** The coverage part a restriction attaches to (`all` for a whole-policy restriction). */
  part: z.string().optional(),
  /** Sublimit as a share of the aggregate limit (sublimit rules). */
  sublimitShare: Expression.optional(),
  /** Coinsurance percent borne by the insured (coinsurance rules). */
  coinsurancePct: Expression.optional(),
  /** Waiting period in hours (waiting-period rules). */
  waitingPeriodHours: Expression.optional(),
  /** Whether the restriction reduces the price of the part it restricts. */
  credit: z.boolean().default(false),
  timing: z.enum(SUBJECTIVITY_TIMINGS).optional(),
  dueDays: z.number().int().min(1).max(365).optional(),
  evidence: Text.optional(),
  onFailure: Text.optional(),
  overridable: z.boolean().optional(),
  remedy: Text,
  source: Text.optional(),
});

/** Reference data: when each framework revision was published, so adoption windows run from publication. */
const FrameworkRevision = z.strictObject({
  framework: z.enum(FRAMEWORK_NAMES),
  version: z.string().min(1).max(50),
  publishedOn: isoDate(),
});

const RegimeRequirement = z.strictObject({
  id: Id,
  title: Text,
  /** When the requirement is met: facts, derived values and the regime's programme facts. */
  met: Expression,
  /** What would show it is met, for the unmet list. */
  evidence: Text,
  /**
   * Safe harbor only: `required` requirements decide eligibility at all; unmet `full` ones (verification, core
   * outcomes such as MFA or a tested incident-response plan) leave the applicant at best partially eligible.
   */
  level: z.enum(['required', 'full']).default('required'),
  /** The date the requirement starts to apply (the EU CRA's two application dates); before it, it is not checked. */
  appliesFrom: isoDate().optional(),
});

const Regime = z.strictObject({
  id: Id,
  kind: z.enum(['compliance', 'safe_harbor']),
  title: Text,
  citation: Text,
  summary: Text,
  appliesTo: z.strictObject({
    /** ISO 3166 codes; a country code also matches its subdivisions (`US` matches `US-OH`). */
    jurisdictions: z
      .array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/))
      .min(1)
      .optional(),
    /** The fleet must contain one of these categories (after exclusions). */
    deviceCategories: z.array(z.enum(DEVICE_CATEGORIES)).min(1).optional(),
    excludedDeviceCategories: z.array(z.enum(DEVICE_CATEGORIES)).optional(),
    /** Records of one of these types must be held. */
    dataTypes: z.array(z.enum(DATA_TYPES)).min(1).optional(),
    roles: z.array(z.enum(APPLICANT_ROLES)).min(1).optional(),
    sectors: z.array(z.enum(SECTORS)).min(1).optional(),
    /** Any further condition, over facts. */
    when: Expression.optional(),
  }),
  /** The regime is not yet applicable before this date. */
  effectiveFrom: isoDate(),
  /** How a written security programme conforms, for safe harbors that reward one. */
  programme: z
    .strictObject({
      frameworks: z.array(z.enum(FRAMEWORK_NAMES)).min(1),
      /** Frameworks that count only together with another listed one (Ohio: PCI DSS). */
      onlyWithAnother: z.array(z.enum(FRAMEWORK_NAMES)).default([]),
      /** Days after a revision's publication within which the programme must adopt it. */
      revisionWindowDays: z.number().int().min(1).max(3650),
    })
    .optional(),
  requirements: z.array(RegimeRequirement).min(1),
  /** The carrier's programme only: posture restrictions an eligible applicant is relieved of (never form exclusions). */
  waives: z.array(Code).default([]),
});

/** What every ordered improvement may add: prerequisites on other answers, an effort hint and a note. */
const improvementCommon = {
  requires: z.array(AnswerCondition).optional(),
  effort: z.enum(['low', 'medium', 'high']).optional(),
  note: Text.optional(),
};

const Improvement = z.union([
  /** Enums: answers from worst to best; `realistic` lists the moves an applicant can make (default: one step up). */
  z.strictObject({
    order: z.array(z.union([z.string(), z.boolean()])).min(2),
    ...improvementCommon,
  }),
  /** Numbers: better direction and the realistic values an applicant can move to, worst to best. */
  z.strictObject({
    better: z.enum(['lower', 'higher']),
    steps: z.array(z.number().finite()).min(1),
    ...improvementCommon,
  }),
  /** Dates: how recent is better; steps are ages in days, worst to best. */
  z.strictObject({
    recency: z.literal(true),
    stepsDays: z.array(z.number().int().min(0)).min(1),
    ...improvementCommon,
  }),
  /** Not an improvement either way (e.g. liability the applicant assumes), with the reason. */
  z.strictObject({ neutral: Text }),
]);

export const RatingModelDocument = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and hyphens'),
  // Versions are compared as number triples: a leading zero would make two spellings of one version, and a part
  // past nine digits would leave the range where that comparison is exact (a 400-digit one read as Infinity).
  version: z
    .string()
    .regex(
      /^(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})$/,
      'must be a semantic version MAJOR.MINOR.PATCH: each part 0 or a number of at most nine digits without a leading zero',
    ),
  title: Text,
  description: Text.optional(),
  effectiveFrom: isoDate(),
  currency: z.string().refine(isCurrencyCode, 'must be an ISO 4217 currency code such as USD'),
  filing: z.strictObject({
    basis: z.enum(['admitted', 'non_admitted']),
    states: z.array(z.string()),
    reference: Text,
  }),
  quoteValidityDays: z.number().int().min(1).max(365),
  minCompleteness: Share,
  constants: z.record(Name, z.number().finite()),
  roundings: z.record(Name, RoundingDefinition),
  tables: z.record(Name, TableDefinition),
  /** What each certification scheme is evidence about; every scheme of the contract must be classified. */
  certificationSchemes: z.record(z.enum(CERTIFICATION_SCHEMES), SchemeClass),
  exposure: z.strictObject({ drivers: z.array(ExposureDriver).min(1) }),
  domains: z.strictObject(
    Object.fromEntries(DOMAINS.map((domain) => [domain, DomainDefinition])) as Record<Domain, typeof DomainDefinition>,
  ),
  tiers: z.strictObject({ bands: z.array(TierBand).length(TIERS.length), caps: z.array(TierCap) }),
  coverage: z.strictObject({ parts: z.array(CoveragePart).min(1) }),
  pricing: Pricing,
  unknowns: z.record(z.string(), UnknownHandling),
  rules: z.array(Rule),
  improvements: z.record(z.string(), Improvement),
  frameworkRevisions: z.array(FrameworkRevision).default([]),
  regimes: z.array(Regime).default([]),
});

export type RatingModelDocument = z.output<typeof RatingModelDocument>;
export type RatingModelInput = z.input<typeof RatingModelDocument>;
export type RuleDefinition = z.output<typeof Rule>;
export type ImprovementDefinition = z.output<typeof Improvement>;
export type UnknownHandlingDefinition = z.output<typeof UnknownHandling>;
export type RegimeDefinition = z.output<typeof Regime>;
export type FrameworkRevisionDefinition = z.output<typeof FrameworkRevision>;
