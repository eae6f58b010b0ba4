import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attributeLoading,
  type ComparisonBasis,
  comparisonBasis,
  comparisonRow,
  exclusionSummary,
  factorCosts,
  postureLoading,
  safeHarborSummary,
  topGaps,
} from '../../../src/domain/comparison';
import type { CompiledRatingModel } from '../../../src/domain/model/compiled';
import { Posture, Profile } from '../../../src/domain/posture';
import { rate } from '../../../src/domain/rate';
import type { RatingResult, Restriction } from '../../../src/domain/rating-result';
import { fixtureApplicants } from '../../support/applicant-sets';
import { PROPERTY_AS_OF, posture, profile } from '../../support/arbitraries';
import { testModel } from '../../support/models';

const OPTION = {
  limit: { amount: 100_000_000, currency: 'USD' },
  retention: { amount: 2_500_000, currency: 'USD' },
};

let model: CompiledRatingModel;
let basis: ComparisonBasis;
beforeAll(async () => {
  model = await testModel('iot-cyber');
  basis = comparisonBasis(model);
});

function rated(applicant: { profile: unknown; posture: unknown }) {
  const parsedProfile = Profile.parse(applicant.profile);
  const rating = rate(model, {
    profile: parsedProfile,
    posture: Posture.parse(applicant.posture),
    options: [OPTION],
    asOf: PROPERTY_AS_OF,
  });
  return { profile: parsedProfile, rating };
}

describe('the comparison basis', () => {
  it('reads the best tier, tier factors, minimum premium, part shares and domains from the model once', () => {
    expect(basis.bestTier).toBe('preferred');
    expect(basis.tierFactors).toEqual({ preferred: 0.85, standard: 1, substandard: 1.3, high_risk: 1.75 });
    expect(basis.minimumPremium).toBe(100_000);
    expect(basis.partShares.get('all')).toBe(1);
    expect(basis.partShares.get('technology_errors_omissions')).toBe(0.18);
    expect(basis.domains.map((domain) => domain.id)).toEqual([
      'patching',
      'certifications',
      'access',
      'contracts',
      'monitoring',
      'data',
    ]);
  });
});

describe('posture loading', () => {
  it('is the premium beyond the same option at the best tier, never below the minimum premium or negative', () => {
    expect(postureLoading(1_000_000, 'preferred', basis)).toBe(0);
    expect(postureLoading(1_000_000, 'standard', basis)).toBe(150_000);
    expect(postureLoading(1_750_000, 'high_risk', basis)).toBe(900_000);
    expect(postureLoading(1_300_001, 'substandard', basis)).toBe(1_300_001 - 850_001); // 850000.65 rounds up
    // At the best tier this premium would fall below the minimum premium: only the part above it is loading.
    expect(postureLoading(110_000, 'standard', basis)).toBe(10_000);
    expect(postureLoading(100_000, 'high_risk', basis)).toBe(0);
    const odd = { ...basis, tierFactors: { ...basis.tierFactors, preferred: 1.2 } };
    expect(postureLoading(1_000_000, 'standard', odd)).toBe(0);
  });
});

