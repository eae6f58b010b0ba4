import { describe, expect, it } from 'vitest';
import { collectMoneyPaths, Posture, ScoreRequest, scoreRequestExample } from '../../../src/domain/posture';
import { example, expectOnlyIssue, minimalRequest } from './helpers';

/** Every field of every object section set to null, nested `mfa` included. */
function allFieldsNull(): Record<string, unknown> {
  const posture: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(scoreRequestExample.posture)) {
    if (Array.isArray(value)) {
      posture[section] = null;
      continue;
    }
    posture[section] = Object.fromEntries(Object.keys(value ?? {}).map((field) => [field, null]));
  }
  (posture.access as Record<string, unknown>).mfa = { admin: null, remote: null, cloudConsole: null };
  return posture;
}

describe('ScoreRequest', () => {
  it('accepts the DESIGN.md 5.1 example unchanged', () => {
    const result = ScoreRequest.safeParse(scoreRequestExample);
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(scoreRequestExample);
  });

  it('accepts a minimal request with an empty posture and fills the profile defaults', () => {
    const parsed = ScoreRequest.parse(minimalRequest());
    expect(parsed.posture).toEqual({});
    expect(parsed.asOf).toBeUndefined();
    expect(parsed.profile.recordsHeld).toEqual({ pii: 0, phi: 0, payment: 0, biometric: 0, location: 0 });
  });

  it('accepts null for every posture section', () => {
    const posture = Object.fromEntries(Object.keys(scoreRequestExample.posture).map((section) => [section, null]));
    expect(Object.keys(posture)).toHaveLength(10);
    expect(ScoreRequest.safeParse({ ...minimalRequest(), posture }).error?.issues).toBeUndefined();
  });

  it('accepts null for every posture field', () => {
    const posture = allFieldsNull();
    expect(Posture.safeParse(posture).error?.issues).toBeUndefined();
    expect(Posture.safeParse({ ...posture, access: { mfa: null } }).error?.issues).toBeUndefined();
  });

  it('accepts list entries whose answers are all unknown except what identifies them', () => {
    const posture = {
      patching: { openCves: [{ cveId: 'CVE-2024-3400', location: 'own_product', affectedUnitsPct: null }] },
      certifications: [
        { scheme: 'iso_27001', scope: null, assessor: null, issuedOn: null, expiresOn: null, reference: null },
      ],
      frameworks: [{ framework: 'nist_csf', version: null, lastReviewedOn: null, basis: null }],
      incidents: [
        { occurredOn: null, kind: null, status: null, recordsAffected: null, loss: null, rootCauseRemediated: null },
        {},
      ],
    };
    expect(Posture.safeParse(posture).error?.issues).toBeUndefined();
  });

  it('keeps [] (none) apart from null (unknown) for lists', () => {
    const parsed = Posture.parse({ certifications: [], frameworks: null });
    expect(parsed.certifications).toEqual([]);
    expect(parsed.frameworks).toBeNull();
    expect(parsed.incidents).toBeUndefined();
  });

  it('refuses an unknown property at the top level, naming the key', () => {
    const result = ScoreRequest.safeParse({ ...minimalRequest(), asof: '2026-11-22' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: [], keys: ['asof'] }),
    ]);
  });

  it('refuses an unknown property deep in the posture, at the object that holds it', () => {
    const request = example();
    (request.posture.access as Record<string, unknown>).mfa = { admin: true, vpn: true };
    const result = ScoreRequest.safeParse(request);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: ['posture', 'access', 'mfa'], keys: ['vpn'] }),
    ]);
  });

  it('refuses an asOf that is not a real calendar date', () => {
    expectOnlyIssue(
      ScoreRequest,
      { ...minimalRequest(), asOf: '2026-02-30' },
      ['asOf'],
      /2026-02-30 is not a real calendar date/,
    );
  });

  it('refuses an asOf in another shape, saying which shape it expects', () => {
    expectOnlyIssue(ScoreRequest, { ...minimalRequest(), asOf: '22/11/2026' }, ['asOf'], /YYYY-MM-DD/);
  });

  it('refuses a currency mix, at the first field that differs from the revenue', () => {
    const request = example();
    request.posture.incidents = [
      { occurredOn: '2023-04-02', kind: 'breach', loss: { amount: 100, currency: 'USD' } },
      { occurredOn: '2024-04-02', kind: 'breach', loss: { amount: 100, currency: 'EUR' } },
    ];
    request.options.push({
      limit: { amount: 500_000_000, currency: 'GBP' },
      retention: { amount: 0, currency: 'GBP' },
    });
    expectOnlyIssue(
      ScoreRequest,
      request,
      ['posture', 'incidents', 1, 'loss', 'currency'],
      /must be USD, the currency of profile\.annualRevenue/,
    );
  });

  it('refuses options in another currency than the revenue', () => {
    const request = minimalRequest();
    request.options = [{ limit: { amount: 100, currency: 'USD' }, retention: { amount: 0, currency: 'USD' } }];
    expectOnlyIssue(ScoreRequest, request, ['options', 0, 'limit', 'currency'], /must be GBP.*one currency/);
  });
});

describe('collectMoneyPaths', () => {
  it('lists every money in the request with its path, in document order', () => {
    const request = ScoreRequest.parse({
      ...example(),
      options: [
        {
          limit: { amount: 100_000_000, currency: 'USD' },
          retention: { amount: 2_500_000, currency: 'USD' },
          attachment: { amount: 500_000_000, currency: 'USD' },
          sublimits: { business_interruption: { amount: 25_000_000, currency: 'USD' } },
        },
      ],
    });
    expect(collectMoneyPaths(request)).toEqual([
      { path: ['profile', 'annualRevenue'], currency: 'USD' },
      { path: ['posture', 'incidents', 0, 'loss'], currency: 'USD' },
      { path: ['options', 0, 'limit'], currency: 'USD' },
      { path: ['options', 0, 'retention'], currency: 'USD' },
      { path: ['options', 0, 'attachment'], currency: 'USD' },
      { path: ['options', 0, 'sublimits', 'business_interruption'], currency: 'USD' },
    ]);
  });

  it('skips unknown incident losses and an unknown incident list', () => {
    const request = ScoreRequest.parse({
      ...minimalRequest(),
      posture: { incidents: [{ kind: 'breach', loss: null }] },
    });
    expect(collectMoneyPaths(request).map((money) => money.path)).toEqual([
      ['profile', 'annualRevenue'],
      ['options', 0, 'limit'],
      ['options', 0, 'retention'],
    ]);
  });
});
