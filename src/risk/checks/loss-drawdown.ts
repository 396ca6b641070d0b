import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import type { Rejection } from '../rejection.js';
import { checkLossLimit } from './loss-limit.js';

/** 10. The drawdown loss limit (see `crossedLossLimits`). */
export function checkLossDrawdown(intent: OrderIntent, ctx: GateContext): Rejection | null {
  return checkLossLimit('LOSS_DRAWDOWN', intent, ctx);
}
