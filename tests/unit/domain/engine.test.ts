import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Posture, ScoreRequest } from '../../../src/domain/posture';
import { checkAgainstModel, type RatingInput, rate } from '../../../src/domain/rate';
import { resolveUnknowns } from '../../../src/domain/unknowns';
import { compileRatingModel } from '../../../src/models/compile-model';
import { exampleRequest } from '../../support/requests';

// biome-ignore lint/suspicious/noExplicitAny: the tests adjust arbitrary model JSON
type Doc = Record<string, any>;
const altDocument = (): Doc =>
  JSON.parse(readFileSync(new URL('../../fixtures/models/alt-test-2.0.0.json', import.meta.url), 'utf8'));
const alt = compileRatingModel(altDocument());
const withModel = (mutate: (doc: Doc) => void) => {
  const doc = altDocument();
  mutate(doc);
  return compileRatingModel(doc);
};

function input(mutate: (request: ReturnType<typeof exampleRequest>) => void = () => {}): RatingInput {
  const request = exampleRequest('GBP');
  mutate(request);
  const parsed = ScoreRequest.parse(request);
  return { ...parsed, asOf: parsed.asOf ?? '2026-11-22' };
}

describe('unknown answers', () => {
  it('fills unknowns with the model’s assumption, lists them and lowers completeness', () => {
    const resolved = resolveUnknowns({ access: { rbac: true } } as Posture, alt, '2026-11-22');
    expect(resolved.unknowns.find((unknown) => unknown.field === 'access.rbac')).toBeUndefined();
    expect(resolved.unknowns.find((unknown) => unknown.field === 'access.accessReviewDays')).toMatchObject({
      assumed: 180,
      action: 'subjectivity',
    });
    expect(resolved.completeness).toBeGreaterThan(0);
    expect(resolved.completeness).toBeLessThan(0.05);
  });

  it('treats a field made moot by its parent as not applicable, not unknown', () => {
    const resolved = resolveUnknowns({ access: { rbac: false } } as Posture, alt, '2026-11-22');
    expect(resolved.notApplicable).toContain('access.accessReviewDays');
    expect(resolved.unknowns.map((unknown) => unknown.field)).not.toContain('access.accessReviewDays');
    expect((resolved.posture.access as Record<string, unknown>).accessReviewDays).toBe(180);
  });

  it('turns date assumptions into dates before the rating date', () => {
    const resolved = resolveUnknowns({ monitoring: { incidentResponsePlan: true } } as Posture, alt, '2026-11-22');
    expect((resolved.posture.monitoring as Record<string, unknown>).incidentResponseLastTested).toBe('2024-02-26');
  });
});

describe('facts, scores and tiers', () => {
  it('counts a certificate only while valid on the rating date', () => {
    const valid = rate(alt, input());
    expect(valid.score.domains.certifications.factors[0]).toMatchObject({ value: true, points: 1 });
    const lapsed = rate(
      alt,
      input((request) => (request.asOf = '2028-03-02')),
    );
    expect(lapsed.score.domains.certifications.factors[0]).toMatchObject({ value: false, points: 0 });
    const future = rate(
      alt,
      input((request) => (request.asOf = '2025-02-28')),
    );
    expect(future.score.domains.certifications.factors[0]).toMatchObject({ value: false, points: 0 });
  });

  it('reports the score tier and the capped tier apart', () => {
    const result = rate(
      alt,
      input((request) => {
        (request.posture.patching as Record<string, unknown>).criticalRemediationDays = 5;
      }),
    );
    expect(result.score.composite).toBe(83.34);
    expect(result.scoreTier).toBe('standard');
    expect(result.tier).toBe('substandard');
    expect(result.tierCaps).toEqual([expect.objectContaining({ id: 'kev_past_due', maxTier: 'substandard' })]);
  });

  it('takes the largest exposure driver', () => {
    const result = rate(
      alt,
      input((request) => {
        (request.profile.deviceFleet as { units: number }[])[0]!.units = 2_000_000;
      }),
    );
    expect(result.exposure).toMatchObject({ driver: 'devices', base: 100_000_000 });
  });

  it('explains each factor with the model’s reason template', () => {
    const factor = rate(alt, input()).score.domains.patching.factors[0];
    expect(factor).toEqual({
      id: 'critical_days',
      title: 'Critical remediation',
      value: 21,
      points: 0,
      maxPoints: 10,
      reason: '21 days against a 10-day target',
    });
  });

  it('rates a batch row unexplained to the same figures, only without the reasons', () => {
    const explained = rate(alt, input());
    const unexplained = rate(alt, input(), { explained: false });
    const factors = (result: typeof explained) =>
      Object.values(result.score.domains).flatMap((domain) => domain.factors);
    expect(factors(explained).every((factor) => factor.reason.length > 0)).toBe(true);
    expect(factors(unexplained).every((factor) => factor.reason === '')).toBe(true);
    for (const factor of factors(explained)) factor.reason = '';
    expect(unexplained).toEqual(explained);
  });
});

