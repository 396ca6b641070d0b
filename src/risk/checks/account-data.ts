import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** Account summary, positions and open orders must all be in hand: the later checks judge them. */
export function checkAccountData(_intent: OrderIntent, ctx: GateContext): Rejection | null {
  const missing = [
    ctx.account === null ? 'account summary' : null,
    ctx.positions === null ? 'positions' : null,
    ctx.openOrders === null ? 'open orders' : null,
    ctx.pnl === null ? 'P&L state' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    return reject(
      'ACCOUNT_DATA_MISSING',
      `could not get ${missing.join(', ')} from the broker; nothing is judged without them`,
      {
        missing,
      },
    );
  }
  return null;
}
