import type { Restriction } from '../rating-result';
import type { ComparisonBasis } from './basis';

export interface CostlyExclusion {
  code: string;
  title: string;
  part: string;
  /** The model's premium share of the part it excludes; `all` is 1. */
  premiumShare: number;
}

export const EXCLUSIONS_SHOWN = 3;

/**
 * Exclusions of one rating: how many (form and posture exclusions alike, as the rating's `exclusions` lists them)
 * and the costliest posture exclusions, by the premium share of the coverage part each takes away (the whole
 * policy for `all`), ties in the rating's order. Form exclusions apply to every policy, so they never rank as a
 * cost of the applicant's posture.
 */
export function exclusionSummary(exclusions: readonly Restriction[], basis: ComparisonBasis, count = EXCLUSIONS_SHOWN) {
  const costly: CostlyExclusion[] = exclusions
    .filter((restriction) => restriction.kind === 'exclusion')
    .map((restriction) => ({
      code: restriction.code,
      title: restriction.title,
      part: restriction.part,
      premiumShare: basis.partShares.get(restriction.part) ?? 0,
    }))
    .sort((a, b) => b.premiumShare - a.premiumShare);
  return { count: exclusions.length, costliest: costly.slice(0, count) };
}
