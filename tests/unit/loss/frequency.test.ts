import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countCdfTable,
  countFromUniform,
  frequencyVariance,
  LossParameterError,
  negativeBinomial,
  poisson,
  thin,
} from '../../../src/domain/loss';
import { relative } from './support';

function moments(table: Float64Array): { total: number; mean: number; variance: number } {
  let mean = 0;
  let second = 0;
  for (let n = 0; n < table.length; n++) {
    const p = table[n]! - (n > 0 ? table[n - 1]! : 0);
    mean += n * p;
    second += n * n * p;
  }
  return { total: table[table.length - 1]!, mean, variance: second - mean * mean };
}

const frequencies = fc.oneof(
  fc.double({ min: 0.01, max: 3_000, noNaN: true }).map(poisson),
  fc
    .tuple(fc.double({ min: 0.01, max: 500, noNaN: true }), fc.double({ min: 0.2, max: 50, noNaN: true }))
    .map(([mean, shape]) => negativeBinomial(mean, shape)),
);

describe('claim frequency', () => {
  it('has the stated mean and variance (λ + λ²/k for the negative binomial), large λ included', () => {
    fc.assert(
      fc.property(frequencies, (frequency) => {
        const { total, mean, variance } = moments(countCdfTable(frequency));
        expect(total).toBeCloseTo(1, 12);
        expect(relative(mean, frequency.mean)).toBeLessThan(1e-9);
        expect(relative(variance, frequencyVariance(frequency))).toBeLessThan(1e-7);
      }),
      { numRuns: 100 },
    );
  });

  it('thins Poisson to Poisson and the negative binomial to one with the same shape', () => {
    expect(thin(poisson(10), 0.25)).toEqual(poisson(2.5));
    expect(thin(negativeBinomial(10, 2), 0.25)).toEqual(negativeBinomial(2.5, 2));
    // N thinned by π, checked against the compound: Var = π²Var N + π(1 - π)E N.
    const nb = negativeBinomial(10, 2);
    const thinned = thin(nb, 0.25);
    expect(frequencyVariance(thinned)).toBeCloseTo(0.25 ** 2 * frequencyVariance(nb) + 0.25 * 0.75 * 10, 12);
  });

  // Exactly so except for a uniform within rounding (about 1e-16) of a CDF value, which the ranges below avoid.
  it('turns a uniform into a count that never falls as λ rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 1.001, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1 - 1e-9, noNaN: true }),
        fc.option(fc.double({ min: 0.3, max: 20, noNaN: true }), { nil: undefined }),
        (mean, factor, u, shape) => {
          const make = (m: number) => (shape === undefined ? poisson(m) : negativeBinomial(m, shape));
          const lower = countFromUniform(countCdfTable(make(mean)), u);
          const higher = countFromUniform(countCdfTable(make(mean * factor)), u);
          expect(higher).toBeGreaterThanOrEqual(lower);
        },
      ),
      { numRuns: 300 },
    );
    expect(countFromUniform(countCdfTable(poisson(1)), 0)).toBe(0);
  });

  it('refuses parameters outside their domain, naming the parameter', () => {
    expect(() => poisson(-1)).toThrow(LossParameterError);
    expect(() => poisson(Number.NaN)).toThrow('mean');
    expect(() => negativeBinomial(1, 0)).toThrow('shape');
    expect(() => thin(poisson(1), 1.5)).toThrow('probability');
  });
});
