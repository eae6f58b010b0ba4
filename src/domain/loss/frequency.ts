/**
 * Claim counts per year: Poisson, or negative binomial as a Poisson whose rate is gamma distributed with mean λ and
 * shape k. That shape is the over-dispersion parameter `a` of issue 23's experience modification
 * mod = (a + N) / (a + λT): with a gamma(shape a, mean λ) prior on the rate, the posterior mean after N claims in T
 * years is λ (a + N) / (a + λT). One declared parameter thus serves pricing and experience.
 *
 * Both are in the (a, b, 0) class of Loss Models, p_n = (a + b / n) p_{n-1}, which is what Panjer's recursion needs:
 *   Poisson(λ):        a = 0,            b = λ,              p_0 = e^{-λ}
 *   NB(k, β = λ / k):  a = β / (1 + β),  b = (k - 1) β/(1+β), p_0 = (1 + β)^{-k},   Var N = λ + λ² / k
 */
import { requireFinite, requireNonNegative, requireOpenUnit, requirePositive } from './errors';

export type Frequency =
  | { readonly kind: 'poisson'; readonly mean: number }
  | { readonly kind: 'negative-binomial'; readonly mean: number; readonly shape: number };

export function poisson(mean: number): Frequency {
  requireNonNegative('mean', mean);
  return { kind: 'poisson', mean };
}

/** Negative binomial with mean λ and gamma-mixing shape k (issue 23's `a`): variance λ + λ²/k. */
export function negativeBinomial(mean: number, shape: number): Frequency {
  requireNonNegative('mean', mean);
  requirePositive('shape', shape);
  return { kind: 'negative-binomial', mean, shape };
}

export function validateFrequency(frequency: Frequency): void {
  if (frequency.kind === 'poisson') poisson(frequency.mean);
  else negativeBinomial(frequency.mean, frequency.shape);
}

export function frequencyVariance(frequency: Frequency): number {
  const { mean } = frequency;
  return frequency.kind === 'poisson' ? mean : mean + (mean * mean) / frequency.shape;
}

export interface PanjerClass {
  readonly a: number;
  readonly b: number;
  /** ln p_0, kept as a logarithm because p_0 underflows for λ above about 745. */
  readonly logP0: number;
}

export function panjerClass(frequency: Frequency): PanjerClass {
  if (frequency.kind === 'poisson') return { a: 0, b: frequency.mean, logP0: -frequency.mean };
  const beta = frequency.mean / frequency.shape;
  const a = beta / (1 + beta);
  return { a, b: (frequency.shape - 1) * a, logP0: -frequency.shape * Math.log1p(beta) };
}

/**
 * ln P_N(z) = ln E[z^N], the probability generating function, for z in [0, 1]: Panjer's recursion starts from
 * P(S = 0) = P_N(P(Y = 0)).
 */
export function logPgf(frequency: Frequency, z: number): number {
  if (frequency.kind === 'poisson') return frequency.mean * (z - 1);
  return -frequency.shape * Math.log1p((frequency.mean / frequency.shape) * (1 - z));
}

/**
 * The count of claims that survive an independent filter of probability π (those above a retention, π = P(X > r)):
 * Poisson(λ) becomes Poisson(λπ) and NB(k, β) becomes NB(k, βπ), so the shape k, and with it the experience
 * formula's meaning, is unchanged.
 */
export function thin(frequency: Frequency, probability: number): Frequency {
  requireFinite('probability', probability);
  if (probability !== 0 && probability !== 1) requireOpenUnit('probability', probability);
  return { ...frequency, mean: frequency.mean * probability };
}

/**
 * The cumulative probabilities F(0), F(1), … up to the count where the remaining mass is below 1e-17: a table the
 * simulation inverts once per year by binary search. Terms are carried as logarithms so a large λ, whose p_0
 * underflows, still gives the right table.
 */
export function countCdfTable(frequency: Frequency): Float64Array {
  const { a, b, logP0 } = panjerClass(frequency);
  const values: number[] = [];
  let logTerm = logP0;
  let cumulative = 0;
  for (let n = 0; ; n++) {
    if (n > 0) logTerm += Math.log(a + b / n);
    const term = Math.exp(logTerm);
    cumulative += term;
    values.push(Math.min(cumulative, 1));
    // Past the mean the terms fall geometrically (ratio a + b/n < 1), so a term this small relative to the total
    // leaves less than a rounding error behind.
    if (n >= frequency.mean && (term <= 1e-17 * cumulative || cumulative >= 1)) break;
  }
  return Float64Array.from(values);
}

/**
 * The smallest n with F(n) ≥ q: the claim count of a year whose frequency uniform is q. Non-decreasing in q and, for
 * a fixed q, non-decreasing in λ (F(n) falls as λ rises), which is what makes a lower frequency never give a worse
 * simulated year.
 */
export function countFromUniform(table: Float64Array, q: number): number {
  let low = 0;
  let high = table.length - 1;
  if (q > table[high]!) return high;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (table[middle]! >= q) high = middle;
    else low = middle + 1;
  }
  return low;
}
