/**
 * Placing, previewing and cancelling orders. A place is idempotent on our client order id (the
 * same id returns the first order; a different order under it is refused); only an order whose
 * acknowledgement IB sends, or whose rejection it sends, is settled here: a drop or a timeout
 * leaves it tracked for the reconcile, never re-sent.
 */
import { OrderAction } from '@stoqey/ib';
import {
  isTerminal,
  type Clock,
  type ClientOrderId,
  type Order,
  type OrderIntent,
} from '../../domain/index.js';
import type { MarginPreview } from '../broker.js';
import { BrokerError } from '../errors.js';
import type { IbConnection } from './connection.js';
import type { ContractResolver } from './contract-resolver.js';
import type { ParsedIbkrBrokerOptions } from './options.js';
import type { OrderBook, TrackedOrder } from './order-book.js';
import type { OrderFeed } from './order-feed.js';
import { refreshOpenOrders, type ReconcileContext } from './reconcile.js';
import { economics, validateIntent } from '../index.js';
import { toIbOrder } from './wire/orders.js';

export interface OrderEntryContext {
  readonly connection: IbConnection;
  readonly resolver: ContractResolver;
  readonly book: OrderBook;
  readonly feed: OrderFeed;
  readonly clock: Clock;
  readonly options: ParsedIbkrBrokerOptions;
  /** Throws NOT_CONNECTED unless orders may go out now (connected, IB reachable, reconciled). */
  requireTradable(what: string, id?: ClientOrderId): void;
  /** Throws NOT_CONNECTED unless requests may go out now. */
  requireConnected(what: string): void;
  account(): string;
  reconcileContext(): ReconcileContext;
  announce(order: Order): void;
}

export class OrderEntry {
  private readonly inflight = new Map<ClientOrderId, Promise<Order>>();
  private readonly cancelling = new Map<ClientOrderId, Promise<void>>();

  constructor(private readonly ctx: OrderEntryContext) {}

  placeOrder(intent: OrderIntent): Promise<Order> {
    const id = intent.clientOrderId;
    const existing = this.ctx.book.get(id);
    if (existing) return Promise.resolve().then(() => this.repeat(existing, intent));
    const flying = this.inflight.get(id);
    if (flying) {
      const again = (): Order => {
        const t = this.ctx.book.get(id);
        if (!t)
          throw new BrokerError(
            'NOT_CONNECTED',
            `ibkr: order ${id}: the first attempt failed before reaching IB`,
            { retryable: true },
          );
        return this.repeat(t, intent);
      };
      return flying.then(again, again);
    }
    const attempt = this.submit(intent);
    this.inflight.set(id, attempt);
    const clear = (): void => {
      this.inflight.delete(id);
    };
    attempt.then(clear, clear);
    return attempt;
  }

  /** The same id again: the first order when it is the same order, else a refusal. */
  private repeat(t: TrackedOrder, intent: OrderIntent): Order {
    if (economics(t.intent) !== economics(intent)) {
      throw new BrokerError(
        'CLIENT_ID_IN_USE',
        `order ${intent.clientOrderId}: this client order id was already used for a different order (${this.ctx.book.toOrder(t).brokerOrderId}, ${t.status})`,
      );
    }
    if (t.status === 'rejected' && t.rejectCode) {
      throw new BrokerError(
        t.rejectCode,
        t.reason ?? `order ${intent.clientOrderId} was rejected`,
        t.brokerCode === undefined ? {} : { brokerCode: t.brokerCode },
      );
    }
    return this.ctx.book.toOrder(t);
  }

  /** Keeps a refusal under its id, so the same id comes back refused (as IB would). */
  private refuse(intent: OrderIntent, error: BrokerError): never {
    const now = this.ctx.clock.now();
    const t: TrackedOrder = {
      clientOrderId: intent.clientOrderId,
      intent,
      ownerClientId: this.ctx.connection.clientId,
      ibOrderId: null,
      permId: null,
      status: 'pending_submit',
      filledQuantity: 0,
      averageFillPrice: null,
      submittedAt: now,
      updatedAt: now,
      foreign: false,
      ibAction: 'BUY',
    };
    this.ctx.book.add(t);
    this.ctx.book.reject(t, error.reason, error.message, error.brokerCode);
    throw error;
  }

