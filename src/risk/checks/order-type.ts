import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 4a. The order type is on `risk.allowedOrderTypes` (limit only by default). */
export function checkOrderType(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const allowed = ctx.limits.allowedOrderTypes;
  if (!allowed.includes(intent.orderType)) {
    return reject(
      'ORDER_TYPE_NOT_ALLOWED',
      `order type ${intent.orderType} not in risk.allowedOrderTypes (${allowed.join(', ')})`,
    );
  }
  return null;
}
