/**
 * What the book is worth and what it requires: net liquidation, equity with loan value (cash and
 * stock; options have no loan value), unrealised P&L, Reg-T margin and buying power (equity with
 * loan value less initial margin: IBKR's "available funds"). Dollars.
 */
import {
  contractKey,
  multiplierOf,
  sideSign,
  signedNetPrice,
  type Contract,
  type OrderIntent,
} from '../../domain/index.js';
import { Book } from './book.js';
import { marginRequirement, type MarginResult } from './margin.js';

export interface PriceSource {
  mark(contract: Contract): number | null;
  spot(symbol: string): number | null;
}

export interface Valuation {
  readonly netLiquidation: number;
  readonly equityWithLoanValue: number;
  readonly unrealizedPnl: number;
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
  readonly buyingPower: number;
  readonly margin: MarginResult;
}

export function valueBook(book: Book, prices: PriceSource, accountType: 'margin' | 'cash'): Valuation {
  const positions = book.openPositions();
  let netLiquidation = book.cash;
  let equityWithLoanValue = book.cash;
  let unrealizedPnl = 0;
  const markOf = (c: Contract, fallback: number): number => prices.mark(c) ?? fallback;
  for (const p of positions) {
    const m = multiplierOf(p.contract);
    const mark = markOf(p.contract, p.averagePrice);
    netLiquidation += p.quantity * mark * m;
    if (p.contract.kind === 'stock') equityWithLoanValue += p.quantity * mark;
    unrealizedPnl += p.quantity * (mark - p.averagePrice) * m;
  }
  const margin = marginRequirement(
    positions,
    {
      spot: (symbol) => prices.spot(symbol) ?? fallbackSpot(book, symbol),
      mark: (c) => markOf(c, book.positions.get(contractKey(c))?.averagePrice ?? 0),
    },
    accountType,
  );
  return {
    netLiquidation,
    equityWithLoanValue,
    unrealizedPnl,
    initialMargin: margin.initial,
    maintenanceMargin: margin.maintenance,
    buyingPower: equityWithLoanValue - margin.initial,
    margin,
  };
}

/** With no quote for the underlying: the stock's own average price, else the highest strike held. */
function fallbackSpot(book: Book, symbol: string): number {
  let strike = 0;
  for (const p of book.positions.values()) {
    if (p.contract.symbol !== symbol || p.quantity === 0) continue;
    if (p.contract.kind === 'stock') return p.averagePrice;
    strike = Math.max(strike, p.contract.strike);
  }
  return strike;
}

/**
 * A copy of the book as if these orders filled in full at their limit (market orders at the
 * marks): each leg at its mark, the difference to the net price settled in cash, commission paid.
 */
export function bookWithOrders(
  book: Book,
  orders: readonly { intent: OrderIntent; remaining: number; commission: number }[],
  prices: PriceSource,
): Book {
  const copy = new Book(book.cash, book.positions.values());
  for (const { intent, remaining, commission } of orders) {
    if (remaining <= 0) continue;
    let natural = 0;
    for (const leg of intent.legs) {
      const mark = prices.mark(leg.contract) ?? 0;
      natural += sideSign(leg.side) * leg.ratio * mark;
      copy.trade(leg.contract, sideSign(leg.side) * leg.ratio * remaining, mark, 0);
    }
    const net = signedNetPrice(intent) ?? natural;
    const m = multiplierOf(intent.legs[0]!.contract);
    copy.cash -= (net - natural) * remaining * m + commission;
  }
  return copy;
}
