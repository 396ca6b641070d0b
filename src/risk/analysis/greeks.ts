/**
 * Net Greeks of a set of holdings on one underlying, from our quant on the current chain: the row's
 * IV (or one implied from its mid), the underlying's mid, the market's time to expiry. Units: delta
 * in shares, gamma in shares per $1, vega in dollars per vol point, theta in dollars per day.
 */
import {
  contractKey,
  findChainRow,
  midPrice,
  type OptionChain,
  type OptionContract,
} from '../../domain/index.js';
import { blackScholesIv, calculateGreeks, thetaPerCalendarDay, vegaPerVolPoint } from '../../quant/index.js';
import type { MarketSlice } from '../gate-context.js';
import { num } from '../rejection.js';
import { yearsUntil } from './market-time.js';
import { sharesOf, type Holding } from './payoff.js';

export interface NetGreeks {
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
}

export const GREEK_NAMES = ['delta', 'gamma', 'vega', 'theta'] as const;
export type GreekName = (typeof GREEK_NAMES)[number];

/** Greeks per share of one option. */
type PerShareGreeks = NetGreeks;

/** The least time to expiry used for Greeks: one hour, in years. */
const MIN_YEARS = 1 / (365 * 24);

/** The underlying's price the Greeks use: its mid, else its last trade. Null when neither. */
export function spotOf(slice: MarketSlice | undefined): number | null {
  const u = slice?.underlying;
  if (!u) return null;
  const mid = midPrice(u);
  if (mid !== null && mid > 0 && u.bid !== null && u.ask !== null && u.bid <= u.ask) return mid;
  return u.last !== null && u.last > 0 ? u.last : null;
}

function optionGreeks(
  contract: OptionContract,
  chain: OptionChain,
  spot: number,
  marketTime: number,
): PerShareGreeks | string {
  const row = findChainRow(chain, contract);
  if (!row) return `${contractKey(contract)} is not in the current chain`;
  const timeYears = Math.max(MIN_YEARS, yearsUntil(contract.expiry, marketTime));
  let iv = row.iv;
  if (iv === null) {
    const mid = midPrice(row.quote);
    if (mid === null || !(mid > 0)) return `${contractKey(contract)} has no IV and no two-sided quote`;
    try {
      iv = blackScholesIv({
        spot,
        strike: contract.strike,
        timeYears,
        rate: chain.rate,
        dividendYield: chain.dividendYield,
        price: mid,
        right: contract.right,
      });
    } catch {
      return `${contractKey(contract)}: no implied volatility reproduces its mid ${num(mid)}`;
    }
  }
  if (!(iv > 0) || !Number.isFinite(iv))
    return `${contractKey(contract)} has no usable IV${Number.isFinite(iv) ? ` (${num(iv)})` : ''}`;
  const g = calculateGreeks({
    spot,
    strike: contract.strike,
    timeYears,
    rate: chain.rate,
    dividendYield: chain.dividendYield,
    volatility: iv,
    right: contract.right,
  });
  const out = {
    delta: g.delta,
    gamma: g.gamma,
    vega: vegaPerVolPoint(g.vega),
    theta: thetaPerCalendarDay(g.theta),
  };
  if (!GREEK_NAMES.every((n) => Number.isFinite(out[n])))
    return `${contractKey(contract)}: Greeks not finite`;
  return out;
}

/** Computes and remembers per-share Greeks of options on one underlying. */
export class GreeksCalculator {
  private readonly memo = new Map<string, PerShareGreeks | string>();

  constructor(
    private readonly slice: MarketSlice | undefined,
    private readonly marketTime: number | null,
  ) {}

  /** Net Greeks of the holdings, or why they cannot be had. */
  net(holdings: readonly Holding[]): NetGreeks | { readonly missing: string } {
    let delta = 0;
    let gamma = 0;
    let vega = 0;
    let theta = 0;
    for (const h of holdings) {
      const shares = sharesOf(h);
      if (h.contract.kind === 'stock') {
        delta += shares;
        continue;
      }
      const g = this.perShare(h.contract);
      if (typeof g === 'string') return { missing: g };
      delta += shares * g.delta;
      gamma += shares * g.gamma;
      vega += shares * g.vega;
      theta += shares * g.theta;
    }
    return { delta, gamma, vega, theta };
  }

  private perShare(contract: OptionContract): PerShareGreeks | string {
    const key = contractKey(contract);
    const seen = this.memo.get(key);
    if (seen !== undefined) return seen;
    const chain = this.slice?.chain;
    const spot = spotOf(this.slice);
    const value = !chain
      ? `no option chain for ${contract.symbol}`
      : spot === null
        ? `no price for ${contract.symbol}`
        : this.marketTime === null
          ? 'market time unknown'
          : optionGreeks(contract, chain, spot, this.marketTime);
    this.memo.set(key, value);
    return value;
  }
}
