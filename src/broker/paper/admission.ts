/**
 * Taking an order in: the same id again (the first order, or a refusal), the buying-power check,
 * entering it and filling what fills on arrival, and remembering refusals so a retry gets the
 * same answer. The transactional parts run inside the store's write lock.
 */
import { economics } from '../index.js';
import { transitionOrder, type Order, type OrderIntent } from '../../domain/index.js';
import type { MarketClock } from '../../market/index.js';
import { BrokerError } from '../errors.js';
import { buyingPowerRefusal, type AccountContext } from './account.js';
import { legQuotes } from './book-pass.js';
import { matchOrder } from './matching.js';
import type { ParsedPaperBrokerOptions } from './options.js';
import { applyMatch, endOrder, type FlowContext } from './order-flow.js';
import type { QuoteSnapshot } from './quote-snapshot.js';
import { toOrder, type OrderRecord } from './records.js';
import type { PaperStore } from './store.js';

export type Admission = { repeated: OrderRecord } | { order: OrderRecord; refusal?: BrokerError };

/** Inside the write transaction: re-check the id, check buying power, enter the order, fill what can fill. */
export function admit(
  store: PaperStore,
  options: ParsedPaperBrokerOptions,
  intent: OrderIntent,
  clock: MarketClock,
  snapshot: QuoteSnapshot,
  ctx: AccountContext,
): Admission {
  const again = store.order(intent.clientOrderId);
  if (again) return { repeated: again };
  const book = store.loadBook();
  const refusal = buyingPowerRefusal({ ...ctx, book, openOrders: store.openOrders() }, intent);
  const now = clock.time;
  const base = newRecord(store, intent, now, intent.timeInForce === 'day' ? clock.nextClose : null);
  if (refusal) {
    const rejected = {
      ...base,
      status: transitionOrder('pending_submit', 'rejected'),
      reason: refusal.message,
      rejectCode: refusal.reason,
    };
    store.writeOrder(rejected);
    return { order: rejected, refusal };
  }
  const flow: FlowContext = { store, book, now, schedule: options };
  const quotes = legQuotes(intent, snapshot);
  const match =
    quotes && matchOrder({ intent, filledQuantity: 0, lastFillQuoteTime: null, arriving: true }, quotes);
  let record: OrderRecord;
  if (match) {
    record = applyMatch(flow, base, match);
  } else {
    record = { ...base, status: transitionOrder('pending_submit', 'working') };
    store.writeOrder(record);
  }
  if (intent.timeInForce === 'ioc' && record.status !== 'filled') {
    record = endOrder(flow, record, 'cancelled', 'IOC: the unfilled rest was cancelled');
  }
  store.saveBook(book);
  return { order: record };
}

/** Stores a refused order (so the same id comes back refused); returns the stored one if the id was taken meanwhile. */
export function recordRejection(
  store: PaperStore,
  intent: OrderIntent,
  error: BrokerError,
  now: number,
): OrderRecord | null {
  return store.transaction(() => {
    const existing = store.order(intent.clientOrderId);
    if (existing) return existing;
    const base = newRecord(store, intent, now, null);
    store.writeOrder({
      ...base,
      status: transitionOrder('pending_submit', 'rejected'),
      reason: error.message,
      rejectCode: error.reason,
    });
    return null;
  });
}

function newRecord(
  store: PaperStore,
  intent: OrderIntent,
  now: number,
  expiresAt: number | null,
): OrderRecord {
  return {
    clientOrderId: intent.clientOrderId,
    brokerOrderId: store.nextBrokerOrderId(),
    intent,
    status: 'pending_submit',
    filledQuantity: 0,
    averageFillPrice: null,
    submittedAt: now,
    updatedAt: now,
    rejectCode: null,
    expiresAt,
    lastFillQuoteTime: null,
    commissionPaid: 0,
  };
}

/** The same id again: the first order when it is the same order (a refused one is refused again), else CLIENT_ID_IN_USE. */
export function repeat(existing: OrderRecord, intent: OrderIntent): Order {
  if (economics(existing.intent) !== economics(intent)) {
    throw new BrokerError(
      'CLIENT_ID_IN_USE',
      `order ${intent.clientOrderId}: this client order id was already used for a different order (${existing.brokerOrderId}, ${existing.status})`,
    );
  }
  if (existing.status === 'rejected' && existing.rejectCode) {
    throw new BrokerError(
      existing.rejectCode,
      existing.reason ?? `order ${intent.clientOrderId} was rejected`,
    );
  }
  return toOrder(existing);
}

/** What makes two intents the same order (not their rationale or provenance). */
/** The book, working orders and quotes an order is judged against (quotes loaded for all of them). */
export async function accountContext(
  store: PaperStore,
  snapshot: QuoteSnapshot,
  intent: OrderIntent,
  options: ParsedPaperBrokerOptions,
): Promise<AccountContext> {
  const book = store.loadBook();
  const openOrders = store.openOrders();
  await snapshot.load([
    ...intent.legs.map((l) => l.contract),
    ...book.openPositions().map((p) => p.contract),
    ...openOrders.flatMap((o) => o.intent.legs.map((l) => l.contract)),
  ]);
  return { book, openOrders, prices: snapshot, accountType: options.accountType, schedule: options };
}
