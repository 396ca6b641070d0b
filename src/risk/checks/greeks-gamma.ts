import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import type { Rejection } from '../rejection.js';
import { checkGreek } from './greek-limit.js';

/** 8. Net gamma of the underlying after the order within `risk.maxNetGamma`. */
export function checkGreeksGamma(intent: OrderIntent, ctx: GateContext): Rejection | null {
  return checkGreek('gamma', 'GREEKS_GAMMA', 'maxNetGamma', intent, ctx);
}
