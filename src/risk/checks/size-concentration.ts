import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, usd, type Rejection } from '../rejection.js';

/** 6f. The underlying's max loss after the order, as a fraction of net liquidation, at most `risk.maxConcentration` — unless the order lowers it. */
export function checkSizeConcentration(intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.account === null)
    return reject('ACCOUNT_DATA_MISSING', 'no account summary, so concentration cannot be judged');
  const netLiq = ctx.account.netLiquidation;
  if (!(netLiq > 0))
    return reject(
      'SIZE_CONCENTRATION',
      `net liquidation is ${usd(netLiq)}; nothing can be concentrated against it`,
    );
  const risk = analyze(intent, ctx).risk();
  if (isMissing(risk)) return reject(risk.code, `concentration: ${risk.missing}`);
  const share = risk.underlyingAfter / netLiq;
  const max = ctx.limits.maxConcentration;
  if (share > max + 1e-12 && risk.increase > 0) {
    return reject(
      'SIZE_CONCENTRATION',
      `${analyze(intent, ctx).symbol}: max loss after the order ${usd(risk.underlyingAfter)} is ${num(share * 100, 2)} % of net liquidation ${usd(netLiq)}; risk.maxConcentration is ${num(max * 100, 2)} %`,
      { share },
    );
  }
  return null;
}
