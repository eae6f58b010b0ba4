import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingResult } from '../../src/domain/rating-result';
import { RatingResponse } from '../../src/http/schemas/rating';
import { createTestApp, type TestApp } from '../support/app';
import { exampleRequest, postJson } from '../support/requests';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const scoreWith = (body: unknown, query = '?model=alt-test') =>
  t.app.request(`/v1/score${query}`, postJson(body, t.underwriter.headers));

describe('POST /v1/score with the alternative test model', () => {
  it('rates the example applicant with scores, tier, decision, restrictions and an exact waterfall', async () => {
    const response = await scoreWith(exampleRequest('GBP'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as RatingResult;
    expect(body.model).toMatchObject({ id: 'alt-test', version: '2.0.0' });
    expect(body.model.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.asOf).toBe('2026-11-22');
    expect(body.currency).toBe('GBP');
    expect(Object.keys(body.score.domains)).toEqual([
      'patching',
      'certifications',
      'access',
      'contracts',
      'monitoring',
      'data',
    ]);
    expect(body.tier).toBe('substandard');
    expect(body.tierCaps.map((cap: { id: string }) => cap.id)).toEqual(['kev_past_due']);
    expect(body.subjectivities.map((s: { code: string }) => s.code)).toContain('KEV_REMEDIATE');
    const premium = body.premiums[0]!;
    expect(premium.premium.currency).toBe('GBP');
    const sum = premium.waterfall.reduce((total: number, step: { amount: number }) => total + step.amount, 0);
    expect(sum).toBe(premium.premium.amount);
    expect(premium.waterfall.map((step: { step: string }) => step.step)).toEqual([
      'base_premium',
      'hazard',
      'increased_limit',
      'retention',
      'tier',
      'restriction_credit',
      'loss_history',
    ]);
  });

  it('defaults asOf to the server date and takes the version in force on it', async () => {
    const request = exampleRequest('GBP');
    delete request.asOf;
    const body = (await (await scoreWith(request)).json()) as { asOf: string };
    expect(body.asOf).toBe('2026-11-22');
    const early = exampleRequest('GBP');
    early.asOf = '2025-01-01';
    const refused = await scoreWith(early);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: unknown[] }).errors).toEqual([
      { path: 'asOf', message: 'no version of rating model alt-test is in force on 2025-01-01' },
    ]);
  });

  it('refuses a currency that is not the model’s, naming the field', async () => {
    const response = await scoreWith(exampleRequest('USD'));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors[0]?.path).toBe('profile.annualRevenue.currency');
  });

  it('refuses sublimits on parts the model does not have', async () => {
    const request = exampleRequest('GBP');
    (request.options[0] as Record<string, unknown>).sublimits = { device_bricking: { amount: 100, currency: 'GBP' } };
    const body = (await (await scoreWith(request)).json()) as { status: number; errors: { path: string }[] };
    expect(body.status).toBe(422);
    expect(body.errors.map((error) => error.path)).toEqual(['options[0].sublimits.device_bricking']);
  });

  it('answers 404 for an unknown pinned model version and 422 for a malformed one', async () => {
    expect((await scoreWith(exampleRequest('GBP'), '?model=alt-test&modelVersion=9.9.9')).status).toBe(404);
    const malformed = await scoreWith(exampleRequest('GBP'), '?model=alt-test&modelVersion=latest');
    expect(malformed.status).toBe(422);
    expect(((await malformed.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('query.modelVersion');
  });

  it('422 names every bad posture field', async () => {
    const request = exampleRequest('GBP');
    (request.posture.patching as Record<string, unknown>).criticalRemediationDays = -3;
    (request.profile as Record<string, unknown>).sector = 'aerospace';
    const body = (await (await scoreWith(request)).json()) as { errors: { path: string }[] };
    expect(body.errors.map((error) => error.path).sort()).toEqual([
      'posture.patching.criticalRemediationDays',
      'profile.sector',
    ]);
  });

  it('an empty posture is rated pessimistically, lists every unknown and refers below minimum completeness', async () => {
    const request = exampleRequest('GBP');
    request.posture = {};
    const body = (await (await scoreWith(request)).json()) as RatingResult;
    expect(body.completeness).toBe(0);
    expect(body.unknowns.length).toBeGreaterThan(50);
    expect(body.decision).toBe('refer');
    expect(body.referralReasons.map((reason: { code: string }) => reason.code)).toContain('INCOMPLETE_SUBMISSION');
    expect(body.referralReasons.map((reason: { code: string }) => reason.code)).toContain(
      'UNKNOWN_ANSWER:access.defaultCredentials',
    );
    // The Mirai pattern fires on assumed answers only: referred until confirmed, never declined on unknowns.
    expect(body.declineReasons).toEqual([]);
    expect(body.referralReasons.find((reason: { code: string }) => reason.code === 'MIRAI')?.title).toMatch(
      /declines if confirmed/,
    );
  });
});

describe('POST /v1/score with the default model', () => {
  it('rates the example with the model in force and a response that matches its documented schema', async () => {
    const response = await t.app.request('/v1/score', postJson(exampleRequest('USD'), t.underwriter.headers));
    expect(response.status).toBe(200);
    const body = (await response.json()) as RatingResult;
    expect(RatingResponse.safeParse(body).error).toBeUndefined();
    expect(body.model).toMatchObject({ id: 'iot-cyber', version: '1.0.0' });
    expect(body.kevCatalog).toBeNull();
    for (const premium of body.premiums) {
      expect(premium.waterfall.reduce((sum, step) => sum + step.amount, 0)).toBe(premium.premium.amount);
      expect(premium.premium.currency).toBe('USD');
    }
    expect(body.exclusions.every((restriction) => ['form_exclusion', 'exclusion'].includes(restriction.kind))).toBe(
      true,
    );
  });

  it('prices a larger limit higher and a larger retention lower', async () => {
    const request = exampleRequest('USD');
    const money = (amount: number) => ({ amount, currency: 'USD' });
    request.options = [
      { limit: money(100_000_000), retention: money(2_500_000) },
      { limit: money(500_000_000), retention: money(2_500_000) },
      { limit: money(100_000_000), retention: money(25_000_000) },
    ];
    const body = (await (
      await t.app.request('/v1/score', postJson(request, t.underwriter.headers))
    ).json()) as RatingResult;
    const [base, higherLimit, higherRetention] = body.premiums.map((premium) => premium.premium.amount);
    expect(higherLimit).toBeGreaterThan(base!);
    expect(higherRetention).toBeLessThan(base!);
  });
});

describe('GET /v1/rating-models', () => {
  it('lists the loaded models with their hashes', async () => {
    const body = (await (await t.app.request('/v1/rating-models', { headers: t.underwriter.headers })).json()) as {
      items: Record<string, string>[];
    };
    expect(body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'alt-test', version: '2.0.0', currency: 'GBP', effectiveFrom: '2025-06-01' }),
      ]),
    );
  });
});

