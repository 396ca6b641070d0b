/**
 * Black-Scholes-Merton Greeks as raw derivatives (vega per 1.00 of vol, theta = −∂V/∂T per year, rho per
 * 1.00 of rate), and the trader conventions (per vol point, per calendar day, per rate point) as separate,
 * named conversions.
 *
 * Both normal tails come from one exp and two of Cody's erfcx: Φ(−|d|) = φ(d)·Y(−|d|) with Y(z) = Φ(z)/φ(z),
 * and φ(d2) = φ(d1)·A/B; the price is that of {@link priceFromDiscounted}, bit for bit, reusing the same
 * erfcx values where the two coincide.
 */
import {
  COMPLEMENT_ABOVE,
  INV_SQRT_TWO_PI,
  SMALL_T,
  SMALL_T_MAX_ABS_X,
  millsYNonPositive,
  millsYSmallPositive,
  otmCallFractionFromParts,
} from './black-normalised.js';
import type { Greeks } from '../domain/index.js';
import type { BlackScholesInput } from './black-scholes.js';
import { validateBlackScholesInput } from './black-scholes.js';

/**
 * Price and sensitivities of one option, as raw derivatives: the domain's {@link Greeks} (delta = ∂V/∂S,
 * gamma = ∂²V/∂S², vega = ∂V/∂σ per 1.00 of vol, theta = −∂V/∂T per year, rho = ∂V/∂r per 1.00 of rate)
 * plus the price they were computed with.
 */
export interface PricedGreeks extends Greeks {
  readonly price: number;
}

/** Greeks in the units traders quote. */
export interface TraderGreeks {
  readonly price: number;
  readonly delta: number;
  readonly gamma: number;
  /** Value change for a 1 vol-point (0.01) rise in volatility. */
  readonly vegaPerVolPoint: number;
  /** Value change over one calendar day (1/365 year) as time passes. */
  readonly thetaPerCalendarDay: number;
  /** Value change for a 1 percentage-point (0.01) rise in the rate. */
  readonly rhoPerRatePoint: number;
}

/** Offsets of the values {@link greeksInto} writes. */
export const PRICE = 0;
export const DELTA = 1;
export const GAMMA = 2;
export const VEGA = 3;
export const THETA = 4;
export const RHO = 5;

/**
 * Writes price, delta, gamma, vega, theta and rho (raw derivatives) of a European option under
 * Black-Scholes-Merton into out[0…5]. Inputs are assumed valid (spot, strike > 0; time, vol ≥ 0; finite).
 * At zero time or volatility the limits are written: gamma is +∞ (and theta −∞ at T = 0) for an option
 * exactly at the money on the forward, 0 otherwise.
 */
