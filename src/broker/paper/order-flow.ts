/** Order state changes inside a write transaction: fills (book, commission, records) and endings. */
import { transitionOrder, type Fill, type OrderStatus } from '../../domain/index.js';
import type { Book } from './book.js';
import { incrementalCommission, roundCents, type CommissionSchedule } from './commission.js';
import type { MatchResult } from './matching.js';
import type { OrderRecord } from './records.js';
import type { PaperStore } from './store.js';

export interface FlowContext {
  readonly store: PaperStore;
  readonly book: Book;
  readonly now: number;
  readonly schedule: CommissionSchedule;
}

/** Books a match: leg trades, commission, one fill per leg, the order's new state. */
export function applyMatch(ctx: FlowContext, record: OrderRecord, match: MatchResult): OrderRecord {
  const { intent } = record;
  const before = record.filledQuantity;
  const after = before + match.quantity;
  const commission = incrementalCommission(ctx.schedule, intent.legs, before, after);
  const totalRatio = intent.legs.reduce((s, l) => s + l.ratio, 0);
  let commissionLeft = commission;
  intent.legs.forEach((leg, i) => {
    const quantity = leg.ratio * match.quantity;
    const price = match.legPrices[i]!;
    ctx.book.trade(leg.contract, (leg.side === 'buy' ? 1 : -1) * quantity, price, ctx.now);
    const share =
      i === intent.legs.length - 1 ? commissionLeft : roundCents((commission * leg.ratio) / totalRatio);
    commissionLeft = roundCents(commissionLeft - share);
    const fill: Fill = {
      fillId: ctx.store.nextFillId(),
      clientOrderId: record.clientOrderId,
      brokerOrderId: record.brokerOrderId,
      legIndex: i,
      contract: leg.contract,
      side: leg.side,
      quantity,
      price,
      commission: share,
      time: ctx.now,
    };
    ctx.store.insertFill(fill);
  });
  ctx.book.charge(commission, ctx.now, `commission ${record.clientOrderId}`);
  const average = ((record.averageFillPrice ?? 0) * before + match.netPrice * match.quantity) / after;
  const status: OrderStatus = after >= intent.quantity ? 'filled' : 'partially_filled';
  const next: OrderRecord = {
    ...record,
    status: transitionOrder(record.status, status, record.clientOrderId),
    filledQuantity: after,
    averageFillPrice: Math.round(average * 1e6) / 1e6,
    lastFillQuoteTime: match.quoteTime,
    commissionPaid: roundCents(record.commissionPaid + commission),
    updatedAt: ctx.now,
  };
  ctx.store.writeOrder(next);
  return next;
}

/** Ends an order (cancelled, expired, rejected) with a reason. */
export function endOrder(
  ctx: Pick<FlowContext, 'store' | 'now'>,
  record: OrderRecord,
  status: OrderStatus,
  reason: string,
): OrderRecord {
  const next: OrderRecord = {
    ...record,
    status: transitionOrder(record.status, status, record.clientOrderId),
    reason,
    updatedAt: ctx.now,
  };
  ctx.store.writeOrder(next);
  return next;
}
