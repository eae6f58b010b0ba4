import { z } from '@hono/zod-openapi';
import { CoverageOption, isoDate, Money, Posture, Profile } from '../../domain/posture';
import { RatingResponse, TierEnum } from './rating';

export const InsurabilityRequest = z
  .strictObject({
    profile: Profile.optional().openapi({ description: 'The exposure, with `posture`; or give `assessmentId`.' }),
    posture: Posture.optional(),
    assessmentId: z
      .string()
      .uuid({ error: 'must be a UUID' })
      .optional()
      .openapi({ description: 'A recorded assessment to check instead (its applicant’s current profile).' }),
    option: CoverageOption.optional().openapi({
      description: 'The coverage to price; by default a limit of 1,000,000 and a retention of 10,000 (major units).',
    }),
    target: TierEnum.optional().openapi({
      description: 'The tier to find the fewest changes for; by default the next tier better than the current one.',
    }),
    asOf: isoDate().optional().meta({ description: 'Rating date; the server’s date when omitted.' }),
  })
  .superRefine((body, ctx) => {
    if (body.assessmentId !== undefined) {
      for (const field of ['profile', 'posture'] as const) {
        if (body[field] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'give either assessmentId or profile and posture' });
        }
      }
      return;
    }
    for (const field of ['profile', 'posture'] as const) {
      if (body[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'required unless assessmentId is given' });
      }
    }
  })
  .openapi('InsurabilityRequest');

const Change = {
  field: z.string().openapi({ description: 'Posture field path, e.g. `access.mfa.remote`.' }),
  from: z.unknown().openapi({ description: 'The current answer.' }),
  to: z.unknown().openapi({ description: 'The better answer, one the model’s improvement order allows.' }),
  effort: z.enum(['low', 'medium', 'high']).optional().openapi({ description: 'The model’s effort hint.' }),
  note: z.string().optional(),
};

const Effect = z
  .object({
    tier: TierEnum,
    decision: z.enum(['quote', 'refer', 'decline']),
    composite: z.number(),
    premium: Money,
    premiumSaved: Money,
    premiumSavedPct: z.number().openapi({ description: 'Of the current indicative premium, to two decimals.' }),
    exclusionsRemoved: z.array(z.string()),
    restrictionsRemoved: z.array(z.string()).openapi({ description: 'Sublimits, coinsurance and waiting periods.' }),
    regimesNewlyMet: z.array(
      z.object({
        regime: z.string(),
        kind: z.enum(['compliance', 'safe_harbor']),
        from: z.string(),
        to: z.string(),
      }),
    ),
  })
  .openapi('ChangeEffect', { description: 'What the change does, found by re-rating the changed answers.' });

export const Insurability = RatingResponse.extend({
  indication: z.object({
    notice: z.string(),
    option: CoverageOption,
    optionDefaulted: z.boolean(),
  }),
  recommendations: z
    .array(z.object({ ...Change, effect: Effect }).openapi('Recommendation'))
    .openapi({ description: 'Single changes that improve the outcome, ranked by premium saved.' }),
  pathToTarget: z
    .object({
      target: TierEnum,
      reachable: z.boolean(),
      changes: z
        .array(z.object(Change))
        .openapi({ description: 'The fewest changes found; no proper subset reaches.' }),
      // A union, not .nullable(): see ComparisonRow.problem (a nullable registered schema rejects null).
      effect: z.union([Effect, z.null()]),
      reason: z.string().optional(),
    })
    .nullable()
    .openapi({ description: 'null when already at the best tier and no target was given.' }),
  search: z.object({ ratings: z.number().int(), maxRatings: z.number().int() }).openapi({
    description: 'How many re-ratings the recommendations took, and the bound.',
  }),
}).openapi('Insurability', {
  description: 'The indicative rating (an indication, not an offer), with priced recommendations.',
});
