import type { Domain } from '../model/document';
import type { Money } from '../posture';
import type { FactorResult, RatingResult } from '../rating-result';
import { allocateLargestRemainder } from './allocation';
import type { ComparisonBasis } from './basis';
import { round2 } from './rounding';

/** The posture loading shared among every factor of a rating, in the model's order. */
export interface LoadingAttribution {
  factors: readonly FactorResult[];
  /** The domain of each factor. */
  domains: readonly Domain[];
  /** Composite points each factor loses: `weight × (maxPoints − points) / maxPointsTotal × 100`. */
  pointsLost: readonly number[];
  /** Each factor's share of the loading, in minor units; they sum exactly to the loading. */
  costs: readonly number[];
}

export interface FactorCost {
  factorId: string;
  title: string;
  domain: Domain;
  pointsLost: number;
  premiumCost: number;
}

export interface Gap {
  factorId: string;
  title: string;
  domain: Domain;
  pointsLost: number;
  premiumCost: Money;
}

export const GAPS_SHOWN = 3;

/**
 * Attributes the posture loading to the posture factors in proportion to the composite points each loses (the
 * composite is the weighted sum of domain scores, each 100 × points / points available). Pricing each factor by
 * re-rating with it at its best would take some 60 ratings per applicant; this attribution takes none, and its
 * parts sum exactly to the loading (largest remainder). When no factor loses a point (a perfect composite whose
 * tier a cap holds down) there is no basis to share on, and every cost is 0.
 */
export function attributeLoading(rating: RatingResult, loading: number, basis: ComparisonBasis): LoadingAttribution {
  const factors: FactorResult[] = [];
  const domains: Domain[] = [];
  const pointsLost: number[] = [];
  for (const domain of basis.domains) {
    for (const factor of rating.score.domains[domain.id].factors) {
      factors.push(factor);
      domains.push(domain.id);
      pointsLost.push((domain.weight * Math.max(0, factor.maxPoints - factor.points) * 100) / domain.maxPointsTotal);
    }
  }
  return { factors, domains, pointsLost, costs: allocateLargestRemainder(loading, pointsLost) };
}

/** Every factor with its points lost and cost, in the model's order. */
export function factorCosts(attribution: LoadingAttribution): FactorCost[] {
  return attribution.factors.map((factor, index) => ({
    factorId: factor.id,
    title: factor.title,
    domain: attribution.domains[index]!,
    pointsLost: attribution.pointsLost[index]!,
    premiumCost: attribution.costs[index]!,
  }));
}

/**
 * The gaps a row shows: the factors that lose points, costliest first (then most points lost, then model order),
 * at most three. At the best tier the loading is 0, so the gaps show what loses points, at no cost.
 */
export function topGaps(attribution: LoadingAttribution, currency: string, count = GAPS_SHOWN): Gap[] {
  const { factors, domains, pointsLost, costs } = attribution;
  const before = (a: number, b: number) => costs[a]! - costs[b]! || pointsLost[a]! - pointsLost[b]! || b - a;
  // A running top-`count` (insertion into a short list) instead of sorting every factor.
  const top: number[] = [];
  for (let index = 0; index < factors.length; index += 1) {
    if (!(pointsLost[index]! > 0)) continue;
    let at = top.length;
    while (at > 0 && before(index, top[at - 1]!) > 0) at -= 1;
    if (at < count) {
      top.splice(at, 0, index);
      if (top.length > count) top.pop();
    }
  }
  return top.map((index) => ({
    factorId: factors[index]!.id,
    title: factors[index]!.title,
    domain: domains[index]!,
    pointsLost: round2(pointsLost[index]!),
    premiumCost: { amount: costs[index]!, currency },
  }));
}
