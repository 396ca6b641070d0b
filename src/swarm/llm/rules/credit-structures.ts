import type { ChainRow, Side } from '../../../domain/index.js';
import type { SymbolSnapshot } from '../../context/market-context.js';
import { shortStrike, structureFigures, wing } from './screen-kit.js';

export type CreditView = 'bullish' | 'bearish' | 'neutral';

/** A defined-risk credit structure: legs, the credit at mid, the widest wing and the net delta. */
export interface CreditStructure {
  readonly strategy: 'iron_condor' | 'put_credit_spread' | 'call_credit_spread';
  readonly view: CreditView;
  readonly legs: readonly { row: ChainRow; side: Side }[];
  readonly credit: number;
  readonly width: number;
  readonly netDelta: number;
}

/**
 * Sells the shortest-dated risk the view allows, shorts at the largest |delta| not above `shortCap`,
 * each protected by a wing `width` dollars further out: neutral is an iron condor, bullish a put
 * credit spread, bearish a call credit spread. Null when a leg is missing or the credit is not positive.
 */
export function creditStructure(
  snapshot: SymbolSnapshot,
  rows: readonly ChainRow[],
  view: CreditView,
  shortCap: number,
  width: number,
): CreditStructure | null {
  const sides: ('put' | 'call')[] =
    view === 'neutral' ? ['put', 'call'] : view === 'bullish' ? ['put'] : ['call'];
  const legs: { row: ChainRow; side: Side }[] = [];
  let widest = 0;
  for (const right of sides) {
    const short = shortStrike(rows, right, shortCap);
    const long = short ? wing(snapshot, short, width) : null;
    if (!short || !long) return null;
    legs.push({ row: short, side: 'sell' }, { row: long, side: 'buy' });
    widest = Math.max(widest, Math.abs(short.contract.strike - long.contract.strike));
  }
  const { netMid, netDelta } = structureFigures(legs);
  if (!(netMid < 0)) return null;
  const strategy =
    view === 'neutral' ? 'iron_condor' : view === 'bullish' ? 'put_credit_spread' : 'call_credit_spread';
  return { strategy, view, legs, credit: -netMid, width: widest, netDelta };
}
