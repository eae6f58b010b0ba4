import type { Money } from '../posture';
import type { RatingResult, Tier } from '../rating-result';

const TIER_ORDER: readonly Tier[] = ['preferred', 'standard', 'substandard', 'high_risk'];
const DECISION_ORDER = ['quote', 'refer', 'decline'] as const;
const COMPLIANCE_RANK: Record<string, number> = { non_compliant: 0, compliant: 1 };
const SAFE_HARBOR_RANK: Record<string, number> = { not_eligible: 0, partially_eligible: 1, eligible: 2 };

export const tierRank = (tier: Tier) => TIER_ORDER.indexOf(tier);

/** What a change does to an applicant's standing, against its current rating. */
export interface Effect {
  tier: Tier;
  decision: RatingResult['decision'];
  composite: number;
  premium: Money;
  premiumSaved: Money;
  /** Premium saved as a percent of the current premium, to two decimals. */
  premiumSavedPct: number;
  /** Posture exclusions the change removes (form exclusions never go). */
  exclusionsRemoved: string[];
  /** Other restrictions (sublimits, coinsurance, waiting periods) the change removes. */
  restrictionsRemoved: string[];
  regimesNewlyMet: { regime: string; kind: 'compliance' | 'safe_harbor'; from: string; to: string }[];
}

function betterRegimes(before: RatingResult, after: RatingResult): Effect['regimesNewlyMet'] {
  const found: Effect['regimesNewlyMet'] = [];
  const compare = (
    kind: 'compliance' | 'safe_harbor',
    was: RatingResult['compliance'],
    now: RatingResult['compliance'],
    rank: Record<string, number>,
  ) => {
    for (const finding of now) {
      const previous = was.find((candidate) => candidate.regime === finding.regime);
      if (!previous) continue;
      const [from, to] = [rank[previous.status], rank[finding.status]];
      if (from !== undefined && to !== undefined && to > from) {
        found.push({ regime: finding.regime, kind, from: previous.status, to: finding.status });
      }
    }
  };
  compare('compliance', before.compliance, after.compliance, COMPLIANCE_RANK);
  compare(
    'safe_harbor',
    before.safeHarbor as RatingResult['compliance'],
    after.safeHarbor as RatingResult['compliance'],
    SAFE_HARBOR_RANK,
  );
  return found;
}

/** The effect of moving from one rating to another, both of one option (the first premium of each). */
export function effectOf(before: RatingResult, after: RatingResult): Effect {
  const was = before.premiums[0]!.premium;
  const now = after.premiums[0]!.premium;
  const saved = was.amount - now.amount;
  const codes = (result: RatingResult, exclusion: boolean) =>
    new Set(
      result.restrictions
        .filter((restriction) => restriction.kind !== 'form_exclusion')
        .filter((restriction) => (restriction.kind === 'exclusion') === exclusion)
        .map((restriction) => restriction.code),
    );
  const gone = (exclusion: boolean) => {
    const remaining = codes(after, exclusion);
    return [...codes(before, exclusion)].filter((code) => !remaining.has(code));
  };
  return {
    tier: after.tier,
    decision: after.decision,
    composite: after.score.composite,
    premium: now,
    premiumSaved: { amount: saved, currency: now.currency },
    premiumSavedPct: was.amount > 0 ? Math.round((saved / was.amount) * 10_000) / 100 : 0,
    exclusionsRemoved: gone(true),
    restrictionsRemoved: gone(false),
    regimesNewlyMet: betterRegimes(before, after),
  };
}

/** Whether the effect improves the outcome at all: price, tier, decision, restrictions or regimes. */
export function improves(before: RatingResult, effect: Effect): boolean {
  return (
    effect.premiumSaved.amount > 0 ||
    tierRank(effect.tier) < tierRank(before.tier) ||
    DECISION_ORDER.indexOf(effect.decision) < DECISION_ORDER.indexOf(before.decision) ||
    effect.exclusionsRemoved.length > 0 ||
    effect.restrictionsRemoved.length > 0 ||
    effect.regimesNewlyMet.length > 0
  );
}
