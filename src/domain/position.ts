import type { Contract } from './contract.js';

/** A holding. `quantity` is signed: positive long, negative short, in contracts (or shares). */
export interface Position {
  readonly contract: Contract;
  readonly quantity: number;
  /** Average open price in dollars per share (not per contract). */
  readonly averagePrice: number;
  /** Realised P&L in dollars booked on this contract so far. */
  readonly realizedPnl: number;
}

/** Account figures in dollars. */
export interface AccountSummary {
  readonly accountId: string;
  readonly netLiquidation: number;
  readonly cash: number;
  readonly buyingPower: number;
  readonly maintenanceMargin: number;
  readonly initialMargin: number;
  /** Realised P&L for the current trading day. */
  readonly dailyRealizedPnl: number;
  readonly unrealizedPnl: number;
  readonly time: number;
}
