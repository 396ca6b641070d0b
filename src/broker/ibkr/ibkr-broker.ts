/**
 * The `Broker` port over IB Gateway / TWS with `@stoqey/ib`. Paper by default; the live/paper
 * guard refuses every mismatch of mode, port and account. No order (or what-if) is ever sent
 * while the connection is down, degraded (1100) or being reconciled: it is refused with
 * NOT_CONNECTED instead of queued. Placing is idempotent on our client order id, which travels
 * as `orderRef`, so a reconnect or a restart finds orders instead of sending them again.
 */
import {
  isTerminal,
  type AccountSummary,
  type Clock,
  type ClientOrderId,
  type Fill,
  type Order,
  type OrderIntent,
  type Position,
  type TimerHandle,
} from '../../domain/index.js';
import type { AccountKind, Broker, BrokerConnectionStatus, BrokerEvents, MarginPreview } from '../broker.js';
import { BrokerError } from '../errors.js';
import { IbConnection, type ConnectionEvent } from './connection.js';
import { ContractResolver } from './contract-resolver.js';
import { checkPort, chooseAccount, isPaperAccount, type TradingMode } from './guard.js';
import { eventRecorder, type RecordEvent, type SafetyLog } from './journal.js';
import { ibkrBrokerOptionsSchema, type IbkrBrokerOptions, type ParsedIbkrBrokerOptions } from './options.js';
import { OrderBook } from './order-book.js';
import { OrderEntry } from './order-entry.js';
import { OrderFeed } from './order-feed.js';
import { reconcile, refreshOpenOrders, type ReconcileContext, type ReconcileReport } from './reconcile.js';
import { IbRequests } from './requests.js';
import { clientIdFor, describeRole, orderingClientIds, type IbkrRole } from './roles.js';
import { readAccountSummary, readPositions } from './account.js';

export interface IbkrBrokerDeps {
  readonly clock: Clock;
  /** Which client id to connect with (`roles.ts`); `status` refuses to place, preview or cancel. */
  readonly role: IbkrRole;
  readonly mode: TradingMode;
  /** The environment's live switch: live mode needs it on. */
  readonly liveSwitch: boolean;
  /** Safety events (rejections, disconnects, guard refusals, reconcile findings) go here. */
  readonly journal?: SafetyLog;
}

type Listeners = { [E in keyof BrokerEvents]: Set<BrokerEvents[E]> };

/** What the adapter knows about its own health (tests and the status command read it). */
export interface IbkrDiagnostics {
  readonly clientId: number;
  readonly account: string | null;
  readonly nextOrderId: number;
  readonly decodeErrors: readonly string[];
  readonly lastReconcile: ReconcileReport | null;
}

export class IbkrBroker implements Broker {
  readonly name = 'ibkr';
  readonly options: ParsedIbkrBrokerOptions;
  /** Shared with an IB market-data adapter built on this broker's connection. */
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  readonly resolver: ContractResolver;
  private readonly book: OrderBook;
  private readonly feed: OrderFeed;
  private readonly record: RecordEvent;
  private readonly listeners: Listeners = { status: new Set(), order: new Set(), fill: new Set() };
  private readonly resubscribers = new Set<() => void>();
  private status: BrokerConnectionStatus = 'disconnected';
  private account: string | null = null;
  private readonly entry: OrderEntry;
  private resync: Promise<void> | null = null;
  private lastReconcile: ReconcileReport | null = null;
  private settleTimer: TimerHandle | null = null;
  private resyncChain: Promise<void> = Promise.resolve();
  /** The client ids swarmdesk places orders from: their orders are known, not mismatches. */
  private readonly ours: ReadonlySet<number>;

