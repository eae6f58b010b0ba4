import type { PostureField } from '../facts/posture-fields';
import type { CompiledRatingModel } from '../model/compiled';
import type { RatingResult, Tier } from '../rating-result';
import { type Effect, effectOf, improves, tierRank } from './effect';
import { applyChanges, changeOf, isRealistic, type MovableField, movableFields, type PostureChange } from './moves';

export interface Recommendation extends PostureChange {
  effect: Effect;
}

export interface PathToTarget {
  target: Tier;
  reachable: boolean;
  /** The fewest changes found that reach the target; no proper subset of them does. */
  changes: PostureChange[];
  effect: Effect | null;
  /** Why the target cannot be reached by realistic changes, when it cannot. */
  reason?: string;
}

export interface SearchBounds {
  /** Re-ratings the whole self-check may spend; the search for a smaller set stops there. */
  maxRatings: number;
}

export const DEFAULT_BOUNDS: SearchBounds = { maxRatings: 2_000 };

const EFFORT_RANK = { low: 0, medium: 1, high: 2 } as const;
/** Sets the search may consider at one size, rated or not, so enumeration itself stays bounded. */
const MAX_SETS_VISITED = 100_000;

interface Candidate {
  movable: MovableField;
  /** Composite gain of the field alone at its best answer: the search's estimate of what it contributes. */
  gain: number;
  /** Tier caps the field alone at its best answer lifts. */
  liftsCaps: ReadonlySet<string>;
}

type Choice = { candidate: Candidate; step: number };

/**
 * Recommendations and the path to a target tier (docs/workflow.md, Insurability self-check), found only by re-rating
 * changed postures with the same model through `rateWith`, never by separate advice. Candidate changes come from
 * the model's improvement order; see docs/workflow.md (Insurability self-check) for how the search is bounded.
 */
