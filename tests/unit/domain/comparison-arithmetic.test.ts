import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateLargestRemainder,
  divideHalfAwayFromZero,
  medianAmount,
  perUnit,
  premiumPerMillionRevenue,
  premiumPerThousandDevices,
  roundHalfAwayFromZero,
} from '../../../src/domain/comparison';

describe('rounding half away from zero', () => {
  it('rounds halves away from zero, on BigInts exactly and on doubles', () => {
    expect(divideHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divideHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divideHalfAwayFromZero(7n, 3n)).toBe(2n);
    expect(divideHalfAwayFromZero(8n, 3n)).toBe(3n);
    expect(divideHalfAwayFromZero(8n, -3n)).toBe(-3n);
    expect(divideHalfAwayFromZero(10n ** 30n + 1n, 2n)).toBe(5n * 10n ** 29n + 1n);
    expect(() => divideHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(2.4999)).toBe(2);
  });
});

describe('premiums per unit', () => {
  it('gives the premium per million of revenue in integer minor units', () => {
    // USD 10,000 on USD 45M of revenue: USD 222.222… per million, 22222 cents.
    expect(premiumPerMillionRevenue(1_000_000, 4_500_000_000, 100)).toBe(22_222);
    // USD 13,518 on USD 45M: 30040 cents exactly.
    expect(premiumPerMillionRevenue(1_351_800, 4_500_000_000, 100)).toBe(30_040);
    // Currencies without minor units (JPY): per million yen.
    expect(premiumPerMillionRevenue(150_000, 3_000_000_000, 1)).toBe(50);
  });

  it('gives the premium per thousand devices, rounding half away from zero', () => {
    expect(premiumPerThousandDevices(1_351_800, 250_000)).toBe(5_407); // 5407.2
    expect(premiumPerThousandDevices(1, 2_000)).toBe(1); // 0.5 rounds up
    expect(premiumPerThousandDevices(3, 2_000)).toBe(2); // 1.5 rounds up
    expect(premiumPerThousandDevices(1, 2_001)).toBe(0);
  });

  it('is null without revenue or devices, and when the figure would not be exact money', () => {
    expect(premiumPerMillionRevenue(1_000_000, 0, 100)).toBeNull();
    expect(premiumPerThousandDevices(1_000_000, 0)).toBeNull();
    expect(perUnit(Number.MAX_SAFE_INTEGER, 1_000_000, 1)).toBeNull();
  });

  it('is exact where doubles would not be', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 45 }), (premium, revenue) => {
        const value = premiumPerMillionRevenue(premium, revenue, 100);
        const exact = divideHalfAwayFromZero(BigInt(premium) * 100_000_000n, BigInt(revenue));
        expect(value).toBe(Number.isSafeInteger(Number(exact)) ? Number(exact) : null);
      }),
    );
  });
});

describe('largest-remainder allocation', () => {
  it('shares by weight, the leftover units to the largest remainders', () => {
    expect(allocateLargestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateLargestRemainder(100, [1, 2, 0, 1])).toEqual([25, 50, 0, 25]);
    expect(allocateLargestRemainder(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]); // 3.5, 1.75, 1.75: .75 beats .5
    expect(allocateLargestRemainder(2, [1, 3, 3])).toEqual([0, 1, 1]);
    expect(allocateLargestRemainder(0, [1, 2])).toEqual([0, 0]);
  });

  it('with no positive weight, has no basis to share: all zeros', () => {
    expect(allocateLargestRemainder(500, [0, 0])).toEqual([0, 0]);
    expect(allocateLargestRemainder(500, [])).toEqual([]);
  });

  it('refuses a total that is not a whole non-negative amount', () => {
    expect(() => allocateLargestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(-1, [1])).toThrow(RangeError);
  });

  it('always sums exactly to the total, each share within one unit of its quota, nothing to weight 0', () => {
    const weight = fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 100, noNaN: true }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 50 }),
        fc.array(weight, { minLength: 1, maxLength: 80 }),
        (total, weights) => {
          const shares = allocateLargestRemainder(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum === 0) {
            expect(shares.every((share) => share === 0)).toBe(true);
            return;
          }
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          shares.forEach((share, index) => {
            expect(Number.isSafeInteger(share) && share >= 0).toBe(true);
            if (weights[index] === 0) expect(share).toBe(0);
            expect(Math.abs(share - (total * weights[index]!) / sum)).toBeLessThan(1 + total * 1e-12);
          });
        },
      ),
    );
  });
});

describe('median premium', () => {
  it('is the middle amount, or for an even count the mean of the two middle ones rounded half away from zero', () => {
    expect(medianAmount([])).toBeNull();
    expect(medianAmount([300, 100, 200])).toBe(200);
    expect(medianAmount([400, 100, 200, 300])).toBe(250);
    expect(medianAmount([1, 2])).toBe(2); // 1.5
    expect(medianAmount([100, 301])).toBe(201); // 200.5
    expect(medianAmount([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 2])).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});
