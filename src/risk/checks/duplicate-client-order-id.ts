import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 11d. A client order id is used once: not in the journal, not among the broker's open orders. */
export function checkDuplicateClientOrderId(intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.history === null)
    return reject(
      'DUPLICATE_CLIENT_ORDER_ID',
      'the order history could not be read, so the id cannot be shown to be new',
    );
  const atBroker = ctx.openOrders?.some((o) => o.clientOrderId === intent.clientOrderId) ?? false;
  if (ctx.history.clientOrderIdSeen || atBroker) {
    return reject(
      'DUPLICATE_CLIENT_ORDER_ID',
      `client order id ${intent.clientOrderId} was already used${atBroker ? ' (it is working at the broker)' : ''}`,
    );
  }
  return null;
}
