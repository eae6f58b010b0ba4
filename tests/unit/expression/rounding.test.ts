import { describe, expect, it } from 'vitest';
import {
  createRounding,
  ExpressionError,
  type RoundingDefinition,
  type RoundingMode,
} from '../../../src/models/expression';

const round = (mode: RoundingMode, x: number, increment = 1) => createRounding({ mode, increment })(x);

// Each row: x, then the result for half_up, half_even, half_down, up, down.
const UNIT_CASES: [number, number, number, number, number, number][] = [
  [2.5, 3, 2, 2, 3, 2],
  [3.5, 4, 4, 3, 4, 3],
  [-2.5, -3, -2, -2, -3, -2],
  [-3.5, -4, -4, -3, -4, -3],
  [2.4, 2, 2, 2, 3, 2],
  [2.6, 3, 3, 3, 3, 2],
  [-2.4, -2, -2, -2, -3, -2],
  [-2.6, -3, -3, -3, -3, -2],
  [0.5, 1, 0, 0, 1, 0],
  [-0.5, -1, 0, 0, -1, 0],
  [7, 7, 7, 7, 7, 7],
  [-7, -7, -7, -7, -7, -7],
  [0, 0, 0, 0, 0, 0],
];
const MODES: RoundingMode[] = ['half_up', 'half_even', 'half_down', 'up', 'down'];

describe('rounding modes with increment 1', () => {
  for (const [x, ...expected] of UNIT_CASES) {
    MODES.forEach((mode, i) => {
      it(`${mode}(${x}) = ${expected[i]}`, () => {
        expect(round(mode, x)).toBe(expected[i]);
      });
    });
  }
});

describe('increments', () => {
  it('rounds minor units to whole dollars', () => {
    expect(round('half_up', 12_349, 100)).toBe(12_300);
    expect(round('half_up', 12_350, 100)).toBe(12_400);
    expect(round('half_up', -12_350, 100)).toBe(-12_400);
    expect(round('half_even', 12_350, 100)).toBe(12_400);
    expect(round('half_even', 12_250, 100)).toBe(12_200);
    expect(round('half_down', 12_350, 100)).toBe(12_300);
    expect(round('up', 12_301, 100)).toBe(12_400);
    expect(round('down', 12_399.99, 100)).toBe(12_300);
  });

  it('rounds to other increments', () => {
    expect(round('half_up', 7.4, 5)).toBe(5);
    expect(round('half_up', 7.5, 5)).toBe(10);
    expect(round('half_up', 0.3, 0.25)).toBe(0.25);
    expect(round('half_up', 0.375, 0.25)).toBe(0.5);
    expect(round('half_even', 0.375, 0.25)).toBe(0.5);
    expect(round('half_even', 0.125, 0.25)).toBe(0);
  });

  it('gives correctly rounded decimals for decimal increments', () => {
    expect(round('half_up', 12.345, 0.01)).toBe(12.35);
    expect(round('down', 0.29, 0.01)).toBe(0.29);
    expect(round('half_up', 0.123456, 0.001)).toBe(0.123);
  });
});

describe('values that are a half or an integer in decimal but not in binary', () => {
  it('treats 1.005 at increment 0.01 as a half (1.005 / 0.01 is 100.49999999999999 in doubles)', () => {
    expect(1.005 * 100).toBeLessThan(100.5);
    expect(round('half_up', 1.005, 0.01)).toBe(1.01);
    expect(round('half_down', 1.005, 0.01)).toBe(1);
    expect(round('half_even', 1.005, 0.01)).toBe(1);
    expect(round('half_even', 1.015, 0.01)).toBe(1.02);
    expect(round('half_up', -1.005, 0.01)).toBe(-1.01);
  });

  it('treats a value within a billionth of an increment of a multiple as that multiple', () => {
    expect(4.35 * 100).not.toBe(435);
    expect(round('down', 4.35, 0.01)).toBe(4.35);
    expect(round('up', 4.35, 0.01)).toBe(4.35);
    expect(0.7 / 0.1).not.toBe(7);
    expect(round('down', 0.7, 0.1)).toBe(0.7);
    expect(round('up', 2 + 1e-12, 1)).toBe(2);
    expect(round('up', 2 + 1e-6, 1)).toBe(3);
    expect(round('half_up', 2.5 - 1e-12, 1)).toBe(3);
    expect(round('half_up', 2.5 - 1e-6, 1)).toBe(2);
  });

  it('widens the tolerance to a few units in the last place for large quotients', () => {
    // 10000000.005 * 100 is 1000000000.5000001: one unit in the last place above the half.
    expect(10_000_000.005 * 100).toBeGreaterThan(1_000_000_000.5);
    expect(round('half_even', 10_000_000.005, 0.01)).toBe(10_000_000);
    expect(round('half_down', 10_000_000.005, 0.01)).toBe(10_000_000);
  });

  it('keeps the tolerance meaningful for large amounts', () => {
    expect(round('half_up', 123_456_789_050, 100)).toBe(123_456_789_100);
    expect(round('half_up', 123_456_789_049, 100)).toBe(123_456_789_000);
    // Halves are still exact here: 2^52 + 1 and 2^52 + 3 are odd multiples of half the increment.
    expect(round('half_even', 2 ** 52 + 1, 2)).toBe(2 ** 52);
    expect(round('half_even', 2 ** 52 + 3, 2)).toBe(2 ** 52 + 4);
  });
});

describe('edge cases', () => {
  it('never returns -0', () => {
    expect(Object.is(round('half_up', -0.4), 0)).toBe(true);
    expect(Object.is(round('down', -0.9), 0)).toBe(true);
    expect(Object.is(round('half_even', -0), 0)).toBe(true);
  });

  it('throws for a non-finite value', () => {
    const rounding = createRounding({ mode: 'half_up', increment: 1 }, 'roundings.dollars');
    expect(() => rounding(Number.NaN)).toThrow(ExpressionError);
    expect(() => rounding(Number.POSITIVE_INFINITY)).toThrow('roundings.dollars: cannot round a non-finite');
  });
});

describe('definitions', () => {
  const invalid = (def: unknown): ExpressionError => {
    try {
      createRounding(def as RoundingDefinition, 'roundings.premium');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      return error as ExpressionError;
    }
    throw new Error('expected the definition to be refused');
  };

  it.each([0, -100, Number.NaN, Number.POSITIVE_INFINITY, '100'])('refuses increment %s', (increment) => {
    const error = invalid({ mode: 'half_up', increment });
    expect(error.path).toBe('roundings.premium.increment');
    expect(error.reason).toContain('finite number greater than 0');
  });

  it('refuses an unknown mode', () => {
    const error = invalid({ mode: 'bankers', increment: 1 });
    expect(error.path).toBe('roundings.premium.mode');
    expect(error.reason).toContain('unknown rounding mode "bankers"');
  });
});
