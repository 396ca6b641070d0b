/**
 * Black-Scholes-Merton: European options on a stock with a continuous dividend yield. Prices and implied
 * volatilities on top of {@link priceFromDiscounted} and "Let's Be Rational".
 */
import type { Right } from '../domain/index.js';
import { impliedTotalVolOrThrow, priceFromDiscounted } from './discounted.js';
import {
  ivRequireFinite,
  ivRequirePositive,
  ivRequirePositiveTime,
  ivRequireRight,
  requireFinite,
  requireNonNegative,
  requirePositive,
  requireRight,
} from './validation.js';

/** Inputs of a Black-Scholes-Merton price. Times in years; rates continuously compounded decimals. */
export interface BlackScholesInput {
  readonly spot: number;
  readonly strike: number;
  readonly timeYears: number;
  readonly rate: number;
  readonly dividendYield: number;
  readonly volatility: number;
  readonly right: Right;
}

/** Inputs of a Black-Scholes-Merton implied volatility. */
export interface BlackScholesIvInput {
  readonly spot: number;
  readonly strike: number;
  readonly timeYears: number;
  readonly rate: number;
  readonly dividendYield: number;
  readonly price: number;
  readonly right: Right;
}

/** Throws {@link QuantInputError} unless the inputs describe a priceable option. */
export function validateBlackScholesInput(input: BlackScholesInput): void {
  const { spot, strike, timeYears, rate, dividendYield, volatility, right } = input;
  // One branch on the hot path; the detailed checks below only run to name the offending field.
  if (
    (right === 'call' || right === 'put') &&
    spot > 0 &&
    spot < Infinity &&
    strike > 0 &&
    strike < Infinity &&
    timeYears >= 0 &&
    timeYears < Infinity &&
    rate > -Infinity &&
    rate < Infinity &&
    dividendYield > -Infinity &&
    dividendYield < Infinity &&
    volatility >= 0 &&
    volatility < Infinity
  ) {
    return;
  }
  requirePositive('spot', input.spot);
  requirePositive('strike', input.strike);
  requireNonNegative('timeYears', input.timeYears);
  requireFinite('rate', input.rate);
  requireFinite('dividendYield', input.dividendYield);
  requireNonNegative('volatility', input.volatility);
  requireRight(right);
}

/**
 * The Black-Scholes-Merton price of a European option. Relative error within a few ulps times the
 * condition number (≤ 1e−12 wherever the price is ≥ 1e−8 of spot; erfc-based tails, no subtractive
 * cancellation). Zero time or volatility gives the discounted intrinsic value max(0, ±(S·e^{−qT} − K·e^{−rT})).
 * Throws {@link QuantInputError} for a non-finite input, a non-positive spot or strike, or a negative time or
 * volatility.
 */
export function blackScholesPrice(input: BlackScholesInput): number {
  validateBlackScholesInput(input);
  const { spot, strike, timeYears, rate, dividendYield, volatility } = input;
  const a = dividendYield === 0 ? spot : spot * Math.exp(-dividendYield * timeYears);
  const b = rate === 0 ? strike : strike * Math.exp(-rate * timeYears);
  return priceFromDiscounted(a, b, volatility * Math.sqrt(timeYears), input.right === 'call');
}

/**
 * The Black-Scholes-Merton implied volatility (annualised) of a European option price, to the attainable
 * accuracy of double precision. Throws {@link IvError} for a price at or below the discounted intrinsic
 * value max(0, ±(S·e^{−qT} − K·e^{−rT})), at or above the maximum (S·e^{−qT} for a call, K·e^{−rT} for a
 * put), a non-positive time, spot or strike, or a non-finite input.
 */
export function blackScholesIv(input: BlackScholesIvInput): number {
  const { spot, strike, timeYears, rate, dividendYield, price, right } = input;
  if (!(
    (right === 'call' || right === 'put') &&
    spot > 0 &&
    spot < Infinity &&
    strike > 0 &&
    strike < Infinity &&
    timeYears > 0 &&
    timeYears < Infinity &&
    rate > -Infinity &&
    rate < Infinity &&
    dividendYield > -Infinity &&
    dividendYield < Infinity &&
    price > -Infinity &&
    price < Infinity
  )) {
    throwIvInputError(input);
  }
  const a = dividendYield === 0 ? spot : spot * Math.exp(-dividendYield * timeYears);
  const b = rate === 0 ? strike : strike * Math.exp(-rate * timeYears);
  return impliedTotalVolOrThrow(price, a, b, right === 'call') / Math.sqrt(timeYears);
}

/** Throws the {@link IvError} that names the first invalid field of `input`. */
function throwIvInputError(input: BlackScholesIvInput): never {
  const { spot, strike, timeYears, rate, dividendYield, price } = input;
  ivRequirePositive('spot', spot);
  ivRequirePositive('strike', strike);
  ivRequirePositiveTime(timeYears);
  ivRequireFinite('rate', rate);
  ivRequireFinite('dividendYield', dividendYield);
  ivRequireFinite('price', price);
  ivRequireRight(input.right);
  throw new Error('unreachable: an input failed the fast check but passed every detailed one');
}
