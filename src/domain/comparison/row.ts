import type { Domain } from '../model/document';
import type { Money, Profile } from '../posture';
import type { Decision, RatingResult, Tier } from '../rating-result';
import type { ComparisonBasis } from './basis';
import { type CostlyExclusion, exclusionSummary } from './exclusions';
import { attributeLoading, type Gap, topGaps } from './gaps';
import { postureLoading } from './loading';
import { premiumPerMillionRevenue, premiumPerThousandDevices } from './per-unit';
import { type SafeHarborSummary, safeHarborSummary } from './safe-harbor';

/** One applicant of a comparison, rated on the common option. */
export interface RowRating {
  composite: number;
  domains: Record<Domain, number>;
  tier: Tier;
  decision: Decision;
  completeness: number;
  premium: Money;
  premiumPerMillionRevenue: Money | null;
  premiumPerThousandDevices: Money | null;
  /** Premium beyond the same option at the model's best tier: what the gaps share. */
  postureLoading: Money;
  exclusionCount: number;
  costliestExclusions: CostlyExclusion[];
  safeHarbor: SafeHarborSummary;
  gaps: Gap[];
}

/**
 * Condenses a rating of one option into a comparison row: scores, tier and decision as rated; the premium, per
 * unit of revenue and of devices; exclusions; safe-harbor standing; and the gaps that cost most of the posture
 * loading. Reads only the rating, the profile it rated and the model's prepared basis.
 */
export function comparisonRow(rating: RatingResult, profile: Profile, basis: ComparisonBasis): RowRating {
  const premium = rating.premiums[0]!.premium.amount;
  const currency = basis.currency;
  const money = (amount: number | null): Money | null => (amount === null ? null : { amount, currency });
  const domains = {} as Record<Domain, number>;
  for (const domain of basis.domains) domains[domain.id] = rating.score.domains[domain.id].score;
  let units = 0;
  for (const line of profile.deviceFleet) units += line.units;
  const loading = postureLoading(premium, rating.tier, basis);
  const exclusions = exclusionSummary(rating.exclusions, basis);
  return {
    composite: rating.score.composite,
    domains,
    tier: rating.tier,
    decision: rating.decision,
    completeness: rating.completeness,
    premium: { amount: premium, currency },
    premiumPerMillionRevenue: money(
      premiumPerMillionRevenue(premium, profile.annualRevenue.amount, basis.minorPerMajor),
    ),
    premiumPerThousandDevices: money(premiumPerThousandDevices(premium, units)),
    postureLoading: { amount: loading, currency },
    exclusionCount: exclusions.count,
    costliestExclusions: exclusions.costliest,
    safeHarbor: safeHarborSummary(rating.safeHarbor),
    gaps: topGaps(attributeLoading(rating, loading, basis), currency),
  };
}
