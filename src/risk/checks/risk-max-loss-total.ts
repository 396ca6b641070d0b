import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, usd, type Rejection } from '../rejection.js';

/** 7d. Σ max loss of every underlying's book after the order at most `risk.maxLossTotal` — unless the order lowers it. */
export function checkRiskMaxLossTotal(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const risk = analyze(intent, ctx).risk();
  if (isMissing(risk)) return reject(risk.code, `total max loss: ${risk.missing}`);
  const max = ctx.limits.maxLossTotal;
  if (risk.totalAfter > max + 1e-9 && risk.increase > 0) {
    return reject(
      'RISK_MAX_LOSS_TOTAL',
      `total max loss after the order ${usd(risk.totalAfter)} (before ${usd(risk.totalBefore)}); risk.maxLossTotal is ${usd(max)}`,
    );
  }
  return null;
}
