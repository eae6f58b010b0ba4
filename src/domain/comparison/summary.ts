import { TIERS } from '../model/document';
import type { Decision, Tier } from '../rating-result';
import { divideHalfAwayFromZero, round2 } from './rounding';

/**
 * The median of amounts in minor units: the middle one of an odd count; for an even count, the mean of the two
 * middle ones rounded half away from zero to a minor unit. null for none.
 */
export function medianAmount(amounts: readonly number[]): number | null {
  if (amounts.length === 0) return null;
  const sorted = [...amounts].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle]!;
  return Number(divideHalfAwayFromZero(BigInt(sorted[middle - 1]!) + BigInt(sorted[middle]!), 2n));
}

export interface RatedSummaryInput {
  tier: Tier;
  decision: Decision;
  composite: number;
  premium: number;
}

export interface ComparisonTotals {
  entries: number;
  rated: number;
  failed: number;
  /** Minor units; null when no row was rated. */
  medianPremium: number | null;
  tierCounts: Record<Tier, number>;
  decisionCounts: Record<Decision, number>;
  /** Mean of the rated rows' composites, two decimals; null when none was rated. */
  meanComposite: number | null;
}

/** The set at a glance, over the rated rows; every tier and decision is listed, with 0 where none fell. */
export function summarize(entries: number, rated: readonly RatedSummaryInput[]): ComparisonTotals {
  const tierCounts = Object.fromEntries(TIERS.map((tier) => [tier, 0])) as Record<Tier, number>;
  const decisionCounts: Record<Decision, number> = { quote: 0, refer: 0, decline: 0 };
  let compositeSum = 0;
  for (const row of rated) {
    tierCounts[row.tier] += 1;
    decisionCounts[row.decision] += 1;
    compositeSum += row.composite;
  }
  return {
    entries,
    rated: rated.length,
    failed: entries - rated.length,
    medianPremium: medianAmount(rated.map((row) => row.premium)),
    tierCounts,
    decisionCounts,
    meanComposite: rated.length === 0 ? null : round2(compositeSum / rated.length),
  };
}
