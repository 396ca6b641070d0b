/**
 * The common core of Black-Scholes-Merton and Black-76: a European option in terms of the discounted
 * forward A and the discounted strike B,
 *
 *   BSM: A = S·e^{−qT}, B = K·e^{−rT};   Black-76: A = F·e^{−rT}, B = K·e^{−rT};
 *   price = max(0, θ·(A − B)) + min(A, B)·b(−|x|, σ√T)·e^{|x|/2},   x = ln(A/B),
 *
 * so that in-the-money prices are the intrinsic value plus an out-of-the-money price (put-call parity)
 * and never the difference of two large numbers.
 */
import { otmCallFractionOfMax } from './black-normalised.js';
import { IvError } from './errors.js';
import { bisectImpliedNormalisedOtmCall } from './iv-fallback.js';
import { impliedNormalisedOtmCall } from './lets-be-rational.js';

/** The price of a European option from A, B (> 0) and s = σ√T ≥ 0. */
export function priceFromDiscounted(a: number, b: number, s: number, isCall: boolean): number {
  const x = Math.log(a / b);
  let intrinsic = 0;
  let smaller = a;
  if (a > b) {
    smaller = b;
    if (isCall) intrinsic = a - b;
  } else if (!isCall) intrinsic = b - a;
  return intrinsic + smaller * otmCallFractionOfMax(x > 0 ? -x : x, s);
}

/** {@link impliedTotalVolCore} result: the price is at or below the intrinsic value. */
export const TOTAL_VOL_BELOW_INTRINSIC = -1;
/** {@link impliedTotalVolCore} result: the price is at or above its maximum. */
export const TOTAL_VOL_ABOVE_MAXIMUM = -2;

/**
 * s = σ√T from a price and A, B (finite, > 0), or a negative code when no volatility reproduces the price:
 * {@link TOTAL_VOL_BELOW_INTRINSIC} (price ≤ max(0, θ(A − B))) or {@link TOTAL_VOL_ABOVE_MAXIMUM}
 * (price ≥ A for a call, ≥ B for a put). A NaN price is below intrinsic.
 */
export function impliedTotalVolCore(price: number, a: number, b: number, isCall: boolean): number {
  let intrinsic = 0;
  if (a > b) {
    if (isCall) intrinsic = a - b;
  } else if (!isCall) intrinsic = b - a;
  if (!(price > intrinsic)) return TOTAL_VOL_BELOW_INTRINSIC;
  const maximum = isCall ? a : b;
  if (!(price < maximum)) return TOTAL_VOL_ABOVE_MAXIMUM;
  const x = Math.log(a / b);
  const scale = 1 / Math.sqrt(a * b);
  const beta = (price - intrinsic) * scale;
  const gap = (maximum - price) * scale;
  const ax = x > 0 ? -x : x;
  const s = impliedNormalisedOtmCall(beta, gap, ax);
  if (s > 0 && s < Infinity) return s;
  return bisectImpliedNormalisedOtmCall(beta, gap, ax);
}

/** The {@link IvError} for a negative {@link impliedTotalVolCore} code, naming the bound and the value. */
export function ivErrorFromCode(code: number, price: number, a: number, b: number, isCall: boolean): IvError {
  if (code === TOTAL_VOL_BELOW_INTRINSIC) {
    const intrinsic = Math.max(0, isCall ? a - b : b - a);
    return new IvError(
      'IV_PRICE_BELOW_INTRINSIC',
      `price ${price} is at or below the discounted intrinsic value ${intrinsic}: no volatility reproduces it`,
    );
  }
  const bound = isCall ? 'S·e^{−qT} (F·e^{−rT} on a future) for a call' : 'K·e^{−rT} for a put';
  return new IvError(
    'IV_PRICE_ABOVE_MAXIMUM',
    `price ${price} is at or above the maximum ${isCall ? a : b} (${bound}): no volatility reproduces it`,
  );
}

/** σ√T, throwing {@link IvError} when the price is outside its bounds. */
export function impliedTotalVolOrThrow(price: number, a: number, b: number, isCall: boolean): number {
  const s = impliedTotalVolCore(price, a, b, isCall);
  if (s < 0) throw ivErrorFromCode(s, price, a, b, isCall);
  return s;
}
