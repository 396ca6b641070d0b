/**
 * IV and Greeks for chain rows, computed by our quant from the mid (never a vendor's numbers).
 * Shared by every market-data adapter so `sim`, `thetadata` and `ibkr` agree on method.
 */
import type { Greeks, OptionContract, Quote } from '../domain/index.js';
import {
  blackScholesIv,
  calculateGreeks,
  greeksChain,
  impliedVolChain,
  IvError,
  type GreeksChain,
} from '../quant/index.js';

/** The least time to expiry used for IV and Greeks (one hour, as ThetaData floors it), years. */
export const MIN_ANALYTICS_YEARS = 1 / (365 * 24);

export interface RowAnalyticsInput {
  readonly spot: number;
  readonly rate: number;
  readonly dividendYield: number;
  readonly timeYears: number;
  readonly strike: number;
  readonly right: OptionContract['right'];
  /** The quote's mid; null when a side is missing. */
  readonly mid: number | null;
}

export interface RowAnalytics {
  readonly iv: number | null;
  readonly greeks: Greeks | null;
}

const NONE: RowAnalytics = { iv: null, greeks: null };

/**
 * IV from the mid and Greeks at that IV. `{ iv: null, greeks: null }` when there is no mid, the
 * option has expired, or the mid is outside the no-arbitrage bounds.
 */
export function rowAnalytics(input: RowAnalyticsInput): RowAnalytics {
  const { spot, rate, dividendYield, strike, right, mid } = input;
  if (mid === null || !(mid > 0) || !(spot > 0) || !(input.timeYears > 0)) return NONE;
  const timeYears = Math.max(input.timeYears, MIN_ANALYTICS_YEARS);
  let iv: number;
  try {
    iv = blackScholesIv({ spot, strike, timeYears, rate, dividendYield, price: mid, right });
  } catch (error) {
    if (error instanceof IvError) return NONE;
    throw error;
  }
  if (!Number.isFinite(iv) || !(iv > 0)) return NONE;
  const g = calculateGreeks({ spot, strike, timeYears, rate, dividendYield, volatility: iv, right });
  return { iv, greeks: { delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, rho: g.rho } };
}

/** The mid of a quote as analytics want it: both sides present and not crossed. */
export function analyticsMid(quote: Pick<Quote, 'bid' | 'ask'>): number | null {
  if (quote.bid === null || quote.ask === null || quote.bid > quote.ask) return null;
  return (quote.bid + quote.ask) / 2;
}

export interface ChainAnalyticsInput {
  readonly spot: number;
  readonly rate: number;
  readonly dividendYield: number;
  readonly strikes: Float64Array;
  /** Years to expiry per row (floored at {@link MIN_ANALYTICS_YEARS} where positive). */
  readonly timeYears: Float64Array;
  /** 1 for a call, 0 for a put. */
  readonly isCall: Uint8Array;
  /** The quote's mid per row; NaN when there is none. */
  readonly mids: Float64Array;
}

export interface ChainAnalytics {
  /** IV per row, NaN where there is none (as {@link rowAnalytics} gives null). */
  readonly iv: Float64Array;
  /** Greeks per row at that IV, NaN where there is no IV. */
  readonly greeks: GreeksChain;
}

/** {@link rowAnalytics} for a whole chain at once, over typed arrays (one call, no allocation per row). */
export function chainAnalytics(input: ChainAnalyticsInput): ChainAnalytics {
  const n = input.strikes.length;
  const timeYears = new Float64Array(n);
  const prices = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = input.timeYears[i]!;
    const mid = input.mids[i]!;
    timeYears[i] = t > 0 ? Math.max(t, MIN_ANALYTICS_YEARS) : 0;
    prices[i] = mid > 0 && t > 0 ? mid : NaN;
  }
  const market = { spot: input.spot, rate: input.rate, dividendYield: input.dividendYield };
  const contracts = { strikes: input.strikes, timeYears, isCall: input.isCall };
  if (!(input.spot > 0)) {
    const iv = new Float64Array(n).fill(NaN);
    return { iv, greeks: greeksChain({ ...market, spot: 1 }, contracts, iv) };
  }
  const { iv } = impliedVolChain(market, contracts, prices);
  for (let i = 0; i < n; i++) if (!(iv[i]! > 0)) iv[i] = NaN;
  return { iv, greeks: greeksChain(market, contracts, iv) };
}

/** Row `i` of a {@link ChainAnalytics} in the port's shape. */
export function analyticsAt(a: ChainAnalytics, i: number): RowAnalytics {
  const iv = a.iv[i]!;
  if (Number.isNaN(iv)) return NONE;
  const g = a.greeks;
  return {
    iv,
    greeks: { delta: g.delta[i]!, gamma: g.gamma[i]!, vega: g.vega[i]!, theta: g.theta[i]!, rho: g.rho[i]! },
  };
}
