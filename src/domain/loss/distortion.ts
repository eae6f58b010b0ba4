/**
 * Risk loads as distortions of the aggregate's survival function (S. Wang, "Premium calculation by transforming the
 * layer premium density", ASTIN Bulletin 26, 1996; "A class of distortion operators for pricing financial and
 * insurance risks", Journal of Risk and Insurance 67, 2000). The loaded cost of the layer (a, a + l] is
 *
 *   ∫_a^{a+l} g(P(S > x)) dx
 *
 * for a concave g with g(0) = 0 and g(1) = 1. Because it is one integral over x of a function of x, the loaded
 * costs of adjacent layers add up to the loaded cost of the layer they make together, whatever g is; and g(s) ≥ s
 * makes every loaded cost at least the expected loss (g = identity).
 */
import { LossParameterError, requireFinite } from './errors';
import { normalCdf, normalQuantile } from './normal';

export type Distortion =
  /** g(s) = s: the expected loss itself. */
  | { readonly kind: 'none' }
  /** g(s) = s^(1/ρ), ρ ≥ 1: the proportional-hazards transform; ρ = 1 is no load. */
  | { readonly kind: 'proportional-hazards'; readonly rho: number }
  /** g(s) = Φ(Φ⁻¹(s) + λ), λ ≥ 0: the Wang transform; λ = 0 is no load. */
  | { readonly kind: 'wang'; readonly lambda: number };

export const NO_DISTORTION: Distortion = Object.freeze({ kind: 'none' });

export function validateDistortion(distortion: Distortion): void {
  if (distortion.kind === 'proportional-hazards') {
    requireFinite('rho', distortion.rho);
    if (!(distortion.rho >= 1)) throw new LossParameterError('rho', `must be at least 1, got ${distortion.rho}`);
  } else if (distortion.kind === 'wang') {
    requireFinite('lambda', distortion.lambda);
    if (!(distortion.lambda >= 0))
      throw new LossParameterError('lambda', `must not be negative, got ${distortion.lambda}`);
  } else if (distortion.kind !== 'none') {
    throw new LossParameterError('distortion', `unknown kind ${(distortion as { kind: unknown }).kind}`);
  }
}

/**
 * g as a function of s in [0, 1]. The max with s guards g(s) ≥ s against the last-digit rounding of Φ(Φ⁻¹(s)),
 * so "loaded is never below expected" holds cell by cell on the grid.
 */
export function distortionFunction(distortion: Distortion): (s: number) => number {
  validateDistortion(distortion);
  if (distortion.kind === 'proportional-hazards') {
    const power = 1 / distortion.rho;
    return (s) => Math.max(s, s ** power);
  }
  if (distortion.kind === 'wang') {
    const shift = distortion.lambda;
    return (s) => (s <= 0 ? 0 : s >= 1 ? 1 : Math.max(s, normalCdf(normalQuantile(s) + shift)));
  }
  return (s) => s;
}
