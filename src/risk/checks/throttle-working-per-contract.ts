import { contractKey, type OrderIntent } from '../../domain/index.js';
import { remainingUnits } from '../analysis/book.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 11c. Working orders per contract and side, this one included, at most `risk.maxWorkingOrdersPerContractSide`. */
export function checkThrottleWorkingPerContract(intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.openOrders === null)
    return reject('ACCOUNT_DATA_MISSING', 'open orders could not be had from the broker');
  const max = ctx.limits.maxWorkingOrdersPerContractSide;
  for (const leg of intent.legs) {
    const key = contractKey(leg.contract);
    const working = ctx.openOrders.filter(
      (o) =>
        remainingUnits(o) > 0 &&
        o.intent.legs.some((l) => l.side === leg.side && contractKey(l.contract) === key),
    ).length;
    if (working + 1 > max) {
      return reject(
        'THROTTLE_WORKING_PER_CONTRACT',
        `${key} ${leg.side}: ${working} order(s) already working; risk.maxWorkingOrdersPerContractSide is ${max}`,
      );
    }
  }
  return null;
}
