import { findAssessmentToRate } from '../../db/queries/assessments';
import type { CompiledRatingModel } from '../../domain/model/compiled';
import { formatPath } from '../../domain/paths';
import type { Posture, Profile } from '../../domain/posture';
import type { CoverageOption } from '../../domain/posture/options';
import { rate } from '../../domain/rate';
import type { RatingResult, Tier } from '../../domain/rating-result';
import { DEFAULT_BOUNDS, type PathToTarget, type Recommendation, recommend } from '../../domain/recommendations';
import { ASSESSMENT_ROLES } from '../assessments/present';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { InvalidError, NotFoundError } from '../errors';
import { rateOrRefuse } from '../rating/rate-checked';

/** Either `assessmentId`, or `profile` and `posture` (the request schema holds that). */
export interface InsurabilityRequest {
  profile?: Profile | undefined;
  posture?: Posture | undefined;
  assessmentId?: string | undefined;
  option?: CoverageOption | undefined;
  target?: Tier | undefined;
  asOf?: string | undefined;
}

export const INDICATION_NOTICE =
  'An indication, not an offer of insurance: prices and terms are binding only in a quote issued by the carrier after underwriting.';

/** The option an indication prices when the caller names none: a common first cyber policy. */
export const defaultOption = (model: CompiledRatingModel): CoverageOption => ({
  limit: { amount: 1_000_000 * model.minorPerMajor, currency: model.currency },
  retention: { amount: 10_000 * model.minorPerMajor, currency: model.currency },
});

export type InsurabilityView = RatingResult & {
  indication: { notice: string; option: CoverageOption; optionDefaulted: boolean };
  recommendations: Recommendation[];
  pathToTarget: PathToTarget | null;
  search: { ratings: number; maxRatings: number };
};

async function subjectOf(ctx: ServiceContext, request: InsurabilityRequest) {
  if (request.assessmentId === undefined) return { profile: request.profile!, posture: request.posture! };
  requireRole(ctx.actor, ...ASSESSMENT_ROLES);
  const assessment = await findAssessmentToRate(ctx.db, scopeOf(ctx.actor), request.assessmentId);
  if (!assessment) throw new NotFoundError('assessment');
  return { profile: assessment.profile, posture: assessment.posture };
}

/**
 * A device maker's (or its broker's) self-check: where it stands, priced as an indication, and which changes to
 * its answers would improve that, each priced by re-rating with the same model, plus the fewest changes that
 * reach the next tier or the target. Nothing is stored.
 */
export async function checkInsurability(ctx: ServiceContext, request: InsurabilityRequest): Promise<InsurabilityView> {
  requireRole(ctx.actor, 'admin', 'underwriter', 'broker', 'applicant');
  const { profile, posture } = await subjectOf(ctx, request);
  const asOf = request.asOf ?? ctx.today;
  const model = await ctx.models.inForce(ctx.defaultModelId, asOf, ctx.db);
  if (!model) {
    throw new InvalidError(`No version of rating model ${ctx.defaultModelId} is in force on ${asOf}.`, [
      {
        path: request.asOf ? 'asOf' : '(body)',
        message: `no version of rating model ${ctx.defaultModelId} is in force`,
      },
    ]);
  }
  const option = request.option ?? defaultOption(model);
  const kevCatalog = await ctx.kev.snapshot(ctx.db, posture.patching?.openCves);
  const input = { profile, posture, options: [option], asOf, kevCatalog };
  // The request names one `option`; the engine's problems name `options[0]`.
  const baseline = rateOrRefuse(model, input, {}, (path) =>
    formatPath(path[0] === 'options' ? ['option', ...path.slice(2)] : path),
  );
  const { recommendations, pathToTarget, ratings } = recommend({
    model,
    posture,
    asOf,
    baseline,
    target: request.target,
    // The search reads each re-rating's figures only; the answer shows the baseline's explanations.
    rateWith: (changed) => rate(model, { ...input, posture: changed as Posture }, { explained: false }),
  });
  return {
    indication: { notice: INDICATION_NOTICE, option, optionDefaulted: request.option === undefined },
    ...baseline,
    recommendations,
    pathToTarget,
    search: { ratings, maxRatings: DEFAULT_BOUNDS.maxRatings },
  };
}
