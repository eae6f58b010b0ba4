/**
 * Per-claim ground-up severity: a lognormal body below a threshold u spliced to a Pareto tail above it, censored at a
 * declared largest credible loss M. Amounts are in major currency units.
 *
 *   F(x) = p · Φ(z(x)) / Φ(z(u))                     0 < x ≤ u,  z(x) = (ln x - μ) / σ
 *   F(x) = 1 - (1 - p) · (θ / (θ + x - u))^α         u < x < M
 *   F(x) = 1                                         x ≥ M
 *
 * The body is the lognormal conditioned on X ≤ u and scaled by p = P(X ≤ u), so the CDF is continuous at u whatever
 * the parameters (the density may jump there; matching densities would take p away from the data it is fitted to).
 * The tail is the Pareto (Lomax) of Klugman, Panjer & Willmot's Loss Models shifted to u, which is the generalised
 * Pareto distribution of extreme-value theory with shape ξ = 1/α and scale θ/α: the limit law of any heavy tail
 * above a high threshold (Pickands–Balkema–de Haan), so θ is free to fit the data instead of being tied to u as in a
 * Pareto type I (which is the special case θ = u). α > 1 keeps the mean finite.
 *
 * The cap censors rather than truncates: the probability (1 - p)(θ / (θ + M - u))^α of a loss beyond M is kept, as a
 * loss of exactly M. M is the largest credible loss (everything the insured could lose to one event), so a tail
 * scenario beyond it is that largest loss, not an impossibility whose probability should be spread pro rata over all
 * smaller losses. Censoring also leaves the fitted body, p and the claim frequency meaning what they were fitted to
 * mean, and every formula below is the uncapped one evaluated at min(x, M).
 */
import { LossParameterError, requireFinite, requireLimit, requireOpenUnit, requirePositive } from './errors';
import { normalCdf, normalQuantile } from './normal';

export interface SeverityParameters {
  /** μ of ln X for the lognormal body. */
  readonly bodyMu: number;
  /** σ of ln X for the lognormal body. */
  readonly bodySigma: number;
  /** u: where the Pareto tail takes over. */
  readonly threshold: number;
  /** p = P(X ≤ u). */
  readonly bodyProbability: number;
  /** α > 1: the tail index (the generalised Pareto shape is 1/α). */
  readonly tailIndex: number;
  /** θ > 0: the Pareto scale of the tail (θ = u gives a Pareto type I tail). */
  readonly tailScale: number;
  /** M > u: the largest credible loss; losses beyond it are censored to it. Omitted or +Infinity: no cap. */
  readonly maximum?: number;
}

export function validateSeverity(parameters: SeverityParameters): void {
  requireFinite('bodyMu', parameters.bodyMu);
  requirePositive('bodySigma', parameters.bodySigma);
  requirePositive('threshold', parameters.threshold);
  requireOpenUnit('bodyProbability', parameters.bodyProbability);
  requireFinite('tailIndex', parameters.tailIndex);
  if (!(parameters.tailIndex > 1)) {
    throw new LossParameterError('tailIndex', `must exceed 1 so that the mean is finite, got ${parameters.tailIndex}`);
  }
  requirePositive('tailScale', parameters.tailScale);
  const maximum = parameters.maximum ?? Number.POSITIVE_INFINITY;
  requireLimit('maximum', maximum);
  if (!(maximum > parameters.threshold)) {
    throw new LossParameterError('maximum', `must exceed the threshold ${parameters.threshold}, got ${maximum}`);
  }
  const zu = (Math.log(parameters.threshold) - parameters.bodyMu) / parameters.bodySigma;
  if (!(normalCdf(zu) > 1e-300)) {
    throw new LossParameterError(
      'threshold',
      'lies so far below the lognormal body that the body has no mass under it',
    );
  }
}

export class SplicedSeverity {
  readonly maximum: number;
  private readonly mu: number;
  private readonly sigma: number;
  private readonly u: number;
  private readonly p: number;
  private readonly alpha: number;
  private readonly theta: number;
  /** Φ(z(u)): the lognormal's own mass below u, which the body is conditioned on. */
  private readonly bodyMass: number;
  /** ln E[lognormal] = μ + σ²/2, for the partial expectations of the body. */
  private readonly logBodyMean: number;
  /** ∫_0^u S(t) dt, the limited expected value at the threshold. */
  private readonly levAtThreshold: number;

  constructor(readonly parameters: SeverityParameters) {
    validateSeverity(parameters);
    this.mu = parameters.bodyMu;
    this.sigma = parameters.bodySigma;
    this.u = parameters.threshold;
    this.p = parameters.bodyProbability;
    this.alpha = parameters.tailIndex;
    this.theta = parameters.tailScale;
    this.maximum = parameters.maximum ?? Number.POSITIVE_INFINITY;
    this.bodyMass = normalCdf(this.z(this.u));
    this.logBodyMean = this.mu + (this.sigma * this.sigma) / 2;
    this.levAtThreshold = this.bodyLev(this.u);
  }

