/**
 * Request/response over the connection: one helper per kind of question, each resolving when
 * IB's end marker arrives, rejecting on an error for its request id, on a timeout, or when the
 * connection goes (never left hanging). Requests without an id (positions, open orders) run one
 * at a time so their answers cannot mix.
 */
import {
  BarSizeSetting,
  EventName,
  type WhatToShow,
  type CommissionReport,
  type Contract as IbContract,
  type ContractDetails,
  type Execution,
  type Order as IbOrder,
  type OrderState,
} from '@stoqey/ib';
import type { Clock, TimerHandle } from '../../domain/index.js';
import { BrokerError } from '../errors.js';
import type { IbConnection } from './connection.js';
import { classifyIbCode } from './error-codes.js';

export interface OpenOrderReport {
  readonly orderId: number;
  readonly contract: IbContract;
  readonly order: IbOrder;
  readonly state: OrderState;
  /** The last orderStatus IB sent with it in the snapshot (fill progress), if any. */
  status?: { readonly status: string; readonly filled: number; readonly avgFillPrice: number };
}

export interface ExecutionReport {
  readonly contract: IbContract;
  readonly execution: Execution;
}

export interface PositionReport {
  readonly account: string;
  readonly contract: IbContract;
  readonly quantity: number;
  readonly avgCost: number;
}

export interface SecDefParams {
  readonly exchange: string;
  readonly tradingClass: string;
  readonly multiplier: string;
  readonly expirations: readonly string[];
  readonly strikes: readonly number[];
}

interface Pending {
  readonly fail: (error: BrokerError) => void;
}

export type Handler = (...args: never[]) => void;

/** An error for a request: IB's code and text as a `BrokerError`. */
export type RequestErrorMapper = (code: number, message: string) => BrokerError;

export class IbRequests {
  private readonly pending = new Map<number, Pending>();
  private readonly unkeyed = new Set<Pending>();
  private readonly handlers = new Map<EventName, Set<Handler>>();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: IbConnection,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {
    connection.on((e) => {
      if (e.kind === 'lost' || e.kind === 'closed') {
        const error = new BrokerError(
          'NOT_CONNECTED',
          `ibkr: connection lost while waiting for an answer (${e.kind === 'lost' ? e.reason : 'closed'})`,
          {
            retryable: true,
          },
        );
        for (const p of [...this.pending.values(), ...this.unkeyed]) p.fail(error);
      }
      if (e.kind !== 'error') return;
      const kind = classifyIbCode(e.code);
      // 10167 "displaying delayed data", 10090 "partly subscribed", 2100–2999: the answer still comes.
      if (kind === 'warning' || kind === 'notice') return;
      this.pending.get(e.id)?.fail(mapRequestError(e.code, e.message));
    });
  }

