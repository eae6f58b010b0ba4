/**
 * A claim-size distribution on the lattice 0, h, 2h, … by local moment matching of order 1 (Loss Models, "the
 * method of local moment matching"; Gerber 1982): the discrete Y_h keeps E[min(Y_h, jh)] = E[min(Y, jh)] at every
 * grid point, so its mean is E[min(Y, mh)] exactly and the aggregate built from it has mean λ · E[min(Y, mh)]
 * exactly. With I_j = ∫_{jh}^{(j+1)h} P(Y > t) dt,
 *
 *   f_0 = 1 - I_0 / h,   f_j = (I_{j-1} - I_j) / h  (0 < j < m),   f_m = I_{m-1} / h
 *
 * and P(Y_h > jh) = I_j / h is the average of P(Y > t) over the cell, so a stochastically larger Y gives a
 * stochastically larger Y_h: the orderings the pricing relies on survive discretisation. f_m carries all the mass
 * above (m - 1)h; an aggregate read only up to mh cannot tell it from the true tail (one claim of mh or more already
 * exhausts every layer the grid reaches).
 */
import { LossParameterError, requireInteger, requirePositive } from './errors';

/** What a claim distribution must offer to be discretised: its largest value and ∫_a^b P(Y > t) dt. */
export interface Discretisable {
  readonly maxLoss: number;
  levIncrement(a: number, b: number): number;
}

/** The largest lattice the module builds: 2^15 points keep Panjer's O(n · m) recursion under a second. */
export const MAX_POINTS = 2 ** 15;
/** The smallest: coarser grids make layer figures visibly step-like. */
export const MIN_POINTS = 2 ** 12;

/**
 * The probabilities f_0 … f_m of Y_h on span h, with m = min(points, ⌈maxLoss / h⌉); `scale` divides every I_j,
 * which turns the distribution of Y into that of Y given Y > 0 when scale = P(Y > 0) (the claim size after
 * thinning the frequency to the claims that reach the cover).
 */
export function discretise(claim: Discretisable, span: number, points: number, scale = 1): Float64Array {
  requirePositive('span', span);
  requireInteger('points', points, 1, MAX_POINTS);
  requirePositive('scale', scale);
  const cells = Math.max(1, Math.min(points, Math.ceil(claim.maxLoss / span)));
  const masses = new Float64Array(cells + 1);
  let previous = claim.levIncrement(0, span) / scale;
  if (previous > span * (1 + 1e-12)) {
    throw new LossParameterError('scale', 'is smaller than the probability of a loss: the masses would exceed 1');
  }
  masses[0] = Math.max(0, 1 - previous / span);
  for (let j = 1; j < cells; j++) {
    const current = claim.levIncrement(j * span, (j + 1) * span) / scale;
    // I_j ≤ I_{j-1} mathematically; a rounding difference below zero would only be noise.
    masses[j] = Math.max(0, (previous - current) / span);
    previous = current;
  }
  masses[cells] = previous / span;
  return masses;
}
