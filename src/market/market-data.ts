import type { OptionChain, UnderlyingQuote } from '../domain/index.js';

/** One day of at-the-money implied volatility (30-day constant maturity where the source has it). */
export interface IvHistoryPoint {
  /** `YYYY-MM-DD`, New York. */
  readonly date: string;
  readonly iv: number;
}

/** Exchange session state at an instant. Times are epoch ms UTC. */
export interface MarketClock {
  readonly time: number;
  readonly isOpen: boolean;
  /** Start of the next regular session (or the current one when open). */
  readonly nextOpen: number;
  /** End of the current session when open, else of the next one. */
  readonly nextClose: number;
  /** True when the relevant session closes early (13:00 New York). */
  readonly earlyClose: boolean;
}

/** A cash dividend: the ex-date and dollars per share. */
export interface DividendInfo {
  /** `YYYY-MM-DD`, New York. */
  readonly exDate: string;
  readonly amount: number;
}

export interface ChainRequest {
  /** Only these expirations (`YYYY-MM-DD`); all listed ones when omitted. */
  readonly expiries?: readonly string[];
  /** Only strikes within this fraction of spot (e.g. 0.3 → ±30 %); all when omitted. */
  readonly moneynessWindow?: number;
}

/**
 * The market-data port. Implementations: `sim` (embedded default), `thetadata`, `ibkr`.
 * Every chain row carries IV and Greeks computed by our quant from the mid.
 * Failures throw `MarketDataError`; an unknown symbol is an error, never an empty answer.
 */
export interface MarketData {
  readonly source: string;
  underlyingQuote(symbol: string): Promise<UnderlyingQuote>;
  /** Listed expirations, ascending, `YYYY-MM-DD`. */
  expirations(symbol: string): Promise<readonly string[]>;
  /** Listed strikes for one expiration, ascending, dollars. */
  strikes(symbol: string, expiry: string): Promise<readonly number[]>;
  chain(symbol: string, request?: ChainRequest): Promise<OptionChain>;
  /** Daily IV history, oldest first, up to `days` calendar days back. */
  ivHistory(symbol: string, days: number): Promise<readonly IvHistoryPoint[]>;
  marketClock(): Promise<MarketClock>;
  /** Symbols this source serves by default (the sim's universe; a vendor's configured watch list). */
  symbols(): readonly string[];
  close(): Promise<void>;
  /**
   * Optional. Cash dividends with an ex-date in [fromDate, toDate] (`YYYY-MM-DD`), ascending.
   * The paper broker uses them for early assignment and dividend payments when a source has them.
   */
  dividends?(symbol: string, fromDate: string, toDate: string): Promise<readonly DividendInfo[]>;
  /**
   * Optional. The underlying's closing price of a past session (`YYYY-MM-DD`), null when unknown.
   * The paper broker settles expiring options with it; without it, with the current quote.
   */
  closingPrice?(symbol: string, date: string): Promise<number | null>;
}
