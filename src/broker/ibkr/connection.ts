/**
 * One IB Gateway connection with a fixed client id: the handshake (TCP, `nextValidId`,
 * `managedAccounts`), reconnecting with backoff after the socket closes (keeping the client id,
 * never hot-looping on 326), connectivity notices (1100 → degraded, 1101/1102 → restored), the
 * order-id counter (seeded from and raised by `nextValidId`, never lowered, never reused) and
 * request ids. Each connection attempt gets a fresh `IBApi`: requests the library queued while a
 * socket was down die with it instead of being replayed on the next connection.
 */
import { EventName, IBApi } from '@stoqey/ib';
import type { Clock, TimerHandle } from '../../domain/index.js';
import { BrokerError } from '../errors.js';
import { classifyIbCode } from './error-codes.js';

export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  readonly connectTimeout: number;
  readonly maxMessagesPerSecond: number;
  readonly reconnectInitialDelay: number;
  readonly reconnectMaxDelay: number;
  readonly clientIdInUseDelay: number;
  /** On the first connect, how many 326s are waited out (`clientIdInUseDelay` each) before giving up. */
  readonly clientIdInUseRetries: number;
  /** Whose id this is (`broker.clientId, the trading loop`), for the 326 message. */
  readonly clientIdRole: string;
  /** How often a heartbeat (`reqCurrentTime`) checks the socket is alive, ms; 0 = never. */
  readonly heartbeatInterval: number;
  /** How long a heartbeat may go unanswered before the connection counts as lost (half-open), ms. */
  readonly heartbeatTimeout: number;
  /** After 1100, how long to wait for 1101/1102 before reconnecting the socket, ms. */
  readonly degradedReconnectAfter: number;
}

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

export type ConnectionEvent =
  | { readonly kind: 'ready'; readonly reconnect: boolean; readonly accounts: readonly string[] }
  | { readonly kind: 'lost'; readonly reason: string }
  | {
      readonly kind: 'reconnect_failed';
      readonly reason: string;
      readonly code: string;
      readonly retryInMs: number;
    }
  | { readonly kind: 'client_id_wait'; readonly reason: string; readonly retryInMs: number }
  | { readonly kind: 'degraded'; readonly code: number; readonly message: string }
  | { readonly kind: 'restored'; readonly dataLost: boolean; readonly code: number }
  | { readonly kind: 'notice'; readonly code: number; readonly message: string }
  | { readonly kind: 'error'; readonly code: number; readonly id: number; readonly message: string }
  | { readonly kind: 'closed' };

type AnyListener = (...args: never[]) => void;

/** Request ids live far above order ids, so an error's id says which one it is about. */
const FIRST_REQUEST_ID = 1_000_000_000;

export class IbConnection {
  private current: IBApi | null = null;
  private stateValue: ConnectionState = 'disconnected';
  private degradedValue = false;
  private accountsValue: readonly string[] = [];
  private nextOrderIdValue = 0;
  private nextReqId = FIRST_REQUEST_ID;
  private manual = true;
  private reconnectTimer: TimerHandle | null = null;
  private heartbeatTimer: TimerHandle | null = null;
  private heartbeatDeadline: TimerHandle | null = null;
  private degradedTimer: TimerHandle | null = null;
  private readonly listeners = new Set<(e: ConnectionEvent) => void>();
  private readonly apiListeners: [EventName, AnyListener][] = [];
  /** 505/506 decode errors seen (a version skew or a fake bug; tests expect none). */
  readonly decodeErrors: string[] = [];

  constructor(
    readonly options: ConnectionOptions,
    private readonly clock: Clock,
  ) {}

  get state(): ConnectionState {
    return this.stateValue;
  }
  /** IB itself is unreachable (1100) though the socket is up: no orders. */
  get degraded(): boolean {
    return this.degradedValue;
  }
  get accounts(): readonly string[] {
    return this.accountsValue;
  }
  get clientId(): number {
    return this.options.clientId;
  }

