import type { Tier } from '../model/document';
import type { ComparisonBasis } from './basis';
import { roundHalfAwayFromZero } from './rounding';

/**
 * The posture loading of a premium: what it costs beyond the same option at the model's best tier. The tier factor
 * is one multiplicative step of the waterfall, so the best-tier premium is `premium × tierFactors[best] /
 * tierFactors[tier]`, rounded half away from zero to minor units and, as the waterfall's last step does, never
 * below the model's minimum premium. 0 at the best tier, and never negative.
 */
export function postureLoading(premiumMinor: number, tier: Tier, basis: ComparisonBasis): number {
  if (tier === basis.bestTier) return 0;
  const atBest = roundHalfAwayFromZero((premiumMinor * basis.tierFactors[basis.bestTier]) / basis.tierFactors[tier]);
  return Math.max(0, premiumMinor - Math.max(basis.minimumPremium, atBest));
}