export function greeksInto(
  out: Float64Array,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
  volatility: number,
  isCall: boolean,
): void {
  const qDiscount = dividendYield === 0 ? 1 : Math.exp(-dividendYield * timeYears);
  const rDiscount = rate === 0 ? 1 : Math.exp(-rate * timeYears);
  const a = spot * qDiscount;
  const b = strike * rDiscount;
  const sqrtT = Math.sqrt(timeYears);
  const s = volatility * sqrtT;
  const x = Math.log(a / b);
  let intrinsic = 0;
  let smaller = a;
  if (a > b) {
    smaller = b;
    if (isCall) intrinsic = a - b;
  } else if (!isCall) intrinsic = b - a;
  const xo = x > 0 ? -x : x; // the out-of-the-money call orientation, as in priceFromDiscounted
  let price: number;
  let pdf1: number; // φ(d1)
  let tail1: number; // Φ(−|d1|)
  let tail2: number; // Φ(−|d2|)
  let d1Negative: boolean;
  let d2Negative: boolean;
  let gamma: number;
  let decay: number; // A·φ(d1)·σ/(2√T)
  if (s > 0) {
    // Oriented as the out-of-the-money call (d1o = −|x|/s + s/2, d2o = d1o − s) exactly like the price
    // kernel, so that its normal tails serve the price as well: d1 = d1o, d2 = d2o when x ≤ 0, else
    // d1 = −d2o, d2 = −d1o; φ(d2o) = φ(d1o)·e^{−|x|}.
    const ho = xo / s;
    const t = 0.5 * s;
    const d1o = ho + t;
    const d2o = ho - t;
    const gaussA = Math.exp(-0.5 * d1o * d1o);
    const pdfA = INV_SQRT_TWO_PI * gaussA;
    const pdfB =
      pdfA > 1e-290 ? pdfA * (a > b ? b / a : a / b) : INV_SQRT_TWO_PI * Math.exp(-0.5 * d2o * d2o);
    const yA = millsYNonPositive(d1o < 0 ? d1o : -d1o); // Y(−|d1o|)
    const yB = millsYNonPositive(d2o); // d2o < 0
    const tailA = pdfA * yA;
    const tailB = pdfB * yB;
    // The price: reuse the erfcx values wherever the kernel (otmCallFractionOfMax) forms the same
    // expression, so that it equals priceFromDiscounted bit for bit.
    if (d1o > COMPLEMENT_ABOVE) {
      price = intrinsic + smaller * (1 - pdfA * (yA + yB));
    } else if (d1o <= 0.66 && !(t < SMALL_T && xo > -SMALL_T_MAX_ABS_X) && pdfA !== 0) {
      const yD1 = d1o > 0 ? millsYSmallPositive(d1o, gaussA) : yA; // Y(d1o)
      price = intrinsic + smaller * (pdfA * (yD1 - yB));
    } else {
      price = intrinsic + smaller * otmCallFractionFromParts(xo, ho, t, d1o, gaussA);
    }
    if (x <= 0) {
      pdf1 = pdfA;
      tail1 = tailA;
      tail2 = tailB;
      d1Negative = d1o < 0;
      d2Negative = true;
    } else {
      pdf1 = pdfB;
      tail1 = tailB;
      tail2 = tailA;
      d1Negative = false;
      d2Negative = d1o > 0;
    }
    gamma = (qDiscount * pdf1) / (spot * s);
    decay = (a * pdf1 * volatility) / (2 * sqrtT);
  } else {
    // Limits as σ√T → 0: a step at the forward, a Dirac mass exactly at the money.
    price = intrinsic;
    const atTheMoney = x === 0;
    pdf1 = atTheMoney ? INV_SQRT_TWO_PI : 0;
    tail1 = atTheMoney ? 0.5 : 0;
    tail2 = tail1;
    d1Negative = x < 0;
    d2Negative = d1Negative;
    gamma = atTheMoney ? Infinity : 0;
    decay = atTheMoney ? (timeYears > 0 ? (a * pdf1 * volatility) / (2 * sqrtT) : Infinity) : 0;
  }
  out[PRICE] = price;
  out[GAMMA] = gamma;
  out[VEGA] = a * pdf1 * sqrtT;
  if (isCall) {
    const cdf1 = d1Negative ? tail1 : 1 - tail1; // Φ(d1)
    const cdf2 = d2Negative ? tail2 : 1 - tail2; // Φ(d2)
    out[DELTA] = qDiscount * cdf1;
    out[THETA] = 0 - decay - rate * b * cdf2 + dividendYield * a * cdf1;
    out[RHO] = timeYears * b * cdf2;
  } else {
    const cdf1 = d1Negative ? 1 - tail1 : tail1; // Φ(−d1)
    const cdf2 = d2Negative ? 1 - tail2 : tail2; // Φ(−d2)
    out[DELTA] = 0 - qDiscount * cdf1; // 0 − x: never −0
    out[THETA] = 0 - decay + rate * b * cdf2 - dividendYield * a * cdf1;
    out[RHO] = 0 - timeYears * b * cdf2;
  }
}

const scratch = new Float64Array(6);

/**
 * Price, delta, gamma, vega, theta and rho of a European option under Black-Scholes-Merton, as raw
 * derivatives. Relative error ≤ 1e−9 (typically a few ulps) wherever the price is ≥ 1e−8 of spot; theta is
 * accurate relative to the size of its terms (it crosses zero for deep in-the-money puts). At zero time or
 * volatility the limits are returned. Throws {@link QuantInputError} on invalid inputs.
 */
export function calculateGreeks(input: BlackScholesInput): PricedGreeks {
  validateBlackScholesInput(input);
  greeksInto(
    scratch,
    input.spot,
    input.strike,
    input.timeYears,
    input.rate,
    input.dividendYield,
    input.volatility,
    input.right === 'call',
  );
  return {
    price: scratch[PRICE]!,
    delta: scratch[DELTA]!,
    gamma: scratch[GAMMA]!,
    vega: scratch[VEGA]!,
    theta: scratch[THETA]!,
    rho: scratch[RHO]!,
  };
}

/** Vega per vol point (a 0.01 change in σ) from raw vega per 1.00. */
export function vegaPerVolPoint(vega: number): number {
  return vega / 100;
}

/** Theta per calendar day (1/365 year) from raw theta per year. */
export function thetaPerCalendarDay(theta: number): number {
  return theta / 365;
}

/** Rho per rate point (a 0.01 change in r) from raw rho per 1.00. */
export function rhoPerRatePoint(rho: number): number {
  return rho / 100;
}

/** Converts raw Greeks to trader units: vega per vol point, theta per calendar day, rho per rate point. */
export function toTraderGreeks(greeks: PricedGreeks): TraderGreeks {
  return {
    price: greeks.price,
    delta: greeks.delta,
    gamma: greeks.gamma,
    vegaPerVolPoint: vegaPerVolPoint(greeks.vega),
    thetaPerCalendarDay: thetaPerCalendarDay(greeks.theta),
    rhoPerRatePoint: rhoPerRatePoint(greeks.rho),
  };
}
