/**
 * Books per underlying: what is held (positions), what may still be added (working orders), and the
 * order being judged. Working orders may fill in any combination, partly or wholly; the `worst-*`
 * modules judge the worst of every combination (see the decision record 0003).
 */
import {
  legQuantities,
  multiplierOf,
  signedNetPrice,
  type Order,
  type OrderIntent,
  type Position,
} from '../../domain/index.js';
import type { Book, Holding } from './payoff.js';

/**
 * One underlying's book as the gate judges it: `fixed` always counts (the positions, and the order
 * being judged in the after-book); each of `working` (a working order's remaining units on this
 * underlying) may fill anywhere from none of it to all of it, independently of the others.
 */
export interface FillBook {
  readonly fixed: Book;
  readonly working: readonly Book[];
}

/** Holdings and cost of held positions on one underlying. */
export function positionsBook(symbol: string, positions: readonly Position[]): Book {
  const on = positions.filter((p) => p.contract.symbol === symbol && p.quantity !== 0);
  return {
    holdings: on.map((p) => ({ contract: p.contract, quantity: p.quantity })),
    cost: on.reduce((sum, p) => sum + p.averagePrice * p.quantity * multiplierOf(p.contract), 0),
  };
}

/** Units of an order still to fill. */
export function remainingUnits(order: Order): number {
  return Math.max(0, order.intent.quantity - order.filledQuantity);
}

/**
 * An intent as holdings and cost for `units` of it, priced at `price` per unit (signed, + debit);
 * NaN cost when there is no price.
 */
export function intentBook(intent: OrderIntent, units: number, price: number | null): Book {
  const holdings: Holding[] = legQuantities(intent.legs, units).map((l) => ({
    contract: l.contract,
    quantity: l.quantity,
  }));
  const multiplier = multiplierOf(intent.legs[0]!.contract);
  return { holdings, cost: price === null ? NaN : price * multiplier * units };
}

/** A working order's book: its limit price, else (a market order) unknown cost. */
export function workingOrderBook(order: Order): Book {
  return intentBook(order.intent, remainingUnits(order), signedNetPrice(order.intent));
}

/** Holdings of several books together, their costs summed. */
export function combine(...books: readonly Book[]): Book {
  return { holdings: books.flatMap((b) => b.holdings), cost: books.reduce((s, b) => s + b.cost, 0) };
}

/** Working orders with a leg on this underlying. */
export function workingOn(symbol: string, orders: readonly Order[]): Order[] {
  return orders.filter(
    (o) => remainingUnits(o) > 0 && o.intent.legs.some((l) => l.contract.symbol === symbol),
  );
}

/**
 * One underlying's book: its positions, fixed, and each working order with a leg on it. A working
 * order that spans several underlyings counts its cost on each, and a credit on none of them (which
 * share of the credit belongs where is unknown; leaving it out can only raise the loss).
 */
export function fillBookFor(
  symbol: string,
  positions: readonly Position[],
  openOrders: readonly Order[],
): FillBook {
  const working = workingOn(symbol, openOrders).map((o) => {
    const book = workingOrderBook(o);
    const spans = o.intent.legs.some((l) => l.contract.symbol !== symbol);
    return {
      holdings: book.holdings.filter((h) => h.contract.symbol === symbol),
      cost: spans ? Math.max(0, book.cost) : book.cost,
    };
  });
  return { fixed: positionsBook(symbol, positions), working };
}

/** The book with `order` added to what always counts: the order judged is assumed to fill. */
export function withOrder(book: FillBook, order: Book): FillBook {
  return { fixed: combine(book.fixed, order), working: book.working };
}

/** Every underlying held or worked on. */
export function symbolsInPlay(positions: readonly Position[], openOrders: readonly Order[]): string[] {
  const set = new Set<string>();
  for (const p of positions) if (p.quantity !== 0) set.add(p.contract.symbol);
  for (const o of openOrders)
    if (remainingUnits(o) > 0) for (const l of o.intent.legs) set.add(l.contract.symbol);
  return [...set].sort();
}
