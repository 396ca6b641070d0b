/**
 * What every session shares: the account, the exchange, the security master, the client-id
 * registry, per-client next order ids (and the ids ever used), pacing counters, and one serial
 * queue so requests from all connections are handled in arrival order.
 */
import { addDays, nyDate, weekday, type Clock, type Contract } from '../../../src/domain/index.js';
import { FakeAccount, type StartingPosition } from './account.js';
import { FakeExchange, type ExchangeOutbox } from './exchange.js';
import { Instruments, wireContract } from './instruments.js';
import { FakeMarket } from './market.js';
import * as M from './messages.js';
import type { PlaceOrderRequest } from './requests.js';
import { avgCost, type Session } from './session.js';
import type { MarketData } from '../../../src/market/index.js';

export interface GatewayCoreOptions {
  /** Paper accounts start with `D` (IB's `DU…`). */
  readonly accountId: string;
  readonly startingCash: number;
  readonly positions: readonly StartingPosition[];
  /** The first id NEXT_VALID_ID reports to a client that never placed an order. */
  readonly nextValidId: number;
  /** With live subscriptions the fake streams real-time ticks; without, only delayed (type 3). */
  readonly marketDataSubscribed: boolean;
  /** IB's limit: more client messages than this in one second draws error 100. */
  readonly maxMessagesPerSecond: number;
  /** Accounts the login manages (MANAGED_ACCTS); the traded account first. */
  readonly managedAccounts: readonly string[];
}

export class GatewayCore implements ExchangeOutbox {
  readonly account: FakeAccount;
  readonly market: FakeMarket;
  readonly instruments = new Instruments();
  readonly exchange: FakeExchange;
  readonly sessions = new Set<Session>();
  /** Every session since start (request logs outlive connections). */
  readonly sessionsEver: Session[] = [];
  /** Client ids held by a session (or by a simulated zombie session, value null). */
  readonly clientIds = new Map<number, Session | null>();
  /** Protocol errors seen: a test should find none. */
  readonly protocolErrors: string[] = [];
  /** Order ids a client used twice (what a rolled-back next id invites). */
  readonly reusedOrderIds: { clientId: number; orderId: number }[] = [];
  /** Most client messages seen in any one-second window, per client id. */
  readonly peakRate = new Map<number, number>();
  /** Delay before an order is acknowledged (and worked), ms. */
  ackDelayMs = 0;
  /** Orders still to lose: received, then the Gateway dies before working them (connection dropped). */
  loseOrders = 0;
  private readonly nextIds = new Map<number, number>();
  private readonly usedIds = new Map<number, Set<number>>();
  private readonly windows = new Map<Session, number[]>();
  private queue: Promise<void> = Promise.resolve();
  private defaultNextId: number;

  constructor(
    readonly options: GatewayCoreOptions,
    marketData: MarketData,
    readonly clock: Clock,
  ) {
    this.defaultNextId = options.nextValidId;
    this.market = new FakeMarket(marketData);
    this.account = new FakeAccount(options.accountId, options.startingCash, options.positions);
    for (const p of options.positions) this.instruments.remember(p.contract);
    this.exchange = new FakeExchange(this.account, this.market, this.instruments, this, () => clock.now());
  }

  /** Runs `work` after everything queued before it; a failure is recorded, never thrown. */
  serial(work: () => Promise<void> | void): Promise<void> {
    const next = this.queue.then(work).catch((error: unknown) => {
      this.protocolErrors.push(`internal: ${(error as Error).stack ?? String(error)}`);
    });
    this.queue = next;
    return next;
  }

  /** Resolves when every queued request has been handled. */
  idle(): Promise<void> {
    return this.queue;
  }

  accounts(): string[] {
    return [...this.options.managedAccounts];
  }

  /** Clients whose outgoing messages are dropped (a half-open connection, lost updates). */
  readonly muted = new Set<number>();

  connectionTime(): string {
    return `${nyDate(Date.now()).replace(/-/g, '')} 09:30:00 EST`;
  }

  /** Today and the next four weekdays, for contract details' trading hours. */
  sessionDates(): string[] {
    const out: string[] = [];
    let d = nyDate(this.market.now());
    while (out.length < 5) {
      if (weekday(d) !== 0 && weekday(d) !== 6) out.push(d);
      d = addDays(d, 1);
    }
    return out;
  }

  nextOrderId(clientId: number): number {
    return this.nextIds.get(clientId) ?? this.defaultNextId;
  }

  /** Every client's next id drops to `id` (a Gateway that lost orders in a restart). */
  rollBackNextIds(id: number): void {
    this.nextIds.clear();
    this.defaultNextId = id;
  }

  claimClientId(session: Session, clientId: number): boolean {
    if (this.clientIds.has(clientId)) return false;
    this.clientIds.set(clientId, session);
    return true;
  }

  sessionClosed(session: Session): void {
    this.sessions.delete(session);
    this.windows.delete(session);
    if (session.clientId !== null && this.clientIds.get(session.clientId) === session) {
      this.clientIds.delete(session.clientId);
    }
  }

  protocolError(session: Session, message: string): void {
    this.protocolErrors.push(`client ${session.clientId ?? '?'}: ${message}`);
  }

  /** Counts a client message; over the limit in one second, IB answers error 100. */
  countMessage(session: Session): void {
    const now = Date.now();
    const w = (this.windows.get(session) ?? []).filter((t) => now - t < 1000);
    w.push(now);
    this.windows.set(session, w);
    const cid = session.clientId ?? -1;
    this.peakRate.set(cid, Math.max(this.peakRate.get(cid) ?? 0, w.length));
    if (w.length > this.options.maxMessagesPerSecond) {
      session.send(
        M.errorMessage(
          -1,
          100,
          `Max rate of messages per second has been exceeded:max=${this.options.maxMessagesPerSecond} rec=${w.length} (1)`,
        ),
      );
    }
  }

  async placeOrder(session: Session, req: PlaceOrderRequest): Promise<void> {
    const clientId = session.clientId!;
    if (this.loseOrders > 0 && !req.whatIf) {
      this.loseOrders--;
      session.drop();
      return;
    }
    const used = this.usedIds.get(clientId) ?? new Set<number>();
    this.usedIds.set(clientId, used);
    if (used.has(req.orderId)) this.reusedOrderIds.push({ clientId, orderId: req.orderId });
    else if (req.orderId < this.nextOrderId(clientId)) {
      session.send(M.errorMessage(req.orderId, 103, 'Duplicate order id'));
      return;
    }
    used.add(req.orderId);
    this.nextIds.set(clientId, Math.max(this.nextOrderId(clientId), req.orderId + 1));
    const work = (): Promise<void> => this.exchange.place(clientId, req);
    if (this.ackDelayMs > 0) {
      const delay = this.ackDelayMs;
      setTimeout(() => void this.serial(work), delay);
      return;
    }
    await work();
  }

  toClient(clientId: number, message: M.Message): void {
    if (this.muted.has(clientId)) return;
    const session = this.clientIds.get(clientId);
    session?.send(message);
  }

  positionsChanged(contracts: readonly Contract[]): void {
    const records = this.account.records();
    for (const c of contracts) {
      const wire = wireContract(c);
      const rec = records.find((r) => wireContract(r.contract).conId === wire.conId);
      const qty = rec?.quantity ?? 0;
      const msg = M.position(this.account.accountId, wire, qty, rec ? avgCost(c, rec.averagePrice) : 0);
      for (const s of this.sessions) if (s.positionsSubscribed) s.send(msg);
    }
  }
}
