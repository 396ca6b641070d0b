/**
 * Implied volatility to machine precision after P. Jäckel, "Let's Be Rational" (Wilmott, January 2015;
 * revised 2016), implemented from the published method.
 *
 * The problem is reduced to an out-of-the-money call in normalised form: find s = σ√T with
 * b(x, s) = β, x = ln(F/K) ≤ 0, 0 < β < β_max = e^{x/2}. Four branches split at b_l < b_c < b_u, where
 * s_c = √(2|x|) is the inflection point of b(s) and s_l, s_u are where the tangent at s_c meets b = 0 and
 * b = β_max (closed forms through erfcx(√|x|)):
 * - β < b_l: a rational cubic in β of the transform f = (2π|x|/(3√3))·Φ(−|x|/(√3·s))³ (≈ b as s → 0),
 *   inverted through Φ⁻¹; iterations on 1/ln b − 1/ln β;
 * - b_l ≤ β ≤ b_c and b_c < β ≤ b_u: a rational cubic s(β) through the branch points with the right slopes
 *   and a vanishing second derivative at the inflection point; iterations on b − β;
 * - β > b_u: a rational cubic of f = Φ(−s/2) (∝ β_max − b as s → ∞), inverted through Φ⁻¹;
 *   iterations on ln(β_max − β) − ln(β_max − b).
 * Each iteration is a third-order Householder step (convergence order four). The loop stops after a step
 * below 1e−6·s (the next one would be below ε·s): two steps almost everywhere, one when the guess is
 * already that close, three for some far-wing prices (|x| ≫ 10), never more than six. The result is within
 * a few multiples of the attainable accuracy (1 + |b/(s·∂b/∂s)|)·ε. The low and high branches work with
 * logarithms of ratios (ln(b/β), ln((β_max − b)/(β_max − β))), so that nothing underflows or cancels even for
 * β near the smallest double.
 */
import {
  COMPLEMENT_ABOVE,
  INV_SQRT_TWO_PI,
  SQRT_HALF_PI,
  millsY,
  millsYNonPositive,
  otmCallFractionFromParts,
  otmDifference,
} from './black-normalised.js';
import { erf, erfcxNonNegative } from './erf-cody.js';
import { inverseNormCdfApprox } from './normal-cdf.js';
import {
  controlForLeftSecondDerivative,
  controlForRightSecondDerivative,
  rationalCubic,
} from './rational-cubic.js';

const SQRT_TWO = Math.SQRT2;
const SQRT_THREE = 1.7320508075688772;
const LN_SQRT_TWO_PI = 0.9189385332046728;
/** 2π/(3√3). */
const LOWER_MAP_SCALE = 1.2091995761561452;
/**
 * Stop once a Householder step was this small relative to s: the step estimates the error before it, and
 * a step of convergence order four leaves an error of order (1e−6)⁴ — far below ε.
 */
const STEP_TOLERANCE = 1e-6;
/** A bound on the work: two steps suffice everywhere but in the far wings (|x| ≫ 10), which take three. */
const MAX_ITERATIONS = 6;

const LOWEST = 0;
const MIDDLE = 1;
const HIGHEST = 2;

/**
 * Side results of the helpers below, in a typed array: a module-level `let` holding a double would box a
 * fresh heap number on every write (measurable GC pressure at millions of solves per second).
 */
const side = new Float64Array(2);
const RATIO = 0; // ∂b/∂s ÷ b (or ÷ (β_max − b)) of the last log-ratio evaluation
const GUESS_BMAX = 1; // e^{x/2} of the last initial guess

/** Below this a price is divided by in logarithms rather than directly (the quotient could overflow). */
const DIVIDE_ABOVE = 1e-307;

/**
 * ln(b(x, s)/β) for an out-of-the-money call, and ∂b/∂s ÷ b in side[RATIO]. The quotient D/β is formed
 * before the logarithm so that ln b and ln β (both large when s is tiny) do not cancel.
 */
function logRatioOtmCall(x: number, s: number, beta: number, lnBeta: number): number {
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  if (d1 > COMPLEMENT_ABOVE) {
    const bMax = Math.exp(0.5 * x);
    const vega = bMax * INV_SQRT_TWO_PI * Math.exp(-0.5 * d1 * d1);
    const b = bMax - vega * (millsY(-d1) + millsY(h - t));
    side[RATIO] = vega / b;
    return beta > DIVIDE_ABOVE ? Math.log(b / beta) : Math.log(b) - lnBeta;
  }
  const diff = otmDifference(x, h, t);
  side[RATIO] = 1 / diff;
  const lead = 0.5 * x - 0.5 * d1 * d1 - LN_SQRT_TWO_PI;
  return beta > DIVIDE_ABOVE ? lead + Math.log(diff / beta) : lead + Math.log(diff) - lnBeta;
}

/**
 * ln((β_max − b(x, s))/gap) for an out-of-the-money call, and ∂b/∂s ÷ (β_max − b) in side[RATIO].
 */
