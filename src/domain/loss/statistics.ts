/**
 * What a set of simulated years reports: the mean, values exceeded with given probabilities, and tail value at risk,
 * each with its standard error, so a reader can tell a figure from its noise.
 */

export interface Estimate {
  readonly value: number;
  readonly standardError: number;
}

export interface ExceedancePoint extends Estimate {
  /** The annual probability of exceeding `value`. */
  readonly probability: number;
}

/** The probabilities issue 23 reports: 1 in 2, 5, 10, 20, 50, 100, 200, 250, 500 and 1,000 years. */
export const EXCEEDANCE_PROBABILITIES: readonly number[] = Object.freeze([
  0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.004, 0.002, 0.001,
]);

/** The sample mean and its standard error s / √n. */
export function meanEstimate(values: Float64Array): Estimate {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const variance = n > 1 ? squares / (n - 1) : 0;
  return { value: mean, standardError: Math.sqrt(variance / n) };
}

function at(sorted: Float64Array, rank: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * The value exceeded with probability p: the empirical quantile at 1 - p, the order statistic of rank ⌈n(1 - p)⌉.
 * Its standard error is distribution-free: the rank of the true quantile among n draws is binomial(n, 1 - p), so the
 * order statistics one binomial standard deviation √(n p (1 - p)) either side bracket it with about 68% confidence,
 * and half that bracket's width is the standard error.
 */
export function exceedancePoint(sorted: Float64Array, p: number): ExceedancePoint {
  const n = sorted.length;
  const rank = n * (1 - p);
  const spread = Math.sqrt(n * p * (1 - p));
  const value = at(sorted, Math.ceil(rank - 1e-9));
  const low = at(sorted, Math.floor(rank - spread));
  const high = at(sorted, Math.ceil(rank + spread));
  return { probability: p, value, standardError: (high - low) / 2 };
}

/**
 * Tail value at risk at tail probability q: the mean of the worst n·q years (a fractional last year counted in part).
 * Standard error by the asymptotic variance of the estimator (Manistre & Hancock, "Variance of the CTE estimator",
 * North American Actuarial Journal 9(2), 2005): (Var(X | X > VaR) + (1 - q)(TVaR - VaR)²) / (n q).
 */
export function tailValueAtRisk(sorted: Float64Array, q: number): Estimate {
  const n = sorted.length;
  const count = n * q;
  const whole = Math.floor(count + 1e-9);
  const fraction = Math.max(0, count - whole);
  let sum = 0;
  for (let i = n - 1; i >= n - whole; i--) sum += sorted[i]!;
  if (fraction > 0 && n - whole - 1 >= 0) sum += fraction * sorted[n - whole - 1]!;
  const value = count > 0 ? sum / count : sorted[n - 1]!;
  const valueAtRisk = at(sorted, Math.ceil(n * (1 - q) - 1e-9));
  let squares = 0;
  for (let i = n - 1; i >= n - whole; i--) squares += (sorted[i]! - value) ** 2;
  const tailVariance = whole > 1 ? squares / (whole - 1) : 0;
  const variance = (tailVariance + (1 - q) * (value - valueAtRisk) ** 2) / Math.max(count, 1);
  return { value, standardError: Math.sqrt(variance) };
}
