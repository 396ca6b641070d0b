import { multiplierOf, type OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import { scenariosFor } from '../analysis/book.js';
import { netHoldings, type Book } from '../analysis/payoff.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, type Rejection } from '../rejection.js';

/** Σ |contracts| of a book (stock per 100 shares). */
export function grossContracts(book: Book): number {
  return netHoldings(book.holdings).reduce(
    (s, h) =>
      s +
      (h.contract.kind === 'stock'
        ? Math.abs(h.quantity) / 100
        : Math.abs(h.quantity) * (multiplierOf(h.contract) / 100)),
    0,
  );
}

/** 6e. Σ |contracts| on the underlying after the order, worst over working-order fills, at most `risk.maxContractsPerUnderlying`. */
export function checkSizePositionUnderlying(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const { positions, openOrders } = ctx;
  if (positions === null || openOrders === null)
    return reject('ACCOUNT_DATA_MISSING', 'positions or open orders could not be had from the broker');
  const a = analyze(intent, ctx);
  const max = ctx.limits.maxContractsPerUnderlying;
  for (const symbol of a.symbols) {
    const scenarios = scenariosFor(symbol, positions, openOrders, a.orderBook);
    const before = Math.max(...scenarios.map((s) => grossContracts(s.before)));
    const after = Math.max(...scenarios.map((s) => grossContracts(s.after)));
    if (after > max + 1e-9 && after > before + 1e-9) {
      return reject(
        'SIZE_POSITION_PER_UNDERLYING',
        `${symbol}: ${num(after)} contracts after the order (before ${num(before)}); risk.maxContractsPerUnderlying is ${max}`,
      );
    }
  }
  return null;
}
