/**
 * What happens to the book as time passes, in time order:
 * - expiry (16:00 New York on the expiry date): options in the money by at least $0.01 at the
 *   underlying's close are exercised/assigned into stock at the strike (the premium folded into
 *   the stock's basis, as IBKR books it), or closed at intrinsic value; the rest expire worthless;
 * - early assignment, just before an ex-dividend date's open: a short in-the-money call whose
 *   extrinsic value is below the dividend is assigned;
 * - the ex-dividend open: long stock receives the dividend, short stock pays it.
 */
import { contractKey, expiryEpochMs, nyToEpoch, stock, type OptionContract } from '../../domain/index.js';
import type { DividendInfo } from '../../market/index.js';
import type { Book, PositionRecord } from './book.js';

/** OCC exercise by exception: in the money by at least this much, dollars per share. */
export const EXERCISE_THRESHOLD = 0.01;

export interface SettlementInputs {
  readonly now: number;
  /** Events up to this time were done before. */
  readonly doneTo: number;
  readonly expiryHandling: 'exercise' | 'close_at_intrinsic';
  readonly earlyAssignment: boolean;
  /** The underlying's close on an expiry date (or the best price available); null when unknown. */
  closingPrice(symbol: string, date: string): number | null;
  dividends(symbol: string): readonly DividendInfo[];
  spot(symbol: string): number | null;
  mark(contract: OptionContract): number | null;
}

interface Event {
  readonly time: number;
  /** Applies the event; false when data is missing (the event and all later ones wait). */
  readonly apply: () => boolean;
}

/** Applies every due event to the book; returns the time events are done up to. */
export function settle(book: Book, inputs: SettlementInputs): number {
  const events: Event[] = [];
  for (const pos of [...book.positions.values()]) {
    const c = pos.contract;
    if (c.kind !== 'option' || pos.quantity === 0) continue;
    const at = expiryEpochMs(c.expiry);
    if (at <= inputs.now) events.push({ time: at, apply: () => expire(book, c, at, inputs) });
  }
  const symbols = new Set(
    [...book.positions.values()].filter((p) => p.quantity !== 0).map((p) => p.contract.symbol),
  );
  for (const symbol of symbols) {
    for (const d of inputs.dividends(symbol)) {
      const exAt = nyToEpoch(d.exDate, 9, 30);
      if (inputs.earlyAssignment && exAt - 1 > inputs.doneTo && exAt - 1 <= inputs.now) {
        events.push({ time: exAt - 1, apply: () => earlyAssign(book, symbol, d, exAt - 1, inputs) });
      }
      if (exAt > inputs.doneTo && exAt <= inputs.now) {
        events.push({ time: exAt, apply: () => (book.dividend(stock(symbol), d.amount, exAt), true) });
      }
    }
  }
  events.sort((a, b) => a.time - b.time);
  for (const e of events) {
    if (!e.apply()) return Math.max(inputs.doneTo, e.time - 1);
  }
  return inputs.now;
}

function intrinsic(c: OptionContract, spot: number): number {
  return Math.max(0, c.right === 'call' ? spot - c.strike : c.strike - spot);
}

function expire(book: Book, c: OptionContract, at: number, inputs: SettlementInputs): boolean {
  const pos = book.positions.get(contractKey(c));
  if (!pos || pos.quantity === 0) return true;
  const price = inputs.closingPrice(c.symbol, c.expiry);
  if (price === null) return false;
  const value = intrinsic(c, price);
  if (value < EXERCISE_THRESHOLD) {
    book.trade(c, -pos.quantity, 0, at, 'expiry');
  } else if (inputs.expiryHandling === 'close_at_intrinsic') {
    book.trade(c, -pos.quantity, Number(value.toFixed(4)), at, 'expiry');
  } else {
    exercise(book, pos, at, `${pos.quantity > 0 ? 'exercised' : 'assigned'} at expiry, underlying ${price}`);
  }
  return true;
}

function earlyAssign(
  book: Book,
  symbol: string,
  d: DividendInfo,
  at: number,
  inputs: SettlementInputs,
): boolean {
  for (const pos of [...book.positions.values()]) {
    const c = pos.contract;
    if (c.kind !== 'option' || c.symbol !== symbol || c.right !== 'call' || pos.quantity >= 0) continue;
    if (c.expiry < d.exDate) continue;
    const spot = inputs.spot(symbol);
    const mark = inputs.mark(c);
    // Without prices, no early assignment: the holder would not exercise blind either.
    if (spot === null || mark === null) continue;
    const value = intrinsic(c, spot);
    if (value < EXERCISE_THRESHOLD || mark - value >= d.amount) continue;
    exercise(
      book,
      pos,
      at,
      `assigned early before ex-dividend ${d.exDate} (dividend ${d.amount}, extrinsic ${(mark - value).toFixed(4)})`,
    );
  }
  return true;
}

/**
 * Turns an option position into stock at the strike: calls buy (long) or sell (short) shares,
 * puts the reverse. Cash moves at the strike; the basis carries the premium (strike ± average).
 */
function exercise(book: Book, pos: PositionRecord, at: number, note: string): void {
  const c = pos.contract as OptionContract;
  const direction = c.right === 'call' ? 1 : -1;
  const shares = direction * pos.quantity * c.multiplier;
  const basis = c.strike + direction * pos.averagePrice;
  const kind = pos.quantity > 0 ? 'exercise' : 'assignment';
  book.remove(c, at, kind, note);
  book.trade(stock(c.symbol), shares, Number(basis.toFixed(6)), at, kind, c.strike);
}
