import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScoreRequest } from '../../../src/domain/posture';
import { type RatingInput, rate } from '../../../src/domain/rate';
import { compileRatingModel } from '../../../src/models/compile-model';
import { ModelError } from '../../../src/models/errors';
import { exampleRequest } from '../../support/requests';

// biome-ignore lint/suspicious/noExplicitAny: the tests adjust arbitrary request and model JSON
type Doc = Record<string, any>;
const altDocument = (): Doc =>
  JSON.parse(readFileSync(new URL('../../fixtures/models/alt-test-2.0.0.json', import.meta.url), 'utf8'));
const alt = compileRatingModel(altDocument());

function input(mutate: (request: Doc) => void = () => {}): RatingInput {
  const request = exampleRequest('GBP') as Doc;
  mutate(request);
  const parsed = ScoreRequest.parse(request);
  return { ...parsed, asOf: parsed.asOf ?? '2026-11-22' };
}
const finding = (result: ReturnType<typeof rate>, id: string) =>
  [...result.compliance, ...result.safeHarbor].find((candidate) => candidate.regime === id)!;

describe('compliance findings', () => {
  it('applies by jurisdiction (a country code covers its subdivisions) and reports met requirements', () => {
    const result = rate(alt, input());
    expect(finding(result, 'gb_passwords')).toMatchObject({
      status: 'compliant',
      applicability: null,
      met: [{ requirement: 'no_universal_default' }],
      unmet: [],
      upcoming: [{ requirement: 'early_reporting', appliesFrom: '2027-01-01' }],
    });
    const phi = rate(
      alt,
      input((r) => (r.profile.recordsHeld.phi = 10)),
    );
    expect(finding(phi, 'phi_rule').status).toBe('compliant');
  });

  it('lists each unmet requirement with the evidence that would meet it', () => {
    const result = rate(
      alt,
      input((r) => (r.posture.access.defaultCredentials = 'universal_default')),
    );
    expect(finding(result, 'gb_passwords')).toMatchObject({
      status: 'non_compliant',
      unmet: [{ requirement: 'no_universal_default', evidence: 'Per-device passwords', level: 'required' }],
    });
  });

  it('checks a requirement from its own application date', () => {
    const later = rate(
      alt,
      input((r) => {
        r.asOf = '2027-06-01';
        r.posture.monitoring.exploitedVulnReportingHours = 72;
      }),
    );
    expect(finding(later, 'gb_passwords')).toMatchObject({
      status: 'non_compliant',
      unmet: [{ requirement: 'early_reporting' }],
      upcoming: [],
    });
  });

  it('is not yet applicable before the regime is in force, and not applicable outside its scope, saying why', () => {
    expect(
      finding(
        rate(
          alt,
          input((r) => (r.asOf = '2025-07-01')),
        ),
        'gb_passwords',
      ).status,
    ).toBe('compliant');
    const before = compileRatingModel({ ...altDocument(), effectiveFrom: '2020-01-01' });
    expect(
      finding(
        rate(
          before,
          input((r) => (r.asOf = '2024-04-28')),
        ),
        'gb_passwords',
      ).status,
    ).toBe('not_yet_applicable');
    const elsewhere = rate(
      alt,
      input((r) => (r.profile.jurisdictions = ['US-OH'])),
    );
    expect(finding(elsewhere, 'gb_passwords')).toMatchObject({
      status: 'not_applicable',
      applicability: 'no jurisdiction among GB',
    });
    const metersOnly = rate(
      alt,
      input((r) => (r.profile.deviceFleet[0].category = 'smart_meter')),
    );
    expect(finding(metersOnly, 'gb_passwords').status).toBe('not_applicable');
    expect(finding(rate(alt, input()), 'phi_rule')).toMatchObject({ status: 'not_applicable' });
  });
});

