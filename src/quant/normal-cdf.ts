/**
 * The standard normal distribution: density, CDF and an inverse CDF. The CDF is erfc-based, so Φ(z) keeps
 * its relative accuracy in the lower tail (never formed as 1 − Φ(−z)); the upper tail is 1 − Φ(−z)
 * computed as such, which is exact to the last bit there.
 */
import { erfc } from './erf-cody.js';

const INV_SQRT_TWO_PI = 0.3989422804014327;

/** The standard normal density φ(z) = e^{−z²/2}/√(2π). */
export function normPdf(z: number): number {
  return INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
}

/** The standard normal CDF Φ(z), to full relative accuracy in both tails (Φ(−37) ≈ 5.7e−300 included). */
export function normCdf(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}

// P. J. Acklam's rational approximations of the inverse normal CDF (relative error below 1.15e−9),
// published coefficients; used only where an initial guess is refined afterwards.
const IA0 = -39.69683028665376;
const IA1 = 220.9460984245205;
const IA2 = -275.9285104469687;
const IA3 = 138.357751867269;
const IA4 = -30.66479806614716;
const IA5 = 2.506628277459239;
const IB0 = -54.47609879822406;
const IB1 = 161.5858368580409;
const IB2 = -155.6989798598866;
const IB3 = 66.80131188771972;
const IB4 = -13.28068155288572;
const IC0 = -0.007784894002430293;
const IC1 = -0.3223964580411365;
const IC2 = -2.400758277161838;
const IC3 = -2.549732539343734;
const IC4 = 4.374664141464968;
const IC5 = 2.938163982698783;
const ID0 = 0.007784695709041462;
const ID1 = 0.3224671290700398;
const ID2 = 2.445134137142996;
const ID3 = 3.754408661907416;
const LOW_BREAK = 0.02425;

/**
 * Φ⁻¹(p) for 0 < p < 1 to a relative accuracy of about 1e−9 (Acklam), in the lower tail down to the
 * smallest subnormal. Meant for initial guesses; 0 → −∞, 1 → +∞.
 */
export function inverseNormCdfApprox(p: number): number {
  if (p < LOW_BREAK) {
    if (p <= 0) return p === 0 ? -Infinity : NaN;
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((IC0 * q + IC1) * q + IC2) * q + IC3) * q + IC4) * q + IC5) /
      ((((ID0 * q + ID1) * q + ID2) * q + ID3) * q + 1)
    );
  }
  if (p > 1 - LOW_BREAK) {
    if (p >= 1) return p === 1 ? Infinity : NaN;
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -(
      (((((IC0 * q + IC1) * q + IC2) * q + IC3) * q + IC4) * q + IC5) /
      ((((ID0 * q + ID1) * q + ID2) * q + ID3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((IA0 * r + IA1) * r + IA2) * r + IA3) * r + IA4) * r + IA5) * q) /
    (((((IB0 * r + IB1) * r + IB2) * r + IB3) * r + IB4) * r + 1)
  );
}