export function recommend(input: {
  model: CompiledRatingModel;
  posture: unknown;
  asOf: string;
  baseline: RatingResult;
  rateWith: (posture: unknown) => RatingResult;
  target?: Tier | undefined;
  bounds?: SearchBounds;
}): { recommendations: Recommendation[]; pathToTarget: PathToTarget | null; ratings: number } {
  const { model, posture, asOf, baseline } = input;
  const bounds = input.bounds ?? DEFAULT_BOUNDS;
  let ratings = 0;
  const rateWith = (changed: unknown) => {
    ratings += 1;
    return input.rateWith(changed);
  };
  const changedBy = (choices: readonly Choice[]) =>
    applyChanges(
      posture,
      choices.map(({ candidate, step }) => ({ field: candidate.movable.field, to: candidate.movable.ladder[step] })),
    );
  const changedAt = (movable: MovableField, step: number) =>
    applyChanges(posture, [{ field: movable.field, to: movable.ladder[step] }]);
  const fieldsOf = (choices: readonly Choice[]): PostureField[] =>
    choices.map((choice) => choice.candidate.movable.field);
  const activeCaps = new Set(baseline.tierCaps.map((cap) => cap.id));

  const recommendations: Recommendation[] = [];
  const candidates: Candidate[] = [];
  for (const movable of movableFields(model, posture, asOf)) {
    let best: { step: number; effect: Effect } | undefined;
    let top: RatingResult | undefined;
    movable.ladder.forEach((_answer, step) => {
      const changed = changedAt(movable, step);
      // The best answer is rated even when it is not realistic alone: it estimates what the field adds to a set.
      const realistic = isRealistic(model, changed, [movable.field]);
      if (!realistic && step < movable.ladder.length - 1) return;
      const result = rateWith(changed);
      if (step === movable.ladder.length - 1) top = result;
      if (!realistic) return;
      const effect = effectOf(baseline, result);
      if (!improves(baseline, effect)) return;
      if (!best || isBetter(effect, best.effect)) best = { step, effect };
    });
    if (best) recommendations.push({ ...changeOf(movable, movable.ladder[best.step]), effect: best.effect });
    const remaining = new Set(top!.tierCaps.map((cap) => cap.id));
    candidates.push({
      movable,
      gain: top!.score.composite - baseline.score.composite,
      liftsCaps: new Set([...activeCaps].filter((cap) => !remaining.has(cap))),
    });
  }
  recommendations.sort(
    (a, b) =>
      b.effect.premiumSaved.amount - a.effect.premiumSaved.amount ||
      tierRank(a.effect.tier) - tierRank(b.effect.tier) ||
      b.effect.exclusionsRemoved.length - a.effect.exclusionsRemoved.length ||
      b.effect.regimesNewlyMet.length - a.effect.regimesNewlyMet.length ||
      EFFORT_RANK[a.effort ?? 'medium'] - EFFORT_RANK[b.effort ?? 'medium'] ||
      (a.field < b.field ? -1 : 1),
  );

  const target = input.target ?? nextTier(baseline.tier);
  if (target === undefined) return { recommendations, pathToTarget: null, ratings };
  const reaches = (choices: readonly Choice[]) => {
    const changed = changedBy(choices);
    if (!isRealistic(model, changed, fieldsOf(choices))) return undefined;
    const result = rateWith(changed);
    return tierRank(result.tier) <= tierRank(target) ? result : undefined;
  };
  if (tierRank(baseline.tier) <= tierRank(target)) {
    return { recommendations, pathToTarget: { target, reachable: true, changes: [], effect: null }, ratings };
  }

  // Everything realistic at once is the most any set can achieve: if it falls short, nothing reaches the target.
  const blocking = new Set(
    baseline.tierCaps.filter((cap) => tierRank(cap.maxTier) > tierRank(target)).map((cap) => cap.id),
  );
  const order = [...candidates].sort(
    (a, b) =>
      Number([...b.liftsCaps].some((cap) => blocking.has(cap))) -
        Number([...a.liftsCaps].some((cap) => blocking.has(cap))) ||
      b.gain - a.gain ||
      EFFORT_RANK[a.movable.effort ?? 'medium'] - EFFORT_RANK[b.movable.effort ?? 'medium'],
  );
  const atBest = (candidate: Candidate): Choice => ({ candidate, step: candidate.movable.ladder.length - 1 });
  const everything = order.map(atBest);
  const allChanged = changedBy(everything);
  const all = rateWith(allChanged);
  if (!isRealistic(model, allChanged, fieldsOf(everything)) || tierRank(all.tier) > tierRank(target)) {
    return {
      recommendations,
      pathToTarget: { target, reachable: false, changes: [], effect: null, reason: unreachable(all, target, model) },
      ratings,
    };
  }

  // Greedy: add the most promising fields until the target is reached, then drop any the rest do not need.
  let chosen: Choice[] = [];
  for (const choice of everything) {
    chosen.push(choice);
    if (reaches(chosen)) break;
  }
  chosen = withoutUnneeded(chosen, reaches);

  // A smaller set, if one exists within the bound: combinations of fewer fields whose estimated gains could add up.
  const needed = neededComposite(model, target) - baseline.score.composite;
  const pool = order.filter((candidate) => candidate.gain > 0 || candidate.liftsCaps.size > 0);
  for (let size = 1; size < chosen.length && ratings < bounds.maxRatings; size += 1) {
    const found = smallestOfSize(pool, size, needed, blocking, reaches, () => ratings < bounds.maxRatings);
    if (found) {
      chosen = withoutUnneeded(found, reaches);
      break;
    }
  }

  // Each chosen field moved no further than the target needs.
  for (const [index, choice] of chosen.entries()) {
    for (let step = 0; step < choice.step; step += 1) {
      const trial = chosen.map((other, at) => (at === index ? { ...other, step } : other));
      if (reaches(trial)) {
        chosen = trial;
        break;
      }
    }
  }
  // A smaller move can make another change unneeded (one kept only to keep the answers consistent).
  chosen = withoutUnneeded(chosen, reaches);
  const result = reaches(chosen)!;
  return {
    recommendations,
    pathToTarget: {
      target,
      reachable: true,
      changes: chosen.map(({ candidate, step }) => changeOf(candidate.movable, candidate.movable.ladder[step])),
      effect: effectOf(baseline, result),
    },
    ratings,
  };
}

