/**
 * The annual aggregate S = Y_1 + … + Y_N of one cover's per-claim losses, on a lattice of span h up to a top, and
 * what an annual aggregate layer (attachment a, limit l) reads from it.
 *
 * The lattice distribution makes P(S > x) a step function, constant on [kh, (k+1)h), so every figure here is an
 * exact integral of a step function, not a quadrature: E[min(S, c)] = ∫_0^c P(S > x) dx is linear between grid
 * points (interpolating it linearly is exact for the discretised S), a layer's expected loss is that integral over
 * (a, a + l], and its loaded cost the same integral of g(P(S > x)). Integrals over adjacent intervals add, so expected
 * loss and loaded cost are additive across any split of a tower, to floating-point rounding.
 */
import type { ClaimLayer } from './claim-layer';
import { discretise, MAX_POINTS, MIN_POINTS } from './discretise';
import { type Distortion, distortionFunction } from './distortion';
import { LossParameterError, requireInteger, requireNonNegative, requirePositive } from './errors';
import { type Frequency, thin, validateFrequency } from './frequency';
import { panjer } from './panjer';

export interface AggregateInput {
  readonly frequency: Frequency;
  readonly claim: ClaimLayer;
  /** The highest aggregate amount any layer asked about reaches (max of a + l); the grid covers [0, top]. */
  readonly top: number;
  /** Grid span h; when omitted, chosen by `chooseSpan`. Options compared with each other should share one span. */
  readonly span?: number;
}

/**
 * The span for a grid reaching `top`: top / n for the smallest n in 2^12 … 2^15 with h ≤ E[Y | Y > 0] / 16, so a
 * typical claim spans at least 16 cells where the budget allows. Panjer costs n · min(n, maxLoss / h), which is what
 * the 2^15 ceiling bounds; local moment matching keeps the mean exact whatever h is, and the error of other figures
 * falls with h².
 */
export function chooseSpan(top: number, claim: ClaimLayer): number {
  requirePositive('top', top);
  const meanGivenLoss = claim.lossProbability > 0 ? claim.mean() / claim.lossProbability : top;
  let points = MIN_POINTS;
  while (points < MAX_POINTS && top / points > meanGivenLoss / 16) points *= 2;
  return top / points;
}

export interface LayerFigures {
  /** E[min(S, a + l)] - E[min(S, a)]. */
  readonly expectedLoss: number;
  /** P(S > a). */
  readonly attachProbability: number;
  /** P(S ≥ a + l): P(S > x) just below the top of the layer (the left limit on the lattice). */
  readonly exhaustProbability: number;
  /** E[min(S, a + l) - a | S > a], or null when the layer cannot attach. */
  readonly meanLossGivenAttachment: number | null;
}

export class AggregateLoss {
  readonly span: number;
  readonly points: number;
  readonly top: number;
  /** P(S = kh), k = 0 … points - 1. */
  readonly probabilities: Float64Array;
  /** P(S > kh), k = 0 … points - 1. */
  readonly survival: Float64Array;
  /** The claim count after thinning to claims that reach the cover. */
  readonly claimFrequency: Frequency;

  constructor(input: AggregateInput) {
    validateFrequency(input.frequency);
    requirePositive('top', input.top);
    const span = input.span ?? chooseSpan(input.top, input.claim);
    requirePositive('span', span);
    const points = Math.ceil(input.top / span - 1e-9);
    requireInteger('points', points, 1, MAX_POINTS);
    this.span = span;
    this.points = points;
    this.top = points * span;
    const reach = input.claim.lossProbability;
    this.claimFrequency = thin(input.frequency, reach);
    this.probabilities =
      reach > 0
        ? panjer(this.claimFrequency, discretise(input.claim, span, points, reach), points)
        : Float64Array.from({ length: points }, (_, k) => (k === 0 ? 1 : 0));
    this.survival = survivalFrom(this.probabilities);
  }

  private checkRange(parameter: string, x: number): void {
    requireNonNegative(parameter, x);
    if (x > this.top * (1 + 1e-12)) {
      throw new LossParameterError(parameter, `reaches ${x}, above the grid top ${this.top}`);
    }
  }

  /** ∫_from^to g(P(S > x)) dx over the step function, summed cell by cell. */
  private integrate(from: number, to: number, g: (s: number) => number): number {
    const h = this.span;
    const end = Math.min(to, this.top);
    let total = 0;
    let x = from;
    let k = Math.floor(from / h);
    while (x < end && k < this.points) {
      const cellEnd = Math.min((k + 1) * h, end);
      total += (cellEnd - x) * g(this.survival[k]!);
      x = cellEnd;
      k++;
    }
    return total;
  }

  /** E[min(S, c)] for 0 ≤ c ≤ top. */
  lev(c: number): number {
    this.checkRange('c', c);
    return this.integrate(0, c, identity);
  }

  /** P(S > x) for 0 ≤ x < top (right-continuous). */
  exceedance(x: number): number {
    this.checkRange('x', x);
    return this.survival[Math.min(this.points - 1, Math.floor(x / this.span))]!;
  }

  layer(attachment: number, limit: number): LayerFigures {
    this.checkLayer(attachment, limit);
    const expectedLoss = this.integrate(attachment, attachment + limit, identity);
    const attachProbability = this.exceedance(attachment);
    const below = Math.ceil((attachment + limit) / this.span) - 1;
    const exhaustProbability = this.survival[Math.max(0, Math.min(this.points - 1, below))]!;
    return {
      expectedLoss,
      attachProbability,
      exhaustProbability,
      meanLossGivenAttachment: attachProbability > 0 ? expectedLoss / attachProbability : null,
    };
  }

  /** ∫_a^{a+l} g(P(S > x)) dx: the layer's expected loss plus its risk load under the distortion g. */
  loadedCost(attachment: number, limit: number, distortion: Distortion): number {
    this.checkLayer(attachment, limit);
    return this.integrate(attachment, attachment + limit, distortionFunction(distortion));
  }

  private checkLayer(attachment: number, limit: number): void {
    this.checkRange('attachment', attachment);
    requireNonNegative('limit', limit);
    this.checkRange('limit', attachment + limit);
  }
}

function identity(s: number): number {
  return s;
}

/**
 * P(S > kh) summed from the top down, tail first, so small exceedance probabilities keep their relative precision
 * instead of being 1 minus a sum close to 1. The mass above the grid is 1 minus the grid's total, which is only known
 * to rounding; clamping keeps every value a probability.
 */
function survivalFrom(probabilities: Float64Array): Float64Array {
  let total = 0;
  let compensation = 0;
  for (const p of probabilities) {
    // Neumaier's compensated sum: the grid's total decides the mass beyond it.
    const t = total + p;
    compensation += Math.abs(total) >= Math.abs(p) ? total - t + p : p - t + total;
    total = t;
  }
  let above = Math.min(1, Math.max(0, 1 - (total + compensation)));
  const survival = new Float64Array(probabilities.length);
  for (let k = probabilities.length - 1; k >= 0; k--) {
    survival[k] = Math.min(1, above);
    above += probabilities[k]!;
  }
  return survival;
}
