import {
  COMBO_TICK,
  findChainRow,
  midPrice,
  option,
  roundToTick,
  sideSign,
  tickFor,
  type ChainRow,
  type Leg,
  type OptionChain,
  type PriceEffect,
  type Signal,
} from '../../domain/index.js';

export interface ResolvedStructure {
  readonly legs: readonly Leg[];
  readonly rows: readonly ChainRow[];
  /** Net mid per unit from the current chain, + debit / − credit. */
  readonly netMid: number;
  readonly limitPrice: number;
  readonly priceEffect: PriceEffect;
}

/**
 * A signal's legs as contracts of the current chain, priced from the chain's own quotes (the mid,
 * moved `concession` of the half-spread toward the touch) — never from the price the signal proposed. A leg not listed, or without a two-sided quote, is a reason.
 */
export function resolveStructure(
  signal: Signal,
  chain: OptionChain,
  concession = 0,
): ResolvedStructure | { reason: string } {
  const legs: Leg[] = [];
  const rows: ChainRow[] = [];
  let net = 0;
  let halfSpread = 0;
  for (const l of signal.legs) {
    const probe = option(signal.underlying, l.expiry, l.strike, l.right);
    const row = findChainRow(chain, probe);
    if (!row) return { reason: `${l.right} ${l.strike} ${l.expiry} is not in the current chain` };
    const mid = midPrice(row.quote);
    if (mid === null || row.flags.includes('crossed') || row.flags.includes('stale')) {
      return {
        reason: `${l.right} ${l.strike} ${l.expiry} has no usable quote (${row.flags.join(', ') || 'one-sided'})`,
      };
    }
    legs.push({ contract: row.contract, side: l.side, ratio: l.ratio });
    rows.push(row);
    net += sideSign(l.side) * l.ratio * mid;
    halfSpread += (l.ratio * (row.quote.ask! - row.quote.bid!)) / 2;
  }
  // Concede part of the half-spread toward the touch: pay more for a debit, take less for a credit.
  const priced = net + concession * halfSpread;
  const single = legs.length === 1;
  const tick = single ? tickFor(Math.abs(priced)) : COMBO_TICK;
  const limit = roundToTick(Math.abs(priced), tick, 'nearest');
  if (!(limit > 0)) return { reason: `net price ${priced.toFixed(4)} rounds to zero` };
  return { legs, rows, netMid: net, limitPrice: limit, priceEffect: priced >= 0 ? 'debit' : 'credit' };
}
