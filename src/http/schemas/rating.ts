import { z } from '@hono/zod-openapi';
import { TIERS } from '../../domain/model/document';
import { CoverageOption, Money } from '../../domain/posture';

const Value = z.union([z.number(), z.boolean(), z.string()]);

const Trigger = z
  .object({ fact: z.string(), value: Value })
  .openapi('Trigger', { description: 'A fact a rule read, with its value for this applicant.' });

const Factor = z
  .object({
    id: z.string(),
    title: z.string(),
    value: Value.openapi({ description: 'The answer or fact the factor judged.' }),
    points: z.number(),
    maxPoints: z.number(),
    reason: z.string().openapi({ description: 'Why the factor scored what it did, with the source of the rule.' }),
  })
  .openapi('Factor');

const DomainScore = z
  .object({ score: z.number().openapi({ description: '0 to 100.' }), weight: z.number(), factors: z.array(Factor) })
  .openapi('DomainScore');

export const Reason = z
  .object({
    code: z.string(),
    title: z.string(),
    overridable: z.boolean().openapi({ description: 'Whether an underwriter with authority may override it.' }),
    triggeredBy: z.array(Trigger),
  })
  .openapi('DecisionReason');

const Restriction = z
  .object({
    code: z.string(),
    kind: z.enum(['form_exclusion', 'exclusion', 'sublimit', 'coinsurance', 'waiting_period']),
    part: z.string().openapi({ description: 'The coverage part it attaches to, or `all`.' }),
    title: z.string(),
    triggeredBy: z.array(Trigger),
    remedy: z.string().openapi({ description: 'What would remove it.' }),
    source: z.string().optional(),
    sublimitShare: z.number().optional().openapi({ description: 'Sublimit as a share of the aggregate limit.' }),
    coinsurancePct: z.number().optional(),
    waitingPeriodHours: z.number().optional(),
    credit: z.boolean().openapi({ description: 'Whether it reduces the price of the part it restricts.' }),
  })
  .openapi('Restriction');

export const Subjectivity = z
  .object({
    code: z.string().openapi({ description: 'Unique within a rating, e.g. `ANSWER:access.mfa.remote`.' }),
    title: z.string(),
    timing: z.enum(['pre_bind', 'post_bind']),
    dueDays: z.number().int().optional(),
    evidence: z.string(),
    status: z.enum(['open', 'satisfied', 'waived']),
    onFailure: z.string().optional(),
    triggeredBy: z.array(Trigger),
  })
  .openapi('Subjectivity');

const WaterfallStep = z
  .object({
    step: z.string(),
    title: z.string(),
    factor: z.number().nullable().openapi({ description: 'Multiplier applied; null for the base and additive steps.' }),
    amount: z.number().int().openapi({ description: 'Change to the running premium in minor units.' }),
  })
  .openapi('WaterfallStep');

const PartCoverage = z
  .object({
    part: z.string(),
    title: z.string(),
    sublimit: Money,
    coinsurancePct: z.number(),
    waitingPeriodHours: z.number().nullable(),
  })
  .openapi('PartCoverage');

const OptionPremium = z
  .object({
    option: CoverageOption,
    premium: Money,
    waterfall: z.array(WaterfallStep).openapi({ description: 'Step amounts sum exactly to the premium.' }),
    coverage: z
      .array(PartCoverage)
      .openapi({ description: 'Effective terms of each coverage part under this option.' }),
  })
  .openapi('OptionPremium');

const Unknown = z
  .object({
    field: z.string(),
    assumed: z.unknown().openapi({ description: 'The answer it was scored as.' }),
    action: z.enum(['subjectivity', 'referral', 'none']),
    timing: z.enum(['pre_bind', 'post_bind']),
  })
  .openapi('UnknownAnswer');

const KevMatch = z
  .object({
    cveID: z.string(),
    vendorProject: z.string(),
    product: z.string(),
    vulnerabilityName: z.string(),
    dateAdded: z.string(),
    dueDate: z.string().openapi({ description: 'The entry’s own due date in the catalog.' }),
    knownRansomwareCampaignUse: z.boolean().openapi({ description: 'CISA marks it as used in ransomware campaigns.' }),
    endOfLife: z.boolean().openapi({ description: 'Its required action is to retire an end-of-life product.' }),
    location: z.enum(['own_product', 'corporate']),
    affectedUnitsPct: z.number().nullable(),
    pastDue: z.boolean().openapi({ description: 'Its due date is before the rating date.' }),
    daysPastDue: z.number().int(),
  })
  .openapi('KevMatch');

