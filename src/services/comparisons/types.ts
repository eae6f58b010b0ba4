import type { ComparisonTotals, RowRating, SortBy } from '../../domain/comparison';
import type { Money } from '../../domain/posture';
import type { CoverageOption } from '../../domain/posture/options';
import type { FieldProblem } from '../errors';

/**
 * One entry of a comparison, as the edge sorted it: inline answers (validated where they are rated, in the worker
 * threads too), a stored reference, or what was wrong.
 */
export type ComparisonEntry =
  | { kind: 'inline'; raw: Record<string, unknown> }
  | { kind: 'applicant'; applicantId: string }
  | { kind: 'assessment'; assessmentId: string }
  | { kind: 'invalid'; legalName: string | null; errors: FieldProblem[] };

export interface ComparisonRequest {
  entries: readonly ComparisonEntry[];
  option: CoverageOption;
  asOf?: string | undefined;
  sortBy: SortBy;
}

/** Why a row was not rated: its entry failed validation, or names nothing the caller may see. */
export interface RowProblem {
  kind: 'invalid' | 'not_found';
  detail: string;
  errors: FieldProblem[];
}

export interface ComparisonRow {
  index: number;
  applicantId: string | null;
  assessmentId: string | null;
  legalName: string | null;
  rank: number | null;
  percentile: number | null;
  rating: RowRating | null;
  problem: RowProblem | null;
}

export interface Comparison {
  rows: ComparisonRow[];
  summary: Omit<ComparisonTotals, 'medianPremium'> & {
    medianPremium: Money | null;
    asOf: string;
    sortBy: SortBy;
    model: { id: string; version: string; hash: string };
    kevCatalog: { version: string } | null;
  };
}
