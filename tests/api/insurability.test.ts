import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTURE_FIELD_BY_PATH } from '../../src/domain/facts/posture-fields';
import { nextBetterAnswer, requirementsMet } from '../../src/domain/improvements';
import type { RatingResult } from '../../src/domain/rating-result';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant, type TestTenant } from '../support/identity';
import { testModel } from '../support/models';
import { exampleRequest, postJson } from '../support/requests';

type Json = Record<string, unknown>;
type Change = { field: string; from: unknown; to: unknown; effort?: string };
type Effect = {
  tier: string;
  decision: string;
  composite: number;
  premium: { amount: number; currency: string };
  premiumSaved: { amount: number; currency: string };
  premiumSavedPct: number;
  exclusionsRemoved: string[];
  restrictionsRemoved: string[];
  regimesNewlyMet: { regime: string; kind: string; from: string; to: string }[];
};
type Check = RatingResult & {
  indication: { notice: string; option: Json; optionDefaulted: boolean };
  recommendations: (Change & { effect: Effect })[];
  pathToTarget: {
    target: string;
    reachable: boolean;
    changes: Change[];
    effect: Effect | null;
    reason?: string;
  } | null;
  search: { ratings: number; maxRatings: number };
};

const TIERS = ['preferred', 'standard', 'substandard', 'high_risk'];
const FIXTURES = new URL('../fixtures/applicants/', import.meta.url);
const fixtures = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'))] as [string, Json]);

let t: TestApp;
let broker: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  broker = await createTenant(t.database.db, 'broker', 'broker');
});
afterAll(async () => {
  await t.close();
});

const inline = (request: Json, extra: Json = {}) => ({
  profile: request.profile,
  posture: request.posture,
  option: (request.options as Json[])[0],
  asOf: request.asOf,
  ...extra,
});

async function check(body: Json, key: TestTenant = broker) {
  const response = await t.app.request('/v1/insurability', postJson(body, key.headers));
  return { status: response.status, body: (await response.json()) as Check & { errors?: { path: string }[] } };
}

function withChanges(posture: Json, changes: readonly Change[]): Json {
  const copy = structuredClone(posture);
  for (const change of changes) {
    const segments = change.field.split('.');
    let current = copy;
    for (const segment of segments.slice(0, -1)) {
      if (current[segment] === null || typeof current[segment] !== 'object') current[segment] = {};
      current = current[segment] as Json;
    }
    current[segments.at(-1)!] = change.to;
  }
  return copy;
}

async function rerate(request: Json, changes: readonly Change[]) {
  const rated = await rerateIfValid(request, changes);
  expect(rated).not.toBeNull();
  return rated!;
}

/** The rating of the changed answers, or null when the contract refuses them (not answers anyone could give). */
async function rerateIfValid(request: Json, changes: readonly Change[]): Promise<RatingResult | null> {
  const posture = withChanges(request.posture as Json, changes);
  const body = { ...request, posture, options: [(request.options as Json[])[0]] };
  const response = await t.app.request('/v1/score', postJson(body, broker.headers));
  if (response.status === 422) return null;
  expect(response.status).toBe(200);
  return (await response.json()) as RatingResult;
}

/** The model's prerequisites of every changed field hold in the changed answers. */
async function prerequisitesHold(request: Json, changes: readonly Change[]) {
  const model = await testModel('iot-cyber');
  const posture = withChanges(request.posture as Json, changes);
  const answer = (path: string) => path.split('.').reduce<unknown>((value, key) => (value as Json)?.[key], posture);
  return changes.every((change) => requirementsMet(model.improvements.get(change.field)!, answer));
}

