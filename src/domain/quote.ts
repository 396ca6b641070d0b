import type { OptionContract, Contract } from './contract.js';

/** A top-of-book quote. Prices in dollars per share; sizes in contracts (or shares for stock). */
export interface Quote {
  readonly bid: number | null;
  readonly ask: number | null;
  readonly bidSize: number;
  readonly askSize: number;
  readonly last: number | null;
  /** When the quote was taken, epoch ms UTC. */
  readonly time: number;
}

/** Data-quality flags a consumer must look at before trusting a quote. */
export type QuoteFlag = 'crossed' | 'locked' | 'zero_bid' | 'no_bid' | 'no_ask' | 'stale' | 'halted';

export interface UnderlyingQuote extends Quote {
  readonly symbol: string;
  readonly flags: readonly QuoteFlag[];
}

/** Greeks as raw derivatives: vega per 1.00 vol, theta = -dV/dT per year, rho per 1.00 rate. */
export interface Greeks {
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
  readonly rho: number;
}

export interface ChainRow {
  readonly contract: OptionContract;
  readonly quote: Quote;
  readonly volume: number;
  readonly openInterest: number;
  /** IV computed by our quant from the mid; null when the mid is outside the no-arbitrage bounds. */
  readonly iv: number | null;
  /** Greeks from our quant at `iv`; null when iv is null. */
  readonly greeks: Greeks | null;
  readonly flags: readonly QuoteFlag[];
  /** A source's own IV/Greeks (e.g. ThetaData), kept for comparison, never used for decisions. */
  readonly vendor?: { readonly iv: number | null; readonly greeks: Partial<Greeks> | null };
}

export interface OptionChain {
  readonly symbol: string;
  readonly underlying: UnderlyingQuote;
  /** When the snapshot was taken, epoch ms UTC. */
  readonly time: number;
  readonly rate: number;
  readonly dividendYield: number;
  readonly rows: readonly ChainRow[];
}

/** Mid price, or null when either side is missing. */
export function midPrice(quote: Pick<Quote, 'bid' | 'ask'>): number | null {
  if (quote.bid === null || quote.ask === null) return null;
  return (quote.bid + quote.ask) / 2;
}

/** Flags a quote deserves from its own numbers and its age. */
export function quoteFlags(quote: Quote, now: number, maxAgeMs: number): QuoteFlag[] {
  const flags: QuoteFlag[] = [];
  if (quote.bid === null) flags.push('no_bid');
  else if (quote.bid === 0) flags.push('zero_bid');
  if (quote.ask === null) flags.push('no_ask');
  if (quote.bid !== null && quote.ask !== null) {
    if (quote.bid > quote.ask) flags.push('crossed');
    else if (quote.bid === quote.ask && quote.bid > 0) flags.push('locked');
  }
  if (now - quote.time > maxAgeMs) flags.push('stale');
  return flags;
}

/**
 * Find a row for a contract in a chain (by expiry, strike, right). The strike must equal the listed
 * one exactly: a near miss such as `195.0000000001` is not the 195 strike, and an order for it is not
 * an order for a listed contract.
 */
export function findChainRow(chain: OptionChain, contract: OptionContract): ChainRow | undefined {
  return chain.rows.find(
    (row) =>
      row.contract.expiry === contract.expiry &&
      row.contract.right === contract.right &&
      row.contract.strike === contract.strike,
  );
}

export type { Contract };
