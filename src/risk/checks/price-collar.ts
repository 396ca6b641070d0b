import type { OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import type { RiskLimits } from '../limits.js';
import { num, reject, type Rejection } from '../rejection.js';

/**
 * How far from the net mid a price may sit: `max(spread / 2, min(collarPercent × |mid|,
 * collarSpreads × spread))` — up to the natural price always, never beyond both bounds.
 */
export function collarAllowance(
  mid: number,
  spread: number,
  limits: Pick<RiskLimits, 'collarPercent' | 'collarSpreads'>,
): number {
  return Math.max(spread / 2, Math.min(limits.collarPercent * Math.abs(mid), limits.collarSpreads * spread));
}

/** 5h. The (signed) limit sits within the collar around the structure's current net mid. */
export function checkPriceCollar(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const a = analyze(intent, ctx);
  const q = a.quote;
  const price = a.price;
  if (q === null || price === null) {
    return reject(
      'PRICE_OUTSIDE_COLLAR',
      'no two-sided quotes for every leg, so there is no mid to collar the price against',
    );
  }
  const allowance = collarAllowance(q.netMid, q.spread, ctx.limits);
  const distance = Math.abs(price - q.netMid);
  if (distance > allowance + 1e-9) {
    return reject(
      'PRICE_OUTSIDE_COLLAR',
      `limit ${num(price)} (signed, + debit) is ${num(distance)} from the mid ${num(q.netMid)}; the collar allows ${num(allowance)} (spread ${num(q.spread)}, risk.collarPercent ${ctx.limits.collarPercent}, risk.collarSpreads ${ctx.limits.collarSpreads})`,
      { price, mid: q.netMid, spread: q.spread, allowance },
    );
  }
  return null;
}
