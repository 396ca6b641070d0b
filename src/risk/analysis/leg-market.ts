import { findChainRow, sideSign, type ChainRow, type Leg, type Quote } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';

/** A leg with the quote the market shows for it now (null: none to be had). */
export interface LegQuote {
  readonly leg: Leg;
  readonly quote: Quote | null;
  /** The chain row of an option leg; null for stock or when the contract is not listed. */
  readonly row: ChainRow | null;
  /** Why there is no quote, for messages. */
  readonly missing: string | null;
}

/** The quote of each leg, from the current chain (options) or the underlying quote (stock). */
export function legQuotes(legs: readonly Leg[], ctx: GateContext): LegQuote[] {
  return legs.map((leg) => {
    const slice = ctx.markets[leg.contract.symbol];
    if (leg.contract.kind === 'stock') {
      const quote = slice?.underlying ?? null;
      return { leg, quote, row: null, missing: quote ? null : `no quote for ${leg.contract.symbol}` };
    }
    if (!slice?.chain)
      return { leg, quote: null, row: null, missing: `no option chain for ${leg.contract.symbol}` };
    const row = findChainRow(slice.chain, leg.contract) ?? null;
    if (!row) return { leg, quote: null, row: null, missing: 'contract not in the current chain' };
    return { leg, quote: row.quote, row, missing: null };
  });
}

/** Two-sided: both bid and ask present, ask above zero. */
export function isTwoSided(quote: Quote | null): quote is Quote & { bid: number; ask: number } {
  return quote !== null && quote.bid !== null && quote.ask !== null && quote.ask > 0 && quote.bid >= 0;
}

/** What the market says one unit of the structure is worth, signed like `signedNetPrice` (+ debit). */
export interface StructureQuote {
  /** Σ sign × ratio × mid. */
  readonly netMid: number;
  /** Σ ratio × (ask − bid): the structure's own bid-ask width. */
  readonly spread: number;
  /** What crossing every leg costs: Σ buys at the ask − Σ sells at the bid. */
  readonly natural: number;
}

/** The structure's quote; null when any leg is not two-sided. */
export function structureQuote(quotes: readonly LegQuote[]): StructureQuote | null {
  let netMid = 0;
  let spread = 0;
  let natural = 0;
  for (const { leg, quote } of quotes) {
    if (!isTwoSided(quote)) return null;
    const sign = sideSign(leg.side);
    netMid += sign * leg.ratio * ((quote.bid + quote.ask) / 2);
    spread += leg.ratio * Math.max(0, quote.ask - quote.bid);
    natural += sign > 0 ? leg.ratio * quote.ask : -leg.ratio * quote.bid;
  }
  return { netMid, spread, natural };
}
