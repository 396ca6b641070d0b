import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { lossChange, reject, usd, type Rejection } from '../rejection.js';

/**
 * 7c. What the order adds to its underlying's max loss, computed from the legs, at most
 * `risk.maxLossPerTrade`: the larger of what it adds to the worst fill of the working orders and
 * what it adds to the positions alone.
 */
export function checkRiskMaxLossTrade(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const a = analyze(intent, ctx);
  const risk = a.risk();
  if (isMissing(risk)) return reject(risk.code, `max loss: ${risk.missing}`);
  const max = ctx.limits.maxLossPerTrade;
  if (risk.increase > max + 1e-9) {
    const why =
      !a.standalone.bounded && a.standalone.reason === 'unpriced' ? ' (the order has no price)' : '';
    return reject(
      'RISK_MAX_LOSS_PER_TRADE',
      `the order ${lossChange(risk.increase)}${why}; risk.maxLossPerTrade is ${usd(max)}`,
      {
        increase: Number.isFinite(risk.increase) ? risk.increase : null,
      },
    );
  }
  return null;
}
