import type { Executor } from '../../db/client';
import type { ScoreRequest } from '../../domain/posture';
import type { RatingResult } from '../../domain/rating-result';
import { InvalidError, NotFoundError } from '../errors';
import type { KevCatalogSource } from '../kev/snapshot';
import type { ModelRegistry } from '../rating-models/registry';
import { rateOrRefuse } from './rate-checked';

export interface ScoreDependencies {
  db: Executor;
  models: ModelRegistry;
  kev: KevCatalogSource;
  defaultModelId: string;
  today: () => string;
}

export interface ModelChoice {
  model?: string | undefined;
  modelVersion?: string | undefined;
}

/**
 * Stateless rating of one applicant (POST /v1/score): the model in force on the rating date, unless the caller
 * pins a version, matched against the loaded KEV catalog, and nothing stored.
 */
export async function scoreApplicant(
  deps: ScoreDependencies,
  request: ScoreRequest,
  choice: ModelChoice = {},
): Promise<RatingResult> {
  const asOf = request.asOf ?? deps.today();
  const id = choice.model ?? deps.defaultModelId;
  const model = choice.modelVersion
    ? await deps.models.get(id, choice.modelVersion)
    : await deps.models.inForce(id, asOf);
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
    kevCatalog: await deps.kev.snapshot(deps.db, request.posture.patching?.openCves),
  });
}
