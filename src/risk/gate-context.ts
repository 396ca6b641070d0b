import type {
  AccountSummary,
  BreakerState,
  ClientOrderId,
  OptionChain,
  Order,
  Position,
  PriceEffect,
  UnderlyingQuote,
} from '../domain/index.js';
import type { AccountKind, MarginPreview } from '../broker/index.js';
import type { RiskLimits } from './limits.js';

/** What the market says about one underlying: its quote and its option chain (null: not had). */
export interface MarketSlice {
  readonly underlying: UnderlyingQuote | null;
  /** Rows for every expiry the order, the positions and the working orders on it touch. */
  readonly chain: OptionChain | null;
}

/** How the deployment is set up to trade, and what the broker says it is. */
export interface ModeState {
  /** Config `mode`. */
  readonly configured: 'paper' | 'live';
  /** `SWARMDESK_LIVE_TRADING=yes` in the environment. */
  readonly liveSwitch: boolean;
  /** What the broker reports its account to be; null when it could not be had. */
  readonly accountKind: AccountKind | null;
  /** What the configured connection implies (IB ports 4002/7497 paper, 4001/7496 live); null when it says nothing. */
  readonly portKind: AccountKind | null;
}

/** One order the journal holds, as much as throttles and duplicate checks need. */
export interface RecentOrder {
  readonly clientOrderId: ClientOrderId;
  readonly createdAt: number;
  readonly cycleId: string | null;
  /** `structureKey` of the legs. */
  readonly structure: string;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly priceEffect: PriceEffect;
}

/** The journal's memory of orders, for throttles and duplicates. */
export interface OrderHistory {
  /** Orders recorded in the last max(60 s, duplicateWindow), newest first. */
  readonly recent: readonly RecentOrder[];
  /** Whether the intent's client order id was ever recorded. */
  readonly clientOrderIdSeen: boolean;
  /** Orders already recorded in the intent's cycle (0 when it has none). */
  readonly ordersInCycle: number;
}

/** Loss-limit inputs, measured since the later of the period's start and the last person's resume. */
export interface PnlState {
  readonly netLiquidation: number;
  /** Today's P&L, dollars (negative: a loss). */
  readonly dailyPnl: number;
  /** Highest net liquidation marked (including now), dollars. */
  readonly highWaterMark: number;
  /** Closing orders in a row, newest backwards, that realised a loss. */
  readonly consecutiveLosses: number;
}

/**
 * Everything the checks judge, gathered before they run: plain data, so `evaluateGate` is pure and
 * replayable. Null or missing means "could not be had" and is always a rejection, never a pass.
 */
export interface GateContext {
  /** Clock time, epoch ms (throttles, duplicates, loss-limit periods). */
  readonly now: number;
  /** The market's own time, epoch ms (quote ages, days to expiry, Greeks); null when unknown. */
  readonly marketTime: number | null;
  readonly limits: RiskLimits;
  readonly mode: ModeState;
  /** Null when the breaker state could not be read: judged as HALTED. */
  readonly breaker: BreakerState | null;
  readonly account: AccountSummary | null;
  readonly positions: readonly Position[] | null;
  /** Orders working at the broker (not terminal). */
  readonly openOrders: readonly Order[] | null;
  /** By underlying symbol. A symbol absent here has no data. */
  readonly markets: Readonly<Record<string, MarketSlice>>;
  /** The broker's what-if for this order; null when it has none (our margin model decides alone). */
  readonly marginPreview: MarginPreview | null;
  readonly history: OrderHistory | null;
  readonly pnl: PnlState | null;
  /** Orders the runtime says it already sent this cycle. */
  readonly cycleOrdersSoFar: number;
}
