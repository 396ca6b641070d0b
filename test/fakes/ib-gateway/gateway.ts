/**
 * A fake IB Gateway on 127.0.0.1 that speaks the TWS API at server version 193 to any client
 * (`@stoqey/ib` in our tests). Scripted paper account; contracts and quotes from the simulated
 * market; fault injection for the failures a real Gateway serves up: dropped connections, the
 * daily restart (with its next-id rollback), slow acknowledgements, rejections, a client id that
 * is still held, connectivity notices (1100/1101/1102) and the 50 msg/s pacing limit.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { RealClock, type Clock } from '../../../src/domain/index.js';
import type { MarketData } from '../../../src/market/index.js';
import { createSimMarket, type SimMarketOptions } from '../../../src/market/sim/index.js';
import type { StartingPosition } from './account.js';
import type { FakeExecution, FakeOrder } from './exchange.js';
import { GatewayCore } from './gateway-core.js';
import * as M from './messages.js';
import type { PlaceOrderRequest } from './requests.js';
import { Session } from './session.js';

export interface FakeIbGatewayOptions {
  /** 0 (default): an ephemeral port. */
  readonly port?: number;
  readonly host?: string;
  /** Default `DU1234567` (a paper account). */
  readonly accountId?: string;
  /** What MANAGED_ACCTS lists; default just `accountId`. */
  readonly managedAccounts?: readonly string[];
  readonly startingCash?: number;
  readonly positions?: readonly StartingPosition[];
  readonly nextValidId?: number;
  readonly marketDataSubscribed?: boolean;
  /** The market: an existing one (share it with the test's `MarketData`), or sim options (seed …). */
  readonly market?: MarketData;
  readonly sim?: SimMarketOptions;
  /** How often resting orders are checked against the market, real ms. */
  readonly matchIntervalMs?: number;
  /** How often streaming market data is refreshed, real ms. */
  readonly streamIntervalMs?: number;
  readonly maxMessagesPerSecond?: number;
  /** Stamps executions; real time by default. */
  readonly clock?: Clock;
}

export interface RejectOptions {
  readonly code?: number;
  readonly message?: string;
  /** How many matching orders to refuse (default 1). */
  readonly count?: number;
  readonly match?: (req: PlaceOrderRequest) => boolean;
}

export class FakeIbGateway {
  readonly core: GatewayCore;
  private server: Server | null = null;
  private listeningPort = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private down = false;

  private constructor(
    private readonly options: FakeIbGatewayOptions,
    market: MarketData,
  ) {
    this.core = new GatewayCore(
      {
        accountId: options.accountId ?? 'DU1234567',
        startingCash: options.startingCash ?? 100_000,
        positions: options.positions ?? [],
        nextValidId: options.nextValidId ?? 1,
        marketDataSubscribed: options.marketDataSubscribed ?? false,
        maxMessagesPerSecond: options.maxMessagesPerSecond ?? 50,
        managedAccounts: options.managedAccounts ?? [options.accountId ?? 'DU1234567'],
      },
      market,
      options.clock ?? new RealClock(),
    );
  }

  /** Starts a gateway; `close()` it when done. */
  static async start(options: FakeIbGatewayOptions = {}): Promise<FakeIbGateway> {
    const clock = options.clock ?? new RealClock();
    const market = options.market ?? createSimMarket(options.sim ?? {}, clock);
    const gw = new FakeIbGateway(options, market);
    await gw.listen(options.port ?? 0);
    gw.timers.push(
      setInterval(() => void gw.core.serial(() => gw.core.exchange.sweep()), options.matchIntervalMs ?? 50),
    );
    gw.timers.push(
      setInterval(() => {
        for (const s of gw.core.sessions) void gw.core.serial(() => s.stream());
      }, options.streamIntervalMs ?? 250),
    );
    return gw;
  }

