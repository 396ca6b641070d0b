/**
 * The normalised Black function of P. Jäckel ("Let's Be Rational", 2013/2016):
 *
 *   b(x, s) = θ·[e^{x/2}·Φ(θ·(x/s + s/2)) − e^{−x/2}·Φ(θ·(x/s − s/2))],   x = ln(F/K), s = σ√T, θ = ±1,
 *
 * so that a Black price is √(F·K)·b (undiscounted). Everything here reduces to the out-of-the-money call,
 * x ≤ 0, written with h = x/s, t = s/2 and the Mills-type ratio Y(z) = Φ(z)/φ(z) = √(π/2)·erfcx(−z/√2):
 *
 *   b = φ̃·[Y(h + t) − Y(h − t)],   β_max − b = φ̃·[Y(−h − t) + Y(h − t)],   φ̃ = e^{x/2}·φ(h + t) = ∂b/∂s,
 *
 * with β_max = e^{x/2}. Three regions keep every evaluation free of destructive cancellation:
 * - small t (t < τ, |x| < 2): the Taylor series of Y(h + t) − Y(h − t) in t, whose coefficients are the
 *   odd derivatives of Y at h, from the recurrence Y⁽ⁿ⁺¹⁾ = n·Y⁽ⁿ⁻¹⁾ + h·Y⁽ⁿ⁾ (Y' = 1 + h·Y);
 * - h + t > 0.85: the complement β_max − φ̃·[Y(−h − t) + Y(h − t)], a sum of positive terms;
 * - elsewhere: the difference of the two scaled erfc values (Cody's erfcx).
 * φ̃ is formed as e^{x/2}·φ(h + t), not e^{−(h² + t²)/2}, because h + t is small exactly where the
 * function is most sensitive (near the inflection point s = √(2|x|)); this keeps the relative error of b
 * within a few multiples of its condition number (1 + |s·∂b/∂s / b|)·ε.
 */

/** √(π/2). */
export const SQRT_HALF_PI = 1.2533141373155003;
/** 1/√(2π). */
export const INV_SQRT_TWO_PI = 0.3989422804014327;
/** Below this t = s/2 (and for |x| < {@link SMALL_T_MAX_ABS_X}) the Taylor expansion in t is used. */
export const SMALL_T = 0.21;
/** The Taylor expansion in t is stable while |h·t| = |x|/2 stays below 1. */
export const SMALL_T_MAX_ABS_X = 2;
/** Above this h + t the complement β_max − b is formed first. */
export const COMPLEMENT_ABOVE = 0.85;

import { erfSmall, erfcx, erfcxNonNegative } from './erf-cody.js';

/** Y(z) = Φ(z)/φ(z) = √(π/2)·erfcx(−z/√2), any z (overflows to +∞ for z ≳ 37.7). */
export function millsY(z: number): number {
  return SQRT_HALF_PI * erfcx(-z * Math.SQRT1_2);
}

/** Y(z) for z ≤ 0 only (the lower tail: Φ(z) = φ(z)·Y(z) without cancellation); cheaper than {@link millsY}. */
export function millsYNonPositive(z: number): number {
  return SQRT_HALF_PI * erfcxNonNegative(-z * Math.SQRT1_2);
}

// 1/(2k+1)! for k = 1…7: products instead of divisions in the series below.
const INV_FACT_3 = 1 / 6;
const INV_FACT_5 = 1 / 120;
const INV_FACT_7 = 1 / 5040;
const INV_FACT_9 = 1 / 362880;
const INV_FACT_11 = 1 / 39916800;
const INV_FACT_13 = 1 / 6227020800;
const INV_FACT_15 = 1 / 1307674368000;

/**
 * Y(h + t) − Y(h − t) by its Taylor series in t: 2·Σ_k t^{2k+1}/(2k+1)!·Y⁽²ᵏ⁺¹⁾(h), the derivatives from the
 * recurrence Y⁽ⁿ⁺¹⁾ = n·Y⁽ⁿ⁻¹⁾ + h·Y⁽ⁿ⁾. Terms are dropped once below 1e−17 of the sum for every h: five
 * up to t = 0.05, six to 0.1, seven to 0.15, eight to τ = 0.21 (t^16/17! ≈ 1.6e−25 there).
 */
export function smallTDifference(h: number, t: number): number {
  const y0 = millsY(h);
  const y1 = 1 + h * y0;
  const y2 = y0 + h * y1;
  const y3 = 2 * y1 + h * y2;
  const y4 = 3 * y2 + h * y3;
  const y5 = 4 * y3 + h * y4;
  const y6 = 5 * y4 + h * y5;
  const y7 = 6 * y5 + h * y6;
  const y8 = 7 * y6 + h * y7;
  const y9 = 8 * y7 + h * y8;
  const w = t * t;
  let tail: number; // Σ_{k≥4} w^{k−4}·Y⁽²ᵏ⁺¹⁾/(2k+1)!
  if (t < 0.05) {
    tail = y9 * INV_FACT_9;
  } else {
    const y10 = 9 * y8 + h * y9;
    const y11 = 10 * y9 + h * y10;
    if (t < 0.1) {
      tail = y9 * INV_FACT_9 + w * (y11 * INV_FACT_11);
    } else {
      const y12 = 11 * y10 + h * y11;
      const y13 = 12 * y11 + h * y12;
      const y14 = 13 * y12 + h * y13;
      const y15 = 14 * y13 + h * y14;
      tail = y9 * INV_FACT_9 + w * (y11 * INV_FACT_11 + w * (y13 * INV_FACT_13 + w * (y15 * INV_FACT_15)));
    }
  }
  const series = y1 + w * (y3 * INV_FACT_3 + w * (y5 * INV_FACT_5 + w * (y7 * INV_FACT_7 + w * tail)));
  return 2 * t * series;
}

