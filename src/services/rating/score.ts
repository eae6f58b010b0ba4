import type { ScoreRequest } from '../../domain/posture';
import type { RatingResult } from '../../domain/rating-result';
import type { ServiceContext } from '../context';
import { InvalidError, NotFoundError } from '../errors';
import { rateOrRefuse } from './rate-checked';

export interface ModelChoice {
  model?: string | undefined;
  modelVersion?: string | undefined;
}

/**
 * Stateless rating of one applicant (POST /v1/score): the model in force on the rating date, unless the caller
 * pins a version, matched against the loaded KEV catalog, and nothing stored.
 */
export async function scoreApplicant(
  ctx: ServiceContext,
  request: ScoreRequest,
  choice: ModelChoice = {},
): Promise<RatingResult> {
  const asOf = request.asOf ?? ctx.today;
  const id = choice.model ?? ctx.defaultModelId;
  const model = choice.modelVersion
    ? await ctx.models.get(id, choice.modelVersion)
    : await ctx.models.inForce(id, asOf);
  if (!model) {
    if (choice.modelVersion) throw new NotFoundError(`rating model ${id} version ${choice.modelVersion}`);
    throw new InvalidError(`No version of rating model ${id} is in force on ${asOf}.`, [
      {
        path: request.asOf ? 'asOf' : 'query.model',
        message: `no version of rating model ${id} is in force on ${asOf}`,
      },
    ]);
  }
  return rateOrRefuse(model, {
    profile: request.profile,
    posture: request.posture,
    options: request.options,
    asOf,
    kevCatalog: await ctx.kev.snapshot(ctx.db, request.posture.patching?.openCves),
  });
}
