import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, type Rejection } from '../rejection.js';

/** 5a. A limit order's net price is a finite number above zero (its sign lives in `priceEffect`). */
export function checkPricePositive(intent: OrderIntent, _ctx: GateContext): Rejection | null {
  if (intent.orderType !== 'limit') return null; // a market order is judged at its natural price
  const p = intent.limitPrice;
  if (p === null || !Number.isFinite(p) || p <= 0) {
    return reject(
      'PRICE_NOT_POSITIVE',
      `limit price ${p === null ? 'missing' : Number.isFinite(p) ? num(p) : 'not a finite number'} must be above 0 (use priceEffect for debit/credit)`,
    );
  }
  return null;
}
