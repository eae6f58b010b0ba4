import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalQuantile, normalSurvival } from '../../../src/domain/loss';
import { relative } from './support';

describe('the standard normal distribution', () => {
  it('matches published values of erfc to 1e-15 relative, in both tails', () => {
    // Reference values (Abramowitz & Stegun table 7.1, extended with mpmath), written as the doubles they round to.
    const table: [number, number][] = [
      [0.1, 0.887537083981715],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [5, 1.5374597944280349e-12],
      [10, 2.088487583762545e-45],
      [-1, 1.8427007929497148],
    ];
    for (const [x, value] of table) expect(relative(erfc(x), value)).toBeLessThan(2e-15);
  });

  it('gives Φ far into the tails with relative precision', () => {
    expect(relative(normalCdf(-5), 2.866515718791939e-7)).toBeLessThan(1e-14);
    expect(relative(normalCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-13);
    expect(relative(normalSurvival(8), 6.22096057427178e-16)).toBeLessThan(1e-13);
    expect(normalCdf(0)).toBe(0.5);
  });

  // Φ(x) itself carries a relative error of about x² ε (x / √2 is rounded before erfc squares it), so the round trip
  // is held to that, which is a relative error in x of about ε.
  it('inverts Φ to the precision Φ itself has over (0, 1), tails included', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1, noNaN: true, maxExcluded: true }), (q) => {
        const x = normalQuantile(q);
        const back = q > 0.5 ? 1 - normalSurvival(x) : normalCdf(x);
        expect(Math.abs(back - q) / Math.min(q, 1 - q)).toBeLessThan(4e-16 * (4 + x * x));
      }),
      { numRuns: 2_000 },
    );
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0.25)).toBe(-normalQuantile(0.75));
  });
});