  private listen(port: number): Promise<void> {
    const server = createServer((socket: Socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        this.listeningPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    if (this.down) {
      socket.destroy();
      return;
    }
    const session = new Session(socket, this.core);
    this.core.sessions.add(session);
    this.core.sessionsEver.push(session);
  }

  get port(): number {
    return this.listeningPort;
  }
  get accountId(): string {
    return this.core.account.accountId;
  }
  get orders(): readonly FakeOrder[] {
    return this.core.exchange.orders;
  }
  get executions(): readonly FakeExecution[] {
    return this.core.exchange.executions;
  }
  /** Problems with what clients sent (unknown messages, short or long fields): tests expect none. */
  get protocolErrors(): readonly string[] {
    return this.core.protocolErrors;
  }
  /** Order ids a client sent twice: what a client that trusts a rolled-back next id does. */
  get reusedOrderIds(): readonly { clientId: number; orderId: number }[] {
    return this.core.reusedOrderIds;
  }
  /** Open client connections, by client id (after START_API). */
  connectedClients(): number[] {
    return [...this.core.sessions].flatMap((s) => (s.clientId === null ? [] : [s.clientId]));
  }
  /** Requests a client sent, with arrival times. */
  requests(
    clientId?: number,
  ): { clientId: number | null; id: number; fields: readonly string[]; at: number }[] {
    return [...this.core.sessionsEver].flatMap((s) =>
      clientId === undefined || s.clientId === clientId
        ? s.received.map((r) => ({ clientId: s.clientId, ...r }))
        : [],
    );
  }
  /** Most messages a client sent within any one second. */
  peakMessagesPerSecond(clientId: number): number {
    return this.core.peakRate.get(clientId) ?? 0;
  }

  /** Positions now: signed quantity by contract key. */
  positions() {
    return this.core.account.positions();
  }

  /** Re-checks resting orders against the market now (and waits for the answers to go out). */
  async match(): Promise<void> {
    this.core.market.invalidate();
    await this.core.serial(() => this.core.exchange.sweep());
  }

  /** Waits until every request received so far has been answered. */
  idle(): Promise<void> {
    return this.core.idle();
  }

  // --- fault injection -------------------------------------------------------------------------

  /** Drops client connections without a goodbye (all, or one client id's). */
  dropConnections(clientId?: number): void {
    for (const s of [...this.core.sessions]) if (clientId === undefined || s.clientId === clientId) s.drop();
  }

  /**
   * The daily restart: every connection drops, the port refuses connections for `downMs`, then
   * the Gateway is back, with orders and positions intact (they live at IB) and — if given — every
   * client's next valid id rolled back to `nextValidId`.
   */
  async restart(options: { downMs?: number; nextValidId?: number } = {}): Promise<void> {
    this.down = true;
    this.dropConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    if (options.nextValidId !== undefined) this.core.rollBackNextIds(options.nextValidId);
    await new Promise((r) => setTimeout(r, options.downMs ?? 200));
    this.down = false;
    await this.listen(this.listeningPort);
  }

  /** The next `count` orders are lost: received, then the connection drops before they are worked. */
  loseNextOrders(count = 1): void {
    this.core.loseOrders = count;
  }

  /** The client's current connection goes silent (half-open): up, but nothing is answered or sent. */
  freezeConnection(clientId: number): void {
    for (const s of this.core.sessions) if (s.clientId === clientId) s.frozen = true;
  }

  /** Acknowledge (and work) orders only after `ms`. */
  delayAcknowledgements(ms: number): void {
    this.core.ackDelayMs = ms;
  }

  /** Refuse the next matching orders with an error code (201 "Order rejected" by default). */
  rejectOrders(options: RejectOptions = {}): void {
    this.core.exchange.rejections.push({
      code: options.code ?? 201,
      message: options.message ?? 'Order rejected - reason:Scripted rejection by the fake gateway',
      remaining: options.count ?? 1,
      match: options.match ?? (() => true),
      warnOnly: false,
    });
  }

  /** Warn about the next matching orders (399 by default) and accept them. */
  warnOrders(options: RejectOptions = {}): void {
    this.core.exchange.rejections.push({
      code: options.code ?? 399,
      message:
        options.message ??
        'Order Message:\nBUY 1 NVDA\nWarning: your order will not be placed at the exchange until 2026-03-11 09:30:00 US/Eastern',
      remaining: options.count ?? 1,
      match: options.match ?? (() => true),
      warnOnly: true,
    });
  }

  /** Sends raw fields to a client, as they are (a malformed message makes the client report 505). */
  sendRaw(clientId: number, fields: readonly (string | number)[]): void {
    this.core.clientIds.get(clientId)?.send(fields);
  }

  /** A client id held by a session that is gone but not yet released (326 for anyone using it). */
  holdClientId(clientId: number): void {
    this.core.clientIds.set(clientId, null);
  }
  releaseClientId(clientId: number): void {
    if (this.core.clientIds.get(clientId) === null) this.core.clientIds.delete(clientId);
  }

  /** Sends a connectivity notice to every client: 1100 lost, 1101 restored (data lost), 1102 restored. */
  notify(code: 1100 | 1101 | 1102 | 2110, message?: string): void {
    const text =
      message ??
      {
        1100: 'Connectivity between IB and Trader Workstation has been lost.',
        1101: 'Connectivity between IB and TWS has been restored- data lost.',
        1102: 'Connectivity between IB and TWS has been restored- data maintained.',
        2110: 'Connectivity between TWS and server is broken. It will be restored automatically.',
      }[code];
    for (const s of this.core.sessions) s.send(M.errorMessage(-1, code, text));
  }

  /**
   * Order updates for a client are lost (on) or delivered again (off): the client's view goes
   * stale while IB keeps working its orders, as with a half-open connection.
   */
  muteOrderUpdates(clientId: number, on: boolean): void {
    if (on) this.core.muted.add(clientId);
    else this.core.muted.delete(clientId);
  }

  /** Turns the buying-power check on placement on or off. */
  setMarginCheck(on: boolean): void {
    this.core.exchange.marginCheck = on;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.down = true;
    this.dropConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.core.idle();
  }
}
