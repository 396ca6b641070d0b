/**
 * Whole-chain prices, implied volatilities and Greeks over typed arrays (structure of arrays), for one
 * underlying: one call per chain, no allocation per option. Outputs go to caller-supplied arrays (or arrays
 * allocated once per call). A bad row never throws: prices and Greeks become NaN, implied volatilities NaN
 * with a reason code.
 */
import { QuantInputError } from './errors.js';
import { TOTAL_VOL_ABOVE_MAXIMUM, impliedTotalVolCore, priceFromDiscounted } from './discounted.js';
import { DELTA, GAMMA, PRICE, RHO, THETA, VEGA, greeksInto } from './greeks.js';
import { requireFinite, requirePositive } from './validation.js';

/** The underlying's side of a chain (shared by every option). */
export interface ChainMarket {
  readonly spot: number;
  readonly rate: number;
  readonly dividendYield: number;
}

/**
 * The options of a chain, one row per index: strike, time to expiry in years, 1 for a call / 0 for a put (any
 * other value makes the row invalid).
 */
export interface ChainContracts {
  readonly strikes: Float64Array;
  readonly timeYears: Float64Array;
  readonly isCall: Uint8Array;
}

/** Why a row of {@link impliedVolChain} has no implied volatility (0 = it has one). */
export const IvReason = {
  OK: 0,
  /** Price at or below the discounted intrinsic value. */
  BELOW_INTRINSIC: 1,
  /** Price at or above S·e^{−qT} (call) or K·e^{−rT} (put). */
  ABOVE_MAXIMUM: 2,
  /** Time to expiry ≤ 0. */
  NON_POSITIVE_TIME: 3,
  /** A non-finite price, strike or time, a non-positive strike, or an isCall other than 0 or 1. */
  INVALID_INPUT: 4,
} as const;

/** One of the {@link IvReason} codes. */
export type IvReasonCode = (typeof IvReason)[keyof typeof IvReason];

/** Implied volatilities (NaN where none) and why not, row by row. */
export interface IvChainResult {
  readonly iv: Float64Array;
  readonly reasons: Uint8Array;
}

/** Greeks of a chain, one array per quantity (raw derivatives as in {@link calculateGreeks}). */
export interface GreeksChain {
  readonly price: Float64Array;
  readonly delta: Float64Array;
  readonly gamma: Float64Array;
  readonly vega: Float64Array;
  readonly theta: Float64Array;
  readonly rho: Float64Array;
}

/** Allocates the output arrays of {@link greeksChain} for `length` options. */
export function createGreeksChain(length: number): GreeksChain {
  return {
    price: new Float64Array(length),
    delta: new Float64Array(length),
    gamma: new Float64Array(length),
    vega: new Float64Array(length),
    theta: new Float64Array(length),
    rho: new Float64Array(length),
  };
}

function checkChain(
  market: ChainMarket,
  contracts: ChainContracts,
  values: Float64Array,
  name: string,
): number {
  requirePositive('spot', market.spot);
  requireFinite('rate', market.rate);
  requireFinite('dividendYield', market.dividendYield);
  const n = contracts.strikes.length;
  if (contracts.timeYears.length !== n || contracts.isCall.length !== n || values.length !== n) {
    throw new QuantInputError(
      'QUANT_OUT_OF_RANGE',
      `chain arrays must have the same length: strikes ${n}, timeYears ${contracts.timeYears.length}, isCall ${contracts.isCall.length}, ${name} ${values.length}`,
    );
  }
  return n;
}

function checkOutput(name: string, out: ArrayLike<number>, n: number): void {
  if (out.length < n) {
    throw new QuantInputError('QUANT_OUT_OF_RANGE', `${name} has length ${out.length}, needs at least ${n}`);
  }
}

/**
 * Black-Scholes-Merton prices of a chain at the given volatilities, into `out` (allocated if absent). A row
 * with a non-positive strike, negative time or volatility, or a non-finite input gives NaN.
 */
