import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AggregateLoss,
  type ClaimLayer,
  chooseSpan,
  discretise,
  type Frequency,
  frequencyVariance,
  LossParameterError,
  negativeBinomial,
  poisson,
} from '../../../src/domain/loss';
import { claimTerms, layerOf, relative, severityParameters, simpson, TYPICAL } from './support';

function moments(aggregate: AggregateLoss): { total: number; mean: number; variance: number } {
  let total = 0;
  let mean = 0;
  let second = 0;
  aggregate.probabilities.forEach((p, k) => {
    const x = k * aggregate.span;
    total += p;
    mean += x * p;
    second += x * x * p;
  });
  return { total, mean, variance: second - mean * mean };
}

/** E[Y²] = ∫ 2y P(Y > y) dy for a bounded per-claim layer. */
function secondMoment(layer: ClaimLayer): number {
  return simpson((y) => 2 * y * layer.survival(y), 0, layer.maxLoss * (1 - 1e-12), 200_000);
}

const bounded = layerOf(TYPICAL, { retention: 25_000, coinsurance: 0.1, limit: 2_000_000 });

describe('the annual aggregate by Panjer recursion', () => {
  it('keeps the mean exact: λ · E[Y] on a grid that holds the whole distribution', () => {
    for (const frequency of [poisson(3), negativeBinomial(3, 0.8)]) {
      const aggregate = new AggregateLoss({ frequency, claim: bounded, top: 60_000_000 });
      const { total, mean } = moments(aggregate);
      expect(total).toBeCloseTo(1, 12);
      expect(relative(mean, frequency.mean * bounded.mean())).toBeLessThan(1e-10);
      expect(relative(aggregate.lev(aggregate.top), mean)).toBeLessThan(1e-10);
    }
  });

  it('discretises with the local moment matching property: E[min(Y_h, jh)] = E[min(Y, jh)]', () => {
    const span = 7_919;
    const masses = discretise(bounded, span, 4_096);
    let levAt = 0;
    let above = 1;
    for (let j = 0; j + 1 < masses.length; j++) {
      above -= masses[j]!;
      levAt += span * above;
      expect(relative(levAt, bounded.lev((j + 1) * span))).toBeLessThan(1e-9);
    }
  });

  it('has the compound variance: λ E[Y²] for Poisson, E[N] Var Y + Var N E[Y]² for the negative binomial', () => {
    const second = secondMoment(bounded);
    const mean = bounded.mean();
    for (const frequency of [poisson(3), negativeBinomial(3, 0.8)]) {
      const aggregate = new AggregateLoss({ frequency, claim: bounded, top: 60_000_000, span: 60_000_000 / 2 ** 14 });
      const expected =
        frequency.kind === 'poisson'
          ? frequency.mean * second
          : frequency.mean * (second - mean * mean) + frequencyVariance(frequency) * mean * mean;
      expect(relative(moments(aggregate).variance, expected)).toBeLessThan(0.005);
    }
  });

  it('is within 0.5% of λ E[Y] for a heavy-tailed claim without a per-claim limit, and when P(N = 0) underflows', () => {
    // α = 1.5 up to a $250M cap: the grid reaches four caps, past which S has no material mass.
    const unlimited = layerOf(TYPICAL, { retention: 10_000, coinsurance: 0, limit: Number.POSITIVE_INFINITY });
    const aggregate = new AggregateLoss({ frequency: poisson(0.8), claim: unlimited, top: 1e9 });
    expect(relative(aggregate.lev(aggregate.top), 0.8 * unlimited.mean())).toBeLessThan(0.005);

    // e^{-4000} is far below the smallest double; the grid still carries the whole distribution.
    const small = layerOf(TYPICAL, { retention: 0, coinsurance: 0, limit: 50_000 });
    const busy = new AggregateLoss({ frequency: poisson(4_000), claim: small, top: 400_000_000 });
    const { total, mean } = moments(busy);
    expect(total).toBeCloseTo(1, 10);
    expect(relative(mean, 4_000 * small.mean())).toBeLessThan(1e-9);
  });

  it('chooses a span of 2^12 to 2^15 cells, finer when claims are small against the top', () => {
    expect(10_000_000 / chooseSpan(10_000_000, bounded)).toBe(4_096);
    expect(1e10 / chooseSpan(1e10, bounded)).toBe(32_768);
  });

  it('refuses layers beyond its grid and bad inputs, naming them', () => {
    const aggregate = new AggregateLoss({ frequency: poisson(1), claim: bounded, top: 10_000_000 });
    expect(() => aggregate.layer(9_000_000, 2_000_000)).toThrow(LossParameterError);
    expect(() => aggregate.layer(-1, 1)).toThrow('attachment');
    expect(() => aggregate.layer(0, Number.NaN)).toThrow('limit');
    expect(() => aggregate.loadedCost(0, 1, { kind: 'proportional-hazards', rho: 0.5 })).toThrow('rho');
    expect(() => aggregate.loadedCost(0, 1, { kind: 'wang', lambda: -0.1 })).toThrow('lambda');
    expect(() => new AggregateLoss({ frequency: poisson(1), claim: bounded, top: 0 })).toThrow('top');
  });
});

