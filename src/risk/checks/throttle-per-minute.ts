import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

export const THROTTLE_WINDOW_MS = 60_000;

/** 11a. Orders recorded in the last 60 s, this one included, at most `risk.maxOrdersPerMinute`. */
export function checkThrottlePerMinute(_intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.history === null)
    return reject('THROTTLE_PER_MINUTE', 'the order history could not be read, so the rate cannot be judged');
  const count = ctx.history.recent.filter((o) => o.createdAt > ctx.now - THROTTLE_WINDOW_MS).length + 1;
  const max = ctx.limits.maxOrdersPerMinute;
  if (count > max)
    return reject(
      'THROTTLE_PER_MINUTE',
      `${count} orders in the last minute with this one; risk.maxOrdersPerMinute is ${max}`,
    );
  return null;
}