  private z(x: number): number {
    return (Math.log(x) - this.mu) / this.sigma;
  }

  /** (θ / (θ + x - u))^power for x ≥ u, through log1p so small excesses keep their precision. */
  private tailRatio(x: number, power: number): number {
    return Math.exp(-power * Math.log1p((x - this.u) / this.theta));
  }

  /** P(X ≤ x). */
  cdf(x: number): number {
    if (!(x > 0)) return 0;
    if (x >= this.maximum) return 1;
    if (x <= this.u) return Math.min(this.p, (this.p * normalCdf(this.z(x))) / this.bodyMass);
    return 1 - (1 - this.p) * this.tailRatio(x, this.alpha);
  }

  /** P(X > x), computed directly (not as 1 - cdf) so tail probabilities keep their relative precision. */
  survival(x: number): number {
    if (!(x > 0)) return 1;
    if (x >= this.maximum) return 0;
    if (x <= this.u) return 1 - this.cdf(x);
    return (1 - this.p) * this.tailRatio(x, this.alpha);
  }

  /** The smallest x with F(x) ≥ q, for q in [0, 1]; quantile(U) with U uniform samples X. */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new LossParameterError('q', `must lie in [0, 1], got ${q}`);
    if (q > this.p) return this.survivalQuantile(1 - q);
    if (q === 0) return 0;
    const x = Math.exp(this.mu + this.sigma * normalQuantile((q / this.p) * this.bodyMass));
    return Math.min(x, this.u, this.maximum);
  }

  /**
   * The x with P(X > x) = s, for s in [0, 1]. In the tail this is exact to rounding, where quantile(1 - s) would
   * lose the digits of s that 1 - s cannot hold.
   */
  survivalQuantile(s: number): number {
    if (!(s >= 0 && s <= 1)) throw new LossParameterError('s', `must lie in [0, 1], got ${s}`);
    if (s >= 1 - this.p) return this.quantile(1 - s);
    // (θ / (θ + x - u))^α = s / (1 - p)  ⇔  x = u + θ · ((s / (1 - p))^(-1/α) - 1)
    const x = this.u + this.theta * Math.expm1(-Math.log(s / (1 - this.p)) / this.alpha);
    return Math.min(x, this.maximum);
  }

  /** ∫_0^d S(t) dt for 0 ≤ d ≤ u: p/Φ(z(u)) · E[L; L ≤ d] + d · S(d), with L the unconditioned lognormal. */
  private bodyLev(d: number): number {
    if (!(d > 0)) return 0;
    const partial = Math.exp(this.logBodyMean + Math.log(normalCdf(this.z(d) - this.sigma)));
    return (this.p * partial) / this.bodyMass + d * this.survival(d);
  }

  /** ∫_u^x S(t) dt for x ≥ u: (1 - p) · θ / (α - 1) · (1 - (θ / (θ + x - u))^(α - 1)). */
  private tailIntegral(x: number): number {
    if (x === Number.POSITIVE_INFINITY) return ((1 - this.p) * this.theta) / (this.alpha - 1);
    const ratio = -Math.expm1(-(this.alpha - 1) * Math.log1p((x - this.u) / this.theta));
    return ((1 - this.p) * this.theta * ratio) / (this.alpha - 1);
  }

  /** The limited expected value E[min(X, d)] = ∫_0^d S(t) dt, in closed form. */
  lev(d: number): number {
    if (Number.isNaN(d)) throw new LossParameterError('d', 'must be a number');
    const x = Math.min(d, this.maximum);
    if (!(x > 0)) return 0;
    if (x <= this.u) return this.bodyLev(x);
    return this.levAtThreshold + this.tailIntegral(x);
  }

  /** E[X] = E[min(X, M)]. */
  mean(): number {
    return this.lev(this.maximum);
  }

  /**
   * ∫_a^b S(t) dt = lev(b) - lev(a) for 0 ≤ a ≤ b. Inside the tail it is computed without that subtraction, so a
   * narrow band far out (a discretisation cell) keeps its relative precision.
   */
  levIncrement(a: number, b: number): number {
    const from = Math.max(0, Math.min(a, this.maximum));
    const to = Math.min(b, this.maximum);
    if (!(to > from)) return 0;
    if (from < this.u) return this.lev(to) - this.lev(from);
    // (1 - p) θ/(α-1) · A^(α-1) · (1 - ((θ + from - u) / (θ + to - u))^(α-1)),  A = θ / (θ + from - u)
    const shrink =
      to === Number.POSITIVE_INFINITY
        ? 1
        : -Math.expm1(-(this.alpha - 1) * Math.log1p((to - from) / (this.theta + from - this.u)));
    return (((1 - this.p) * this.theta) / (this.alpha - 1)) * this.tailRatio(from, this.alpha - 1) * shrink;
  }
}