/** 1,024 cells keep a property run to a couple of milliseconds; the properties do not depend on the span. */
const CELLS = 1_024;

const frequencyOf = (mean: number, shape: number | undefined): Frequency =>
  shape === undefined ? poisson(mean) : negativeBinomial(mean, shape);

const scenario = fc.record({
  severity: severityParameters,
  terms: claimTerms,
  mean: fc.double({ min: 0.02, max: 20, noNaN: true }),
  shape: fc.option(fc.double({ min: 0.3, max: 30, noNaN: true }), { nil: undefined }),
  /** The tower's top as a multiple of the severity threshold. */
  reach: fc.double({ min: 2, max: 200, noNaN: true }),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
  rho: fc.double({ min: 1, max: 3, noNaN: true }),
  lambda: fc.double({ min: 0, max: 1.5, noNaN: true }),
});

describe('layers of the aggregate', () => {
  it('cost at least nothing, no more than the same width below, and hang between l·P(exhaust) and l·P(attach)', () => {
    fc.assert(
      fc.property(scenario, ({ severity, terms, mean, shape, reach, cuts }) => {
        const top = severity.threshold * reach;
        const aggregate = new AggregateLoss({
          frequency: frequencyOf(mean, shape),
          claim: layerOf(severity, terms),
          top,
          span: top / CELLS,
        });
        const tolerance = 1e-12 * aggregate.lev(aggregate.top);
        const width = (top * cuts[0]!) / 2;
        let previous = Number.POSITIVE_INFINITY;
        for (const cut of [0, ...cuts.slice(1)].sort((a, b) => a - b)) {
          const attachment = cut * (top - width);
          const figures = aggregate.layer(attachment, width);
          expect(figures.expectedLoss).toBeGreaterThanOrEqual(0);
          expect(figures.expectedLoss).toBeLessThanOrEqual(previous + tolerance);
          expect(figures.expectedLoss).toBeLessThanOrEqual(width * figures.attachProbability + tolerance);
          expect(figures.expectedLoss).toBeGreaterThanOrEqual(width * figures.exhaustProbability - tolerance);
          previous = figures.expectedLoss;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('add up across any split of a tower, expected and loaded alike, and loaded is never below expected', () => {
    fc.assert(
      fc.property(scenario, ({ severity, terms, mean, shape, reach, cuts, rho, lambda }) => {
        const top = severity.threshold * reach;
        const aggregate = new AggregateLoss({
          frequency: frequencyOf(mean, shape),
          claim: layerOf(severity, terms),
          top,
          span: top / CELLS,
        });
        const points = [0, ...cuts.map((c) => c * top), top].sort((a, b) => a - b);
        for (const distortion of [
          { kind: 'none' } as const,
          { kind: 'proportional-hazards', rho } as const,
          { kind: 'wang', lambda } as const,
        ]) {
          const whole = aggregate.loadedCost(0, top, distortion);
          let sum = 0;
          for (let i = 0; i + 1 < points.length; i++) {
            const piece = aggregate.loadedCost(points[i]!, points[i + 1]! - points[i]!, distortion);
            const expected = aggregate.layer(points[i]!, points[i + 1]! - points[i]!).expectedLoss;
            expect(piece).toBeGreaterThanOrEqual(expected * (1 - 1e-12));
            sum += piece;
          }
          expect(Math.abs(sum - whole)).toBeLessThanOrEqual(1e-12 * whole);
        }
        expect(relative(aggregate.loadedCost(0, top, { kind: 'none' }), aggregate.lev(top))).toBeLessThan(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('never cost less with more frequency, nor the top layer with a heavier tail', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 1.01, max: 3, noNaN: true }),
        fc.double({ min: 0.3, max: 0.99, noNaN: true }),
        ({ severity, terms, mean, shape, reach, cuts }, more, heavier) => {
          const top = severity.threshold * reach;
          const build = (frequency: Frequency, claim: ClaimLayer) =>
            new AggregateLoss({ frequency, claim, top, span: top / CELLS });
          const claim = layerOf(severity, terms);
          const base = build(frequencyOf(mean, shape), claim);
          const busier = build(frequencyOf(mean * more, shape), claim);
          const heavierTail = { ...severity, tailIndex: 1 + (severity.tailIndex - 1) * heavier };
          const heavy = build(frequencyOf(mean, shape), layerOf(heavierTail, terms));
          const tolerance = 1e-12 * busier.lev(top);
          const width = top * Math.max(0.01, cuts[0]! / 2);
          for (const cut of cuts) {
            const attachment = cut * (top - width);
            expect(busier.layer(attachment, width).expectedLoss).toBeGreaterThanOrEqual(
              base.layer(attachment, width).expectedLoss - tolerance,
            );
          }
          expect(heavy.layer(top - width, width).expectedLoss).toBeGreaterThanOrEqual(
            base.layer(top - width, width).expectedLoss - 1e-12 * heavy.lev(top),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
