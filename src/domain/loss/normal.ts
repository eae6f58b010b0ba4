/**
 * The standard normal distribution, accurate in both tails: the lognormal severity body, its limited expected values
 * and the Wang transform all need Φ far into the tails, where `1 - Φ(x)` computed by subtraction is pure rounding.
 *
 * erfc is W. J. Cody's rational Chebyshev approximation (CALERF, "Rational Chebyshev approximations for the error
 * function", Mathematics of Computation 23, 1969; the SPECFUN version of 1985/1990), relative error below 1e-15 over
 * the double range. The inverse is Peter J. Acklam's algorithm (relative error 1.15e-9) refined by one Halley step
 * against that erfc, which brings it to about 1e-15. The coefficients are written as the doubles they round to
 * (the shortest decimal that reads back as the same double), so the values are exactly those of the references.
 */

const ERF_A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const ERF_B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const ERFC_C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707,
  2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const ERFC_D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247,
  3439.3676741437216, 1230.3393548037495,
];
const ERFC_P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const ERFC_Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
const ONE_OVER_SQRT_PI = 0.5641895835477563;
// Beyond this erfc(x) underflows to zero in double precision.
const ERFC_ZERO = 26.543;

/** exp(-y²) without the rounding of squaring y: y is split at a multiple of 1/16 so y² is exact in the first part. */
function expMinusSquare(y: number): number {
  const head = Math.trunc(y * 16) / 16;
  const tail = (y - head) * (y + head);
  return Math.exp(-head * head) * Math.exp(-tail);
}

/** The complementary error function, Cody's CALERF with JINT = 1. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= 0.46875) {
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = ERF_A[4]! * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + ERF_A[i]!) * ysq;
      den = (den + ERF_B[i]!) * ysq;
    }
    // erf(x) for small |x|, so erfc = 1 - erf already carries the sign of x.
    return 1 - (x * (num + ERF_A[3]!)) / (den + ERF_B[3]!);
  }
  if (y <= 4) {
    let num = ERFC_C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERFC_C[i]!) * y;
      den = (den + ERFC_D[i]!) * y;
    }
    result = (expMinusSquare(y) * (num + ERFC_C[7]!)) / (den + ERFC_D[7]!);
  } else if (y >= ERFC_ZERO) {
    result = 0;
  } else {
    const ysq = 1 / (y * y);
    let num = ERFC_P[5]! * ysq;
    let den = ysq;
    for (let i = 0; i < 4; i++) {
      num = (num + ERFC_P[i]!) * ysq;
      den = (den + ERFC_Q[i]!) * ysq;
    }
    const r = (ysq * (num + ERFC_P[4]!)) / (den + ERFC_Q[4]!);
    result = (expMinusSquare(y) * (ONE_OVER_SQRT_PI - r)) / y;
  }
  return x < 0 ? 2 - result : result;
}

/** Φ(x), with full relative accuracy in the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** 1 - Φ(x) = Φ(-x), with full relative accuracy in the upper tail. */
export function normalSurvival(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

const ACKLAM_A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const ACKLAM_C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const ACKLAM_LOW = 0.02425;
const SQRT_TWO_PI = 2.5066282746310002;

/** Acklam's lower-tail branch, for q in (0, ACKLAM_LOW). */
function acklamLowerTail(q: number): number {
  const t = Math.sqrt(-2 * Math.log(q));
  const c = ACKLAM_C;
  const d = ACKLAM_D;
  return (
    (((((c[0]! * t + c[1]!) * t + c[2]!) * t + c[3]!) * t + c[4]!) * t + c[5]!) /
    ((((d[0]! * t + d[1]!) * t + d[2]!) * t + d[3]!) * t + 1)
  );
}

/**
 * Φ⁻¹(q) for q in [0, 1]: -∞ at 0, +∞ at 1. Above 1/2 it is computed as -Φ⁻¹(1 - q), which is exact because
 * 1 - q has no rounding there, so both tails keep full precision.
 */
export function normalQuantile(q: number): number {
  if (!(q >= 0 && q <= 1)) return Number.NaN;
  if (q === 0) return Number.NEGATIVE_INFINITY;
  if (q === 1) return Number.POSITIVE_INFINITY;
  if (q > 0.5) return -normalQuantile(1 - q);
  let x: number;
  if (q < ACKLAM_LOW) {
    x = acklamLowerTail(q);
  } else {
    const s = q - 0.5;
    const r = s * s;
    const a = ACKLAM_A;
    const b = ACKLAM_B;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * s) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  // One Halley step on Φ(x) = q; the lower-tail Φ is accurate relative to q, so the step is too.
  const density = Math.exp((-x * x) / 2) / SQRT_TWO_PI;
  // Deep in the subnormal range the density underflows too; Acklam's value is then the best there is.
  if (!(density > 0)) return x;
  const u = (normalCdf(x) - q) / density;
  return x - u / (1 + (x * u) / 2);
}
