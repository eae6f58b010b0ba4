import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingResult } from '../../src/domain/rating-result';
import { compileRatingModel } from '../../src/models/compile-model';
import { ModelError } from '../../src/models/errors';
import { seedModels } from '../../src/services/rating-models/registry';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

// biome-ignore lint/suspicious/noExplicitAny: the tests adjust arbitrary model JSON
type Doc = Record<string, any>;
const altDocument = (): Doc =>
  JSON.parse(readFileSync(new URL('../fixtures/models/alt-test-2.0.0.json', import.meta.url), 'utf8'));

let t: TestApp;
let other: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // A second app on the same database stands in for a second process.
  other = await createTestApp({}, t.database);
});
afterAll(async () => {
  await t.close();
});

const publish = (document: unknown, headers = t.admin.headers) =>
  t.app.request('/v1/rating-models', postJson(document, headers));

describe('the rating-model registry', () => {
  it('lists the models registered at start-up', async () => {
    const body = (await (await t.app.request('/v1/rating-models', { headers: t.underwriter.headers })).json()) as {
      items: { id: string; version: string }[];
    };
    expect(body.items.map((model) => `${model.id}@${model.version}`)).toEqual(['alt-test@2.0.0', 'iot-cyber@1.0.0']);
  });

  it('publishes a new version, in force at once for every process, with the old one still pinnable', async () => {
    const next = altDocument();
    next.version = '2.1.0';
    next.effectiveFrom = '2026-01-01';
    next.pricing.tierFactors.substandard = 2;
    const response = await publish(next);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/v1/rating-models/alt-test/versions/2.1.0');
    const request = exampleRequest('GBP');
    const current = (await (
      await other.app.request('/v1/score?model=alt-test', postJson(request, other.underwriter.headers))
    ).json()) as RatingResult;
    expect(current.model.version).toBe('2.1.0');
    const pinned = (await (
      await other.app.request(
        '/v1/score?model=alt-test&modelVersion=2.0.0',
        postJson(request, other.underwriter.headers),
      )
    ).json()) as RatingResult;
    expect(pinned.model.version).toBe('2.0.0');
    const tierStep = (result: RatingResult) =>
      result.premiums[0]!.waterfall.find((step) => step.step === 'tier')?.factor;
    expect([tierStep(current), tierStep(pinned)]).toEqual([2, 1.6]);
  });

  it('is idempotent for the same content and refuses other content under a published version', async () => {
    const next = altDocument();
    next.version = '2.1.0';
    next.effectiveFrom = '2026-01-01';
    next.pricing.tierFactors.substandard = 2;
    expect((await publish(next)).status).toBe(200);
    next.pricing.tierFactors.substandard = 3;
    const conflict = await publish(next);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'conflict', currentState: 'published' });
  });

  it('refuses a version that is not a plain semantic version: leading zeros, absurd lengths', async () => {
    for (const version of ['01.0.0', '2.00.1', `${'9'.repeat(400)}.0.0`, '2.1', '2.1.0-rc.1', ' 2.1.0']) {
      const bad = altDocument();
      bad.version = version;
      const response = await publish(bad);
      expect({ version, status: response.status }).toEqual({ version, status: 422 });
      expect(((await response.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('version');
    }
  });

  it('refuses a bad model with the path of the problem, and publishes nothing', async () => {
    const bad = altDocument();
    bad.version = '2.2.0';
    bad.domains.access.factors[0].points = 'import("fs")';
    const response = await publish(bad);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'domains.access.factors[0].points',
    );
    expect(
      (await t.app.request('/v1/rating-models/alt-test/versions/2.2.0', { headers: t.admin.headers })).status,
    ).toBe(404);
  });

  it('refuses a model that would price premiums in fractions of a minor unit', async () => {
    const fractional = altDocument();
    fractional.version = '2.3.0';
    fractional.roundings[fractional.pricing.rounding].increment = 0.5;
    const response = await publish(fractional);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors[0]).toMatchObject({
      path: `roundings.${fractional.pricing.rounding}.increment`,
      message: expect.stringMatching(/whole number of minor units/),
    });
  });

  it('is for admins only', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    expect((await publish(altDocument(), broker.headers)).status).toBe(403);
    expect((await publish(altDocument(), t.underwriter.headers)).status).toBe(403);
  });

  it('serves each version’s exact document, which recompiles to its hash', async () => {
    const response = await t.app.request('/v1/rating-models/iot-cyber/versions/1.0.0', {
      headers: t.underwriter.headers,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { hash: string; document: unknown };
    expect(compileRatingModel(body.document).hash).toBe(body.hash);
  });

  it('stops start-up when a shipped file changed under a registered version', async () => {
    const changed = altDocument();
    changed.quoteValidityDays = 99;
    await expect(seedModels(t.database.db, [compileRatingModel(changed)])).rejects.toBeInstanceOf(ModelError);
  });
});
