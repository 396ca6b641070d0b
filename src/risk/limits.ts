import type { BreakerState, OrderType, TimeInForce } from '../domain/index.js';

/**
 * The gate's limits: the parsed `risk` section of the config (`src/config/sections/risk.ts`, where
 * every field is documented with its default). Declared here as a plain shape because `risk` does
 * not import `config`; `limits.test.ts` proves the two stay identical.
 */
export interface RiskLimits {
  readonly allowedUnderlyings: readonly string[];
  readonly allowedSecurityTypes: readonly ('option' | 'stock')[];
  readonly minDaysToExpiry: number;
  readonly maxDaysToExpiry: number;
  readonly pennyTickUnderlyings: readonly string[];
  readonly allowedOrderTypes: readonly OrderType[];
  readonly allowedTimeInForce: readonly TimeInForce[];
  readonly minOptionPrice: number;
  /** ms */
  readonly maxQuoteAge: number;
  readonly collarPercent: number;
  readonly collarSpreads: number;
  readonly maxContractsPerOrder: number;
  readonly maxPremiumPerOrder: number;
  readonly maxOpenOrders: number;
  readonly maxPositionPerContract: number;
  readonly maxContractsPerUnderlying: number;
  readonly maxConcentration: number;
  readonly allowNakedShortPuts: boolean;
  readonly maxLossPerTrade: number;
  /**
   * Cap on capital at risk (`capitalAtRisk`): Σ over underlyings of the book's max loss from cost,
   * worst fill of the working orders, this order filled. Dollars; default $5,000 — five days of
   * `maxDailyLoss` ($1,000) and half of `maxDrawdown` (10 %) on the $100k account the defaults are
   * sized for, so everything open going to its worst at once cannot carry the account through the
   * drawdown halt, which only trips after a loss.
   */
  readonly maxLossTotal: number;
  readonly maxNetDelta: number;
  readonly maxNetGamma: number;
  readonly maxNetVega: number;
  readonly maxNetTheta: number;
  readonly minBuyingPowerReserve: number;
  readonly maxDailyLoss: number;
  readonly maxDrawdown: number;
  readonly maxConsecutiveLosses: number;
  readonly lossLimitBreakerState: Exclude<BreakerState, 'ACTIVE'>;
  readonly maxOrdersPerMinute: number;
  readonly maxOrdersPerCycle: number;
  readonly maxWorkingOrdersPerContractSide: number;
  /** ms */
  readonly duplicateWindow: number;
}
