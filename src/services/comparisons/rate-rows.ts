import { type ComparisonBasis, comparisonBasis, comparisonRow, type RowRating } from '../../domain/comparison';
import type { KevCatalogSnapshot } from '../../domain/kev/match';
import type { Posture, Profile } from '../../domain/posture';
import type { CoverageOption } from '../../domain/posture/options';
import type { CompiledRatingModel } from '../../models/compiled';
import { type FieldProblem, InvalidError } from '../errors';
import { rateOrRefuse } from '../rating/rate-checked';
import type { RowProblem } from './types';

/** Rows to rate on one option, as plain data: a worker thread receives exactly this. */
export interface RowTask {
  option: CoverageOption;
  asOf: string;
  kevCatalog: KevCatalogSnapshot | null;
  rows: { index: number; reference: 'applicantId' | 'assessmentId' | null; profile: Profile; posture: Posture }[];
}

export type RowOutcome = { rating: RowRating } | { problem: RowProblem };

/**
 * Where a problem the model finds reads in the caller's body: in an inline entry at its own field; in a stored one
 * at the reference, naming the stored field in the message. Only the common option's limit can be refused under
 * `options` once the option passed the request-wide check (too large to price exactly for this exposure).
 */
function locate(index: number, reference: RowTask['rows'][number]['reference'], problem: FieldProblem): FieldProblem {
  const field = problem.path.startsWith('options') ? 'profile' : problem.path;
  return reference === null
    ? { path: `applicants[${index}].${field}`, message: problem.message }
    : { path: `applicants[${index}].${reference}`, message: `the stored ${field}: ${problem.message}` };
}

/** Rates each row and condenses its rating; a row the model refuses gets its problem, never the set's failure. */
export function rateRows(model: CompiledRatingModel, task: RowTask, basis: ComparisonBasis = comparisonBasis(model)) {
  return task.rows.map(({ index, reference, profile, posture }): RowOutcome => {
    try {
      const rating = rateOrRefuse(model, {
        profile,
        posture,
        options: [task.option],
        asOf: task.asOf,
        kevCatalog: task.kevCatalog,
      });
      return { rating: comparisonRow(rating, profile, basis) };
    } catch (error) {
      if (!(error instanceof InvalidError)) throw error;
      const errors = error.errors.map((problem) => locate(index, reference, problem));
      return { problem: { kind: 'invalid', detail: error.message, errors } };
    }
  });
}