  constructor(
    options: IbkrBrokerOptions,
    private readonly deps: IbkrBrokerDeps,
  ) {
    this.options = ibkrBrokerOptionsSchema.parse(options);
    const o = this.options;
    const clock = deps.clock;
    this.ours = orderingClientIds(o);
    this.record = eventRecorder(deps.journal, () => clock.now());
    this.connection = new IbConnection(
      {
        host: o.host,
        port: o.port,
        clientId: clientIdFor(o, deps.role),
        clientIdRole: describeRole(deps.role),
        clientIdInUseRetries: o.clientIdInUseRetries,
        connectTimeout: o.connectTimeout,
        maxMessagesPerSecond: o.maxMessagesPerSecond,
        reconnectInitialDelay: o.reconnectInitialDelay,
        reconnectMaxDelay: o.reconnectMaxDelay,
        clientIdInUseDelay: o.clientIdInUseDelay,
        heartbeatInterval: o.heartbeatInterval,
        heartbeatTimeout: o.heartbeatTimeout,
        degradedReconnectAfter: o.degradedReconnectAfter,
      },
      clock,
    );
    this.requests = new IbRequests(this.connection, clock, o.requestTimeout);
    this.resolver = new ContractResolver(this.requests, o.maxConcurrentContractRequests);
    this.book = new OrderBook(clock, o.commissionWait, {
      order: (order) => this.emit('order', order),
      fill: (fill) => this.emit('fill', fill),
    });
    this.feed = new OrderFeed(this.connection, this.book, this.resolver, clock, this.record, this.ours);
    this.feed.onResyncNeeded = () => this.backgroundResync();
    this.entry = new OrderEntry({
      connection: this.connection,
      resolver: this.resolver,
      book: this.book,
      feed: this.feed,
      clock,
      options: this.options,
      requireTradable: (what, id) => this.requireTradable(what, id),
      requireConnected: (what) => this.requireConnected(what),
      account: () => this.accountId(),
      reconcileContext: () => this.ctx(),
      announce: (order) => this.emit('order', order),
    });
    this.connection.on((e) => this.onConnection(e));
  }

  // --- connection ------------------------------------------------------------------------------

