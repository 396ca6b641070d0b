import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, usd, type Rejection } from '../rejection.js';

/**
 * 7b. A short put is covered by a long put on the same underlying with the same or a later expiry.
 * Orders that add uncovered short puts are refused unless `risk.allowNakedShortPuts`, and then only
 * when cash covers strike × shares of every uncovered short put held or ordered.
 */
export function checkRiskNakedPut(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const risk = analyze(intent, ctx).risk();
  if (isMissing(risk)) return reject(risk.code, `defined risk: ${risk.missing}`);
  if (risk.uncoveredPutSharesAfter <= risk.uncoveredPutSharesBefore + 1e-9) return null;
  const added = risk.uncoveredPutSharesAfter - risk.uncoveredPutSharesBefore;
  if (!ctx.limits.allowNakedShortPuts) {
    return reject(
      'RISK_NAKED_SHORT_PUT',
      `the order adds ${num(added)} shares of short puts without a covering long put; risk.allowNakedShortPuts is false`,
    );
  }
  if (ctx.account === null)
    return reject(
      'ACCOUNT_DATA_MISSING',
      'no account summary, so cash securing the short puts cannot be checked',
    );
  if (risk.cashSecuredNeededAfter > ctx.account.cash + 1e-9) {
    return reject(
      'RISK_NAKED_SHORT_PUT',
      `uncovered short puts need ${usd(risk.cashSecuredNeededAfter)} of cash to be secured; cash is ${usd(ctx.account.cash)}`,
      { needed: risk.cashSecuredNeededAfter, cash: ctx.account.cash },
    );
  }
  return null;
}