/** Below this h + t, Y(h ± t) are summed from their asymptotic series (and b underflows anyway). */
const ASYMPTOTIC_BELOW = -38;

/**
 * Y(u) − Y(v) for u = h + t, v = h − t ≤ u ≤ −38 from Y(z) ≈ −1/z + 1/z³ − 3/z⁵ (relative error below
 * 1e−8 there), arranged without cancellation: 2t/(uv)·[1 − (u² + uv + v²)/(uv)² + 3(u⁴ + u³v + u²v² + uv³ + v⁴)/(uv)⁴].
 * Only ever needed for iterates and prices below the smallest normal double.
 */
function asymptoticDifference(u: number, v: number): number {
  const uv = u * v;
  const inv = 1 / (uv * uv);
  const u2 = u * u;
  const v2 = v * v;
  const second = (u2 + uv + v2) * inv;
  const third = 3 * (u2 * u2 + u2 * uv + uv * uv + uv * v2 + v2 * v2) * inv * inv;
  return ((u - v) / uv) * (1 - second + third);
}

/**
 * D = Y(h + t) − Y(h − t) for an out-of-the-money call (x ≤ 0, h = x/s, t = s/2, h + t ≤ 0.85), so that
 * b = e^{x/2}·φ(h + t)·D: Taylor series in t for small t, asymptotic series far below, else erfcx.
 */
export function otmDifference(x: number, h: number, t: number): number {
  const d1 = h + t;
  if (d1 < ASYMPTOTIC_BELOW) return asymptoticDifference(d1, h - t);
  if (t < SMALL_T && x > -SMALL_T_MAX_ABS_X) return smallTDifference(h, t);
  return millsY(d1) - millsY(h - t);
}

/**
 * b(x, s)·e^{−x/2} for an out-of-the-money call (x ≤ 0, s ≥ 0): the price as a fraction of its maximum
 * e^{x/2}. Multiplied by min(F, K) it is the undiscounted out-of-the-money price itself, with no exp(x/2)
 * and no square root. Relative accuracy within a few multiples of the condition number of b in s.
 */
export function otmCallFractionOfMax(x: number, s: number): number {
  if (!(s > 0)) return 0;
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  return otmCallFractionFromParts(x, h, t, d1, Math.exp(-0.5 * d1 * d1));
}

/** Up to this d, Y(d) for d > 0 is formed by {@link millsYSmallPositive} (Cody's first interval). */
const SMALL_POSITIVE_MAX = 0.66;

/**
 * Y(d) = Φ(d)/φ(d) for 0 < d ≤ 0.66 from gauss = e^{−d²/2}: √(π/2)·(1 + erf(d/√2))/gauss, a sum of positive
 * terms and one division (1.7 ulps), where erfcx of a negative argument would need two more exponentials.
 */
export function millsYSmallPositive(d: number, gauss: number): number {
  return (SQRT_HALF_PI / gauss) * (1 + erfSmall(d * Math.SQRT1_2));
}

/**
 * {@link otmCallFractionOfMax} from its parts h = x/s, t = s/2, d1 = h + t and gauss = e^{−d1²/2}, for
 * callers that have them already (the Greeks, the IV iteration), with bit-identical results.
 */
export function otmCallFractionFromParts(x: number, h: number, t: number, d1: number, gauss: number): number {
  const pdf = INV_SQRT_TWO_PI * gauss;
  if (d1 > COMPLEMENT_ABOVE) return 1 - pdf * (millsY(-d1) + millsY(h - t));
  if (pdf === 0) return 0;
  if (d1 > 0 && d1 <= SMALL_POSITIVE_MAX && !(t < SMALL_T && x > -SMALL_T_MAX_ABS_X)) {
    return pdf * (millsYSmallPositive(d1, gauss) - millsYNonPositive(h - t));
  }
  return pdf * otmDifference(x, h, t);
}

/**
 * b(x, s) for an out-of-the-money call, x ≤ 0, s ≥ 0 (0 at s = 0), down to the underflow of b.
 */
export function normalisedBlackOtmCall(x: number, s: number): number {
  return Math.exp(0.5 * x) * otmCallFractionOfMax(x, s);
}

/**
 * b(x, s) for a call (`isCall`) or a put: the out-of-the-money part plus the normalised intrinsic value
 * 2·sinh(|x|/2) when in the money.
 */
export function normalisedBlack(x: number, s: number, isCall: boolean): number {
  const thetaX = isCall ? x : -x;
  if (thetaX > 0) return 2 * Math.sinh(0.5 * thetaX) + normalisedBlackOtmCall(-thetaX, s);
  return normalisedBlackOtmCall(thetaX, s);
}

/** β_max − b(x, s) for an out-of-the-money call (x ≤ 0), without cancellation when b is near β_max. */
export function normalisedBlackOtmCallComplement(x: number, s: number): number {
  const betaMax = Math.exp(0.5 * x);
  if (!(s > 0)) return betaMax;
  if (s === Infinity) return 0;
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  if (d1 > COMPLEMENT_ABOVE) {
    return betaMax * INV_SQRT_TWO_PI * Math.exp(-0.5 * d1 * d1) * (millsY(-d1) + millsY(h - t));
  }
  return betaMax - normalisedBlackOtmCall(x, s);
}

/** ∂b/∂s = e^{x/2}·φ(x/s + s/2), the same for calls and puts. */
export function normalisedVega(x: number, s: number): number {
  if (!(s > 0)) return 0;
  const d1 = x / s + 0.5 * s;
  return Math.exp(0.5 * x) * INV_SQRT_TWO_PI * Math.exp(-0.5 * d1 * d1);
}