describe('GET /v1/compliance/regimes and /v1/safe-harbor/regimes', () => {
  it('list the regimes of the model in force with requirements and citations', async () => {
    const compliance = (await (
      await t.app.request('/v1/compliance/regimes?model=alt-test', { headers: t.underwriter.headers })
    ).json()) as {
      model: { id: string };
      items: { id: string; citation: string; requirements: { id: string; met: string }[] }[];
    };
    expect(compliance.model.id).toBe('alt-test');
    expect(compliance.items.map((regime) => regime.id)).toEqual(['gb_passwords', 'phi_rule']);
    expect(compliance.items[0]?.requirements[0]).toMatchObject({ id: 'no_universal_default' });
    const safeHarbor = (await (
      await t.app.request('/v1/safe-harbor/regimes?model=alt-test', { headers: t.underwriter.headers })
    ).json()) as {
      items: { id: string; waives: string[] }[];
    };
    expect(safeHarbor.items).toEqual([
      expect.objectContaining({ id: 'alt_programme', waives: ['EXTORTION_COINSURANCE'] }),
    ]);
  });

  it('answers 404 for an unknown model', async () => {
    expect((await t.app.request('/v1/safe-harbor/regimes?model=nope', { headers: t.underwriter.headers })).status).toBe(
      404,
    );
  });
});

describe('POST /v1/score with absurd but well-formed amounts', () => {
  it('answers 422 naming the option when a premium would exceed exact integer money', async () => {
    const request = exampleRequest('USD');
    (request.profile.annualRevenue as { amount: number }).amount = 9_000_000_000_000_000;
    request.options = [
      { limit: { amount: 9_000_000_000_000_000, currency: 'USD' }, retention: { amount: 0, currency: 'USD' } },
    ];
    const response = await t.app.request('/v1/score', postJson(request, t.underwriter.headers));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { path: string }[] }).errors).toEqual([
      { path: 'options[0].limit', message: expect.stringContaining('too large') },
    ]);
  });
});
