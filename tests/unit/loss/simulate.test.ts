import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AggregateLoss,
  ClaimLayer,
  EXCEEDANCE_PROBABILITIES,
  LossParameterError,
  negativeBinomial,
  poisson,
  SplicedSeverity,
  seedFromText,
  simulate,
} from '../../../src/domain/loss';
import { claimTerms, severityParameters, TYPICAL } from './support';

const SEED = seedFromText('{"applicant":"reference"}');

describe('seeded simulation', () => {
  it('gives the same years for the same seed and other years for another', () => {
    const input = { frequency: poisson(2), severity: new SplicedSeverity(TYPICAL), years: 2_000, seed: SEED };
    const first = simulate(input);
    const again = simulate(input);
    expect(again.annual).toEqual(first.annual);
    expect(again.aggregateExceedance).toEqual(first.aggregateExceedance);
    expect(simulate({ ...input, seed: SEED + 1n }).annual).not.toEqual(first.annual);
    expect(first.aggregateExceedance.map((point) => point.probability)).toEqual(EXCEEDANCE_PROBABILITIES);
    expect(seedFromText('a')).toBe(seedFromText('a'));
    expect(seedFromText('a')).not.toBe(seedFromText('b'));
  });

  it('agrees with Panjer within three standard errors: mean, exceedance and TVaR', () => {
    const severity = new SplicedSeverity(TYPICAL);
    const terms = { retention: 25_000, coinsurance: 0, limit: 5_000_000 };
    const frequency = negativeBinomial(2.5, 2);
    const result = simulate({ frequency, severity, claim: terms, years: 100_000, seed: SEED });
    const aggregate = new AggregateLoss({ frequency, claim: new ClaimLayer(severity, terms), top: 100_000_000 });
    const exact = aggregate.lev(aggregate.top);
    expect(Math.abs(result.mean.value - exact)).toBeLessThan(3 * result.mean.standardError);
    for (const point of result.aggregateExceedance.filter((p) => p.probability >= 0.01)) {
      // Panjer's probability of exceeding the simulated value, against the nominal one: the simulated quantile's
      // standard error in probability terms is √(p(1 - p)/n).
      const p = aggregate.exceedance(point.value);
      const noise = Math.sqrt((point.probability * (1 - point.probability)) / result.years);
      expect(Math.abs(p - point.probability)).toBeLessThan(3 * noise + 0.002 * point.probability);
      expect(point.standardError).toBeGreaterThan(0);
    }
    expect(result.tailValueAtRisk.value).toBeGreaterThan(result.aggregateExceedance[5]!.value);
    expect(result.tailValueAtRisk.standardError).toBeGreaterThan(0);
  });

  it('never gives a worse year for a lower frequency or a lighter tail, with the same seed', () => {
    fc.assert(
      fc.property(
        severityParameters,
        claimTerms,
        fc.double({ min: 0.05, max: 8, noNaN: true }),
        fc.double({ min: 0.2, max: 0.999, noNaN: true }),
        fc.double({ min: 1.01, max: 3, noNaN: true }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (parameters, terms, mean, lower, lighter, seed) => {
          const severity = new SplicedSeverity(parameters);
          const base = simulate({ frequency: poisson(mean), severity, claim: terms, years: 400, seed });
          const fewer = simulate({ frequency: poisson(mean * lower), severity, claim: terms, years: 400, seed });
          const lighterTail = new SplicedSeverity({ ...parameters, tailIndex: parameters.tailIndex * lighter });
          const lighterYears = simulate({
            frequency: poisson(mean),
            severity: lighterTail,
            claim: terms,
            years: 400,
            seed,
          });
          for (let year = 0; year < 400; year++) {
            expect(fewer.annual[year]).toBeLessThanOrEqual(base.annual[year]!);
            expect(fewer.largest[year]).toBeLessThanOrEqual(base.largest[year]!);
            expect(lighterYears.annual[year]).toBeLessThanOrEqual(base.annual[year]!);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a bad seed or number of years, naming it', () => {
    const input = { frequency: poisson(1), severity: new SplicedSeverity(TYPICAL), years: 10, seed: 1n };
    expect(() => simulate({ ...input, seed: -1n })).toThrow(LossParameterError);
    expect(() => simulate({ ...input, seed: 1n << 64n })).toThrow('seed');
    expect(() => simulate({ ...input, years: 0 })).toThrow('years');
    expect(() => simulate({ ...input, years: 1.5 })).toThrow('years');
  });
});