function logRatioOtmCallComplement(x: number, s: number, gap: number, lnGap: number): number {
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  const sum = millsY(-d1) + millsY(h - t);
  side[RATIO] = 1 / sum;
  const lead = 0.5 * x - 0.5 * d1 * d1 - LN_SQRT_TWO_PI;
  return gap > DIVIDE_ABOVE ? lead + Math.log(sum / gap) : lead + Math.log(sum) - lnGap;
}

/**
 * s_l = √(2|x|) − √(π/2)·(1 − erfcx(w)), w = √|x|, by its series in w (the two terms cancel to O(w²)):
 * √(π/2)·w² − (2√2/3)·w³ + (√(π/2)/2)·w⁴ − (4√2/15)·w⁵ + (√(π/2)/6)·w⁶; relative error below 1e−11 for w < 0.01.
 */
function lowerTangentPointSeries(w: number): number {
  const c2 = SQRT_HALF_PI;
  const c3 = (-2 * SQRT_TWO) / 3;
  const c4 = SQRT_HALF_PI / 2;
  const c5 = (-4 * SQRT_TWO) / 15;
  const c6 = SQRT_HALF_PI / 6;
  return w * w * (c2 + w * (c3 + w * (c4 + w * (c5 + w * c6))));
}

/** The branch of the last {@link initialGuess}: 0 lowest, 1 the two middle ones, 2 highest. */
let guessBranch = MIDDLE;

/** The branch the last {@link initialGuess} chose (0 lowest, 1 middle, 2 highest), for tests and diagnostics. */
export function lastGuessBranch(): number {
  return guessBranch;
}

/**
 * The initial guess for s (see the module comment); records its branch in `guessBranch`. Same contract
 * as {@link impliedNormalisedOtmCall}.
 */
export function initialGuess(beta: number, gap: number, x: number): number {
  const bMax = Math.exp(0.5 * x);
  const ax = -x;
  const sqrtAx = Math.sqrt(ax);
  const sc = SQRT_TWO * sqrtAx;
  // 1 − erfcx(√|x|) = e^{|x|}·erf(√|x|) − (e^{|x|} − 1) without cancellation for small |x| (it behaves like
  // 2√|x|/√π there, far above e^{|x|} − 1 ≈ |x|); e^{|x|} = 1/β_max².
  let oneMinusEx: number;
  if (sqrtAx < 0.46875) {
    const e = 1 / (bMax * bMax);
    oneMinusEx = e * erf(sqrtAx) - (ax < 1e-3 ? ax * (1 + 0.5 * ax * (1 + ax / 3)) : e - 1);
  } else {
    oneMinusEx = 1 - erfcxNonNegative(sqrtAx);
  }
  const bc = 0.5 * bMax * oneMinusEx;
  const vc = bMax * INV_SQRT_TWO_PI;
  let s: number;
  let branch: number;
  if (beta <= bc) {
    const sl = sqrtAx < 0.01 ? lowerTangentPointSeries(sqrtAx) : sc - SQRT_HALF_PI * oneMinusEx;
    const hl = x / sl;
    const tl = 0.5 * sl;
    const d1l = hl + tl;
    const vl = bMax * INV_SQRT_TWO_PI * Math.exp(-0.5 * d1l * d1l);
    const bl = vl * otmDifference(x, hl, tl); // b(x, s_l); s_l < s_c, so h + t < 0 there
    const bppl = (d1l / sl) * (hl - tl); // b''/b' at s_l
    if (beta < bl) {
      // f(s) = k·Φ(−z)³, z = |x|/(√3·s): equal to b to leading order as s → 0.
      const k = LOWER_MAP_SCALE * ax;
      const z = ax / (SQRT_THREE * sl);
      const pdf = INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
      const cdf = pdf * millsYNonPositive(-z); // Φ(−z); z stays within [0.46, 11] here
      const fl = k * cdf * cdf * cdf;
      const fs = (3 * k * cdf * cdf * pdf * z) / sl;
      const fss = ((3 * k * cdf * pdf * z) / (sl * sl)) * (2 * pdf * z + cdf * (z * z - 2));
      const fb = fs / vl;
      const fbb = (fss - fb * vl * bppl) / (vl * vl);
      const r = controlForRightSecondDerivative(bl, 0, fl, 1, fb, fbb);
      const f = rationalCubic(beta / bl, (bl - beta) / bl, bl, 0, fl, 1, fb, r);
      const zi = -inverseNormCdfApprox(Math.cbrt(f / k));
      s = ax / (SQRT_THREE * zi);
      branch = LOWEST;
      if (!(s > 0 && s < sl)) s = 0.5 * sl;
    } else {
      const width = bc - bl;
      const dl = 1 / vl;
      const dr = 1 / vc;
      const r = controlForRightSecondDerivative(width, sl, sc, dl, dr, 0);
      s = rationalCubic((beta - bl) / width, (bc - beta) / width, width, sl, sc, dl, dr, r);
      branch = MIDDLE;
    }
  } else {
    const su = sc + SQRT_HALF_PI * (2 - oneMinusEx);
    const hu = x / su;
    const tu = 0.5 * su;
    const d1u = hu + tu;
    const vu = bMax * INV_SQRT_TWO_PI * Math.exp(-0.5 * d1u * d1u);
    const bu =
      d1u > COMPLEMENT_ABOVE ? bMax - vu * (millsY(-d1u) + millsY(hu - tu)) : vu * otmDifference(x, hu, tu);
    if (beta <= bu) {
      const width = bu - bc;
      const dl = 1 / vc;
      const dr = 1 / vu;
      const r = controlForLeftSecondDerivative(width, sc, su, dl, dr, 0);
      s = rationalCubic((beta - bc) / width, (bu - beta) / width, width, sc, su, dl, dr, r);
      branch = MIDDLE;
    } else {
      // f(s) = Φ(−s/2): β_max − b ≈ 2·f as s → ∞.
      const bppu = (d1u / su) * (hu - tu);
      const pdf = INV_SQRT_TWO_PI * Math.exp(-0.5 * tu * tu);
      const fh = pdf * millsYNonPositive(-tu); // Φ(−s_u/2)
      const fs = -0.5 * pdf;
      const fss = 0.25 * tu * pdf;
      const fb = fs / vu;
      const fbb = (fss - fb * vu * bppu) / (vu * vu);
      const width = bMax - bu;
      const r = controlForLeftSecondDerivative(width, fh, 0, fb, -0.5, fbb);
      const f = rationalCubic((beta - bu) / width, gap / width, width, fh, 0, fb, -0.5, r);
      s = -2 * inverseNormCdfApprox(f);
      branch = HIGHEST;
      if (!(s > su)) s = su;
    }
  }

  guessBranch = branch;
  side[GUESS_BMAX] = bMax;
  return s;
}

