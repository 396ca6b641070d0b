import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import type { Rejection } from '../rejection.js';
import { checkGreek } from './greek-limit.js';

/** 8. Net theta of the underlying after the order within `risk.maxNetTheta`. */
export function checkGreeksTheta(intent: OrderIntent, ctx: GateContext): Rejection | null {
  return checkGreek('theta', 'GREEKS_THETA', 'maxNetTheta', intent, ctx);
}
