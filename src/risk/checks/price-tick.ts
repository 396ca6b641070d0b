import {
  COMBO_TICK,
  NON_PENNY_TICKS,
  PENNY_PROGRAM_TICKS,
  STOCK_TICK,
  isOnTick,
  tickFor,
  type OrderIntent,
} from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, type Rejection } from '../rejection.js';

/** The tick a limit must sit on: combos $0.01, stock $0.01, a single option by its class's grid. */
export function tickOf(intent: OrderIntent, price: number, pennyUnderlyings: readonly string[]): number {
  const first = intent.legs[0]!.contract;
  if (intent.legs.length > 1) return COMBO_TICK;
  if (first.kind === 'stock') return STOCK_TICK;
  return tickFor(price, pennyUnderlyings.includes(first.symbol) ? PENNY_PROGRAM_TICKS : NON_PENNY_TICKS);
}

/** 5b. A limit price sits on the tick grid (IBKR rejects off-tick prices). */
export function checkPriceTick(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const p = intent.limitPrice;
  if (intent.orderType !== 'limit' || p === null || !(p > 0)) return null;
  const tick = tickOf(intent, p, ctx.limits.pennyTickUnderlyings);
  if (!isOnTick(p, tick)) {
    return reject('PRICE_OFF_TICK', `limit price ${num(p)} is not a multiple of the $${tick} tick`, { tick });
  }
  return null;
}
