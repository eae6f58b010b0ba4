import type { CompiledRatingModel } from '../model/compiled';
import type { Domain, Tier } from '../model/document';

/**
 * What every row of one comparison reads from the rating model, looked up once per request rather than once per
 * row: the best tier and the tier factors (posture loading), the minimum premium, each coverage part's premium
 * share (exclusion cost) and each domain's weight and points available (gap attribution).
 */
export interface ComparisonBasis {
  currency: string;
  minorPerMajor: number;
  bestTier: Tier;
  tierFactors: Readonly<Record<Tier, number>>;
  minimumPremium: number;
  /** Coverage part -> its share of the premium; `all` is the whole policy, 1. */
  partShares: ReadonlyMap<string, number>;
  /** Model order, so allocations and their tie-breaks are the same on every run. */
  domains: readonly { id: Domain; weight: number; maxPointsTotal: number }[];
}

export function comparisonBasis(model: CompiledRatingModel): ComparisonBasis {
  const partShares = new Map<string, number>([['all', 1]]);
  for (const part of model.parts) partShares.set(part.id, part.premiumShare);
  return {
    currency: model.currency,
    minorPerMajor: model.minorPerMajor,
    bestTier: model.tierBands[0]!.tier,
    tierFactors: model.pricing.tierFactors,
    minimumPremium: model.pricing.minimumPremium,
    partShares,
    domains: model.domains.map(({ id, weight, maxPointsTotal }) => ({ id, weight, maxPointsTotal })),
  };
}
