import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POSTURE_FIELD_BY_PATH, POSTURE_FIELDS } from '../../src/domain/facts/posture-fields';
import { nextBetterAnswer, requirementsMet } from '../../src/domain/improvements';
import type { CompiledRatingModel } from '../../src/domain/model/compiled';
import { TIERS } from '../../src/domain/model/document';
import { ScoreRequest } from '../../src/domain/posture';
import { rate } from '../../src/domain/rate';
import type { RatingResult } from '../../src/domain/rating-result';
import { scoreRequest } from '../support/arbitraries';
import { allTestModels } from '../support/models';

const DECISIONS = ['quote', 'refer', 'decline'];
const models = await allTestModels();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

function read(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) current = (current as Record<string, unknown> | undefined)?.[segment];
  return current;
}

function withAnswer(posture: Record<string, unknown>, segments: readonly string[], value: unknown) {
  const copy = structuredClone(posture);
  let current = copy;
  for (const segment of segments.slice(0, -1)) {
    current[segment] ??= {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments.at(-1)!] = value;
  return copy;
}

/** The fields a move may make applicable: answering them is not part of the move, so they must be answered. */
function childrenOf(model: CompiledRatingModel, path: string) {
  return [...model.unknowns].filter(([, handling]) => handling.applicableWhen?.field === path).map(([child]) => child);
}

function expectNoWorse(before: RatingResult, after: RatingResult, move: string) {
  expect(TIERS.indexOf(after.tier), `${move}: tier`).toBeLessThanOrEqual(TIERS.indexOf(before.tier));
  expect(DECISIONS.indexOf(after.decision), `${move}: decision`).toBeLessThanOrEqual(
    DECISIONS.indexOf(before.decision),
  );
  const codesBefore = new Set(before.restrictions.map((restriction) => restriction.code));
  for (const restriction of after.restrictions)
    expect(codesBefore.has(restriction.code), `${move}: adds ${restriction.code}`).toBe(true);
  after.premiums.forEach((premium, index) => {
    expect(premium.premium.amount, `${move}: premium of option ${index}`).toBeLessThanOrEqual(
      before.premiums[index]!.premium.amount,
    );
  });
  for (const domain of Object.keys(before.score.domains) as (keyof RatingResult['score']['domains'])[]) {
    after.score.domains[domain].factors.forEach((factor, index) => {
      expect(factor.points, `${move}: ${factor.id}`).toBeGreaterThanOrEqual(
        before.score.domains[domain].factors[index]!.points,
      );
    });
  }
}

describe.each(models.map((model) => [`${model.id}@${model.version}`, model] as const))(
  'improvement order of %s',
  (_name, model) => {
    const movable = POSTURE_FIELDS.filter((field) => !('neutral' in model.improvements.get(field.path)!));

    it('moving any single answer one step better never worsens premium, tier, restrictions, decision or points', () => {
      fc.assert(
        fc.property(scoreRequest(model.currency), fc.constantFrom(...movable), (request, field) => {
          const current = read(request.posture, field.segments);
          const improvement = model.improvements.get(field.path)!;
          const next = nextBetterAnswer(field, current, improvement, request.asOf);
          fc.pre(next !== undefined);
          fc.pre(
            requirementsMet(improvement, (path) => read(request.posture, POSTURE_FIELD_BY_PATH.get(path)!.segments)),
          );
          fc.pre(
            childrenOf(model, field.path).every(
              (child) => read(request.posture, POSTURE_FIELD_BY_PATH.get(child)!.segments) !== undefined,
            ),
          );
          const moved = { ...request, posture: withAnswer(request.posture, field.segments, next) };
          const beforeParsed = ScoreRequest.safeParse(request);
          const afterParsed = ScoreRequest.safeParse(moved);
          fc.pre(beforeParsed.success && afterParsed.success);
          const before = rate(model, { ...beforeParsed.data!, asOf: request.asOf });
          const after = rate(model, { ...afterParsed.data!, asOf: request.asOf });
          expectNoWorse(before, after, `${field.path}: ${JSON.stringify(current)} -> ${JSON.stringify(next)}`);
        }),
        { numRuns: RUNS },
      );
    });

    it('every waterfall sums exactly to its premium, and the same input gives byte-identical output', () => {
      fc.assert(
        fc.property(scoreRequest(model.currency, 0.6), (request) => {
          const parsed = ScoreRequest.parse(request);
          const input = { ...parsed, asOf: request.asOf };
          const first = rate(model, input);
          for (const premium of first.premiums) {
            expect(premium.waterfall.reduce((sum, step) => sum + step.amount, 0)).toBe(premium.premium.amount);
            expect(Number.isInteger(premium.premium.amount)).toBe(true);
            expect(premium.premium.amount).toBeGreaterThanOrEqual(model.pricing.minimumPremium);
          }
          expect(JSON.stringify(rate(model, structuredClone(input)))).toBe(JSON.stringify(first));
        }),
        { numRuns: RUNS },
      );
    });
  },
);
