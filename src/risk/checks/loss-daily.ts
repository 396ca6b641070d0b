import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import type { Rejection } from '../rejection.js';
import { checkLossLimit } from './loss-limit.js';

/** 10. The daily loss limit (see `crossedLossLimits`). */
export function checkLossDaily(intent: OrderIntent, ctx: GateContext): Rejection | null {
  return checkLossLimit('LOSS_DAILY', intent, ctx);
}
