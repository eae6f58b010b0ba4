import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POSTURE_FIELD_BY_PATH } from '../../src/domain/facts/posture-fields';
import { ScoreRequest } from '../../src/domain/posture';
import { rate } from '../../src/domain/rate';
import { applyChanges, isRealistic, recommend, tierRank } from '../../src/domain/recommendations';
import { scoreRequest } from '../support/arbitraries';
import { allTestModels } from '../support/models';

const models = await allTestModels();
const RUNS = Math.max(10, Math.round(Number(process.env.PROPERTY_RUNS ?? 300) / 10));

describe.each(models.map((model) => [`${model.id}@${model.version}`, model] as const))(
  'recommendations of %s on random applicants',
  (_name, model) => {
    it('claim exactly what re-rating gives, and the path is minimal: it reaches, no single change can go', () => {
      fc.assert(
        fc.property(scoreRequest(model.currency), (request) => {
          const parsed = ScoreRequest.safeParse(request);
          fc.pre(parsed.success);
          const input = { ...parsed.data!, options: [parsed.data!.options[0]!], asOf: request.asOf };
          const rateWith = (posture: unknown) => rate(model, { ...input, posture: posture as typeof input.posture });
          const baseline = rateWith(input.posture);
          const { recommendations, pathToTarget, ratings } = recommend({
            model,
            posture: input.posture,
            asOf: input.asOf,
            baseline,
            rateWith,
          });
          expect(ratings).toBeLessThanOrEqual(2_000 + 200);
          for (const recommendation of recommendations) {
            const field = POSTURE_FIELD_BY_PATH.get(recommendation.field)!;
            const changed = applyChanges(input.posture, [{ field, to: recommendation.to }]);
            expect(isRealistic(model, changed, [field])).toBe(true);
            const after = rateWith(changed);
            expect(after.premiums[0]!.premium).toEqual(recommendation.effect.premium);
            expect(recommendation.effect.premiumSaved.amount).toBe(
              baseline.premiums[0]!.premium.amount - after.premiums[0]!.premium.amount,
            );
            expect(after.tier).toBe(recommendation.effect.tier);
          }
          if (!pathToTarget?.reachable) return;
          const apply = (changes: typeof pathToTarget.changes) =>
            applyChanges(
              input.posture,
              changes.map((change) => ({ field: POSTURE_FIELD_BY_PATH.get(change.field)!, to: change.to })),
            );
          const reaches = (changes: typeof pathToTarget.changes) => {
            const changed = apply(changes);
            const fields = changes.map((change) => POSTURE_FIELD_BY_PATH.get(change.field)!);
            return (
              isRealistic(model, changed, fields) && tierRank(rateWith(changed).tier) <= tierRank(pathToTarget.target)
            );
          };
          expect(reaches(pathToTarget.changes)).toBe(true);
          for (const dropped of pathToTarget.changes) {
            expect(reaches(pathToTarget.changes.filter((change) => change !== dropped)), dropped.field).toBe(false);
          }
        }),
        { numRuns: RUNS },
      );
    });
  },
);
