import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 11b. Orders in this cycle, this one included, at most `risk.maxOrdersPerCycle`. */
export function checkThrottlePerCycle(_intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.history === null)
    return reject(
      'THROTTLE_PER_CYCLE',
      'the order history could not be read, so the cycle count cannot be judged',
    );
  const count = Math.max(ctx.cycleOrdersSoFar, ctx.history.ordersInCycle) + 1;
  const max = ctx.limits.maxOrdersPerCycle;
  if (count > max)
    return reject(
      'THROTTLE_PER_CYCLE',
      `${count} orders this cycle with this one; risk.maxOrdersPerCycle is ${max}`,
    );
  return null;
}
