import type { SafeHarborStatus } from '../rating/regimes';
import type { RatingResult } from '../rating-result';

export const SAFE_HARBOR_STATUSES = ['eligible', 'partially_eligible', 'not_eligible', 'not_applicable'] as const;

export interface SafeHarborSummary {
  counts: Record<SafeHarborStatus, number>;
  /** Regime ids the applicant is eligible for, in the model's order. */
  eligible: string[];
}

/** Safe-harbor standing at a glance: how many regimes are in each status, and which ones the applicant has earned. */
export function safeHarborSummary(findings: RatingResult['safeHarbor']): SafeHarborSummary {
  const counts = { eligible: 0, partially_eligible: 0, not_eligible: 0, not_applicable: 0 };
  const eligible: string[] = [];
  for (const finding of findings) {
    counts[finding.status] += 1;
    if (finding.status === 'eligible') eligible.push(finding.regime);
  }
  return { counts, eligible };
}
