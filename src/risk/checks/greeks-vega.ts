import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import type { Rejection } from '../rejection.js';
import { checkGreek } from './greek-limit.js';

/** 8. Net vega of the underlying after the order within `risk.maxNetVega`. */
export function checkGreeksVega(intent: OrderIntent, ctx: GateContext): Rejection | null {
  return checkGreek('vega', 'GREEKS_VEGA', 'maxNetVega', intent, ctx);
}
