import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, usd, type Rejection } from '../rejection.js';

/**
 * Buying power after the order: the lower of the broker's what-if (when it has one) and our model
 * (buying power now − the max loss the order adds). It must stay at or above
 * `risk.minBuyingPowerReserve` × net liquidation for any order that uses buying power.
 */
export function buyingPowerAfter(intent: OrderIntent, ctx: GateContext): number | null {
  if (ctx.account === null) return null;
  const risk = analyze(intent, ctx).risk();
  if (isMissing(risk)) return null;
  const model = ctx.account.buyingPower - Math.max(0, risk.increase);
  const broker = ctx.marginPreview?.buyingPowerAfter;
  return broker === undefined || !Number.isFinite(broker) ? model : Math.min(model, broker);
}

/** 9. The order leaves enough buying power. */
export function checkBuyingPower(intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.account === null)
    return reject('ACCOUNT_DATA_MISSING', 'no account summary, so buying power cannot be judged');
  const risk = analyze(intent, ctx).risk();
  if (isMissing(risk)) return reject(risk.code, `buying power: ${risk.missing}`);
  if (risk.increase <= 1e-9) return null; // uses none (a sub-nanodollar change is float noise)
  const after = buyingPowerAfter(intent, ctx)!;
  const reserve = ctx.limits.minBuyingPowerReserve * ctx.account.netLiquidation;
  if (!(after >= reserve - 1e-9)) {
    const reserveText = `the reserve ${usd(reserve)} (risk.minBuyingPowerReserve ${num(ctx.limits.minBuyingPowerReserve)} × net liquidation)`;
    const details = { after: Number.isFinite(after) ? after : null, reserve };
    if (risk.increase === Infinity) {
      return reject(
        'BUYING_POWER_INSUFFICIENT',
        `the order adds unbounded risk, so no buying power would be left; it must stay at or above ${reserveText}`,
        details,
      );
    }
    const source = ctx.marginPreview
      ? `broker what-if ${usd(ctx.marginPreview.buyingPowerAfter)} (${ctx.marginPreview.source}), `
      : '';
    return reject(
      'BUYING_POWER_INSUFFICIENT',
      `buying power after the order ${usd(after)} (${source}model ${usd(ctx.account.buyingPower)} − ${usd(risk.increase)}) is below ${reserveText}`,
      details,
    );
  }
  return null;
}
