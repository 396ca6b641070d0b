import {
  COMBO_TICK,
  findChainRow,
  roundToTick,
  sideSign,
  STOCK_TICK,
  tickFor,
  type Leg,
  type PriceEffect,
} from '../../domain/index.js';
import type { MarketData } from '../../market/index.js';

export interface ClosingPrice {
  readonly limitPrice: number;
  readonly priceEffect: PriceEffect;
  /** Net mid per unit (signed, + debit), for the record. */
  readonly netMid: number;
}

interface LegQuote {
  bid: number | null;
  ask: number | null;
}

async function legQuote(marketData: MarketData, leg: Leg): Promise<LegQuote> {
  if (leg.contract.kind === 'stock') {
    const q = await marketData.underlyingQuote(leg.contract.symbol);
    return { bid: q.bid, ask: q.ask };
  }
  const chain = await marketData.chain(leg.contract.symbol, { expiries: [leg.contract.expiry] });
  const row = findChainRow(chain, leg.contract);
  return { bid: row?.quote.bid ?? null, ask: row?.quote.ask ?? null };
}

/**
 * A marketable limit for a closing order: the touch on every leg (ask to buy, bid to sell), made
 * `attempt × step × max(|mid|, $0.10)` more aggressive on each retry, rounded toward filling.
 * Null when a leg we must buy has no ask (nothing to price against).
 */
export async function closingPrice(
  marketData: MarketData,
  legs: readonly Leg[],
  attempt: number,
  step: number,
): Promise<ClosingPrice | null> {
  let touch = 0;
  let mid = 0;
  for (const leg of legs) {
    const q = await legQuote(marketData, leg);
    if (leg.side === 'buy' && q.ask === null) return null;
    const bid = q.bid ?? 0;
    const px = leg.side === 'buy' ? q.ask! : bid;
    touch += sideSign(leg.side) * leg.ratio * px;
    mid += sideSign(leg.side) * leg.ratio * (q.ask === null ? bid : (bid + q.ask) / 2);
  }
  const widen = attempt * step * Math.max(Math.abs(mid), 0.1);
  const signed = touch + widen;
  const only = legs.length === 1 ? legs[0]! : null;
  if (only) {
    const tick = only.contract.kind === 'stock' ? STOCK_TICK : tickFor(Math.abs(signed));
    if (only.side === 'sell') {
      // Selling what we hold: receive less each retry, but never ask for less than one tick.
      const price = Math.max(tick, roundToTick(Math.max(0, -signed), tick, 'down'));
      return { limitPrice: price, priceEffect: 'credit', netMid: mid };
    }
    return { limitPrice: roundToTick(signed, tick, 'up'), priceEffect: 'debit', netMid: mid };
  }
  const rounded = roundToTick(signed, COMBO_TICK, 'up');
  return { limitPrice: Math.abs(rounded), priceEffect: rounded >= 0 ? 'debit' : 'credit', netMid: mid };
}
