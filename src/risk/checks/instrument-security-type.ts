import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 3c. Every leg's security type is on `risk.allowedSecurityTypes`. */
export function checkInstrumentSecurityType(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const allowed = ctx.limits.allowedSecurityTypes;
  const refused = [...new Set(intent.legs.map((l) => l.contract.kind))].filter((k) => !allowed.includes(k));
  if (refused.length > 0) {
    return reject(
      'INSTRUMENT_SECURITY_TYPE',
      `security type ${refused.join(', ')} not in risk.allowedSecurityTypes (${allowed.join(', ')})`,
    );
  }
  return null;
}
