import type { OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import { fillBookFor, withOrder } from '../analysis/book.js';
import { worstGrossContracts } from '../analysis/worst-gross-contracts.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, type Rejection } from '../rejection.js';

/**
 * 6e. Σ |contracts| on the underlying after the order, at its worst over every fill of the working
 * orders, at most `risk.maxContractsPerUnderlying` — unless the order lowers that worst.
 */
export function checkSizePositionUnderlying(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const { positions, openOrders } = ctx;
  if (positions === null || openOrders === null)
    return reject('ACCOUNT_DATA_MISSING', 'positions or open orders could not be had from the broker');
  const a = analyze(intent, ctx);
  const max = ctx.limits.maxContractsPerUnderlying;
  for (const symbol of a.symbols) {
    const book = fillBookFor(symbol, positions, openOrders);
    const order = {
      ...a.orderBook,
      holdings: a.orderBook.holdings.filter((h) => h.contract.symbol === symbol),
    };
    const before = worstGrossContracts(book);
    const after = worstGrossContracts(withOrder(book, order));
    if (after > max + 1e-9 && after > before + 1e-9) {
      return reject(
        'SIZE_POSITION_PER_UNDERLYING',
        `${symbol}: ${num(after)} contracts after the order (before ${num(before)}), counting the worst fill of working orders; risk.maxContractsPerUnderlying is ${max}`,
      );
    }
  }
  return null;
}
