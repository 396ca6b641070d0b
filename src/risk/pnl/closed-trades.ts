/**
 * Closing results from the trade log (one row per executed leg), by average cost per contract:
 * an order that reduces a position realises (price − average cost) × closed × multiplier, less the
 * commission on the closing part. Multipliers come from the contract key (options 100, stock 1).
 */
import { STANDARD_MULTIPLIER } from '../../domain/index.js';

/** The trade-log fields this needs (a `StoredTrade` has them). */
export interface TradeRow {
  readonly id: number;
  readonly time: number;
  readonly contract: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
  readonly clientOrderId: string | null;
  readonly fillId: string | null;
}

/** What one order realised when it closed (part of) positions. */
export interface ClosedResult {
  readonly order: string;
  /** Time of its last closing fill. */
  readonly time: number;
  readonly realized: number;
}

function multiplierOfKey(key: string): number {
  return key.split(' ').length === 4 ? STANDARD_MULTIPLIER : 1;
}

/** Realised results of every order that closed something, oldest first. */
export function closedResults(trades: readonly TradeRow[]): ClosedResult[] {
  const sorted = [...trades].sort((a, b) => a.time - b.time || a.id - b.id);
  const book = new Map<string, { qty: number; avg: number }>();
  const results = new Map<string, { time: number; realized: number }>();
  for (const t of sorted) {
    const pos = book.get(t.contract) ?? { qty: 0, avg: 0 };
    const signed = t.side === 'buy' ? t.quantity : -t.quantity;
    if (pos.qty === 0 || Math.sign(pos.qty) === Math.sign(signed)) {
      const total = Math.abs(pos.qty) + Math.abs(signed);
      pos.avg = (pos.avg * Math.abs(pos.qty) + t.price * Math.abs(signed)) / total;
      pos.qty += signed;
    } else {
      const closed = Math.min(Math.abs(signed), Math.abs(pos.qty));
      const realized =
        (t.price - pos.avg) * closed * Math.sign(pos.qty) * multiplierOfKey(t.contract) -
        t.commission * (closed / Math.abs(signed));
      const key = t.clientOrderId ?? t.fillId ?? `trade-${t.id}`;
      const r = results.get(key) ?? { time: t.time, realized: 0 };
      r.time = Math.max(r.time, t.time);
      r.realized += realized;
      results.set(key, r);
      pos.qty += signed;
      if (Math.abs(signed) > closed) pos.avg = t.price; // flipped: the rest opens at this price
    }
    if (Math.abs(pos.qty) < 1e-9) pos.qty = 0;
    book.set(t.contract, pos);
  }
  return [...results.entries()]
    .map(([order, r]) => ({ order, time: r.time, realized: r.realized }))
    .sort((a, b) => a.time - b.time);
}

/** Closing orders at or after `since`, newest backwards, that realised a loss — until the first that did not. */
export function consecutiveLosses(trades: readonly TradeRow[], since: number): number {
  const recent = closedResults(trades).filter((r) => r.time >= since);
  let n = 0;
  for (let i = recent.length - 1; i >= 0 && recent[i]!.realized < 0; i--) n++;
  return n;
}