  /** Routes an `IBApi` event to whichever requests listen for it now. */
  private listen(event: EventName, handler: Handler): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      const created = new Set<Handler>();
      this.handlers.set(event, created);
      this.connection.onApi(event, (...args: never[]) => {
        for (const h of [...created]) h(...args);
      });
      set = created;
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /**
   * The common shape: send with a fresh request id, collect events until `end`, clean up.
   * `keyed` false for requests IB answers without an id (one at a time).
   */
  private run<T>(
    what: string,
    keyed: boolean,
    setup: (reqId: number, done: (value: T) => void) => (() => void)[],
    send: (reqId: number) => void,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    const go = (): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (!this.connection.canSend()) {
          reject(new BrokerError('NOT_CONNECTED', `ibkr: ${what}: not connected`, { retryable: true }));
          return;
        }
        const reqId = this.connection.nextRequestId();
        let timer: TimerHandle | null = null;
        let offs: (() => void)[] = [];
        const entry: Pending = { fail: (error) => finish(() => reject(error)) };
        const finish = (settle: () => void): void => {
          timer?.cancel();
          for (const off of offs) off();
          if (keyed) this.pending.delete(reqId);
          else this.unkeyed.delete(entry);
          settle();
        };
        offs = setup(reqId, (value) => finish(() => resolve(value)));
        if (keyed) this.pending.set(reqId, entry);
        else this.unkeyed.add(entry);
        timer = this.clock.setTimeout(
          () =>
            entry.fail(
              new BrokerError('TIMEOUT', `ibkr: ${what}: no answer within ${timeoutMs} ms`, {
                retryable: true,
              }),
            ),
          timeoutMs,
        );
        try {
          send(reqId);
        } catch (error) {
          entry.fail(
            error instanceof BrokerError
              ? error
              : new BrokerError('INTERNAL', `ibkr: ${what}: ${(error as Error).message}`, { cause: error }),
          );
        }
      });
    if (keyed) return go();
    const run = this.lock.then(go, go);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** A keyed request built from (event, handler) pairs: for request kinds defined elsewhere. */
  subscribe<T>(
    what: string,
    handlers: (reqId: number, done: (value: T) => void) => [EventName, Handler][],
    send: (reqId: number) => void,
    timeoutMs?: number,
  ): Promise<T> {
    return this.run<T>(
      what,
      true,
      (reqId, done) => handlers(reqId, done).map(([event, handler]) => this.listen(event, handler)),
      send,
      timeoutMs,
    );
  }

  contractDetails(contract: IbContract): Promise<ContractDetails[]> {
    const found: ContractDetails[] = [];
    return this.run<ContractDetails[]>(
      'contract details',
      true,
      (reqId, done) => [
        this.listen(EventName.contractDetails, (id: number, d: ContractDetails) => {
          if (id === reqId) found.push(d);
        }),
        this.listen(EventName.contractDetailsEnd, (id: number) => {
          if (id === reqId) done(found);
        }),
      ],
      (reqId) => this.connection.api().reqContractDetails(reqId, contract),
    );
  }

  secDefOptParams(symbol: string, underlyingConId: number): Promise<SecDefParams[]> {
    const found: SecDefParams[] = [];
    return this.run<SecDefParams[]>(
      `option parameters of ${symbol}`,
      true,
      (reqId, done) => [
        this.listen(
          EventName.securityDefinitionOptionParameter,
          (
            id: number,
            exchange: string,
            _conId: number,
            tradingClass: string,
            multiplier: string,
            expirations: string[],
            strikes: number[],
          ) => {
            if (id === reqId)
              found.push({ exchange, tradingClass, multiplier: String(multiplier), expirations, strikes });
          },
        ),
        this.listen(EventName.securityDefinitionOptionParameterEnd, (id: number) => {
          if (id === reqId) done(found);
        }),
      ],
      (reqId) => this.connection.api().reqSecDefOptParams(reqId, symbol, '', 'STK', underlyingConId),
    );
  }

  positions(): Promise<PositionReport[]> {
    const found: PositionReport[] = [];
    return this.run<PositionReport[]>(
      'positions',
      false,
      (_reqId, done) => [
        this.listen(
          EventName.position,
          (account: string, contract: IbContract, quantity: number, avgCost?: number) => {
            found.push({ account, contract, quantity, avgCost: avgCost ?? 0 });
          },
        ),
        this.listen(EventName.positionEnd, () => {
          if (this.connection.canSend()) this.connection.api().cancelPositions();
          done(found);
        }),
      ],
      () => this.connection.api().reqPositions(),
    );
  }

  accountSummary(
    tags: readonly string[],
  ): Promise<{ account: string; tag: string; value: string; currency: string }[]> {
    const found: { account: string; tag: string; value: string; currency: string }[] = [];
    return this.run(
      'account summary',
      true,
      (reqId, done) => [
        this.listen(
          EventName.accountSummary,
          (id: number, account: string, tag: string, value: string, currency: string) => {
            if (id === reqId) found.push({ account, tag, value, currency });
          },
        ),
        this.listen(EventName.accountSummaryEnd, (id: number) => {
          if (id !== reqId) return;
          if (this.connection.canSend()) this.connection.api().cancelAccountSummary(reqId);
          done(found);
        }),
      ],
      (reqId) => this.connection.api().reqAccountSummary(reqId, 'All', tags.join(',')),
    );
  }

  /** Daily bars (`YYYYMMDD` date and close) of `whatToShow` over `duration` (`"30 D"`, `"1 Y"`). */
  historicalDaily(
    contract: IbContract,
    duration: string,
    whatToShow: WhatToShow,
  ): Promise<{ date: string; close: number }[]> {
    const bars: { date: string; close: number }[] = [];
    return this.run(
      `historical ${whatToShow}`,
      true,
      (reqId, done) => [
        this.listen(
          EventName.historicalData,
          (id: number, date: string, _open: number, _high: number, _low: number, close: number) => {
            if (id !== reqId) return;
            if (date.startsWith('finished')) done(bars);
            else bars.push({ date, close });
          },
        ),
      ],
      (reqId) =>
        this.connection
          .api()
          .reqHistoricalData(reqId, contract, '', duration, BarSizeSetting.DAYS_ONE, whatToShow, 1, 1, false),
    );
  }

  /** Every open order of the account (all clients' with `all`), with each one's last status. */
  openOrders(all: boolean): Promise<OpenOrderReport[]> {
    const found = new Map<string, OpenOrderReport>();
    return this.run<OpenOrderReport[]>(
      'open orders',
      false,
      (_reqId, done) => [
        this.listen(
          EventName.openOrder,
          (orderId: number, contract: IbContract, order: IbOrder, state: OrderState) => {
            if (order.whatIf) return;
            found.set(`${order.clientId ?? ''}:${orderId}`, { orderId, contract, order, state });
          },
        ),
        this.listen(
          EventName.orderStatus,
          (
            orderId: number,
            status: string,
            filled: number,
            _remaining: number,
            avgFillPrice: number,
            _permId?: number,
            _parentId?: number,
            _last?: number,
            clientId?: number,
          ) => {
            const report = found.get(`${clientId ?? ''}:${orderId}`);
            if (report) report.status = { status, filled, avgFillPrice };
          },
        ),
        this.listen(EventName.openOrderEnd, () => done([...found.values()])),
      ],
      () => (all ? this.connection.api().reqAllOpenOrders() : this.connection.api().reqOpenOrders()),
    );
  }

  /**
   * The day's executions that pass IB's execution filter, with the commission reports that came
   * with them. Client id 0 (or none) is every client's: the loop's, the watchdog's, a manual
   * command's, TWS's. `time` (`yyyymmdd-hh:mm:ss`, UTC) keeps only those reported after it.
   */
  executions(
    filter: { readonly clientId?: number; readonly account?: string; readonly time?: string } = {},
  ): Promise<{ executions: ExecutionReport[]; commissions: CommissionReport[] }> {
    const executions: ExecutionReport[] = [];
    const commissions: CommissionReport[] = [];
    return this.run(
      'executions',
      true,
      (reqId, done) => [
        this.listen(EventName.execDetails, (id: number, contract: IbContract, execution: Execution) => {
          if (id === reqId) executions.push({ contract, execution });
        }),
        this.listen(EventName.commissionReport, (report: CommissionReport) => commissions.push(report)),
        this.listen(EventName.execDetailsEnd, (id: number) => {
          if (id === reqId) done({ executions, commissions });
        }),
      ],
      (reqId) =>
        this.connection.api().reqExecutions(reqId, {
          clientId: String(filter.clientId ?? 0),
          ...(filter.account === undefined ? {} : { acctCode: filter.account }),
          ...(filter.time === undefined ? {} : { time: filter.time }),
        }),
    );
  }
}

/** IB's answer to a failed request as a `BrokerError`. */
export function mapRequestError(code: number, message: string): BrokerError {
  if (code === 200)
    return new BrokerError('UNKNOWN_CONTRACT', `ibkr: ${message} (200)`, { brokerCode: code });
  if (code === 162 || code === 100)
    return new BrokerError('INTERNAL', `ibkr: ${message} (${code})`, { brokerCode: code, retryable: true });
  return new BrokerError('INTERNAL', `ibkr: ${message} (${code})`, { brokerCode: code });
}
