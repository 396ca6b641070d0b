import type { BrokerOrderId, ClientOrderId, CycleId, InstanceId } from './ids.js';
import type { Leg } from './combo.js';
import type { Contract, Side } from './contract.js';

export type OrderType = 'limit' | 'market';
export type TimeInForce = 'day' | 'gtc' | 'ioc';
/** Whether the net price of the order is paid (debit) or received (credit). */
export type PriceEffect = 'debit' | 'credit';

/**
 * What someone wants to trade. One leg for a single order, several for a combo.
 * `limitPrice` is the net per unit in dollars per share, never negative; `priceEffect` says its sign.
 * A single buy is a debit, a single sell a credit.
 */
export interface OrderIntent {
  readonly clientOrderId: ClientOrderId;
  readonly legs: readonly Leg[];
  /** Units of the structure, in contracts, positive integer. */
  readonly quantity: number;
  readonly orderType: OrderType;
  readonly limitPrice: number | null;
  readonly priceEffect: PriceEffect;
  readonly timeInForce: TimeInForce;
  /** Free text from whoever proposed it; never read by the gate. */
  readonly rationale: string;
  readonly instanceIds: readonly InstanceId[];
  readonly cycleId: CycleId | null;
  /** Who proposed it: the commander, a person at the CLI, the watchdog. */
  readonly origin: 'commander' | 'manual' | 'watchdog' | 'reconcile';
}

/** Net price per unit with its sign: + for a debit (we pay), - for a credit (we receive). */
export function signedNetPrice(intent: Pick<OrderIntent, 'limitPrice' | 'priceEffect'>): number | null {
  if (intent.limitPrice === null) return null;
  return intent.priceEffect === 'debit' ? intent.limitPrice : -intent.limitPrice;
}

export type OrderStatus =
  | 'pending_submit'
  | 'submitted'
  | 'working'
  | 'partially_filled'
  | 'filled'
  | 'cancel_pending'
  | 'cancelled'
  | 'rejected'
  | 'expired';

export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected', 'expired'];

/** Statuses of an order that may still trade (everything not terminal). */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_submit',
  'submitted',
  'working',
  'partially_filled',
  'cancel_pending',
];

/** Every legal move of an order's status. Anything else is a bug: `transitionOrder` throws. */
export const ORDER_STATUS_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_submit: ['submitted', 'working', 'rejected', 'cancelled', 'filled', 'partially_filled'],
  submitted: ['working', 'partially_filled', 'filled', 'cancel_pending', 'cancelled', 'rejected', 'expired'],
  working: ['partially_filled', 'filled', 'cancel_pending', 'cancelled', 'rejected', 'expired'],
  partially_filled: ['partially_filled', 'filled', 'cancel_pending', 'cancelled', 'expired'],
  cancel_pending: ['cancelled', 'filled', 'partially_filled', 'working', 'expired'],
  filled: [],
  cancelled: [],
  rejected: [],
  expired: [],
};

export class IllegalOrderTransitionError extends Error {
  readonly code = 'ILLEGAL_ORDER_TRANSITION';
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
    readonly clientOrderId?: string,
  ) {
    super(
      `order ${clientOrderId ?? '?'}: illegal status transition ${from} -> ${to} (allowed from ${from}: ${ORDER_STATUS_TRANSITIONS[from].join(', ') || 'none, it is terminal'})`,
    );
    this.name = 'IllegalOrderTransitionError';
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_STATUS_TRANSITIONS[from].includes(to);
}

/** The next status, or a typed error when the move is illegal. */
export function transitionOrder(from: OrderStatus, to: OrderStatus, clientOrderId?: string): OrderStatus {
  if (!canTransition(from, to)) throw new IllegalOrderTransitionError(from, to, clientOrderId);
  return to;
}

/**
 * The statuses to record to bring an order from `from` to a status the broker reports: `[to]` when
 * the move is legal, `['submitted', to]` when a journaled intent's acknowledgement was missed (the
 * broker is already past it), null when no legal path exists.
 */
export function statusPath(from: OrderStatus, to: OrderStatus): OrderStatus[] | null {
  if (canTransition(from, to)) return [to];
  if (from === 'pending_submit' && canTransition('submitted', to)) return ['submitted', to];
  return null;
}

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status);
}

/** An order as the broker holds it. */
export interface Order {
  readonly clientOrderId: ClientOrderId;
  readonly brokerOrderId: BrokerOrderId;
  readonly intent: OrderIntent;
  readonly status: OrderStatus;
  /** Units filled so far. */
  readonly filledQuantity: number;
  /** Average net fill price per unit (signed like `signedNetPrice`), null before any fill. */
  readonly averageFillPrice: number | null;
  readonly submittedAt: number;
  readonly updatedAt: number;
  readonly reason?: string;
}

/** One execution of one leg. */
export interface Fill {
  readonly fillId: string;
  readonly clientOrderId: ClientOrderId;
  readonly brokerOrderId: BrokerOrderId;
  readonly legIndex: number;
  readonly contract: Contract;
  readonly side: Side;
  /** Contracts (or shares) filled, positive. */
  readonly quantity: number;
  /** Dollars per share. */
  readonly price: number;
  /** Dollars, for this fill. */
  readonly commission: number;
  readonly time: number;
}
