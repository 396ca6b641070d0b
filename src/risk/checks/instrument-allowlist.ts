import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 3b. Every leg's underlying is on `risk.allowedUnderlyings`. */
export function checkInstrumentAllowlist(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const allowed = ctx.limits.allowedUnderlyings;
  const refused = [...new Set(intent.legs.map((l) => l.contract.symbol))].filter((s) => !allowed.includes(s));
  if (refused.length > 0) {
    return reject(
      'INSTRUMENT_NOT_ALLOWED',
      `${refused.join(', ')} not in risk.allowedUnderlyings (${allowed.join(', ')})`,
    );
  }
  return null;
}
