/**
 * What a book may hold after a gate race, stated independently of the gate's own analysis: simple
 * worst-case arithmetic over the broker's positions and the orders that may still fill.
 */
import { contractKey, structureKey, type Contract, type Order } from '../../domain/index.js';
import type { BookState } from './race-book.js';

const remaining = (o: Order): number => Math.max(0, o.intent.quantity - o.filledQuantity);
const sign = (side: 'buy' | 'sell'): number => (side === 'buy' ? 1 : -1);

/** The largest |contracts| one contract can reach: held plus every working order the same way. */
export function worstContractExposure(state: BookState, contract: Contract): number {
  const key = contractKey(contract);
  const held = state.positions
    .filter((p) => contractKey(p.contract) === key)
    .reduce((s, p) => s + p.quantity, 0);
  let buys = 0;
  let sells = 0;
  for (const o of state.working) {
    for (const l of o.intent.legs) {
      if (contractKey(l.contract) !== key) continue;
      const q = l.ratio * remaining(o);
      if (l.side === 'buy') buys += q;
      else sells += q;
    }
  }
  return Math.max(Math.abs(held + buys), Math.abs(held - sells));
}

/**
 * Net calls held on `symbol` if every working sell of a call fills and no buy does. Below zero the
 * book is short calls it does not own: unbounded loss (for a book of one expiry, as the races use).
 */
export function worstNetCalls(state: BookState, symbol: string): number {
  const isCall = (c: Contract) => c.kind === 'option' && c.symbol === symbol && c.right === 'call';
  let net = state.positions.filter((p) => isCall(p.contract)).reduce((s, p) => s + p.quantity, 0);
  for (const o of state.working)
    for (const l of o.intent.legs) if (l.side === 'sell' && isCall(l.contract)) net -= l.ratio * remaining(o);
  return net;
}

interface Holding {
  readonly contract: Contract;
  /** Signed contracts. */
  readonly quantity: number;
}
interface Piece {
  readonly holdings: readonly Holding[];
  /** Dollars paid (negative: received). */
  readonly cost: number;
}

function intrinsic(c: Contract, spot: number): number {
  if (c.kind === 'stock') return spot;
  return c.right === 'call' ? Math.max(0, spot - c.strike) : Math.max(0, c.strike - spot);
}

const multiplier = (c: Contract): number => (c.kind === 'option' ? c.multiplier : 1);

/** Max loss from cost at the options' expiry; Infinity when short calls are uncovered. One expiry only. */
function maxLossAtExpiry(pieces: readonly Piece[]): number {
  const holdings = pieces.flatMap((p) => p.holdings);
  const expiries = new Set(
    holdings.flatMap((h) => (h.contract.kind === 'option' ? [h.contract.expiry] : [])),
  );
  if (expiries.size > 1) throw new Error('maxLossAtExpiry judges books of one expiry');
  const slopePastLast = holdings.reduce(
    (s, h) =>
      s +
      (h.contract.kind === 'stock' || h.contract.right === 'call' ? h.quantity * multiplier(h.contract) : 0),
    0,
  );
  if (slopePastLast < 0) return Infinity;
  const cost = pieces.reduce((s, p) => s + p.cost, 0);
  const spots = [0, ...holdings.flatMap((h) => (h.contract.kind === 'option' ? [h.contract.strike] : []))];
  let worst = -Infinity;
  for (const s of spots) {
    const value = holdings.reduce(
      (v, h) => v + h.quantity * multiplier(h.contract) * intrinsic(h.contract, s),
      0,
    );
    worst = Math.max(worst, cost - value);
  }
  return worst;
}

/**
 * The book's max loss from cost, worst over every combination of working orders filling (at their
 * limits). Positions are at their average price.
 */
export function worstMaxLoss(state: BookState): number {
  const held: Piece[] = state.positions.map((p) => ({
    holdings: [{ contract: p.contract, quantity: p.quantity }],
    cost: p.quantity * p.averagePrice * multiplier(p.contract),
  }));
  const orders: Piece[] = state.working.map((o) => {
    const units = remaining(o);
    const m = multiplier(o.intent.legs[0]!.contract);
    return {
      holdings: o.intent.legs.map((l) => ({
        contract: l.contract,
        quantity: sign(l.side) * l.ratio * units,
      })),
      cost: (o.intent.priceEffect === 'debit' ? 1 : -1) * (o.intent.limitPrice ?? 0) * units * m,
    };
  });
  if (orders.length > 12) throw new Error('too many working orders to try every combination');
  let worst = maxLossAtExpiry(held);
  for (let mask = 1; mask < 1 << orders.length; mask++) {
    const filling = orders.filter((_, i) => (mask >> i) & 1);
    worst = Math.max(worst, maxLossAtExpiry([...held, ...filling]));
  }
  return worst;
}

/** Orders in the journal with the same legs, sides and net price: at most one may be sent in the window. */
export function largestTwinGroup(state: BookState): number {
  const groups = new Map<string, number>();
  for (const o of state.journalOrders) {
    const key = `${structureKey(o.intent.legs)} @ ${o.intent.limitPrice} ${o.intent.priceEffect}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return Math.max(0, ...groups.values());
}

/** Orders the broker received (whatever became of them). */
export function ordersAtBroker(state: BookState): number {
  return [...state.brokerOrders.values()].filter((o) => o !== null).length;
}