  private async submit(intent: OrderIntent): Promise<Order> {
    const id = intent.clientOrderId;
    this.ctx.requireTradable(`order ${id}`, id);
    const invalid = validateIntent(intent, this.ctx.options);
    if (invalid) this.refuse(intent, invalid);
    let resolved;
    try {
      resolved = await Promise.all(intent.legs.map((l) => this.ctx.resolver.resolve(l.contract)));
    } catch (error) {
      if (error instanceof BrokerError && error.reason === 'UNKNOWN_CONTRACT') this.refuse(intent, error);
      throw error;
    }
    // The connection may have gone while the contracts were looked up.
    this.ctx.requireTradable(`order ${id}`, id);
    const { contract, order } = toIbOrder(intent, resolved, this.ctx.account());
    const orderId = this.ctx.connection.allocateOrderId();
    const now = this.ctx.clock.now();
    const t: TrackedOrder = {
      clientOrderId: id,
      intent,
      ownerClientId: this.ctx.connection.clientId,
      ibOrderId: orderId,
      permId: null,
      status: 'pending_submit',
      filledQuantity: 0,
      averageFillPrice: null,
      submittedAt: now,
      updatedAt: now,
      foreign: false,
      ibAction: order.action === OrderAction.SELL ? 'SELL' : 'BUY',
    };
    this.ctx.book.add(t);
    this.ctx.announce(this.ctx.book.toOrder(t));
    const ack = this.ctx.feed.waitForAck(orderId, this.ctx.options.ackTimeout);
    this.ctx.connection.api().placeOrder(orderId, contract, order);
    await ack;
    const after = this.ctx.book.get(id)!;
    if (after.status === 'rejected') return this.repeat(after, intent);
    return this.ctx.book.toOrder(after);
  }

  async previewOrder(intent: OrderIntent): Promise<MarginPreview> {
    this.ctx.requireTradable(`what-if ${intent.clientOrderId}`);
    const invalid = validateIntent(intent, this.ctx.options);
    if (invalid) throw invalid;
    const resolved = await Promise.all(intent.legs.map((l) => this.ctx.resolver.resolve(l.contract)));
    this.ctx.requireTradable(`what-if ${intent.clientOrderId}`);
    const { contract, order } = toIbOrder(intent, resolved, this.ctx.account(), true);
    const orderId = this.ctx.connection.allocateOrderId();
    const answer = this.ctx.feed.waitForWhatIf(orderId, this.ctx.options.ackTimeout);
    // A what-if is not an order: it carries no client order id, so nothing can mistake it for one.
    this.ctx.connection.api().placeOrder(orderId, contract, { ...order, orderRef: '' });
    const s = await answer;
    const commission =
      s.commission ??
      (s.minCommission !== undefined && s.maxCommission !== undefined
        ? (s.minCommission + s.maxCommission) / 2
        : undefined);
    const figures = [
      s.initMarginChange,
      s.maintMarginChange,
      commission,
      s.equityWithLoanAfter,
      s.initMarginAfter,
    ];
    if (figures.some((v) => v === undefined || !Number.isFinite(v))) {
      throw new BrokerError(
        'INTERNAL',
        `ibkr: what-if ${intent.clientOrderId}: IB's answer lacks margin or commission figures`,
        { retryable: true },
      );
    }
    return {
      initialMarginChange: s.initMarginChange!,
      maintenanceMarginChange: s.maintMarginChange!,
      commission: commission!,
      // IB gives equity with loan and initial margin after the trade; what is left is their difference.
      buyingPowerAfter: s.equityWithLoanAfter! - s.initMarginAfter!,
      source: 'broker',
    };
  }

  cancelOrder(id: ClientOrderId): Promise<void> {
    const running = this.cancelling.get(id);
    if (running) return running;
    const attempt = this.cancelOne(id);
    this.cancelling.set(id, attempt);
    const clear = (): void => {
      this.cancelling.delete(id);
    };
    attempt.then(clear, clear);
    return attempt;
  }

  private async cancelOne(id: ClientOrderId): Promise<void> {
    this.ctx.requireConnected(`cancel ${id}`);
    const t = this.ctx.book.get(id);
    if (!t)
      throw new BrokerError(
        'UNKNOWN_ORDER',
        `cancel ${id}: IB has no order under this client order id (as far as this client knows)`,
      );
    if (isTerminal(t.status))
      throw new BrokerError('ORDER_FINISHED', `cancel ${id}: the order is already ${t.status}`);
    if (t.foreign) {
      throw new BrokerError(
        'INVALID_ORDER',
        `cancel ${id}: placed by client ${t.ownerClientId}; IB lets only that client cancel it one by one (cancelAll cancels everything)`,
      );
    }
    if (t.ibOrderId === null)
      throw new BrokerError('UNKNOWN_ORDER', `cancel ${id}: the order never reached IB`);
    const confirmed = this.ctx.feed.waitForCancel(t.ibOrderId, this.ctx.options.ackTimeout);
    this.ctx.connection.api().cancelOrder(t.ibOrderId);
    await confirmed;
  }

  /** IB's global cancel (every open order of the account, any client's), then waits until none is open. */
  async cancelAll(): Promise<void> {
    this.ctx.requireConnected('cancel all');
    this.ctx.connection.api().reqGlobalCancel();
    const deadline = this.ctx.clock.now() + this.ctx.options.ackTimeout;
    for (;;) {
      const { open } = await refreshOpenOrders(this.ctx.reconcileContext());
      if (open.size === 0) return;
      if (this.ctx.clock.now() >= deadline) {
        throw new BrokerError(
          'TIMEOUT',
          `ibkr: ${open.size} order(s) still open ${this.ctx.options.ackTimeout} ms after the global cancel`,
          { retryable: true },
        );
      }
      await this.ctx.clock.sleep(100);
    }
  }
}
