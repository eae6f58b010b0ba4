/**
 * The one rounding rule of comparisons: half away from zero, to an integer. Per-unit premiums and the median of
 * an even count are the only figures a comparison rounds; everything else is a premium the rating already rounded.
 * Exact on integers of any size, since it divides BigInts rather than doubles.
 */
export function divideHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const rounded = (n % d) * 2n >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** A double rounded half away from zero to an integer (Math.round rounds -2.5 to -2). */
export function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** Two decimals, half away from zero: how composite points and percentiles are shown. */
export function round2(value: number): number {
  return roundHalfAwayFromZero(value * 100) / 100;
}
