import type { OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 6a. Contracts across all legs (ratio × quantity, summed) at most `risk.maxContractsPerOrder`. */
export function checkSizeContracts(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const contracts = analyze(intent, ctx).contracts;
  const max = ctx.limits.maxContractsPerOrder;
  if (contracts > max) {
    return reject(
      'SIZE_CONTRACTS_PER_ORDER',
      `${contracts} contracts across the legs; risk.maxContractsPerOrder is ${max}`,
    );
  }
  return null;
}
