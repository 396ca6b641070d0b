/**
 * Capital at risk: what the book can lose, from cost, if every structure goes to its worst at
 * expiry and the working orders fill in whichever way is worst (`worstMaxLoss`), summed over the
 * underlyings. `risk.maxLossTotal` caps it; `swarmdesk status` shows it against that cap.
 */
import type { Order, Position } from '../../domain/index.js';
import type { RiskLimits } from '../limits.js';
import { fillBookFor, symbolsInPlay } from './book.js';
import { lossValue } from './payoff.js';
import { worstMaxLoss } from './worst-max-loss.js';

/** One underlying's capital at risk, dollars, at least 0; +∞ when unbounded or a working order has no price. */
export function underlyingCapitalAtRisk(
  symbol: string,
  positions: readonly Position[],
  openOrders: readonly Order[],
): number {
  return Math.max(0, lossValue(worstMaxLoss(fillBookFor(symbol, positions, openOrders))));
}

/** The book's capital at risk against its limit. */
export interface CapitalAtRisk {
  /** Σ over underlyings, dollars; +∞ when one of them is unbounded (see `unbounded`). */
  readonly used: number;
  /** `risk.maxLossTotal`, dollars. */
  readonly limit: number;
  /** Per underlying held or worked on, sorted by symbol. */
  readonly byUnderlying: readonly { readonly symbol: string; readonly used: number }[];
  /** Underlyings whose loss has no bound (short calls uncovered in some fill, or a working order with no price). */
  readonly unbounded: readonly string[];
}

/**
 * The book's current capital at risk (positions and every fill of the working orders, the worst one
 * per underlying) and its limit — what the gate's `RISK_MAX_LOSS_TOTAL` judges before an order. Pure;
 * prices come from the positions' average cost and the orders' limits, so no market data is needed.
 */
export function capitalAtRisk(input: {
  readonly positions: readonly Position[];
  readonly openOrders: readonly Order[];
  readonly limits: Pick<RiskLimits, 'maxLossTotal'>;
}): CapitalAtRisk {
  const byUnderlying = symbolsInPlay(input.positions, input.openOrders).map((symbol) => ({
    symbol,
    used: underlyingCapitalAtRisk(symbol, input.positions, input.openOrders),
  }));
  return {
    used: byUnderlying.reduce((s, u) => s + u.used, 0),
    limit: input.limits.maxLossTotal,
    byUnderlying,
    unbounded: byUnderlying.filter((u) => u.used === Infinity).map((u) => u.symbol),
  };
}
