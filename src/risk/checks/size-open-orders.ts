import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 6c. Orders working at the broker, this one included, at most `risk.maxOpenOrders`. */
export function checkSizeOpenOrders(_intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.openOrders === null)
    return reject('ACCOUNT_DATA_MISSING', 'open orders could not be had from the broker');
  const count = ctx.openOrders.length + 1;
  const max = ctx.limits.maxOpenOrders;
  if (count > max)
    return reject('SIZE_OPEN_ORDERS', `${count} open orders with this one; risk.maxOpenOrders is ${max}`);
  return null;
}
