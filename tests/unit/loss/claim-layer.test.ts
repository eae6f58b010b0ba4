import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaimLayer, LossParameterError, SplicedSeverity } from '../../../src/domain/loss';
import { claimTerms, integrateSurvival, layerOf, relative, severityParameters, TYPICAL } from './support';

describe('the per-claim layer', () => {
  it('has the mean and limited expected values of (1 - c) min((X - r)+, l), by integration', () => {
    fc.assert(
      fc.property(severityParameters, claimTerms, (parameters, terms) => {
        const layer = layerOf(parameters, terms);
        const share = 1 - terms.coinsurance;
        const top = Number.isFinite(layer.maxLoss) ? layer.maxLoss : share * parameters.threshold * 1_000;
        const breaks = [share * (parameters.threshold - terms.retention)].filter((x) => x > 0);
        const numeric = integrateSurvival((y) => layer.survival(y), 0, top, breaks);
        expect(relative(layer.lev(top), numeric)).toBeLessThan(1e-6);
        if (Number.isFinite(layer.maxLoss))
          expect(relative(layer.mean(), layer.lev(layer.maxLoss))).toBeLessThan(1e-12);
        expect(layer.lossProbability).toBe(layer.severity.survival(terms.retention));
      }),
      { numRuns: 30 },
    );
  });

  it('maps each ground-up loss monotonically onto the layer', () => {
    const layer = layerOf(TYPICAL, { retention: 10_000, coinsurance: 0.2, limit: 1_000_000 });
    expect(layer.lossOf(5_000)).toBe(0);
    expect(layer.lossOf(110_000)).toBeCloseTo(80_000, 9);
    expect(layer.lossOf(5_000_000)).toBeCloseTo(800_000, 9);
    expect(layer.maxLoss).toBeCloseTo(800_000, 9);
    expect(layer.survival(800_000)).toBe(0);
  });

  it('refuses terms outside their domain, naming the term', () => {
    const severity = new SplicedSeverity(TYPICAL);
    const cases: [Record<string, number>, string][] = [
      [{ retention: -1 }, 'retention'],
      [{ coinsurance: 1 }, 'coinsurance'],
      [{ coinsurance: -0.1 }, 'coinsurance'],
      [{ limit: 0 }, 'limit'],
      [{ limit: Number.NaN }, 'limit'],
    ];
    for (const [change, parameter] of cases) {
      expect(() => new ClaimLayer(severity, { retention: 0, coinsurance: 0, limit: 1e6, ...change })).toThrow(
        LossParameterError,
      );
      expect(() => new ClaimLayer(severity, { retention: 0, coinsurance: 0, limit: 1e6, ...change })).toThrow(
        parameter,
      );
    }
  });
});