function isBetter(effect: Effect, than: Effect): boolean {
  return (
    effect.premiumSaved.amount > than.premiumSaved.amount ||
    (effect.premiumSaved.amount === than.premiumSaved.amount && tierRank(effect.tier) < tierRank(than.tier))
  );
}

function nextTier(tier: Tier): Tier | undefined {
  const rank = tierRank(tier);
  return rank > 0 ? (['preferred', 'standard', 'substandard', 'high_risk'] as const)[rank - 1] : undefined;
}

const neededComposite = (model: CompiledRatingModel, target: Tier) =>
  model.tierBands.find((band) => band.tier === target)?.minComposite ?? 0;

/**
 * Drops every change the others reach the target without, until none can go: dropping one can make another
 * unneeded (a change kept only to keep the answers consistent with a dropped one), so passes repeat.
 */
function withoutUnneeded(choices: Choice[], reaches: (choices: readonly Choice[]) => unknown): Choice[] {
  let kept = choices;
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const choice of [...kept].reverse()) {
      const without = kept.filter((other) => other !== choice);
      if (without.length > 0 && reaches(without)) {
        kept = without;
        dropped = true;
      }
    }
  }
  return kept;
}

/**
 * The first set of `size` fields (at their best answers) that reaches the target, trying only sets whose fields
 * could lift every blocking cap and whose estimated gains add up to what the target needs (composite gains add
 * up across factors; where fields interact the estimate can miss a set, never accept a wrong one: every set is
 * re-rated before it is taken).
 */
function smallestOfSize(
  pool: readonly Candidate[],
  size: number,
  needed: number,
  blocking: ReadonlySet<string>,
  reaches: (choices: readonly Choice[]) => unknown,
  withinBound: () => boolean,
): Choice[] | undefined {
  const picked: Candidate[] = [];
  // The largest gains still available from each position on: an optimistic bound for the rest of a set.
  const suffixGains = pool.map((_, start) =>
    pool
      .slice(start)
      .map((candidate) => candidate.gain)
      .sort((a, b) => b - a),
  );
  const suffixBest = (start: number, count: number) =>
    (suffixGains[start] ?? []).slice(0, count).reduce((sum, gain) => sum + gain, 0);
  let visited = 0;
  const visit = (start: number, gained: number): Choice[] | undefined => {
    visited += 1;
    if (!withinBound() || visited > MAX_SETS_VISITED) return undefined;
    if (picked.length === size) {
      const lifted = new Set(picked.flatMap((candidate) => [...candidate.liftsCaps]));
      if ([...blocking].some((cap) => !lifted.has(cap)) || gained < needed - 1e-9) return undefined;
      const choices = picked.map((candidate) => ({ candidate, step: candidate.movable.ladder.length - 1 }));
      return reaches(choices) ? choices : undefined;
    }
    for (let index = start; index < pool.length; index += 1) {
      const remaining = size - picked.length - 1;
      if (gained + pool[index]!.gain + suffixBest(index + 1, remaining) < needed - 1e-9) continue;
      picked.push(pool[index]!);
      const found = visit(index + 1, gained + pool[index]!.gain);
      picked.pop();
      if (found) return found;
    }
    return undefined;
  };
  return visit(0, 0);
}

function unreachable(all: RatingResult, target: Tier, model: CompiledRatingModel): string {
  const caps = all.tierCaps.filter((cap) => tierRank(cap.maxTier) > tierRank(target));
  if (caps.length > 0) {
    return `Even with every realistic change, ${caps.map((cap) => cap.title).join('; ')}: answers the improvement order cannot move (such as listed CVEs or certificates) hold the tier below ${target}.`;
  }
  return `Even with every realistic change the composite score would be ${all.score.composite}, short of the ${neededComposite(model, target)} that ${target} needs.`;
}