  on(listener: (e: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to an `IBApi` event on this and every later connection. */
  onApi(event: EventName, listener: AnyListener): void {
    this.apiListeners.push([event, listener]);
    if (this.current) bind(this.current, event, listener);
  }

  /** The live API, for sending; NOT_CONNECTED when there is none. */
  api(): IBApi {
    if (!this.current || this.stateValue !== 'connected' || !this.current.isConnected) {
      throw new BrokerError('NOT_CONNECTED', `ibkr: not connected to ${this.where()}`, { retryable: true });
    }
    return this.current;
  }

  /** True when a request (not necessarily an order) can go out now. */
  canSend(): boolean {
    return this.current !== null && this.stateValue === 'connected' && this.current.isConnected;
  }

  /** The next order id: one counter per connection, never reused, never lowered. */
  allocateOrderId(): number {
    if (this.nextOrderIdValue <= 0) {
      throw new BrokerError('NOT_CONNECTED', 'ibkr: no valid order id yet (nextValidId not received)', {
        retryable: true,
      });
    }
    return this.nextOrderIdValue++;
  }

  /** Moves the counter up to `id` (a `nextValidId`, or one past an id seen at IB); never down. */
  raiseOrderId(id: number): void {
    if (Number.isInteger(id) && id > this.nextOrderIdValue) this.nextOrderIdValue = id;
  }

  get nextOrderId(): number {
    return this.nextOrderIdValue;
  }

  nextRequestId(): number {
    return this.nextReqId++;
  }

  private where(): string {
    return `${this.options.host}:${this.options.port} as client ${this.options.clientId}`;
  }

  private emit(e: ConnectionEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  /**
   * Connects; throws `BrokerError` (NOT_CONNECTED, TIMEOUT, CLIENT_ID_IN_USE) on failure. A 326
   * (the id still held) is waited out `clientIdInUseRetries` times first, never in a hot loop.
   */
  async connect(): Promise<void> {
    if (this.stateValue === 'connected' || this.stateValue === 'connecting') return;
    this.manual = false;
    this.stateValue = 'connecting';
    try {
      for (let waits = 0; ; waits++) {
        try {
          const { api, accounts } = await this.attempt();
          this.adopt(api, accounts, false);
          return;
        } catch (error) {
          const inUse = error instanceof BrokerError && error.reason === 'CLIENT_ID_IN_USE';
          if (!inUse || waits >= this.options.clientIdInUseRetries || this.manual) throw error;
          const retryInMs = this.options.clientIdInUseDelay;
          this.emit({ kind: 'client_id_wait', reason: error.message, retryInMs });
          await this.clock.sleep(retryInMs);
          if (this.manual) throw error; // disconnected while waiting
        }
      }
    } catch (error) {
      this.stateValue = 'disconnected';
      this.manual = true;
      throw error;
    }
  }

  /** Closes on purpose: no reconnect. */
  disconnect(): void {
    this.manual = true;
    this.reconnectTimer?.cancel();
    this.reconnectTimer = null;
    this.stopTimers();
    const api = this.current;
    this.current = null;
    if (api) retire(api);
    const was = this.stateValue;
    this.stateValue = 'disconnected';
    this.degradedValue = false;
    if (was !== 'disconnected') this.emit({ kind: 'closed' });
  }

  private attempt(): Promise<{ api: IBApi; accounts: string[] }> {
    return new Promise((resolve, reject) => {
      const maxReqPerSec = Math.max(10, Math.floor(this.options.maxMessagesPerSecond / 10) * 10);
      const api = new IBApi({ host: this.options.host, port: this.options.port, maxReqPerSec });
      for (const [event, listener] of this.apiListeners) bind(api, event, listener);
      let validId: number | null = null;
      let accounts: string[] | null = null;
      let done = false;
      const finish = (error: BrokerError | null): void => {
        if (done) return;
        done = true;
        timer.cancel();
        if (error) {
          retire(api);
          reject(error);
        } else {
          this.raiseOrderId(validId!);
          resolve({ api, accounts: accounts! });
        }
      };
      const check = (): void => {
        if (validId !== null && accounts !== null) finish(null);
      };
      api.on(EventName.nextValidId, (id: number) => {
        validId = id;
        check();
      });
      api.on(EventName.managedAccounts, (list: string) => {
        accounts = list
          .split(',')
          .map((a) => a.trim())
          .filter((a) => a !== '');
        check();
      });
      api.on(EventName.info, (message: string, code: number) => {
        if (code === 326) {
          finish(
            new BrokerError(
              'CLIENT_ID_IN_USE',
              `ibkr: client id ${this.options.clientId} (${this.options.clientIdRole}) is already in use at ${this.options.host}:${this.options.port} (326: ${message}); another process holds it, or the Gateway has not yet released a dropped session — every role has its own id (docs/ibkr.md §3)`,
              { brokerCode: 326, retryable: true },
            ),
          );
        }
      });
      api.on(EventName.error, (error: Error, code: number) => {
        if (code === 505 || code === 506) this.decodeErrors.push(`${code}: ${error.message}`);
        if (code === 502 || code === 506 || code === 503) {
          finish(
            new BrokerError(
              'NOT_CONNECTED',
              `ibkr: cannot connect to ${this.where()}: ${error.message} (${code})`,
              { brokerCode: code, retryable: true },
            ),
          );
        }
      });
      api.on(EventName.disconnected, () => {
        finish(
          new BrokerError(
            'NOT_CONNECTED',
            `ibkr: ${this.where()} closed the connection during the handshake`,
            { retryable: true },
          ),
        );
      });
      const timer = this.clock.setTimeout(
        () =>
          finish(
            new BrokerError(
              'TIMEOUT',
              `ibkr: no handshake from ${this.where()} within ${this.options.connectTimeout} ms (is the API enabled and the port right?)`,
              {
                retryable: true,
              },
            ),
          ),
        this.options.connectTimeout,
      );
      try {
        api.connect(this.options.clientId);
      } catch (error) {
        finish(
          new BrokerError(
            'NOT_CONNECTED',
            `ibkr: cannot connect to ${this.where()}: ${(error as Error).message}`,
            { cause: error, retryable: true },
          ),
        );
      }
    });
  }

  /** Makes `api` the live connection and watches it. */
  private adopt(api: IBApi, accounts: readonly string[], reconnect: boolean): void {
    this.current = api;
    this.accountsValue = accounts;
    this.stateValue = 'connected';
    this.degradedValue = false;
    api.on(EventName.disconnected, () => {
      if (this.current === api) this.lost('the Gateway closed the connection');
    });
    api.on(EventName.nextValidId, (id: number) => this.raiseOrderId(id));
    api.on(EventName.currentTime, () => {
      this.heartbeatDeadline?.cancel();
      this.heartbeatDeadline = null;
    });
    this.startHeartbeat(api);
    api.on(EventName.info, (message: string, code: number) => {
      if (this.current !== api) return;
      this.onNotice(code, message);
    });
    api.on(EventName.error, (error: Error, code: number, id: number) => {
      if (this.current !== api) return;
      if (code === 505 || code === 506) this.decodeErrors.push(`${code}: ${error.message}`);
      this.emit({ kind: 'error', code, id, message: error.message });
    });
    this.emit({ kind: 'ready', reconnect, accounts });
  }

  private onNotice(code: number, message: string): void {
    switch (classifyIbCode(code)) {
      case 'connectivity_lost':
        this.degradedValue = true;
        this.emit({ kind: 'degraded', code, message });
        // No word of a restore for too long: reconnect the socket (with backoff) rather than wait forever.
        this.degradedTimer?.cancel();
        this.degradedTimer = this.clock.setTimeout(() => {
          this.degradedTimer = null;
          if (this.degradedValue && this.current) {
            this.lost(`no 1101/1102 within ${this.options.degradedReconnectAfter} ms of ${code}`);
          }
        }, this.options.degradedReconnectAfter);
        return;
      case 'restored_data_lost':
      case 'restored_data_kept':
        this.degradedTimer?.cancel();
        this.degradedTimer = null;
        this.degradedValue = false;
        this.emit({ kind: 'restored', dataLost: code === 1101, code });
        return;
      case 'decode_error':
        this.decodeErrors.push(`${code}: ${message}`);
        this.emit({ kind: 'notice', code, message });
        return;
      default:
        this.emit({ kind: 'notice', code, message });
    }
  }

  /** Checks the socket answers: a half-open connection shows no error, only silence. */
  private startHeartbeat(api: IBApi): void {
    if (this.options.heartbeatInterval <= 0) return;
    this.heartbeatTimer = this.clock.setInterval(() => {
      if (this.current !== api || this.heartbeatDeadline) return;
      this.heartbeatDeadline = this.clock.setTimeout(() => {
        this.heartbeatDeadline = null;
        if (this.current === api)
          this.lost(`no answer to a heartbeat within ${this.options.heartbeatTimeout} ms`);
      }, this.options.heartbeatTimeout);
      api.reqCurrentTime();
    }, this.options.heartbeatInterval);
  }

  private stopTimers(): void {
    for (const t of [this.heartbeatTimer, this.heartbeatDeadline, this.degradedTimer]) t?.cancel();
    this.heartbeatTimer = null;
    this.heartbeatDeadline = null;
    this.degradedTimer = null;
  }

  private lost(reason: string): void {
    this.stopTimers();
    const api = this.current;
    this.current = null;
    if (api) retire(api);
    if (this.manual) return;
    this.stateValue = 'reconnecting';
    this.degradedValue = false;
    this.emit({ kind: 'lost', reason });
    this.scheduleReconnect(this.options.reconnectInitialDelay);
  }

  private scheduleReconnect(delayMs: number): void {
    this.reconnectTimer?.cancel();
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = null;
      if (this.manual) return;
      this.attempt().then(
        ({ api, accounts }) => {
          if (this.manual) {
            retire(api);
            return;
          }
          this.adopt(api, accounts, true);
        },
        (error: unknown) => {
          if (this.manual) return;
          const e = error instanceof BrokerError ? error : new BrokerError('INTERNAL', String(error));
          const doubled = Math.min(delayMs * 2, this.options.reconnectMaxDelay);
          const next =
            e.reason === 'CLIENT_ID_IN_USE' ? Math.max(this.options.clientIdInUseDelay, doubled) : doubled;
          this.emit({ kind: 'reconnect_failed', reason: e.message, code: e.reason, retryInMs: next });
          this.scheduleReconnect(next);
        },
      );
    }, delayMs);
  }
}

/** `IBApi.on` without its per-event overloads (listeners are typed where they are written). */
function bind(api: IBApi, event: EventName, listener: AnyListener): void {
  (api.on as (e: EventName, l: AnyListener) => IBApi).call(api, event, listener);
}

/** Stops an API object for good: no listeners, socket closed, nothing it queued is ever sent. */
function retire(api: IBApi): void {
  api.removeAllListeners();
  // A late socket error on a retired connection must not become an unhandled 'error' event.
  api.on(EventName.error, () => undefined);
  try {
    api.disconnect();
  } catch {
    // A socket that never opened has nothing to close.
  }
}
