/**
 * IV and Greeks for a chain row, computed by our quant from the mid (the same method the market
 * module's other sources use); IB's model Greeks are kept only as the vendor's figures.
 */
import type { Greeks, OptionContract } from '../../../domain/index.js';
import { blackScholesIv, calculateGreeks, IvError } from '../../../quant/index.js';

/** The least time to expiry used for IV and Greeks (one hour), years. */
const MIN_YEARS = 1 / (365 * 24);

export function rowAnalytics(input: {
  spot: number | null;
  rate: number;
  dividendYield: number;
  timeYears: number;
  contract: OptionContract;
  mid: number | null;
}): { iv: number | null; greeks: Greeks | null } {
  const { spot, mid } = input;
  if (mid === null || !(mid > 0) || spot === null || !(spot > 0) || !(input.timeYears > 0))
    return { iv: null, greeks: null };
  const timeYears = Math.max(input.timeYears, MIN_YEARS);
  const base = {
    spot,
    strike: input.contract.strike,
    timeYears,
    rate: input.rate,
    dividendYield: input.dividendYield,
    right: input.contract.right,
  };
  let iv: number;
  try {
    iv = blackScholesIv({ ...base, price: mid });
  } catch (error) {
    if (error instanceof IvError) return { iv: null, greeks: null };
    throw error;
  }
  if (!Number.isFinite(iv) || !(iv > 0)) return { iv: null, greeks: null };
  const g = calculateGreeks({ ...base, volatility: iv });
  return { iv, greeks: { delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, rho: g.rho } };
}

/** IB's model Greeks in our units: vega per 1.00 of vol (IB: per point), theta per year (IB: per day). */
export function vendorGreeks(
  model: {
    iv: number | undefined;
    delta: number | undefined;
    gamma: number | undefined;
    vega: number | undefined;
    theta: number | undefined;
  } | null,
): { iv: number | null; greeks: Partial<Greeks> | null } {
  if (!model) return { iv: null, greeks: null };
  const greeks: Partial<Greeks> = {
    ...(model.delta === undefined ? {} : { delta: model.delta }),
    ...(model.gamma === undefined ? {} : { gamma: model.gamma }),
    ...(model.vega === undefined ? {} : { vega: model.vega * 100 }),
    ...(model.theta === undefined ? {} : { theta: model.theta * 365 }),
  };
  return { iv: model.iv ?? null, greeks: Object.keys(greeks).length > 0 ? greeks : null };
}

/** The mid as analytics want it: both sides present and not crossed (else null). */
export function analyticsMid(quote: { bid: number | null; ask: number | null }): number | null {
  if (quote.bid === null || quote.ask === null || quote.bid > quote.ask) return null;
  return (quote.bid + quote.ask) / 2;
}
