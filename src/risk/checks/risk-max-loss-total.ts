import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, usd, type Rejection } from '../rejection.js';

/**
 * 7d. Capital at risk — Σ over underlyings of each book's max loss from cost, at its worst over every
 * fill of the working orders, this order filled — at most `risk.maxLossTotal`, unless the order
 * lowers it.
 */
export function checkRiskMaxLossTotal(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const risk = analyze(intent, ctx).risk();
  if (isMissing(risk)) return reject(risk.code, `total max loss: ${risk.missing}`);
  const max = ctx.limits.maxLossTotal;
  if (risk.totalAfter > max + 1e-9 && risk.raisesCapital) {
    return reject(
      'RISK_MAX_LOSS_TOTAL',
      `total max loss after the order ${usd(risk.totalAfter)} (before ${usd(risk.totalBefore)}); risk.maxLossTotal is ${usd(max)}`,
      {
        after: Number.isFinite(risk.totalAfter) ? risk.totalAfter : null,
        before: Number.isFinite(risk.totalBefore) ? risk.totalBefore : null,
      },
    );
  }
  return null;
}
