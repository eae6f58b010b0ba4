import { describe, expect, it } from 'vitest';
import { type Rankable, rankRows, summarize } from '../../../src/domain/comparison';

const row = (index: number, premium: number, composite: number, perMillion: number | null = premium): Rankable => ({
  index,
  premium,
  composite,
  premiumPerMillionRevenue: perMillion,
  premiumPerThousandDevices: null,
});

describe('ranking and percentiles', () => {
  it('ranks by premium ascending, ties to the higher composite and then the earlier entry', () => {
    const rows = [row(0, 500, 70), row(1, 300, 60), row(2, 500, 80), row(3, 300, 60), row(4, 900, 90)];
    const standings = rankRows(rows, 'premium');
    expect([0, 1, 2, 3, 4].map((index) => standings.get(index)!.rank)).toEqual([4, 1, 3, 2, 5]);
    // Percentile: share of the other rows the row is as good as or better than, on the key alone.
    expect([0, 1, 2, 3, 4].map((index) => standings.get(index)!.percentile)).toEqual([50, 100, 50, 100, 0]);
  });

  it('ranks by composite descending', () => {
    const standings = rankRows([row(0, 500, 70), row(1, 300, 90), row(2, 400, 70)], 'composite');
    expect([0, 1, 2].map((index) => standings.get(index))).toEqual([
      { rank: 2, percentile: 50 },
      { rank: 1, percentile: 100 },
      { rank: 3, percentile: 50 },
    ]);
  });

  it('ranks rows without the key after the others, with no percentile', () => {
    const standings = rankRows(
      [row(0, 500, 70, null), row(1, 300, 60, 20), row(2, 400, 80, null), row(3, 300, 60, 10)],
      'premiumPerMillionRevenue',
    );
    expect([0, 1, 2, 3].map((index) => standings.get(index))).toEqual([
      { rank: 4, percentile: null },
      { rank: 2, percentile: 0 },
      { rank: 3, percentile: null },
      { rank: 1, percentile: 100 },
    ]);
  });

  it('gives a lone row rank 1 and percentile 100, and rounds percentiles to two decimals', () => {
    expect(rankRows([row(7, 100, 50)], 'premium').get(7)).toEqual({ rank: 1, percentile: 100 });
    const four = rankRows([row(0, 1, 0), row(1, 2, 0), row(2, 3, 0), row(3, 4, 0)], 'premium');
    expect(four.get(1)!.percentile).toBe(66.67);
    expect(four.get(2)!.percentile).toBe(33.33);
  });
});

describe('summary', () => {
  it('counts every tier and decision, the median premium and the mean composite', () => {
    const totals = summarize(5, [
      { tier: 'standard', decision: 'quote', composite: 70.25, premium: 1_000 },
      { tier: 'standard', decision: 'refer', composite: 60, premium: 3_001 },
      { tier: 'high_risk', decision: 'decline', composite: 20.1, premium: 2_000 },
      { tier: 'preferred', decision: 'quote', composite: 88, premium: 4_000 },
    ]);
    expect(totals).toEqual({
      entries: 5,
      rated: 4,
      failed: 1,
      medianPremium: 2_501, // (2000 + 3001) / 2 = 2500.5
      tierCounts: { preferred: 1, standard: 2, substandard: 0, high_risk: 1 },
      decisionCounts: { quote: 2, refer: 1, decline: 1 },
      meanComposite: 59.59, // 238.35 / 4 = 59.5875
    });
    expect(summarize(2, [])).toMatchObject({ rated: 0, failed: 2, medianPremium: null, meanComposite: null });
  });
});
