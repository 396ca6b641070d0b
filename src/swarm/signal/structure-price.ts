import type { ChainRow, Side } from '../../domain/index.js';

/** A leg matched to its chain row. */
export interface PricedLeg {
  readonly row: ChainRow;
  readonly side: Side;
  readonly ratio: number;
}

/** What the chain says a structure is worth per unit, dollars per share. */
export interface StructurePrice {
  /** Net mid: + a debit (we pay), - a credit (we receive). */
  readonly netMid: number;
  /** Sum of the legs' bid-ask spreads, ratio-weighted: how far a fair limit may sit from the mid. */
  readonly spread: number;
  /**
   * For a structure with two or more strikes of one right, the widest distance between them
   * (ratio-weighted): no credit can reach it without a free lunch. Null for single-strike structures.
   */
  readonly widestWidth: number | null;
}

/** Prices a structure from two-sided quotes. The caller has checked that every leg has bid and ask. */
export function structurePrice(legs: readonly PricedLeg[]): StructurePrice {
  let netMid = 0;
  let spread = 0;
  for (const { row, side, ratio } of legs) {
    const bid = row.quote.bid!;
    const ask = row.quote.ask!;
    netMid += (side === 'buy' ? 1 : -1) * ratio * ((bid + ask) / 2);
    spread += ratio * (ask - bid);
  }
  let widestWidth: number | null = null;
  for (const right of ['call', 'put'] as const) {
    const ofRight = legs.filter((l) => l.row.contract.right === right);
    if (ofRight.length < 2) continue;
    const strikes = ofRight.map((l) => l.row.contract.strike);
    const maxRatio = Math.max(...ofRight.map((l) => l.ratio));
    const width = (Math.max(...strikes) - Math.min(...strikes)) * maxRatio;
    widestWidth = Math.max(widestWidth ?? 0, width);
  }
  return { netMid, spread, widestWidth };
}