/**
 * s = σ√T with b(x, s) = β for an out-of-the-money call: x ≤ 0, 0 < β < e^{x/2}, and `gap` = e^{x/2} − β
 * computed by the caller without cancellation (from the price distance to its maximum).
 */
export function impliedNormalisedOtmCall(
  beta: number,
  gap: number,
  x: number,
  maxIterations: number = MAX_ITERATIONS,
): number {
  let s = initialGuess(beta, gap, x);
  const branch = guessBranch;
  const bMax = side[GUESS_BMAX]!;
  const lnBeta = branch === LOWEST ? Math.log(beta) : 0;
  const lnGap = branch === HIGHEST && gap <= DIVIDE_ABOVE ? Math.log(gap) : 0;
  let lnB = 0;
  for (let i = 0; i < maxIterations; i++) {
    const h = x / s;
    const t = 0.5 * s;
    const d1 = h + t;
    // The Householder step Δs = ν·(1 + a/2)/(1 + a + c/6) with a = ν·g''/g' and c = ν²·g'''/g' for the
    // branch objective g. Everything is scaled by ν before squaring: b''/b' = (h² − t²)/s and
    // b'''/b' = (b''/b')² − 3(h/s)² − 1/4 overflow for tiny s while the scaled terms stay finite.
    let nu: number;
    let q = 0;
    if (branch === MIDDLE) {
      const gauss = Math.exp(-0.5 * d1 * d1);
      const vega = bMax * INV_SQRT_TWO_PI * gauss;
      const b = bMax * otmCallFractionFromParts(x, h, t, d1, gauss);
      nu = (beta - b) / vega;
    } else if (branch === LOWEST) {
      // g = 1/ln b − 1/ln β, with δ = ln(b/β) formed without cancellation.
      const delta = logRatioOtmCall(x, s, beta, lnBeta);
      lnB = lnBeta + delta;
      q = side[RATIO]!;
      nu = -(lnB * delta) / (lnBeta * q);
    } else {
      // g = ln(β_max − β) − ln(β_max − b).
      const delta = logRatioOtmCallComplement(x, s, gap, lnGap);
      q = side[RATIO]!;
      nu = delta / q;
    }
    const nuBpp = nu * (d1 / s) * (h - t);
    const nuHOverS = nu * (h / s);
    const nuBppp = nuBpp * nuBpp - 3 * nuHOverS * nuHOverS - 0.25 * nu * nu;
    let a: number;
    let c: number;
    if (branch === MIDDLE) {
      a = nuBpp;
      c = nuBppp;
    } else if (branch === LOWEST) {
      const nuQ = nu * q;
      const lp2 = (lnB + 2) / lnB;
      a = nuBpp - lp2 * nuQ;
      c = ((2 * lnB * lnB + 6 * lnB + 6) / (lnB * lnB)) * nuQ * nuQ - 3 * lp2 * nuQ * nuBpp + nuBppp;
    } else {
      const nuQ = nu * q;
      a = nuQ + nuBpp;
      c = 2 * nuQ * nuQ + 3 * nuQ * nuBpp + nuBppp;
    }
    const ds = (nu * (1 + 0.5 * a)) / (1 + a + c / 6);
    const next = s + ds;
    s = next > 0 ? next : 0.5 * s;
    if (Math.abs(ds) <= STEP_TOLERANCE * s) break;
  }
  return s;
}
