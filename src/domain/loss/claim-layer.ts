/**
 * The loss one claim brings to the cover, after the retention, the insured's coinsurance share and the per-claim
 * limit, in that order (issue 23's per-event order, sublimits and the business-interruption waiting period not yet):
 *
 *   Y = (1 - c) · min(max(X - r, 0), l)
 *
 * Everything about Y follows from the severity's limited expected values, because for y < (1 - c) l
 *
 *   E[min(Y, y)] = (1 - c) · (E[min(X, r + y / (1 - c))] - E[min(X, r)])
 *
 * so the layer needs no numerical integration anywhere.
 */
import { LossParameterError, requireLimit, requireNonNegative } from './errors';
import type { SplicedSeverity } from './severity';

export interface ClaimTerms {
  /** r ≥ 0: the retention (deductible) per claim. */
  readonly retention: number;
  /** c in [0, 1): the share of each claim above the retention that the insured keeps. */
  readonly coinsurance: number;
  /** l > 0: the most one claim can take from the cover before coinsurance; +Infinity for none. */
  readonly limit: number;
}

export const GROUND_UP: ClaimTerms = Object.freeze({ retention: 0, coinsurance: 0, limit: Number.POSITIVE_INFINITY });

export function validateClaimTerms(terms: ClaimTerms): void {
  requireNonNegative('retention', terms.retention);
  requireNonNegative('coinsurance', terms.coinsurance);
  if (!(terms.coinsurance < 1)) {
    throw new LossParameterError(
      'coinsurance',
      `must be below 1 (the insured cannot keep every claim), got ${terms.coinsurance}`,
    );
  }
  requireLimit('limit', terms.limit);
}

export class ClaimLayer {
  /** 1 - c: the insurer's share. */
  private readonly share: number;
  /** The largest value Y can take: (1 - c) · min(l, M - r), 0 when the retention is at or above M. */
  readonly maxLoss: number;
  /** P(Y > 0) = P(X > r): the share of ground-up claims that reach the cover. */
  readonly lossProbability: number;

  constructor(
    readonly severity: SplicedSeverity,
    readonly terms: ClaimTerms,
  ) {
    validateClaimTerms(terms);
    this.share = 1 - terms.coinsurance;
    this.maxLoss = this.share * Math.max(0, Math.min(terms.limit, severity.maximum - terms.retention));
    this.lossProbability = severity.survival(terms.retention);
  }

  /** Y for one ground-up loss x; non-decreasing in x, which the simulation's common random numbers rely on. */
  lossOf(x: number): number {
    return this.share * Math.min(Math.max(x - this.terms.retention, 0), this.terms.limit);
  }

  /** Ground-up loss x for Y = y (its inverse on (0, maxLoss)). */
  private groundUp(y: number): number {
    return this.terms.retention + Math.min(this.terms.limit, y / this.share);
  }

  /** P(Y > y). */
  survival(y: number): number {
    if (y < 0) return 1;
    if (y >= this.maxLoss) return 0;
    return this.severity.survival(this.groundUp(y));
  }

  /** E[min(Y, y)]. */
  lev(y: number): number {
    return this.levIncrement(0, y);
  }

  /** E[Y]. */
  mean(): number {
    return this.share * this.severity.levIncrement(this.terms.retention, this.terms.retention + this.terms.limit);
  }

  /** ∫_a^b P(Y > t) dt = E[min(Y, b)] - E[min(Y, a)], for 0 ≤ a ≤ b, without cancellation far in the tail. */
  levIncrement(a: number, b: number): number {
    const from = Math.max(0, Math.min(a, this.maxLoss));
    const to = Math.min(b, this.maxLoss);
    if (!(to > from)) return 0;
    return this.share * this.severity.levIncrement(this.groundUp(from), this.groundUp(to));
  }
}