  async connect(): Promise<void> {
    if (this.status === 'connected') return;
    const refusal = checkPort(this.options.port, this.deps.mode, this.deps.liveSwitch);
    if (refusal) {
      this.record('critical', refusal.code, refusal.message, {
        details: { port: this.options.port, mode: this.deps.mode },
      });
      throw new BrokerError('ACCOUNT_MISMATCH', refusal.message);
    }
    this.setStatus('connecting');
    try {
      await this.connection.connect();
      await this.afterReady(false);
    } catch (error) {
      this.connection.disconnect();
      const message = (error as Error).message;
      this.setStatus('disconnected', message);
      if (error instanceof BrokerError && error.reason === 'CLIENT_ID_IN_USE') {
        this.record('critical', 'BROKER_ERROR', message, {
          details: { ibCode: 326, clientId: this.connection.clientId },
        });
      } else if (!(error instanceof BrokerError && error.reason === 'ACCOUNT_MISMATCH')) {
        this.record('warning', 'BROKER_DISCONNECTED', `ibkr: connect failed: ${message}`);
      }
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    this.settleTimer?.cancel();
    this.settleTimer = null;
    this.connection.disconnect();
    this.book.flush();
    if (this.status !== 'disconnected') this.setStatus('disconnected');
    await Promise.resolve();
  }

  connectionStatus(): BrokerConnectionStatus {
    return this.status;
  }

  on<E extends keyof BrokerEvents>(event: E, listener: BrokerEvents[E]): () => void {
    const set = this.listeners[event] as Set<BrokerEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Called after 1101 (market data and account subscriptions lost) and after a reconnect. */
  onResubscribe(listener: () => void): () => void {
    this.resubscribers.add(listener);
    return () => this.resubscribers.delete(listener);
  }

  diagnostics(): IbkrDiagnostics {
    return {
      clientId: this.connection.clientId,
      account: this.account,
      nextOrderId: this.connection.nextOrderId,
      decodeErrors: [...this.connection.decodeErrors],
      lastReconcile: this.lastReconcile,
    };
  }

  /** The account being traded (after connect). */
  accountId(): string {
    if (this.account === null)
      throw new BrokerError('NOT_CONNECTED', 'ibkr: not connected yet (no account chosen)', {
        retryable: true,
      });
    return this.account;
  }

  private ctx(): ReconcileContext {
    return {
      connection: this.connection,
      requests: this.requests,
      resolver: this.resolver,
      book: this.book,
      feed: this.feed,
      clock: this.deps.clock,
      record: this.record,
      account: this.accountId(),
      ours: this.ours,
    };
  }

  /** Guard the account, reconcile, then (and only then) trade. */
  private async afterReady(reconnect: boolean): Promise<void> {
    const choice = chooseAccount(this.connection.accounts, this.options.account, this.deps.mode);
    if ('code' in choice) {
      this.record('critical', choice.code, choice.message, {
        details: { accounts: [...this.connection.accounts], mode: this.deps.mode },
      });
      this.connection.disconnect();
      throw new BrokerError('ACCOUNT_MISMATCH', choice.message);
    }
    this.account = choice.account;
    this.lastReconcile = await reconcile(this.ctx());
    this.settleLater(this.lastReconcile.unresolved);
    this.setStatus('connected', reconnect ? 'reconnected; orders and executions reconciled' : undefined);
    if (reconnect) {
      this.record(
        'info',
        'BROKER_RECONNECTED',
        `ibkr: reconnected as client ${this.connection.clientId}; ${this.lastReconcile.open} open order(s) reconciled`,
      );
    }
  }

  /**
   * Orders sent but not acknowledged before a drop, and not at IB yet: one acknowledgement
   * deadline later they are looked for again, and ended only if IB still does not have them.
   */
  private settleLater(ids: readonly ClientOrderId[]): void {
    if (ids.length === 0) return;
    this.settleTimer?.cancel();
    this.settleTimer = this.deps.clock.setTimeout(() => {
      this.settleTimer = null;
      if (this.status !== 'connected') return this.settleLater(ids);
      reconcile(this.ctx(), new Set(ids)).then(
        (report) => this.settleLater(report.unresolved.filter((id) => ids.includes(id) === false)),
        (error: unknown) => {
          this.record(
            'warning',
            'BROKER_ERROR',
            `ibkr: settling unacknowledged orders failed: ${(error as Error).message}`,
          );
          this.settleLater(ids);
        },
      );
    }, this.options.ackTimeout);
  }

  private onConnection(e: ConnectionEvent): void {
    switch (e.kind) {
      case 'ready':
        // A new socket: market-data type and subscriptions are gone with the old one.
        if (e.reconnect) this.resyncUntilDone(true);
        return;
      case 'lost':
        this.setStatus('reconnecting', e.reason);
        this.record(
          'warning',
          'BROKER_DISCONNECTED',
          `ibkr: connection lost (${e.reason}); reconnecting as client ${this.connection.clientId}; no orders until reconciled`,
        );
        return;
      case 'reconnect_failed':
        this.setStatus('reconnecting', `${e.reason}; retrying in ${e.retryInMs} ms`);
        if (e.code === 'CLIENT_ID_IN_USE') {
          this.record(
            'warning',
            'BROKER_ERROR',
            `ibkr: ${e.reason}; waiting ${e.retryInMs} ms before retrying (326)`,
            { details: { ibCode: 326 } },
          );
        }
        return;
      case 'client_id_wait':
        this.record(
          'warning',
          'BROKER_ERROR',
          `ibkr: ${e.reason}; waiting ${e.retryInMs} ms before trying again`,
          {
            details: { ibCode: 326, clientId: this.connection.clientId },
          },
        );
        return;
      case 'degraded':
        this.setStatus('reconnecting', `IB connectivity lost (${e.code}): ${e.message}`);
        this.record(
          'warning',
          'BROKER_DISCONNECTED',
          `ibkr: the Gateway lost its connection to IB (${e.code}); no orders until restored`,
          { details: { ibCode: e.code } },
        );
        return;
      case 'restored':
        this.record(
          'info',
          'BROKER_RECONNECTED',
          `ibkr: IB connectivity restored (${e.code}, data ${e.dataLost ? 'lost: resubscribing' : 'kept'}); resyncing`,
          {
            details: { ibCode: e.code },
          },
        );
        this.resyncUntilDone(e.dataLost);
        return;
      case 'notice':
        if (e.code === 100)
          this.record('warning', 'BROKER_ERROR', `ibkr: pacing: ${e.message} (100)`, {
            details: { ibCode: 100 },
          });
        else if ([2103, 2105, 2157].includes(e.code))
          this.record('warning', 'BROKER_ERROR', `ibkr: ${e.message} (${e.code})`, {
            details: { ibCode: e.code },
          });
        else if (e.code === 505 || e.code === 506)
          this.record('critical', 'BROKER_ERROR', `ibkr: decode error ${e.message} (${e.code})`, {
            details: { ibCode: e.code },
          });
        return;
      case 'error':
        if (e.code === 505 || e.code === 506)
          this.record('critical', 'BROKER_ERROR', `ibkr: decode error: ${e.message} (${e.code})`, {
            details: { ibCode: e.code },
          });
        return;
      case 'closed':
        return;
    }
  }

  /** Reconciles after a reconnect or a restore; retries while the connection stays up. */
  private resyncUntilDone(resubscribe: boolean): void {
    this.setStatus('reconnecting', 'reconciling with IB');
    const run = async (): Promise<void> => {
      for (let attempt = 0; this.connection.state === 'connected'; attempt++) {
        try {
          await this.afterReady(true);
          if (resubscribe) for (const r of [...this.resubscribers]) r();
          return;
        } catch (error) {
          if (error instanceof BrokerError && error.reason === 'ACCOUNT_MISMATCH') {
            this.setStatus('disconnected', error.message);
            return;
          }
          this.record(
            'warning',
            'BROKER_ERROR',
            `ibkr: reconcile after reconnect failed (attempt ${attempt + 1}): ${(error as Error).message}`,
          );
          await this.deps.clock.sleep(Math.min(5_000, 250 * 2 ** attempt));
        }
      }
    };
    // One reconcile at a time: a 1101 during a reconnect's reconcile runs after it.
    this.resyncChain = this.resyncChain.then(run);
  }

  /** A quick refresh (10147/10148, an unknown order status): open orders again, in the background. */
  private backgroundResync(): void {
    if (this.resync || this.status !== 'connected') return;
    this.resync = reconcile(this.ctx())
      .then(() => undefined)
      .catch((error: unknown) =>
        this.record('warning', 'BROKER_ERROR', `ibkr: resync failed: ${(error as Error).message}`),
      )
      .finally(() => (this.resync = null));
  }

  private requireWritable(what: string): void {
    if (this.deps.role === 'status') {
      throw new BrokerError(
        'INVALID_ORDER',
        `ibkr: ${what} refused: this is a read-only status connection (client ${this.connection.clientId})`,
      );
    }
  }

  private requireConnected(what: string): void {
    if (this.status !== 'connected' || !this.connection.canSend()) {
      throw new BrokerError('NOT_CONNECTED', `ibkr: ${what}: not connected (${this.status})`, {
        retryable: true,
      });
    }
  }

  /** Orders go out only when connected, IB reachable, and reconciled (and never from a status look). */
  private requireTradable(what: string, id?: ClientOrderId): void {
    this.requireWritable(what);
    if (this.status === 'connected' && !this.connection.degraded && this.connection.canSend()) return;
    const why = this.connection.degraded
      ? 'the Gateway has lost IB (1100)'
      : `the connection is ${this.status}`;
    const message = `ibkr: ${what} refused: ${why}; it is not queued (send it again once connected)`;
    this.record('warning', 'BROKER_DISCONNECTED', message, id ? { clientOrderId: id } : {});
    throw new BrokerError('NOT_CONNECTED', message, { retryable: true });
  }

  // --- account ---------------------------------------------------------------------------------

  accountKind(): Promise<AccountKind> {
    if (this.account === null)
      return Promise.reject(
        new BrokerError('NOT_CONNECTED', 'ibkr: account kind unknown before connecting', { retryable: true }),
      );
    return Promise.resolve(isPaperAccount(this.account) ? 'paper' : 'live');
  }

  async accountSummary(): Promise<AccountSummary> {
    this.requireConnected('account summary');
    return readAccountSummary(this.requests, this.accountId(), this.deps.clock.now());
  }

  async positions(): Promise<readonly Position[]> {
    this.requireConnected('positions');
    return readPositions(this.requests, this.resolver, this.book, this.accountId(), this.record);
  }

  // --- orders ----------------------------------------------------------------------------------

  async openOrders(): Promise<readonly Order[]> {
    this.requireConnected('open orders');
    await refreshOpenOrders(this.ctx());
    return this.book
      .all()
      .filter((t) => !isTerminal(t.status))
      .map((t) => this.book.toOrder(t));
  }

  orderByClientId(id: ClientOrderId): Promise<Order | null> {
    const t = this.book.get(id);
    return Promise.resolve(t ? this.book.toOrder(t) : null);
  }

  async fills(sinceEpochMs: number): Promise<readonly Fill[]> {
    this.requireConnected('fills');
    return this.book.fills(sinceEpochMs);
  }

  placeOrder(intent: OrderIntent): Promise<Order> {
    return this.entry.placeOrder(intent);
  }

  previewOrder(intent: OrderIntent): Promise<MarginPreview> {
    return this.entry.previewOrder(intent);
  }

  cancelOrder(id: ClientOrderId): Promise<void> {
    return Promise.resolve().then(() => {
      this.requireWritable(`cancel ${id}`);
      return this.entry.cancelOrder(id);
    });
  }

  cancelAll(): Promise<void> {
    return Promise.resolve().then(() => {
      this.requireWritable('cancel all');
      return this.entry.cancelAll();
    });
  }

  // --- events ----------------------------------------------------------------------------------

  private setStatus(status: BrokerConnectionStatus, detail?: string): void {
    if (status === this.status && detail === undefined) return;
    this.status = status;
    this.emit('status', status, detail);
  }

  private emit<E extends keyof BrokerEvents>(event: E, ...args: Parameters<BrokerEvents[E]>): void {
    for (const listener of [...this.listeners[event]]) {
      try {
        (listener as (...a: Parameters<BrokerEvents[E]>) => void)(...args);
      } catch (error) {
        // A listener's bug must not undo what IB did; it is reported, not swallowed.
        process.emitWarning(`ibkr broker: a ${event} listener threw: ${(error as Error).message}`);
      }
    }
  }
}
