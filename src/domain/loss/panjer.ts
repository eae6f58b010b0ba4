/**
 * Panjer's recursion (H. H. Panjer, "Recursive evaluation of a family of compound distributions", ASTIN Bulletin 12,
 * 1981) for S = Y_1 + … + Y_N with N in the (a, b, 0) class and Y on a lattice:
 *
 *   g_0 = P_N(f_0),   g_k = 1 / (1 - a f_0) · Σ_{j=1}^{min(k, m)} (a + b j / k) f_j g_{k-j}
 *
 * Every term is non-negative, so the recursion is numerically stable; its cost is n · m multiply-adds for n
 * aggregate points and m claim points.
 *
 * Underflow: for a large expected count g_0 = P_N(f_0) is below the smallest double (e^{-λ} for λ > 745) and the
 * textbook recursion would return zeros. The recursion is linear in g, so it runs on g / g_0 instead, started at 1,
 * with ln g_0 kept apart; whenever the running values pass 2^600 all of them are multiplied by 2^-600 (exact, a
 * power of two) and the exponent is carried in that separate logarithm. The true values are restored at the end;
 * those that are below the double range there are below it in truth. This gives the same answer as starting from
 * λ/2^k and convolving k times, without the convolutions.
 */
import type { Frequency } from './frequency';
import { logPgf, panjerClass } from './frequency';

const RESCALE_ABOVE = 2 ** 600;
const RESCALE_BY = 2 ** -600;
const LOG_RESCALE = 600 * Math.LN2;

/** g_0 … g_{n-1}: P(S = kh) for the lattice claim distribution `claim` (f_0 … f_m). */
export function panjer(frequency: Frequency, claim: Float64Array, points: number): Float64Array {
  const { a, b } = panjerClass(frequency);
  const f0 = claim[0]!;
  const g = new Float64Array(points);
  let logScale = logPgf(frequency, f0);
  g[0] = 1;
  const denominator = 1 - a * f0;
  const m = claim.length - 1;
  for (let k = 1; k < points; k++) {
    const top = Math.min(k, m);
    let sum = 0;
    const bOverK = b / k;
    for (let j = 1; j <= top; j++) sum += (a + bOverK * j) * claim[j]! * g[k - j]!;
    const value = sum / denominator;
    g[k] = value;
    if (value > RESCALE_ABOVE) {
      for (let i = 0; i <= k; i++) g[i] = g[i]! * RESCALE_BY;
      logScale += LOG_RESCALE;
    }
  }
  const factor = Math.exp(logScale);
  if (factor > 1e-290 && factor < Number.POSITIVE_INFINITY) {
    for (let k = 0; k < points; k++) g[k] = g[k]! * factor;
  } else {
    // The common factor is outside the double range; each value is brought back through its own logarithm.
    for (let k = 0; k < points; k++) g[k] = g[k]! > 0 ? Math.exp(Math.log(g[k]!) + logScale) : 0;
  }
  return g;
}
