import fc from 'fast-check';
import { ClaimLayer, type ClaimTerms, type SeverityParameters, SplicedSeverity } from '../../../src/domain/loss';

/** Composite Simpson's rule with n (even) intervals. */
export function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  if (!(b > a)) return 0;
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/**
 * ∫_a^b S(t) dt by Simpson's rule in log space (t = e^v), where a heavy-tailed survival function is smooth and
 * slowly varying; the kink of the density at the threshold and the jump at a cap are segment boundaries.
 */
export function integrateSurvival(survival: (t: number) => number, a: number, b: number, breaks: number[]): number {
  const points = [a, ...breaks.filter((x) => x > a && x < b), b];
  let total = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = Math.max(points[i]!, 1e-6);
    const to = points[i + 1]!;
    // Ends nudged inwards: at a cap the survival function jumps to 0, and the segment below needs its left limit.
    const [low, high] = [Math.log(from) + 1e-13, Math.log(to) - 1e-13];
    total += simpson((v) => survival(Math.exp(v)) * Math.exp(v), low, high, 20_000);
  }
  return total + Math.min(a === 0 ? 1e-6 : 0, b);
}

/** A realistic-to-extreme spread of cyber severities: body medians $5k to $500k, tails from heavy to light. */
export const severityParameters: fc.Arbitrary<SeverityParameters> = fc
  .record({
    median: fc.double({ min: 5_000, max: 500_000, noNaN: true }),
    sigma: fc.double({ min: 0.4, max: 2.5, noNaN: true }),
    thresholdZ: fc.double({ min: 0.5, max: 3, noNaN: true }),
    bodyProbability: fc.double({ min: 0.7, max: 0.995, noNaN: true }),
    tailIndex: fc.double({ min: 1.1, max: 4, noNaN: true }),
    scaleRatio: fc.double({ min: 0.1, max: 3, noNaN: true }),
    capRatio: fc.option(fc.double({ min: 2, max: 2_000, noNaN: true }), { nil: undefined }),
  })
  .map(({ median, sigma, thresholdZ, bodyProbability, tailIndex, scaleRatio, capRatio }) => {
    const threshold = median * Math.exp(sigma * thresholdZ);
    return {
      bodyMu: Math.log(median),
      bodySigma: sigma,
      threshold,
      bodyProbability,
      tailIndex,
      tailScale: threshold * scaleRatio,
      ...(capRatio === undefined ? {} : { maximum: threshold * capRatio }),
    };
  });

export const claimTerms: fc.Arbitrary<ClaimTerms> = fc.record({
  retention: fc.oneof(fc.constant(0), fc.double({ min: 1_000, max: 250_000, noNaN: true })),
  coinsurance: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
  limit: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.double({ min: 100_000, max: 50_000_000, noNaN: true })),
});

/** A typical mid-market cyber severity: median $40k, Pareto tail from $600k, capped at $250M. */
export const TYPICAL: SeverityParameters = {
  bodyMu: Math.log(40_000),
  bodySigma: 1.4,
  threshold: 600_000,
  bodyProbability: 0.96,
  tailIndex: 1.5,
  tailScale: 900_000,
  maximum: 250_000_000,
};

export function layerOf(parameters: SeverityParameters, terms: ClaimTerms): ClaimLayer {
  return new ClaimLayer(new SplicedSeverity(parameters), terms);
}

export function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}