describe('safe-harbor findings', () => {
  const ohio = (mutate: (request: Doc) => void = () => {}) =>
    input((r) => {
      r.profile.jurisdictions = ['US-OH'];
      mutate(r);
    });

  it('is eligible with a verified, current, conforming programme and its required controls', () => {
    expect(finding(rate(alt, ohio()), 'alt_programme')).toMatchObject({ status: 'eligible', unmet: [] });
  });

  it('is at best partially eligible when only a `full` requirement is unmet', () => {
    const selfAttested = rate(
      alt,
      ohio((r) => (r.posture.frameworks[0].basis = 'self_attested')),
    );
    expect(finding(selfAttested, 'alt_programme')).toMatchObject({
      status: 'partially_eligible',
      unmet: [{ requirement: 'verified', level: 'full' }],
    });
  });

  it('is not eligible when a required requirement is unmet', () => {
    const noMfa = rate(
      alt,
      ohio((r) => (r.posture.access.mfa.remote = false)),
    );
    expect(finding(noMfa, 'alt_programme')).toMatchObject({ status: 'not_eligible', unmet: [{ requirement: 'mfa' }] });
  });

  it('counts a framework listed only-with-another only together with another', () => {
    const pciOnly = rate(
      alt,
      ohio((r) => (r.posture.frameworks = [{ framework: 'pci_dss', version: '4.0', basis: 'verified' }])),
    );
    expect(finding(pciOnly, 'alt_programme').status).toBe('not_eligible');
  });

  it('runs the revision window from the revision’s publication', () => {
    const onOldRevision = (asOf: string) =>
      rate(
        alt,
        ohio((r) => {
          r.asOf = asOf;
          r.posture.frameworks = [
            { framework: 'nist_csf', version: '1.1', lastReviewedOn: '2024-01-01', basis: 'verified' },
          ];
        }),
      );
    expect(finding(onOldRevision('2025-02-25'), 'alt_programme').status).toBe('eligible');
    expect(finding(onOldRevision('2025-02-27'), 'alt_programme')).toMatchObject({
      status: 'not_eligible',
      unmet: [{ requirement: 'programme' }],
    });
  });

  it('an eligible programme waives the posture restrictions it lists, before pricing', () => {
    const waiving = compileRatingModel(
      (() => {
        const doc = altDocument();
        doc.regimes[2].requirements = doc.regimes[2].requirements.filter((r: Doc) => r.id !== 'mfa');
        return doc;
      })(),
    );
    const result = rate(
      waiving,
      ohio((r) => (r.posture.access.mfa.remote = false)),
    );
    expect(finding(result, 'alt_programme').status).toBe('eligible');
    expect(result.restrictions.map((restriction) => restriction.code)).not.toContain('EXTORTION_COINSURANCE');
    expect(result.waivedRestrictions).toEqual([
      { code: 'EXTORTION_COINSURANCE', title: 'Extortion coinsurance without remote MFA', regime: 'alt_programme' },
    ]);
    expect(result.premiums[0]!.coverage.find((part) => part.part === 'extortion')?.coinsurancePct).toBe(0);
  });
});

describe('regimes in the model document', () => {
  const refused = (mutate: (doc: Doc) => void) => {
    const doc = altDocument();
    mutate(doc);
    try {
      compileRatingModel(doc);
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      return (error as ModelError).path;
    }
    throw new Error('accepted');
  };

  it('refuses a programme that waives a form exclusion', () => {
    expect(refused((doc) => (doc.regimes[2].waives = ['WAR']))).toBe('regimes[2].waives[0]');
  });
  it('refuses waivers on a compliance regime and levels on compliance requirements', () => {
    expect(refused((doc) => (doc.regimes[0].waives = ['EXTORTION_COINSURANCE']))).toBe('regimes[0].waives[0]');
    expect(refused((doc) => (doc.regimes[1].requirements[0].level = 'full'))).toBe('regimes[1].requirements[0].level');
  });
  it('refuses a requirement expression outside the allow-list, with its path', () => {
    expect(refused((doc) => (doc.regimes[1].requirements[0].met = 'import("fs")'))).toBe(
      'regimes[1].requirements[0].met',
    );
  });
});
