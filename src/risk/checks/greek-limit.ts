import type { OrderIntent, SafetyCode } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GreekName } from '../analysis/greeks.js';
import type { GateContext } from '../gate-context.js';
import type { RiskLimits } from '../limits.js';
import { num, reject, type Rejection } from '../rejection.js';

const UNITS: Record<GreekName, string> = {
  delta: 'shares',
  gamma: 'shares per $1',
  vega: '$ per vol point',
  theta: '$ per day',
};

/**
 * 8. A Greek of the underlying's book after the order (worst over working-order fills) within its
 * bound — unless the order brings it closer to zero.
 */
export function checkGreek(
  greek: GreekName,
  code: SafetyCode,
  limit: keyof Pick<RiskLimits, 'maxNetDelta' | 'maxNetGamma' | 'maxNetVega' | 'maxNetTheta'>,
  intent: OrderIntent,
  ctx: GateContext,
): Rejection | null {
  const a = analyze(intent, ctx);
  const g = a.greeks();
  if (isMissing(g)) return reject(g.code, `net ${greek}: ${g.missing}`);
  const after = g.after[greek];
  const before = g.before[greek];
  const max = ctx.limits[limit];
  if (Math.abs(after) > max && Math.abs(after) > Math.abs(before) + 1e-9) {
    return reject(
      code,
      `${a.symbol}: net ${greek} after the order ${num(after, 2)} ${UNITS[greek]} (before ${num(before, 2)}); risk.${limit} is ${num(max)}`,
      {
        before,
        after,
      },
    );
  }
  return null;
}
