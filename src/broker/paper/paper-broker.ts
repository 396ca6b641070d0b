/**
 * The embedded default broker: fills against any `MarketData`, keeps its book in SQLite so a
 * restarted session and the watchdog see the same book. Every state change is one transaction;
 * quotes are fetched before it starts, and the state is re-read inside it, so two processes
 * never double a fill or an order. Times are market time (`MarketData.marketClock().time`).
 */
import {
  isTerminal,
  nyDate,
  nyToEpoch,
  type AccountSummary,
  type Clock,
  type ClientOrderId,
  type Fill,
  type Order,
  type OrderIntent,
  type Position,
  type TimerHandle,
} from '../../domain/index.js';
import type { MarketData } from '../../market/index.js';
import type { AccountKind, Broker, BrokerConnectionStatus, BrokerEvents, MarginPreview } from '../broker.js';
import { BrokerError } from '../errors.js';
import { previewOf, summaryOf } from './account.js';
import { accountContext, admit, recordRejection, repeat } from './admission.js';
import { runPass, type Pass } from './book-pass.js';
import { EventHub } from './event-hub.js';
import {
  paperBrokerOptionsSchema,
  type PaperBrokerOptions,
  type ParsedPaperBrokerOptions,
} from './options.js';
import { endOrder } from './order-flow.js';
import { toOrder } from './records.js';
import { PaperStore } from './store.js';
import { validateIntent } from '../index.js';

export interface PaperBrokerDeps {
  /** Where `paper-broker.db` lives. */
  readonly dataDir: string;
  readonly marketData: MarketData;
  readonly clock: Clock;
}

export class PaperBroker implements Broker {
  readonly name = 'paper';
  readonly options: ParsedPaperBrokerOptions;
  private store: PaperStore | null = null;
  private status: BrokerConnectionStatus = 'disconnected';
  private readonly events = new EventHub();
  private lastSeenSeq = 0;
  private timer: TimerHandle | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private backgroundError: string | null = null;

  constructor(
    options: PaperBrokerOptions,
    private readonly deps: PaperBrokerDeps,
  ) {
    this.options = paperBrokerOptionsSchema.parse(options);
  }

  async connect(): Promise<void> {
    if (this.status === 'connected') return;
    this.setStatus('connecting');
    let store: PaperStore | null = null;
    try {
      const clock = await this.deps.marketData.marketClock();
      store = PaperStore.open(this.deps.dataDir, this.options.busyTimeoutMs);
      store.initialise(this.options.accountId, this.options.startingCash, clock.time);
      this.lastSeenSeq = store.currentSeq();
      this.store = store;
    } catch (error) {
      store?.close();
      const failure =
        error instanceof BrokerError
          ? error
          : new BrokerError('INTERNAL', `paper broker: cannot connect: ${(error as Error).message}`, {
              cause: error,
              retryable: true,
            });
      this.setStatus('disconnected', failure.message);
      throw failure;
    }
    this.setStatus('connected');
    if (this.options.matchIntervalMs > 0) {
      this.timer = this.deps.clock.setInterval(() => this.backgroundSync(), this.options.matchIntervalMs);
    }
  }

  async disconnect(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    await this.queue;
    this.store?.close();
    this.store = null;
    if (this.status !== 'disconnected') this.setStatus('disconnected');
  }

  connectionStatus(): BrokerConnectionStatus {
    return this.status;
  }

