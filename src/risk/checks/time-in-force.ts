import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 4b. The time in force is on `risk.allowedTimeInForce` (DAY only by default). */
export function checkTimeInForce(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const allowed = ctx.limits.allowedTimeInForce;
  if (!allowed.includes(intent.timeInForce)) {
    return reject(
      'TIME_IN_FORCE_NOT_ALLOWED',
      `time in force ${intent.timeInForce} not in risk.allowedTimeInForce (${allowed.join(', ')})`,
    );
  }
  return null;
}
