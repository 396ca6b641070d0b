import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import type { Rejection } from '../rejection.js';
import { checkGreek } from './greek-limit.js';

/** 8. Net delta of the underlying after the order within `risk.maxNetDelta`. */
export function checkGreeksDelta(intent: OrderIntent, ctx: GateContext): Rejection | null {
  return checkGreek('delta', 'GREEKS_DELTA', 'maxNetDelta', intent, ctx);
}
