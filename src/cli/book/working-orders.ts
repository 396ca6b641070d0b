/**
 * The book's working orders as a person needs to see them: what the broker lists, plus what the
 * journal holds as `pending_submit` that the broker does not list (sent or about to be, outcome
 * not known yet: the gate counts them as working too), each with its journaled status history.
 * With the broker unreadable, the journal's own view: every order it holds in a non-terminal status.
 */
import {
  contractKey,
  isTerminal,
  type ClientOrderId,
  type Order,
  type OrderIntent,
  type OrderStatus,
  OPEN_ORDER_STATUSES,
} from '../../domain/index.js';
import type { Journal, StoredOrder } from '../../journal/index.js';

const OPEN_STATUSES = OPEN_ORDER_STATUSES;

export interface WorkingOrderView {
  readonly clientOrderId: ClientOrderId;
  readonly status: OrderStatus;
  /** Where the order was seen: listed by the broker, or only in the journal. */
  readonly seenBy: 'broker' | 'journal';
  readonly underlying: string;
  /** `buy 1 NVDA 2026-04-17 150 P / sell 1 …`, each leg's contracts per unit of the order. */
  readonly structure: string;
  readonly intent: OrderIntent;
  /** Units of the structure (contracts per leg ratio). */
  readonly quantity: number;
  readonly filled: number;
  readonly remaining: number;
  /** Dollars per share, net per unit for a combo; null for a market order. */
  readonly limitPrice: number | null;
  readonly priceEffect: OrderIntent['priceEffect'];
  readonly origin: string;
  /** When the journal recorded it (I/O time); null when the journal does not hold it. */
  readonly createdAt: number | null;
  /** Since `createdAt`, ms; null when the journal does not hold it. */
  readonly ageMs: number | null;
  /** Its statuses as journaled, oldest first; empty when the journal does not hold it. */
  readonly history: readonly { status: OrderStatus; time: number; reason: string | null }[];
}

/** `side n contract` per leg, n the leg's contracts per unit: how every printer names a structure. */
export function describeLegs(intent: Pick<OrderIntent, 'legs'>): string {
  return intent.legs.map((l) => `${l.side} ${l.ratio} ${contractKey(l.contract)}`).join(' / ');
}

function view(
  order: { clientOrderId: ClientOrderId; status: OrderStatus; intent: OrderIntent; filledQuantity: number },
  seenBy: WorkingOrderView['seenBy'],
  stored: StoredOrder | null,
  journal: Journal | null,
  now: number,
): WorkingOrderView {
  const { intent } = order;
  return {
    clientOrderId: order.clientOrderId,
    status: order.status,
    seenBy,
    underlying: intent.legs[0]?.contract.symbol ?? '?',
    structure: describeLegs(intent),
    intent,
    quantity: intent.quantity,
    filled: order.filledQuantity,
    remaining: Math.max(0, intent.quantity - order.filledQuantity),
    limitPrice: intent.limitPrice,
    priceEffect: intent.priceEffect,
    origin: stored?.origin ?? intent.origin,
    createdAt: stored?.createdAt ?? null,
    ageMs: stored ? Math.max(0, now - stored.createdAt) : null,
    history: stored && journal ? journal.orderStatusHistory(order.clientOrderId) : [],
  };
}

/**
 * Working orders, oldest first. `brokerOrders` null means the broker could not be read: the
 * journal's non-terminal orders are shown instead.
 */
export function collectWorkingOrders(input: {
  readonly brokerOrders: readonly Order[] | null;
  readonly journal: Journal | null;
  /** I/O time, for ages. */
  readonly now: number;
}): WorkingOrderView[] {
  const { journal, now } = input;
  const stored = (id: ClientOrderId): StoredOrder | null => journal?.getOrder(id) ?? null;
  const out: WorkingOrderView[] = [];
  const listed = new Set<string>();
  for (const o of input.brokerOrders ?? []) {
    if (isTerminal(o.status)) continue;
    listed.add(o.clientOrderId);
    out.push(view(o, 'broker', stored(o.clientOrderId), journal, now));
  }
  const fromJournal = input.brokerOrders === null ? OPEN_STATUSES : (['pending_submit'] as const);
  for (const s of journal?.listOrders({ statuses: fromJournal }) ?? []) {
    if (listed.has(s.clientOrderId)) continue;
    out.push(view(s, 'journal', s, journal, now));
  }
  return out.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
}

/** A journaled order as the port's `Order`, for analyses that take working orders (capital at risk). */
export function asOrder(w: WorkingOrderView): Order {
  return {
    clientOrderId: w.clientOrderId,
    brokerOrderId: '' as Order['brokerOrderId'],
    intent: w.intent,
    status: w.status,
    filledQuantity: w.filled,
    averageFillPrice: null,
    submittedAt: w.createdAt ?? 0,
    updatedAt: w.createdAt ?? 0,
  };
}
