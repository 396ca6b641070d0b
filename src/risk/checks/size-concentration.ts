import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { pct, reject, usd, type Rejection } from '../rejection.js';

/**
 * 6f. The underlying's capital at risk after the order (worst fill of the working orders), as a
 * fraction of net liquidation, at most `risk.maxConcentration` — unless the order lowers it.
 */
export function checkSizeConcentration(intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.account === null)
    return reject('ACCOUNT_DATA_MISSING', 'no account summary, so concentration cannot be judged');
  const netLiq = ctx.account.netLiquidation;
  if (!(netLiq > 0))
    return reject(
      'SIZE_CONCENTRATION',
      `net liquidation is ${usd(netLiq)}; nothing can be concentrated against it`,
    );
  const a = analyze(intent, ctx);
  const risk = a.risk();
  if (isMissing(risk)) return reject(risk.code, `concentration: ${risk.missing}`);
  const share = risk.underlyingAfter / netLiq;
  const max = ctx.limits.maxConcentration;
  if (share > max + 1e-12 && risk.raisesCapital) {
    const what = Number.isFinite(share)
      ? `max loss after the order ${usd(risk.underlyingAfter)} is ${pct(share)} of net liquidation ${usd(netLiq)}`
      : `max loss after the order is unbounded against net liquidation ${usd(netLiq)}`;
    return reject('SIZE_CONCENTRATION', `${a.symbol}: ${what}; risk.maxConcentration is ${pct(max)}`, {
      share: Number.isFinite(share) ? share : null,
    });
  }
  return null;
}
