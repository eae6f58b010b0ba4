import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LossParameterError, SplicedSeverity } from '../../../src/domain/loss';
import { integrateSurvival, relative, severityParameters, TYPICAL } from './support';

describe('the spliced severity', () => {
  it('is continuous at the threshold, with the body holding exactly p below it', () => {
    fc.assert(
      fc.property(severityParameters, (parameters) => {
        const severity = new SplicedSeverity(parameters);
        const u = parameters.threshold;
        expect(severity.cdf(u)).toBeCloseTo(parameters.bodyProbability, 14);
        expect(relative(severity.cdf(u * (1 + 1e-12)), parameters.bodyProbability)).toBeLessThan(1e-9);
        expect(relative(severity.cdf(u * (1 - 1e-12)), parameters.bodyProbability)).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('inverts its CDF: quantile(cdf(x)) = x and survivalQuantile(survival(x)) = x to 1e-12', () => {
    fc.assert(
      fc.property(severityParameters, fc.double({ min: 0.001, max: 0.999, noNaN: true }), (parameters, position) => {
        const severity = new SplicedSeverity(parameters);
        // x from the body up to 50 times the threshold, below any cap.
        const top = Math.min(parameters.threshold * 50, (parameters.maximum ?? Number.POSITIVE_INFINITY) * 0.999);
        const x = Math.exp(parameters.bodyMu + (Math.log(top) - parameters.bodyMu) * position);
        const q = severity.cdf(x);
        if (q < 0.999 && q > 1e-6) expect(relative(severity.quantile(q), x)).toBeLessThan(1e-12);
        if (x > parameters.threshold)
          expect(relative(severity.survivalQuantile(severity.survival(x)), x)).toBeLessThan(1e-12);
      }),
      { numRuns: 500 },
    );
  });

  it('gives limited expected values in closed form that agree with integrating the survival function', () => {
    fc.assert(
      fc.property(severityParameters, fc.double({ min: 0.05, max: 40, noNaN: true }), (parameters, multiple) => {
        const severity = new SplicedSeverity(parameters);
        const d = parameters.threshold * multiple;
        const numeric = integrateSurvival((t) => severity.survival(t), 0, d, [
          parameters.threshold,
          ...(parameters.maximum === undefined ? [] : [parameters.maximum]),
        ]);
        expect(relative(severity.lev(d), numeric)).toBeLessThan(1e-7);
        const band = severity.levIncrement(d, d * 1.01);
        expect(relative(band, severity.lev(d * 1.01) - severity.lev(d))).toBeLessThan(1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it('has the mean of its pieces, and censoring at M puts the tail beyond M at M', () => {
    const uncapped = new SplicedSeverity({ ...TYPICAL, maximum: undefined });
    const {
      bodyMu: mu,
      bodySigma: sigma,
      threshold: u,
      bodyProbability: p,
      tailIndex: alpha,
      tailScale: theta,
    } = TYPICAL;
    const zu = (Math.log(u) - mu) / sigma;
    // E[L | L ≤ u] = e^{μ + σ²/2} Φ(z_u - σ) / Φ(z_u) for the lognormal body; u + θ / (α - 1) above u.
    const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    const bodyMean = (Math.exp(mu + (sigma * sigma) / 2) * phi(zu - sigma)) / phi(zu);
    expect(relative(uncapped.mean(), p * bodyMean + (1 - p) * (u + theta / (alpha - 1)))).toBeLessThan(1e-6);

    const capped = new SplicedSeverity(TYPICAL);
    const M = TYPICAL.maximum!;
    expect(capped.survival(M * 0.999_999)).toBeGreaterThan(0);
    expect(capped.survival(M)).toBe(0);
    expect(capped.quantile(1)).toBe(M);
    expect(capped.quantile(1 - uncapped.survival(M) / 2)).toBe(M);
    expect(relative(uncapped.mean() - capped.mean(), uncapped.levIncrement(M, Number.POSITIVE_INFINITY))).toBeLessThan(
      1e-9,
    );
  });

  it('refuses parameters outside their domain, naming the parameter', () => {
    const cases: [Partial<typeof TYPICAL>, string][] = [
      [{ bodyMu: Number.NaN }, 'bodyMu'],
      [{ bodySigma: 0 }, 'bodySigma'],
      [{ threshold: -1 }, 'threshold'],
      [{ bodyProbability: 1 }, 'bodyProbability'],
      [{ tailIndex: 1 }, 'tailIndex'],
      [{ tailIndex: Number.POSITIVE_INFINITY }, 'tailIndex'],
      [{ tailScale: 0 }, 'tailScale'],
      [{ maximum: 500_000 }, 'maximum'],
      [{ threshold: 1e-300 }, 'threshold'],
    ];
    for (const [change, parameter] of cases) {
      let error: unknown;
      try {
        new SplicedSeverity({ ...TYPICAL, ...change });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(LossParameterError);
      expect((error as LossParameterError).parameter).toBe(parameter);
      expect((error as Error).message).toContain(parameter);
    }
  });
});

/** A plain erf for the test's own closed form (Abramowitz & Stegun 7.1.26 would be too coarse; this is series). */
function erf(x: number): number {
  // Maclaurin series, enough terms for |x| < 4.
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