describe('gap attribution', () => {
  it('shares the loading among all factors exactly, in proportion to the composite points each loses', () => {
    fc.assert(
      fc.property(profile('USD'), posture('USD'), (generatedProfile, generatedPosture) => {
        const { rating } = rated({ profile: generatedProfile, posture: generatedPosture });
        const loading = postureLoading(rating.premiums[0]!.premium.amount, rating.tier, basis);
        const costs = factorCosts(attributeLoading(rating, loading, basis));
        expect(costs).toHaveLength(model.domains.reduce((sum, domain) => sum + domain.factors.length, 0));
        const lost = costs.reduce((sum, cost) => sum + cost.pointsLost, 0);
        // The points lost add up to what the composite lacks of 100 (both rounded to two decimals by the engine).
        expect(Math.abs(100 - lost - rating.score.composite)).toBeLessThan(0.1);
        if (lost > 0) expect(costs.reduce((sum, cost) => sum + cost.premiumCost, 0)).toBe(loading);
        for (const cost of costs) {
          expect(Math.abs(cost.premiumCost - (loading * cost.pointsLost) / lost)).toBeLessThan(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('shows up to three factors that lose points, costliest first, and nothing costs at the best tier', () => {
    const { rating } = rated(fixtureApplicants()[0]!);
    const attribution = attributeLoading(rating, 202_770, basis);
    const gaps = topGaps(attribution, 'USD');
    expect(gaps).toHaveLength(3);
    const all = factorCosts(attribution).sort((a, b) => b.premiumCost - a.premiumCost);
    expect(gaps.map((gap) => gap.factorId)).toEqual(all.slice(0, 3).map((cost) => cost.factorId));
    expect(gaps[0]).toMatchObject({ premiumCost: { amount: all[0]!.premiumCost, currency: 'USD' } });
    const free = topGaps(attributeLoading(rating, 0, basis), 'USD');
    expect(free.map((gap) => gap.premiumCost.amount)).toEqual([0, 0, 0]);
    expect(free[0]!.pointsLost).toBeGreaterThanOrEqual(free[1]!.pointsLost);
  });
});

const restriction = (code: string, kind: Restriction['kind'], part: string): Restriction => ({
  code,
  kind,
  part,
  title: code,
  triggeredBy: [],
  remedy: '',
  credit: false,
});

describe('exclusions and safe harbor', () => {
  it('counts every exclusion and ranks posture exclusions (never form ones) by the share of the part they take', () => {
    const summary = exclusionSummary(
      [
        restriction('WAR', 'form_exclusion', 'all'),
        restriction('PCI_ONLY', 'exclusion', 'pci'),
        restriction('TECH_EO', 'exclusion', 'technology_errors_omissions'),
        restriction('BI', 'exclusion', 'business_interruption'),
        restriction('EVERYTHING', 'exclusion', 'all'),
      ],
      basis,
    );
    expect(summary.count).toBe(5);
    expect(summary.costliest.map((exclusion) => [exclusion.code, exclusion.premiumShare])).toEqual([
      ['EVERYTHING', 1],
      ['TECH_EO', 0.18],
      ['BI', 0.16],
    ]);
  });

  it('counts safe-harbor regimes by status and lists those the applicant is eligible for', () => {
    const findings = [
      { regime: 'ohio_dpa', status: 'eligible' },
      { regime: 'utah', status: 'not_eligible' },
      { regime: 'carrier_iot', status: 'eligible' },
      { regime: 'iowa', status: 'not_applicable' },
    ] as RatingResult['safeHarbor'];
    expect(safeHarborSummary(findings)).toEqual({
      counts: { eligible: 2, partially_eligible: 0, not_eligible: 1, not_applicable: 1 },
      eligible: ['ohio_dpa', 'carrier_iot'],
    });
  });
});

describe('a comparison row', () => {
  it('condenses a rating: scores, premium and per-unit premiums, loading, exclusions, safe harbor and gaps', () => {
    const { profile: acme, rating } = rated(fixtureApplicants()[0]!);
    const row = comparisonRow(rating, acme, basis);
    const premium = rating.premiums[0]!.premium.amount;
    expect(row).toMatchObject({
      composite: rating.score.composite,
      tier: rating.tier,
      decision: rating.decision,
      premium: { amount: premium, currency: 'USD' },
      premiumPerMillionRevenue: { amount: Math.round((premium * 100_000_000) / acme.annualRevenue.amount) },
      premiumPerThousandDevices: { amount: Math.round((premium * 1_000) / 250_000) },
      postureLoading: { amount: postureLoading(premium, rating.tier, basis) },
      exclusionCount: rating.exclusions.length,
    });
    expect(row.domains.patching).toBe(rating.score.domains.patching.score);
    expect(row.gaps.length).toBeLessThanOrEqual(3);
  });
});
