import { contractKey, legQuantities, type OrderIntent } from '../../domain/index.js';
import { remainingUnits } from '../analysis/book.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, type Rejection } from '../rejection.js';

/**
 * 6d. Per contract: held + working orders the same way + this leg, in contracts, at most
 * `risk.maxPositionPerContract` — unless the order shrinks it.
 */
export function checkSizePositionContract(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const { positions, openOrders } = ctx;
  if (positions === null || openOrders === null)
    return reject('ACCOUNT_DATA_MISSING', 'positions or open orders could not be had from the broker');
  const max = ctx.limits.maxPositionPerContract;
  for (const leg of legQuantities(intent.legs, intent.quantity)) {
    const key = contractKey(leg.contract);
    const held = positions.filter((p) => contractKey(p.contract) === key).reduce((s, p) => s + p.quantity, 0);
    let sameWay = 0;
    for (const o of openOrders) {
      for (const w of legQuantities(o.intent.legs, remainingUnits(o))) {
        if (contractKey(w.contract) === key && Math.sign(w.quantity) === Math.sign(leg.quantity))
          sameWay += w.quantity;
      }
    }
    const before = held + sameWay;
    const after = before + leg.quantity;
    if (Math.abs(after) > max && Math.abs(after) > Math.abs(before)) {
      return reject(
        'SIZE_POSITION_PER_CONTRACT',
        `${key}: ${num(after)} contracts after the order (held ${num(held)}, working the same way ${num(sameWay)}); risk.maxPositionPerContract is ${max}`,
        { held, working: sameWay, after },
      );
    }
  }
  return null;
}