describe('rules and decisions', () => {
  it('declines the Mirai pattern when the answers are given, with what triggered it', () => {
    const result = rate(
      alt,
      input((request) => {
        Object.assign(request.posture.access as object, {
          defaultCredentials: 'universal_default',
          remoteAdminExposed: true,
        });
      }),
    );
    expect(result.decision).toBe('decline');
    expect(result.declineReasons).toEqual([
      {
        code: 'MIRAI',
        title: 'Mirai pattern',
        overridable: false,
        triggeredBy: [
          { fact: 'defaultCredentials', value: 'universal_default' },
          { fact: 'hardcodedCredentials', value: false },
          { fact: 'remoteAdminExposed', value: true },
        ],
      },
    ]);
  });

  it('keeps a decline the known answers justify, and refers one that rests on an assumed answer', () => {
    const justified = rate(
      alt,
      input((request) => {
        Object.assign(request.posture.access as object, {
          defaultCredentials: 'universal_default',
          remoteAdminExposed: true,
        });
        delete (request.posture.access as Doc).hardcodedCredentials;
      }),
    );
    expect(justified.decision).toBe('decline');
    expect(justified.declineReasons.map((reason) => reason.code)).toEqual(['MIRAI']);
    const assumed = rate(
      alt,
      input((request) => {
        Object.assign(request.posture.access as object, { remoteAdminExposed: true });
        delete (request.posture.access as Doc).hardcodedCredentials;
      }),
    );
    expect(assumed.declineReasons).toEqual([]);
    expect(assumed.referralReasons.find((reason) => reason.code === 'MIRAI')).toMatchObject({ overridable: true });
  });

  it('refers a referral rule and lists form exclusions on every policy', () => {
    const result = rate(
      alt,
      input((request) => (request.profile.sector = 'healthcare')),
    );
    expect(result.decision).toBe('refer');
    expect(result.referralReasons.map((reason) => reason.code)).toEqual(['BIG_SECTOR']);
    expect(result.exclusions.map((exclusion) => exclusion.code)).toEqual(['WAR']);
  });

  it('checks the request against the model: currency and coverage parts', () => {
    const usd = ScoreRequest.parse(exampleRequest('USD'));
    expect(checkAgainstModel({ ...usd, asOf: '2026-11-22' }, alt)[0]).toMatchObject({
      path: ['profile', 'annualRevenue', 'currency'],
    });
  });
});