export function priceChain(
  market: ChainMarket,
  contracts: ChainContracts,
  volatilities: Float64Array,
  out: Float64Array = new Float64Array(contracts.strikes.length),
): Float64Array {
  const n = checkChain(market, contracts, volatilities, 'volatilities');
  checkOutput('out', out, n);
  const { spot, rate, dividendYield } = market;
  const { strikes, timeYears, isCall } = contracts;
  for (let i = 0; i < n; i++) {
    const k = strikes[i]!;
    const t = timeYears[i]!;
    const v = volatilities[i]!;
    const c = isCall[i]!;
    if (!(k > 0 && k < Infinity && t >= 0 && t < Infinity && v >= 0 && v < Infinity && c <= 1)) {
      out[i] = NaN;
      continue;
    }
    const a = dividendYield === 0 ? spot : spot * Math.exp(-dividendYield * t);
    const b = rate === 0 ? k : k * Math.exp(-rate * t);
    out[i] = priceFromDiscounted(a, b, v * Math.sqrt(t), c === 1);
  }
  return out;
}

/**
 * Black-Scholes-Merton implied volatilities of a chain from its prices, to the attainable accuracy (as
 * {@link blackScholesIv}). A row outside the bounds gets NaN and its {@link IvReason}.
 */
export function impliedVolChain(
  market: ChainMarket,
  contracts: ChainContracts,
  prices: Float64Array,
  out: IvChainResult = {
    iv: new Float64Array(contracts.strikes.length),
    reasons: new Uint8Array(contracts.strikes.length),
  },
): IvChainResult {
  const n = checkChain(market, contracts, prices, 'prices');
  checkOutput('out.iv', out.iv, n);
  checkOutput('out.reasons', out.reasons, n);
  const { spot, rate, dividendYield } = market;
  const { strikes, timeYears, isCall } = contracts;
  const { iv, reasons } = out;
  for (let i = 0; i < n; i++) {
    const k = strikes[i]!;
    const t = timeYears[i]!;
    const p = prices[i]!;
    const c = isCall[i]!;
    if (!(k > 0 && k < Infinity && t < Infinity && p > -Infinity && p < Infinity && c <= 1)) {
      iv[i] = NaN;
      reasons[i] = IvReason.INVALID_INPUT;
      continue;
    }
    if (!(t > 0)) {
      iv[i] = NaN;
      reasons[i] = Number.isNaN(t) ? IvReason.INVALID_INPUT : IvReason.NON_POSITIVE_TIME;
      continue;
    }
    const a = dividendYield === 0 ? spot : spot * Math.exp(-dividendYield * t);
    const b = rate === 0 ? k : k * Math.exp(-rate * t);
    const s = impliedTotalVolCore(p, a, b, c === 1);
    if (s >= 0) {
      iv[i] = s / Math.sqrt(t);
      reasons[i] = IvReason.OK;
    } else {
      iv[i] = NaN;
      reasons[i] = s === TOTAL_VOL_ABOVE_MAXIMUM ? IvReason.ABOVE_MAXIMUM : IvReason.BELOW_INTRINSIC;
    }
  }
  return out;
}

const scratch = new Float64Array(6);

/**
 * Black-Scholes-Merton price and Greeks of a chain at the given volatilities, into `out` (allocated if
 * absent). Invalid rows give NaN in every array.
 */
export function greeksChain(
  market: ChainMarket,
  contracts: ChainContracts,
  volatilities: Float64Array,
  out: GreeksChain = createGreeksChain(contracts.strikes.length),
): GreeksChain {
  const n = checkChain(market, contracts, volatilities, 'volatilities');
  for (const key of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const)
    checkOutput(`out.${key}`, out[key], n);
  const { spot, rate, dividendYield } = market;
  const { strikes, timeYears, isCall } = contracts;
  const { price, delta, gamma, vega, theta, rho } = out;
  for (let i = 0; i < n; i++) {
    const k = strikes[i]!;
    const t = timeYears[i]!;
    const v = volatilities[i]!;
    const c = isCall[i]!;
    if (!(k > 0 && k < Infinity && t >= 0 && t < Infinity && v >= 0 && v < Infinity && c <= 1)) {
      price[i] = delta[i] = gamma[i] = vega[i] = theta[i] = rho[i] = NaN;
      continue;
    }
    greeksInto(scratch, spot, k, t, rate, dividendYield, v, c === 1);
    price[i] = scratch[PRICE]!;
    delta[i] = scratch[DELTA]!;
    gamma[i] = scratch[GAMMA]!;
    vega[i] = scratch[VEGA]!;
    theta[i] = scratch[THETA]!;
    rho[i] = scratch[RHO]!;
  }
  return out;
}