  on<E extends keyof BrokerEvents>(event: E, listener: BrokerEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  accountKind(): Promise<AccountKind> {
    return Promise.resolve('paper');
  }

  /** Brings the book up to the market's time: expiries, assignments, dividends, resting fills. */
  sync(): Promise<void> {
    return this.exclusive(async () => void (await this.pass()));
  }

  accountSummary(): Promise<AccountSummary> {
    return this.exclusive(async () => {
      const store = this.requireStore();
      const { clock, snapshot } = await this.pass();
      const book = store.loadBook();
      await snapshot.load(book.openPositions().map((p) => p.contract));
      const dayStart = nyToEpoch(nyDate(clock.time), 0);
      return summaryOf(
        { book, prices: snapshot, accountType: this.options.accountType },
        store.accountId(),
        store.realizedSince(dayStart),
        clock.time,
      );
    });
  }

  positions(): Promise<readonly Position[]> {
    return this.exclusive(async () => {
      await this.pass();
      return this.requireStore().loadBook().openPositions();
    });
  }

  openOrders(): Promise<readonly Order[]> {
    return this.exclusive(async () => {
      await this.pass();
      return this.requireStore().openOrders().map(toOrder);
    });
  }

  orderByClientId(id: ClientOrderId): Promise<Order | null> {
    return this.exclusive(async () => {
      await this.pass();
      const record = this.requireStore().order(id);
      return record ? toOrder(record) : null;
    });
  }

  fills(sinceEpochMs: number): Promise<readonly Fill[]> {
    return this.exclusive(async () => {
      await this.pass();
      return this.requireStore().fillsSince(sinceEpochMs);
    });
  }

  previewOrder(intent: OrderIntent): Promise<MarginPreview> {
    return this.exclusive(async () => {
      const store = this.requireStore();
      const invalid = validateIntent(intent, { ...this.options, brokerName: 'paper broker' });
      if (invalid) throw invalid;
      const { snapshot } = await this.pass();
      const ctx = await accountContext(store, snapshot, intent, this.options);
      return previewOf(ctx, intent);
    });
  }

  cancelOrder(id: ClientOrderId): Promise<void> {
    return this.exclusive(async () => {
      const store = this.requireStore();
      const { clock } = await this.pass();
      store.transaction(() => {
        const record = store.order(id);
        if (!record)
          throw new BrokerError('UNKNOWN_ORDER', `cancel ${id}: the paper broker has no order with this id`);
        if (isTerminal(record.status)) {
          throw new BrokerError('ORDER_FINISHED', `cancel ${id}: the order is already ${record.status}`);
        }
        endOrder({ store, now: clock.time }, record, 'cancelled', 'cancelled on request');
      });
    });
  }

  cancelAll(): Promise<void> {
    return this.exclusive(async () => {
      const store = this.requireStore();
      const { clock } = await this.pass();
      store.transaction(() => {
        for (const record of store.openOrders())
          endOrder({ store, now: clock.time }, record, 'cancelled', 'cancelled by cancelAll');
      });
    });
  }

  placeOrder(intent: OrderIntent): Promise<Order> {
    return this.exclusive(async () => {
      const store = this.requireStore();
      const { clock, snapshot } = await this.pass();
      const existing = store.order(intent.clientOrderId);
      if (existing) return repeat(existing, intent);
      const refuse = (error: BrokerError): Order => {
        const stored = recordRejection(store, intent, error, clock.time);
        if (stored !== null) return repeat(stored, intent);
        throw error;
      };
      const invalid = validateIntent(intent, { ...this.options, brokerName: 'paper broker' });
      if (invalid) return refuse(invalid);
      const ctx = await accountContext(store, snapshot, intent, this.options);
      for (const leg of intent.legs) {
        try {
          snapshot.require(leg.contract);
        } catch (error) {
          if (error instanceof BrokerError) return refuse(error);
          throw error;
        }
      }
      const outcome = store.transaction(() => admit(store, this.options, intent, clock, snapshot, ctx));
      if ('repeated' in outcome) return repeat(outcome.repeated, intent);
      if (outcome.refusal) throw outcome.refusal;
      return toOrder(outcome.order);
    });
  }

  private backgroundSync(): void {
    this.exclusive(() => this.pass()).then(
      () => {
        if (this.backgroundError === null) return;
        this.backgroundError = null;
        if (this.status === 'connected') this.setStatus('connected', 'background matching resumed');
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (message === this.backgroundError || this.status !== 'connected') return;
        this.backgroundError = message;
        this.setStatus('connected', `background matching failed: ${message}`);
      },
    );
  }

  /** Emits order and fill events for every change since the last one seen (this process's or another's). */
  private emitChanges(): void {
    const store = this.store;
    if (!store) return;
    for (const change of store.changesSince(this.lastSeenSeq)) {
      this.lastSeenSeq = Math.max(this.lastSeenSeq, change.seq);
      if (change.fill) this.events.emit('fill', change.fill);
      else if (change.order) this.events.emit('order', toOrder(change.order));
    }
  }

  private setStatus(status: BrokerConnectionStatus, detail?: string): void {
    this.status = status;
    this.events.emit('status', status, detail);
  }

  private pass(): Promise<Pass> {
    return runPass(this.requireStore(), this.deps.marketData, this.options);
  }

  private requireStore(): PaperStore {
    if (!this.store || this.status !== 'connected') {
      throw new BrokerError('NOT_CONNECTED', 'paper broker: not connected (call connect() first)', {
        retryable: true,
      });
    }
    return this.store;
  }

  /**
   * Runs operations one at a time in this process (the database orders them across processes),
   * then emits the changes they (or another process) made.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work).finally(() => this.emitChanges());
    this.queue = run.catch(() => undefined);
    return run;
  }
}
