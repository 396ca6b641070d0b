/**
 * erf, erfc and the scaled complementary error function erfcx(x) = e^{x²}·erfc(x), to double precision,
 * from W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the error
 * function", Math. Comp. 23, 1969, and the 1990 revision of the coefficients). The coefficients are Cody's
 * published figures; the evaluation scheme is ours. Three intervals of |x|: [0, 0.46875] (erf as x·P(x²)/Q(x²)),
 * (0.46875, 4] (erfcx as P(x)/Q(x)), (4, ∞) (erfcx as (1/√π − z·P(z)/Q(z))/x with z = 1/x²).
 *
 * e^{−x²} is never formed from the rounded product x·x: x² is split as z² + (x − z)(x + z) with z = x rounded
 * down to a multiple of 1/16, so that erfc keeps its relative accuracy out to its underflow at x ≈ 26.5.
 */

const FIRST_BREAK = 0.46875;
const SECOND_BREAK = 4;
/** erfc(x) underflows to 0 beyond this. */
const ERFC_UNDERFLOW = 26.543;
/** erfcx(x) overflows to +∞ below this. */
const ERFCX_OVERFLOW = -26.628;
/** Beyond this 1/x² is below ε and erfcx(x) = 1/(x·√π) to the last bit. */
const ERFCX_ASYMPTOTIC = 67100000;
const INV_SQRT_PI = 0.5641895835477563;

// Interval 1: erf(x) = x·A(x²)/B(x²).
const A0 = 3.1611237438705655;
const A1 = 113.86415415105016;
const A2 = 377.485237685302;
const A3 = 3209.3775891384694;
const A4 = 0.18577770618460315;
const B0 = 23.601290952344122;
const B1 = 244.02463793444417;
const B2 = 1282.6165260773723;
const B3 = 2844.236833439171;

// Interval 2: erfcx(x) = C(x)/D(x).
const C0 = 0.5641884969886701;
const C1 = 8.883149794388377;
const C2 = 66.11919063714163;
const C3 = 298.6351381974001;
const C4 = 881.952221241769;
const C5 = 1712.0476126340707;
const C6 = 2051.0783778260716;
const C7 = 1230.3393547979972;
const C8 = 2.1531153547440383e-8;
const D0 = 15.744926110709835;
const D1 = 117.6939508913125;
const D2 = 537.1811018620099;
const D3 = 1621.3895745666903;
const D4 = 3290.7992357334597;
const D5 = 4362.619090143247;
const D6 = 3439.3676741437216;
const D7 = 1230.3393548037495;

// Interval 3: erfcx(x) = (1/√π − z·P(z)/Q(z))/x, z = 1/x².
const P0 = 0.30532663496123236;
const P1 = 0.36034489994980445;
const P2 = 0.12578172611122926;
const P3 = 0.016083785148742275;
const P4 = 0.0006587491615298378;
const P5 = 0.016315387137302097;
const Q0 = 2.568520192289822;
const Q1 = 1.8729528499234604;
const Q2 = 0.5279051029514285;
const Q3 = 0.06051834131244132;
const Q4 = 0.0023352049762686918;

/** erf(x) for |x| ≤ 0.46875 only (Cody's first interval). */
export function erfSmall(x: number): number {
  const z = x * x;
  const num = (((A4 * z + A0) * z + A1) * z + A2) * z + A3;
  const den = (((z + B0) * z + B1) * z + B2) * z + B3;
  return (x * num) / den;
}

/** erfcx(y) for 0.46875 < y ≤ 4. */
function erfcxMiddle(y: number): number {
  const num = (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
  const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
  return num / den;
}

/** erfcx(y) for y > 4. */
function erfcxLarge(y: number): number {
  if (y >= ERFCX_ASYMPTOTIC) return INV_SQRT_PI / y;
  const z = 1 / (y * y);
  const num = ((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z + P4;
  const den = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4;
  return (INV_SQRT_PI - (z * num) / den) / y;
}

/** e^{−y²} to full relative accuracy (y ≥ 0), by splitting y² at a multiple of 1/16. */
export function expMinusSquare(y: number): number {
  const z = Math.trunc(y * 16) / 16;
  return Math.exp(-z * z) * Math.exp(-(y - z) * (y + z));
}

/** e^{+y²} to full relative accuracy, split like {@link expMinusSquare}. */
function expPlusSquare(y: number): number {
  const z = Math.trunc(y * 16) / 16;
  return Math.exp(z * z) * Math.exp((y - z) * (y + z));
}

/**
 * erfcx(y) = e^{y²}·erfc(y) for y ≥ 0 only (no sign handling: the hot path of the normalised Black function).
 * Decreases from 1 at 0 like 1/(y√π).
 */
export function erfcxNonNegative(y: number): number {
  if (y > SECOND_BREAK) return erfcxLarge(y);
  if (y > FIRST_BREAK) return erfcxMiddle(y);
  return Math.exp(y * y) * (1 - erfSmall(y));
}

/** The error function erf(x), to double precision. */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= FIRST_BREAK) return erfSmall(x);
  const r = y >= ERFC_UNDERFLOW ? 1 : 1 - erfcNonNegative(y);
  return x < 0 ? -r : r;
}

/** erfc(y) for y > 0.46875. */
function erfcNonNegative(y: number): number {
  if (y >= ERFC_UNDERFLOW) return 0;
  return expMinusSquare(y) * (y > SECOND_BREAK ? erfcxLarge(y) : erfcxMiddle(y));
}

/** The complementary error function erfc(x) = 1 − erf(x), to full relative accuracy for every x. */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= FIRST_BREAK) return 1 - erfSmall(x);
  if (Number.isNaN(x)) return x;
  const r = erfcNonNegative(y);
  return x < 0 ? 2 - r : r;
}

/** The scaled complementary error function erfcx(x) = e^{x²}·erfc(x); +∞ below x ≈ −26.63. */
export function erfcx(x: number): number {
  if (x >= 0) return erfcxNonNegative(x);
  if (x >= -FIRST_BREAK) return Math.exp(x * x) * (1 - erfSmall(x));
  if (x < ERFCX_OVERFLOW) return Infinity;
  if (Number.isNaN(x)) return x;
  const y = -x;
  return 2 * expPlusSquare(y) - (y > SECOND_BREAK ? erfcxLarge(y) : erfcxMiddle(y));
}