describe('premium waterfall', () => {
  const steps = (result: ReturnType<typeof rate>, index = 0) =>
    Object.fromEntries(result.premiums[index]!.waterfall.map((step) => [step.step, step]));

  it('rounds each step with the model’s rule and sums exactly', () => {
    const result = rate(alt, input());
    const premium = result.premiums[0]!;
    expect(premium.waterfall.reduce((sum, step) => sum + step.amount, 0)).toBe(premium.premium.amount);
    // Base: interpolate(base, 45M) = 5000 + (35M / 990M) × 95000 pounds, in pence.
    expect(premium.waterfall[0]).toMatchObject({ step: 'base_premium', factor: null, amount: 835859 });
    expect(steps(result).hazard).toMatchObject({ factor: 1, amount: 0 });
    // Retention by factor: clamp(1 − 25000 / 1e6, 0.5, 1) = 0.975; the layer is ILF(1M) − ILF(0).
    expect(steps(result).retention?.factor).toBe(0.975);
    expect(steps(result).increased_limit?.factor).toBeCloseTo(1 + 500_000 * (2 / 4_500_000), 6);
    expect(steps(result).tier?.factor).toBe(1.6);
  });

  it('credits the client’s own sublimits and coinsurance on the parts they restrict', () => {
    const plain = rate(alt, input());
    const restricted = rate(
      alt,
      input((request) => {
        Object.assign(request.options[0] as object, {
          coinsurance: { extortion: 50 },
          sublimits: { liability: { amount: 10_000_000, currency: 'GBP' } },
        });
      }),
    );
    const credit = steps(restricted).restriction_credit!;
    expect(steps(plain).restriction_credit).toMatchObject({ factor: 1, amount: 0 });
    expect(credit.factor).toBeLessThan(1);
    expect(restricted.premiums[0]!.premium.amount).toBeLessThan(plain.premiums[0]!.premium.amount);
    const liability = restricted.premiums[0]!.coverage.find((part) => part.part === 'liability');
    expect(liability?.sublimit).toEqual({ amount: 10_000_000, currency: 'GBP' });
  });

  it('credits a rule-imposed restriction only where the model says so', () => {
    const credited = withModel((doc) => {
      doc.rules.find((rule: Doc) => rule.code === 'EXTORTION_COINSURANCE').credit = true;
    });
    const noMfa = input((request) => ((request.posture.access as Doc).mfa.remote = false));
    expect(steps(rate(alt, noMfa)).restriction_credit?.factor).toBe(1);
    expect(steps(rate(credited, noMfa)).restriction_credit?.factor).toBe(0.95);
    expect(rate(alt, noMfa).premiums[0]!.coverage.find((part) => part.part === 'extortion')?.coinsurancePct).toBe(50);
  });

  it('applies the minimum premium as its own step', () => {
    const expensiveMinimum = withModel((doc) => (doc.pricing.minimumPremium = 100_000_000));
    const result = rate(expensiveMinimum, input());
    const uplift = steps(result).minimum_premium!;
    expect(uplift.factor).toBeNull();
    expect(result.premiums[0]!.premium.amount).toBe(100_000_000);
    expect(result.premiums[0]!.waterfall.reduce((sum, step) => sum + step.amount, 0)).toBe(100_000_000);
  });

  it('applies an underwriter schedule adjustment as its own step', () => {
    const result = rate(alt, input(), { scheduleAdjustment: { adjustment: -0.1, reason: 'strong management' } });
    expect(steps(result).schedule_adjustment).toMatchObject({ factor: 0.9 });
  });

  it('prices a retention by layer when the model says so, with no retention step', () => {
    const layered = withModel((doc) => (doc.pricing.layer.retention = { method: 'layer' }));
    const result = rate(layered, input());
    expect(steps(result).retention).toBeUndefined();
    const ilf = layered.pricing.ilf;
    expect(steps(result).increased_limit?.factor).toBeCloseTo(ilf(1_025_000) - ilf(25_000), 6);
  });

  it('prices an excess layer cheaper than the primary layer of the same width', () => {
    const primary = rate(alt, input());
    const excess = rate(
      alt,
      input((request) => {
        (request.options[0] as Doc).attachment = { amount: 100_000_000, currency: 'GBP' };
      }),
    );
    expect(excess.premiums[0]!.premium.amount).toBeLessThan(primary.premiums[0]!.premium.amount);
  });
});

describe('options the model cannot price', () => {
  it('refuses 100% coinsurance on a part, naming it', () => {
    const request = input((r) => ((r.options[0] as Record<string, unknown>).coinsurance = { extortion: 100 }));
    expect(checkAgainstModel(request, alt)).toEqual([
      { path: ['options', 0, 'coinsurance', 'extortion'], message: expect.stringContaining('uninsured') },
    ]);
  });
});