const RequirementFinding = z.object({ requirement: z.string(), title: z.string() });

const regimeFinding = <S extends readonly [string, ...string[]]>(name: string, statuses: S, description: string) =>
  z
    .object({
      regime: z.string(),
      title: z.string(),
      status: z.enum(statuses),
      citation: z.string(),
      applicability: z.string().nullable().openapi({ description: 'Why the regime does not apply, when it does not.' }),
      met: z.array(RequirementFinding),
      unmet: z.array(
        RequirementFinding.extend({
          evidence: z.string().openapi({ description: 'What would show the requirement is met.' }),
          level: z.enum(['required', 'full']),
        }),
      ),
      upcoming: z
        .array(RequirementFinding.extend({ appliesFrom: z.string() }))
        .openapi({ description: 'Requirements that start to apply after the rating date.' }),
    })
    .openapi(name, { description });

const ComplianceFinding = regimeFinding(
  'ComplianceFinding',
  ['compliant', 'non_compliant', 'not_applicable', 'not_yet_applicable'] as const,
  'Standing under a law or standard that binds the applicant.',
);
const SafeHarborFinding = regimeFinding(
  'SafeHarborFinding',
  ['eligible', 'partially_eligible', 'not_eligible', 'not_applicable'] as const,
  'Standing under a statute or programme that rewards demonstrated security.',
);

export const TierEnum = z
  .enum(TIERS)
  .openapi({ description: 'Price class, best first: preferred, standard, substandard, high_risk.' });

export const RatingResponse = z
  .object({
    model: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    kevCatalog: z
      .object({ version: z.string() })
      .nullable()
      .openapi({ description: 'null while no catalog is loaded.' }),
    asOf: z.string().openapi({ description: 'The rating date.' }),
    currency: z.string(),
    exposure: z.object({
      base: z.number().openapi({ description: 'Revenue-equivalent exposure base, major units.' }),
      driver: z.string(),
      drivers: z.array(z.object({ id: z.string(), title: z.string(), base: z.number() })),
    }),
    score: z.object({
      composite: z.number(),
      domains: z.object({
        patching: DomainScore,
        certifications: DomainScore,
        access: DomainScore,
        contracts: DomainScore,
        monitoring: DomainScore,
        data: DomainScore,
      }),
    }),
    completeness: z.number().openapi({ description: 'Share of applicable posture questions answered.' }),
    unknowns: z.array(Unknown),
    notApplicable: z.array(z.string()).openapi({ description: 'Fields made moot by a parent answer.' }),
    tier: TierEnum,
    scoreTier: TierEnum.openapi({ description: 'The tier the composite alone would give, before caps.' }),
    tierCaps: z.array(z.object({ id: z.string(), title: z.string(), maxTier: TierEnum })),
    decision: z.enum(['quote', 'refer', 'decline']),
    referralReasons: z.array(Reason),
    declineReasons: z.array(Reason),
    restrictions: z.array(Restriction),
    exclusions: z.array(Restriction).openapi({ description: 'The restrictions of kind form_exclusion or exclusion.' }),
    waivedRestrictions: z
      .array(z.object({ code: z.string(), title: z.string(), regime: z.string() }))
      .openapi({ description: 'Posture restrictions an eligible carrier programme relieved the applicant of.' }),
    subjectivities: z.array(Subjectivity),
    compliance: z.array(ComplianceFinding),
    safeHarbor: z.array(SafeHarborFinding),
    kev: z.object({
      matched: z.array(KevMatch).openapi({ description: 'openCves found in the catalog as of the rating date.' }),
      pastDueCount: z.number().int().openapi({ description: 'Effective count of past-due KEV vulnerabilities.' }),
    }),
    premiums: z.array(OptionPremium),
  })
  .openapi('Rating');
