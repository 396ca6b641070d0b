import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/**
 * 7a. No order leaves the underlying's book (with any working-order fills) with unbounded loss:
 * more short calls than long calls and stock. RISK_NAKED_SHORT_CALL when the order sells calls,
 * RISK_UNDEFINED when it uncovers existing ones (e.g. sells the stock under a covered call).
 */
export function checkRiskNakedCall(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const risk = analyze(intent, ctx).risk();
  if (isMissing(risk)) return reject(risk.code, `defined risk: ${risk.missing}`);
  if (!risk.addsUnboundedRisk) return null;
  const sellsCalls = intent.legs.some(
    (l) => l.side === 'sell' && l.contract.kind === 'option' && l.contract.right === 'call',
  );
  return sellsCalls
    ? reject(
        'RISK_NAKED_SHORT_CALL',
        'the order leaves short calls not covered by long calls or stock: unbounded loss',
      )
    : reject(
        'RISK_UNDEFINED',
        'the order leaves the book with unbounded loss (short calls no longer covered)',
      );
}
