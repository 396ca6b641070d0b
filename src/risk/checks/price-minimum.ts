import type { OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, type Rejection } from '../rejection.js';

/** 5c. An order with an option leg is priced at least `risk.minOptionPrice` per unit (net). */
export function checkPriceMinimum(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const a = analyze(intent, ctx);
  if (!a.hasOption) return null;
  const min = ctx.limits.minOptionPrice;
  const price = a.price;
  if (price === null)
    return reject('PRICE_BELOW_MINIMUM', `the order has no price to compare with the $${num(min)} minimum`);
  if (Math.abs(price) < min - 1e-9) {
    return reject(
      'PRICE_BELOW_MINIMUM',
      `net price ${num(Math.abs(price))} is below risk.minOptionPrice ${num(min)}`,
    );
  }
  return null;
}
