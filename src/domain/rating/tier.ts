import type { Facts } from '../facts/declarations';
import type { CompiledRatingModel } from '../model/compiled';
import { TIERS } from '../model/document';
import type { Tier } from '../rating-result';

/**
 * The tier is a price class: the best band the composite reaches, then limited by every tier cap whose condition
 * holds, so strong answers elsewhere cannot hide, say, a past-due known exploited vulnerability.
 */
export function tierOf(model: CompiledRatingModel, facts: Facts, derived: Facts) {
  const composite = derived.composite as number;
  const scoreTier = (model.tierBands.find((band) => composite >= band.minComposite) ?? model.tierBands.at(-1)!).tier;
  let rank = TIERS.indexOf(scoreTier);
  const caps: { id: string; title: string; maxTier: Tier }[] = [];
  for (const cap of model.tierCaps) {
    if (!cap.when.evaluate(facts, derived, undefined)) continue;
    caps.push({ id: cap.id, title: cap.title, maxTier: cap.maxTier });
    rank = Math.max(rank, TIERS.indexOf(cap.maxTier));
  }
  const tier = TIERS[rank]!;
  derived.tier = tier;
  derived.tierRank = rank;
  return { tier, scoreTier, caps };
}
