import type { Facts } from '../facts/declarations';
import type { CompiledRatingModel } from '../model/compiled';
import type { DomainResult, FactorResult } from '../rating-result';
import { ModelDefectError } from './errors';

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Domain scores from the model's factors: each domain is 100 × points earned / points available, and the
 * composite is their weighted sum (models/iot-cyber-1.0.0.md). Both are rounded to two decimals before the tier is
 * read, so the score an underwriter sees is the score that set the tier. Without `explained`, each factor's reason
 * is left empty: rendering some seventy reasons is about a sixth of a rating, which a batch that keeps only the
 * figures need not pay.
 */
export function scoreDomains(model: CompiledRatingModel, facts: Facts, derived: Facts, explained = true) {
  const domains = {} as Record<string, DomainResult>;
  let composite = 0;
  for (const domain of model.domains) {
    let earned = 0;
    const factors: FactorResult[] = [];
    for (const factor of domain.factors) {
      const points = factor.points.evaluate(facts, derived, undefined);
      if (!(points >= 0 && points <= factor.maxPoints)) {
        throw new ModelDefectError(factor.points.path, `points ${points} outside 0..${factor.maxPoints}`);
      }
      earned += points;
      const value = factor.readValue(facts);
      factors.push({
        id: factor.id,
        title: factor.title,
        value,
        points: round2(points),
        maxPoints: factor.maxPoints,
        reason: explained ? factor.reasonTemplate.render(value, points) : '',
      });
    }
    const score = round2((100 * earned) / domain.maxPointsTotal);
    derived[domain.scoreFact] = score;
    composite += domain.weight * score;
    domains[domain.id] = { score, weight: domain.weight, factors };
  }
  derived.composite = round2(composite);
  return {
    composite: derived.composite as number,
    domains: domains as Record<(typeof model.domains)[number]['id'], DomainResult>,
  };
}

/** The exposure base: the largest of the model's per-driver bases (revenue, devices, records). */
export function exposureOf(model: CompiledRatingModel, facts: Facts, derived: Facts) {
  let best = { id: '', base: -1 };
  const drivers = model.exposureDrivers.map((driver) => {
    const base = driver.base.evaluate(facts, derived, undefined);
    if (!(base >= 0)) throw new ModelDefectError(driver.base.path, `exposure base ${base} is negative`);
    if (base > best.base) best = { id: driver.id, base };
    return { id: driver.id, title: driver.title, base: round2(base) };
  });
  derived.exposureBase = best.base;
  return { base: round2(best.base), driver: best.id, drivers };
}
