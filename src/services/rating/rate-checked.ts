import type { CompiledRatingModel } from '../../domain/model/compiled';
import { formatPath } from '../../domain/paths';
import type { RatingContext, RatingInput } from '../../domain/rate';
import { checkAgainstModel, rate } from '../../domain/rate';
import type { RatingResult } from '../../domain/rating-result';
import { InvalidError } from '../errors';

/** How a request path of the rating input reads in the caller's body (an assessment's body is the posture). */
export type PathInBody = (path: readonly (string | number)[]) => string;

const asWritten: PathInBody = (path) => formatPath(path);

/**
 * Rates an input that has passed the contract's schema, refusing (422, with the path of each field) what only the
 * model can judge (currency, coverage parts) and any premium too large to be exact in integer minor units.
 */
export function rateOrRefuse(
  model: CompiledRatingModel,
  input: RatingInput,
  context: RatingContext = {},
  pathInBody: PathInBody = asWritten,
): RatingResult {
  const problems = checkAgainstModel(input, model);
  if (problems.length > 0) {
    throw new InvalidError(
      'The request does not fit the rating model; see errors for each field.',
      problems.map((problem) => ({ path: pathInBody(problem.path), message: problem.message })),
    );
  }
  const result = rate(model, input, context);
  // Money is exact only below 2^53 minor units; a premium beyond that comes from a limit no insurer writes.
  const unpriceable = result.premiums.flatMap((premium, index) =>
    premium.waterfall.every((step) => Number.isSafeInteger(step.amount)) && Number.isSafeInteger(premium.premium.amount)
      ? []
      : [
          {
            path: pathInBody(['options', index, 'limit']),
            message: 'too large to price exactly in integer minor units',
          },
        ],
  );
  if (unpriceable.length > 0) throw new InvalidError('An option cannot be priced; see errors.', unpriceable);
  return result;
}
