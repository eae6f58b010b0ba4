import { ExpressionError } from './errors';
import type { RoundingDefinition, RoundingMode } from './types';

export type Rounding = (x: number) => number;

const MODES: ReadonlySet<string> = new Set<RoundingMode>(['half_up', 'half_even', 'half_down', 'up', 'down']);

/**
 * How close (in increments) a quotient must be to an integer or to a half to count as one. Decimal inputs are rarely
 * exact in binary: 1.005 / 0.01 is 100.49999999999999, yet a model author writing 1.005 means a half. A billionth of
 * an increment absorbs that error at ordinary magnitudes without capturing any value a person would write. Above
 * about 5e5 increments the doubles themselves are coarser than that, so the tolerance grows to 8 units in the last
 * place of the quotient; it stops at a thousandth of an increment so that, near 2^53, where doubles are whole or
 * half numbers, a real half is never taken for an integer.
 */
const ABSOLUTE_TOLERANCE = 1e-9;
const RELATIVE_TOLERANCE = 8 * Number.EPSILON;
const MAX_TOLERANCE = 1e-3;

/**
 * Validates a rounding definition and returns the rounding function. Rounding is symmetric about zero: the
 * magnitude is rounded and the sign restored, so half_up and up move away from zero, half_down and down toward it.
 */
export function createRounding(def: RoundingDefinition, path = 'rounding'): Rounding {
  if (typeof def !== 'object' || def === null) throw new ExpressionError(path, 'must be an object { mode, increment }');
  const { mode, increment } = def;
  if (typeof mode !== 'string' || !MODES.has(mode)) {
    throw new ExpressionError(
      `${path}.mode`,
      `unknown rounding mode ${JSON.stringify(mode)} (expected half_up, half_even, half_down, up or down)`,
    );
  }
  if (typeof increment !== 'number' || !Number.isFinite(increment) || !(increment > 0)) {
    throw new ExpressionError(`${path}.increment`, 'must be a finite number greater than 0');
  }

  // For a decimal fraction such as 0.01, multiplying by 100 and dividing the integer by 100 gives the correctly
  // rounded decimal result (12.35), where dividing by 0.01 and multiplying back can leave 12.350000000000001.
  const inverse = Math.round(1 / increment);
  const useInverse = increment < 1 && inverse > 1 && Math.abs(inverse * increment - 1) <= 4 * Number.EPSILON;
  const scale = useInverse ? (x: number) => x * inverse : (x: number) => x / increment;
  const unscale = useInverse ? (n: number) => n / inverse : (n: number) => n * increment;

  return (x: number): number => {
    if (typeof x !== 'number' || x - x !== 0) {
      throw new ExpressionError(path, `cannot round a non-finite or non-numeric value (${String(x)})`);
    }
    const q = scale(x);
    const magnitude = q < 0 ? -q : q;
    const tolerance = Math.min(MAX_TOLERANCE, Math.max(ABSOLUTE_TOLERANCE, magnitude * RELATIVE_TOLERANCE));
    let n = Math.floor(magnitude);
    let fraction = magnitude - n;
    if (fraction <= tolerance) {
      fraction = 0;
    } else if (1 - fraction <= tolerance) {
      n += 1;
      fraction = 0;
    }
    if (fraction !== 0) {
      if (mode === 'up') {
        n += 1;
      } else if (mode !== 'down') {
        const half = Math.abs(fraction - 0.5) <= tolerance;
        if (!half) {
          if (fraction > 0.5) n += 1;
        } else if (mode === 'half_up' || (mode === 'half_even' && n % 2 === 1)) {
          n += 1;
        }
      }
    }
    const rounded = unscale(n);
    // `+ 0` turns the -0 that rounding a small negative value to zero would give into 0.
    return (q < 0 ? -rounded : rounded) + 0;
  };
}
