import type { Executor } from '../../db/client';
import { formatPath } from '../../domain/paths';
import type { ScoreRequest } from '../../domain/posture';
import type { RatingInput } from '../../domain/rate';
import { checkAgainstModel, rate } from '../../domain/rate';
import type { RatingResult } from '../../domain/rating-result';
import { InvalidError, NotFoundError } from '../errors';
import { loadKevSnapshot } from '../kev/snapshot';
import type { ModelRegistry } from '../rating-models/registry';

export interface ScoreDependencies {
  db: Executor;
  models: ModelRegistry;
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
  const input: RatingInput = { profile: request.profile, posture: request.posture, options: request.options, asOf };
  const problems = checkAgainstModel(input, model);
  if (problems.length > 0) {
    throw new InvalidError(
      'The request does not fit the rating model; see errors for each field.',
      problems.map((problem) => ({ path: formatPath(problem.path), message: problem.message })),
    );
  }
  const result = rate(model, {
    ...input,
    kevCatalog: await loadKevSnapshot(deps.db, request.posture.patching?.openCves),
  });
  // Money is exact only below 2^53 minor units; a premium beyond that comes from a limit no insurer writes.
  const unpriceable = result.premiums.flatMap((premium, index) =>
    premium.waterfall.every((step) => Number.isSafeInteger(step.amount)) && Number.isSafeInteger(premium.premium.amount)
      ? []
      : [{ path: `options[${index}].limit`, message: 'too large to price exactly in integer minor units' }],
  );
  if (unpriceable.length > 0) throw new InvalidError('An option cannot be priced; see errors.', unpriceable);
  return result;
}