describe('POST /v1/insurability', () => {
  it.each(fixtures)(
    '%s: every recommendation, applied and re-rated, has exactly the effect it claims',
    async (_file, request) => {
      const { status, body } = await check(inline(request));
      expect(status).toBe(200);
      expect(body.indication.notice).toMatch(/not an offer/);
      const current = body.premiums[0]!.premium.amount;
      const saved = body.recommendations.map((recommendation) => recommendation.effect.premiumSaved.amount);
      expect(saved).toEqual([...saved].sort((a, b) => b - a));
      const model = await testModel('iot-cyber');
      for (const recommendation of body.recommendations) {
        const after = await rerate(request, [recommendation]);
        const effect = recommendation.effect;
        expect(after.tier, recommendation.field).toBe(effect.tier);
        expect(after.decision).toBe(effect.decision);
        expect(after.score.composite).toBe(effect.composite);
        expect(after.premiums[0]!.premium).toEqual(effect.premium);
        expect(effect.premiumSaved.amount).toBe(current - after.premiums[0]!.premium.amount);
        const remaining = new Set(after.restrictions.map((restriction) => restriction.code));
        for (const code of [...effect.exclusionsRemoved, ...effect.restrictionsRemoved]) {
          expect(remaining.has(code)).toBe(false);
          expect(body.restrictions.find((restriction) => restriction.code === code)?.kind).not.toBe('form_exclusion');
        }
        for (const met of effect.regimesNewlyMet) {
          const findings = met.kind === 'compliance' ? after.compliance : after.safeHarbor;
          expect(findings.find((finding) => finding.regime === met.regime)?.status).toBe(met.to);
        }
        // A realistic move: a better answer along the model's improvement order, never a neutral field.
        const field = POSTURE_FIELD_BY_PATH.get(recommendation.field)!;
        const improvement = model.improvements.get(field.path)!;
        expect('neutral' in improvement).toBe(false);
        const ladder: unknown[] = [];
        for (
          let next = nextBetterAnswer(field, recommendation.from, improvement, request.asOf as string);
          next !== undefined;
        ) {
          ladder.push(next);
          next = nextBetterAnswer(field, next, improvement, request.asOf as string);
        }
        expect(ladder).toContainEqual(recommendation.to);
      }
    },
  );

  it.each(fixtures)('%s: the path reaches the target and no proper subset of it does', async (_file, request) => {
    const { body } = await check(inline(request));
    const path = body.pathToTarget;
    if (path === null) {
      expect(body.tier).toBe('preferred');
      return;
    }
    expect(TIERS.indexOf(path.target)).toBe(TIERS.indexOf(body.tier) - 1);
    if (!path.reachable) {
      expect(path.reason).toBeTruthy();
      return;
    }
    const reached = await rerate(request, path.changes);
    expect(TIERS.indexOf(reached.tier)).toBeLessThanOrEqual(TIERS.indexOf(path.target));
    expect(path.effect?.tier).toBe(reached.tier);
    expect(path.effect?.premium).toEqual(reached.premiums[0]!.premium);
    // Dropping any one change misses the target (or leaves answers nobody could give). Since a better answer
    // never worsens a rating (the improvement-order property), no smaller subset reaches it either.
    expect(await prerequisitesHold(request, path.changes)).toBe(true);
    for (const dropped of path.changes) {
      const rest = path.changes.filter((change) => change !== dropped);
      const partial = await rerateIfValid(request, rest);
      if (partial === null || !(await prerequisitesHold(request, rest))) continue;
      expect(TIERS.indexOf(partial.tier), `without ${dropped.field}`).toBeGreaterThan(TIERS.indexOf(path.target));
    }
  });

  it('finds the fewest changes for a named target, and says when a target cannot be reached', async () => {
    const startup = fixtures.find(([file]) => file === 'smart-home-startup.json')![1];
    const { body } = await check(inline(startup, { target: 'preferred' }));
    expect(body.pathToTarget?.target).toBe('preferred');
    if (body.pathToTarget?.reachable) {
      const reached = await rerate(startup, body.pathToTarget.changes);
      expect(reached.tier).toBe('preferred');
    } else {
      expect(body.pathToTarget?.reason).toMatch(/Even with every realistic change/);
    }
    const already = await check(inline(startup, { target: 'high_risk' }));
    expect(already.body.pathToTarget).toMatchObject({ target: 'high_risk', reachable: true, changes: [] });
  });

  it('prices a default option when none is given, and labels the price an indication', async () => {
    const request = exampleRequest();
    const { status, body } = await check({ profile: request.profile, posture: request.posture });
    expect(status).toBe(200);
    expect(body.indication).toMatchObject({
      optionDefaulted: true,
      option: { limit: { amount: 100_000_000, currency: 'USD' }, retention: { amount: 1_000_000, currency: 'USD' } },
    });
    expect(body.asOf).toBe('2026-11-22');
  });

  it('checks a recorded assessment within the caller’s tenant', async () => {
    const applicant = (await (
      await t.app.request('/v1/applicants', postJson(exampleRequest().profile, broker.headers))
    ).json()) as { id: string };
    const assessment = (await (
      await t.app.request(
        `/v1/applicants/${applicant.id}/assessments`,
        postJson(exampleRequest().posture, broker.headers),
      )
    ).json()) as { id: string; score: unknown };
    const own = await check({ assessmentId: assessment.id });
    expect(own.status).toBe(200);
    expect(own.body.score).toEqual(assessment.score);
    const other = await createTenant(t.database.db, 'broker', 'broker');
    expect((await check({ assessmentId: assessment.id }, other)).status).toBe(404);
    expect((await check({ assessmentId: assessment.id }, t.admin)).status).toBe(403);
    expect(
      (await check({ profile: exampleRequest().profile, posture: exampleRequest().posture }, t.admin)).status,
    ).toBe(200);
  });

  it('refuses a request that is neither form, or both, or in another currency, naming the field', async () => {
    const request = exampleRequest();
    const paths = async (body: Json) => {
      const { status, body: problem } = await check(body);
      expect(status).toBe(422);
      return problem.errors!.map((error) => error.path).sort();
    };
    expect(await paths({ posture: request.posture })).toEqual(['profile']);
    expect(await paths({ assessmentId: '0190a6f0-0000-7000-8000-00000000abcd', posture: request.posture })).toEqual([
      'posture',
    ]);
    expect(
      await paths({
        profile: request.profile,
        posture: request.posture,
        option: { limit: { amount: 100, currency: 'GBP' }, retention: { amount: 1, currency: 'GBP' } },
      }),
    ).toEqual(['option.limit.currency']);
    expect(await paths({ profile: request.profile, posture: request.posture, target: 'gold' })).toEqual(['target']);
  });
});
