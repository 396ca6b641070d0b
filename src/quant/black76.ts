/**
 * Black-76: European options on a futures (or forward) price F, premium discounted at `rate`.
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

/** Inputs of a Black-76 price. */
export interface Black76Input {
  readonly forward: number;
  readonly strike: number;
  readonly timeYears: number;
  readonly rate: number;
  readonly volatility: number;
  readonly right: Right;
}

/** Inputs of a Black-76 implied volatility. */
export interface Black76IvInput {
  readonly forward: number;
  readonly strike: number;
  readonly timeYears: number;
  readonly rate: number;
  readonly price: number;
  readonly right: Right;
}

/**
 * The Black-76 price e^{−rT}·[θ·(F·Φ(θ·d1) − K·Φ(θ·d2))], accurate like {@link blackScholesPrice}.
 * Throws {@link QuantInputError} on invalid inputs.
 */
export function black76Price(input: Black76Input): number {
  const { forward, strike, timeYears, rate, volatility, right } = input;
  requirePositive('forward', forward);
  requirePositive('strike', strike);
  requireNonNegative('timeYears', timeYears);
  requireFinite('rate', rate);
  requireNonNegative('volatility', volatility);
  requireRight(right);
  const df = rate === 0 ? 1 : Math.exp(-rate * timeYears);
  return priceFromDiscounted(forward * df, strike * df, volatility * Math.sqrt(timeYears), right === 'call');
}

/**
 * The Black-76 implied volatility. Throws {@link IvError} for a price at or below e^{−rT}·max(0, θ(F − K)),
 * at or above e^{−rT}·F (call) or e^{−rT}·K (put), a non-positive time, forward or strike, or a non-finite input.
 */
export function black76Iv(input: Black76IvInput): number {
  const { forward, strike, timeYears, rate, price, right } = input;
  ivRequirePositive('forward', forward);
  ivRequirePositive('strike', strike);
  ivRequirePositiveTime(timeYears);
  ivRequireFinite('rate', rate);
  ivRequireFinite('price', price);
  ivRequireRight(right);
  const df = rate === 0 ? 1 : Math.exp(-rate * timeYears);
  return impliedTotalVolOrThrow(price, forward * df, strike * df, right === 'call') / Math.sqrt(timeYears);
}
