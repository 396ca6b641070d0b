/**
 * Books per underlying: what is held (positions), what may still be added (working orders), and the
 * order being judged. Working orders may fill in any combination; the gate looks at the scenarios
 * "none fill", "all fill" and "each one alone fills" and judges the worst of them.
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

/** One way the working orders could turn out, with and without the order. */
export interface Scenario {
  readonly name: string;
  readonly before: Book;
  readonly after: Book;
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

export function combine(...books: readonly Book[]): Book {
  return { holdings: books.flatMap((b) => b.holdings), cost: books.reduce((s, b) => s + b.cost, 0) };
}

/** Working orders with a leg on this underlying. */
export function workingOn(symbol: string, orders: readonly Order[]): Order[] {
  return orders.filter(
    (o) => remainingUnits(o) > 0 && o.intent.legs.some((l) => l.contract.symbol === symbol),
  );
}

/** The scenarios for one underlying, each before and after adding `order` (an empty book for none). */
export function scenariosFor(
  symbol: string,
  positions: readonly Position[],
  openOrders: readonly Order[],
  order: Book,
): Scenario[] {
  const held = positionsBook(symbol, positions);
  const working = workingOn(symbol, openOrders).map((o) => {
    const book = workingOrderBook(o);
    return { holdings: book.holdings.filter((h) => h.contract.symbol === symbol), cost: book.cost };
  });
  const bases: { name: string; book: Book }[] = [{ name: 'positions', book: held }];
  if (working.length > 0)
    bases.push({ name: 'positions + all working orders', book: combine(held, ...working) });
  if (working.length > 1) {
    working.forEach((w, i) =>
      bases.push({ name: `positions + working order ${i + 1}`, book: combine(held, w) }),
    );
  }
  return bases.map((b) => ({ name: b.name, before: b.book, after: combine(b.book, order) }));
}

/** Every underlying held or worked on. */
export function symbolsInPlay(positions: readonly Position[], openOrders: readonly Order[]): string[] {
  const set = new Set<string>();
  for (const p of positions) if (p.quantity !== 0) set.add(p.contract.symbol);
  for (const o of openOrders)
    if (remainingUnits(o) > 0) for (const l of o.intent.legs) set.add(l.contract.symbol);
  return [...set].sort();
}
