import { compile } from 'zod';
import { type ComparisonBasis, comparisonBasis, comparisonRow, type RowRating } from '../../domain/comparison';
import { fieldProblems } from '../../domain/field-problems';
import type { KevCatalogSnapshot } from '../../domain/kev/match';
import type { CompiledRatingModel } from '../../domain/model/compiled';
import { InlineApplicant, type Posture, type Profile } from '../../domain/posture';
import type { CoverageOption } from '../../domain/posture/options';
import { type FieldProblem, InvalidError } from '../errors';
import { rateOrRefuse } from '../rating/rate-checked';
import type { RowProblem } from './types';

/**
 * Inline entries are validated here, a thousand at a time, by the contract's schema compiled ahead of time: zod's
 * generated parser checks a valid entry in about half the runtime's time, and an entry it rejects is parsed again
 * by the runtime, so its problem lists exactly the runtime's issues. Compiled on first use (it takes some 40 ms),
 * so a process that never compares does not pay for it at start-up.
 */
let inlineApplicantParser: typeof InlineApplicant | undefined;

export function parseInlineApplicant(raw: unknown) {
  inlineApplicantParser ??= compile(InlineApplicant);
  return inlineApplicantParser.safeParse(raw);
}

type StoredRow = { index: number; reference: 'applicantId' | 'assessmentId'; profile: Profile; posture: Posture };
/** Answers sent inline, validated here: in a large set, in the worker threads too. */
type InlineRow = { index: number; raw: unknown };

/** Rows to rate on one option, as plain data: a worker thread receives exactly this. */
export interface RowTask {
  option: CoverageOption;
  asOf: string;
  kevCatalog: KevCatalogSnapshot | null;
  rows: (StoredRow | InlineRow)[];
}

export type RowOutcome = { rating: RowRating } | { problem: RowProblem };

/**
 * Where a problem the model finds reads in the caller's body: in an inline entry at its own field; in a stored one
 * at the reference, naming the stored field in the message. Only the common option's limit can be refused under
 * `options` once the option passed the request-wide check (too large to price exactly for this exposure).
 */
function locate(index: number, reference: StoredRow['reference'] | null, problem: FieldProblem): FieldProblem {
  const field = problem.path.startsWith('options') ? 'profile' : problem.path;
  return reference === null
    ? { path: `applicants[${index}].${field}`, message: problem.message }
    : { path: `applicants[${index}].${reference}`, message: `the stored ${field}: ${problem.message}` };
}

/**
 * Validates each inline row with the contract's schemas, rates each row and condenses its rating; a row that fails
 * validation or that the model refuses gets its problem, never the set's failure.
 */
export function rateRows(model: CompiledRatingModel, task: RowTask, basis: ComparisonBasis = comparisonBasis(model)) {
  return task.rows.map((row): RowOutcome => {
    let answers: { profile: Profile; posture: Posture; reference: StoredRow['reference'] | null } = {
      ...(row as StoredRow),
    };
    if ('raw' in row) {
      const parsed = parseInlineApplicant(row.raw);
      if (!parsed.success) {
        const errors = fieldProblems(parsed.error, `applicants[${row.index}]`);
        return {
          problem: {
            kind: 'invalid',
            detail: 'The entry does not match the schema; see errors for each field.',
            errors,
          },
        };
      }
      answers = { ...parsed.data, reference: null };
    }
    try {
      // A row keeps figures only, never a factor's reason.
      const rating = rateOrRefuse(
        model,
        {
          profile: answers.profile,
          posture: answers.posture,
          options: [task.option],
          asOf: task.asOf,
          kevCatalog: task.kevCatalog,
        },
        { explained: false },
      );
      return { rating: comparisonRow(rating, answers.profile, basis) };
    } catch (error) {
      if (!(error instanceof InvalidError)) throw error;
      const errors = error.errors.map((problem) => locate(row.index, answers.reference, problem));
      return { problem: { kind: 'invalid', detail: error.message, errors } };
    }
  });
}
