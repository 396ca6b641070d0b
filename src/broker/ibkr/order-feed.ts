/**
 * IB's order traffic into the order book: `openOrder`, `orderStatus`, `execDetails`,
 * `commissionReport` and order-id errors (201 rejected, 202 cancelled, 10147/10148 for cancels,
 * 399 warnings). Also the waiters: an order placed waits for its first acknowledgement, a cancel
 * for its confirmation, a what-if for its answer.
 */
import {
  EventName,
  SecType,
  type CommissionReport,
  type Contract as IbContract,
  type Execution,
  type Order as IbOrder,
  type OrderState,
} from '@stoqey/ib';
import {
  clientOrderId as toClientOrderId,
  sameContract,
  type Clock,
  type Fill,
  type TimerHandle,
} from '../../domain/index.js';
import { BrokerError } from '../errors.js';
import type { IbConnection } from './connection.js';
import type { ContractResolver } from './contract-resolver.js';
import { classifyIbCode, rejectionReason } from './error-codes.js';
import type { RecordEvent } from './journal.js';
import type { OrderBook, TrackedOrder } from './order-book.js';
import { fromIbContract } from './wire/contracts.js';
import { isSwarmdeskOrder } from './roles.js';
import { executionSide, parseExecutionTime } from './wire/executions.js';
import { fromIbStatus, signedFillPrice } from './wire/orders.js';

interface Waiter<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (error: BrokerError) => void;
}

const FIRST_REQUEST_ID = 1_000_000_000;

/** An execution whose order the book does not know (yet). */
export interface OrphanExecution {
  readonly contract: IbContract;
  readonly execution: Execution;
  readonly live: boolean;
}

export class OrderFeed {
  private readonly acks = new Map<number, Waiter<void>>();
  private readonly cancels = new Map<number, Waiter<void>>();
  private readonly whatIfs = new Map<number, Waiter<OrderState>>();
  /** Executions whose order is not (yet) known: kept for when it is adopted. */
  private orphans: OrphanExecution[] = [];
  /** Orders whose executions are left unbooked (placed outside swarmdesk, …): journaled once each. */
  readonly reportedUnbooked = new Set<string>();
  private latestExecution: number | null = null;
  /** Called when the feed learns of orders it should look at again (10148, unknown orders). */
  onResyncNeeded: () => void = () => undefined;

  constructor(
    private readonly connection: IbConnection,
    private readonly book: OrderBook,
    private readonly resolver: ContractResolver,
    private readonly clock: Clock,
    private readonly record: RecordEvent,
    /** The client ids swarmdesk places orders from. */
    private readonly ours: ReadonlySet<number>,
  ) {
    connection.onApi(
      EventName.openOrder,
      (orderId: number, contract: IbContract, order: IbOrder, state: OrderState) =>
        this.openOrder(orderId, contract, order, state),
    );
    connection.onApi(
      EventName.orderStatus,
      (
        orderId: number,
        status: string,
        filled: number,
        _remaining: number,
        avgFillPrice: number,
        permId?: number,
        _parentId?: number,
        _lastFillPrice?: number,
        clientId?: number,
      ) => this.orderStatus(orderId, status, filled, avgFillPrice, permId, clientId),
    );
    // Live fills only: executions read back on request are taken by the reconcile that asked, in
    // one pass with their commission reports.
    connection.onApi(EventName.execDetails, (reqId: number, contract: IbContract, execution: Execution) => {
      if (reqId === -1) this.execution(contract, execution, true);
    });
    connection.onApi(EventName.commissionReport, (report: CommissionReport) =>
      this.book.commission(report.execId ?? '', report.commission ?? 0, report.realizedPNL ?? null),
    );
    connection.on((e) => {
      if (e.kind === 'error' && e.id > 0 && e.id < FIRST_REQUEST_ID) this.orderError(e.id, e.code, e.message);
      if (e.kind === 'lost' || e.kind === 'closed') {
        const error = new BrokerError(
          'NOT_CONNECTED',
          'ibkr: the connection to the Gateway dropped before IB answered; the order will be reconciled by its orderRef on reconnect',
          { retryable: false },
        );
        for (const w of [...this.acks.values(), ...this.cancels.values(), ...this.whatIfs.values()])
          w.reject(error);
        this.acks.clear();
        this.cancels.clear();
        this.whatIfs.clear();
      }
    });
  }

  private find(
    clientId: number | undefined,
    orderId: number,
    permId?: number,
    orderRef?: string,
  ): TrackedOrder | undefined {
    const owner = clientId ?? this.connection.clientId;
    let t = this.book.byIbId(owner, orderId);
    if (!t && permId) t = this.book.byPermId(permId);
    if (!t && orderRef && owner === this.connection.clientId) {
      try {
        t = this.book.get(toClientOrderId(orderRef));
      } catch {
        t = undefined;
      }
    }
    return t;
  }

  private openOrder(orderId: number, contract: IbContract, order: IbOrder, state: OrderState): void {
    if (order.whatIf) {
      const w = this.whatIfs.get(orderId);
      this.whatIfs.delete(orderId);
      w?.resolve(state);
      return;
    }
    this.resolver.learn(contract);
    const t = this.find(order.clientId, orderId, order.permId, order.orderRef);
    if (!t) return;
    this.book.link(t, orderId, order.permId);
    const next = fromIbStatus(state.status, t.filledQuantity, t.intent.quantity);
    // A fill's status comes with its quantities in orderStatus; openOrder only moves what it can prove.
    if (next !== null && next !== 'filled' && next !== 'partially_filled') this.book.update(t, next);
    this.acknowledged(orderId, t);
  }

  private orderStatus(
    orderId: number,
    status: string,
    filled: number,
    avg: number,
    permId?: number,
    clientId?: number,
  ): void {
    const t = this.find(clientId, orderId, permId);
    if (!t) {
      if ((clientId ?? this.connection.clientId) === this.connection.clientId) this.onResyncNeeded();
      return;
    }
    this.book.link(t, orderId, permId);
    const next = fromIbStatus(status, filled, t.intent.quantity);
    if (next !== null) {
      this.book.update(t, next, { filled, average: filled > 0 ? signedFillPrice(t.ibAction, avg) : null });
    }
    this.acknowledged(orderId, t);
    if (t.status === 'cancelled') this.settleCancel(t, null);
    if (t.status === 'filled') {
      this.settleCancel(
        t,
        new BrokerError('ORDER_FINISHED', `cancel ${t.clientOrderId}: the order filled first`),
      );
    }
  }

  private acknowledged(orderId: number, t: TrackedOrder): void {
    if (t.ownerClientId !== this.connection.clientId) return;
    const w = this.acks.get(orderId);
    if (!w) return;
    this.acks.delete(orderId);
    w.resolve();
  }

  private settleCancel(t: TrackedOrder, error: BrokerError | null): void {
    if (t.ibOrderId === null) return;
    const w = this.cancels.get(t.ibOrderId);
    if (!w) return;
    this.cancels.delete(t.ibOrderId);
    if (error) w.reject(error);
    else w.resolve();
  }

  /**
   * A leg execution; the package-level BAG execution IB also reports is not a fill. A live fill
   * waits (bounded) for its commission report; one read back from IB is booked at once (its
   * report came with it, or never will). An execution of an order placed outside swarmdesk is
   * not booked: a position it leaves is for a person to explain.
   */
  execution(contract: IbContract, execution: Execution, live: boolean): void {
    if (contract.secType === SecType.BAG) return;
    this.resolver.learn(contract);
    const at = parseExecutionTime(execution.time);
    if (at !== null) this.latestExecution = Math.max(this.latestExecution ?? at, at);
    const t = this.find(execution.clientId, execution.orderId ?? 0, execution.permId, execution.orderRef);
    if (!t) {
      this.orphans.push({ contract, execution, live });
      return;
    }
    if (t.foreign && !isSwarmdeskOrder(this.ours, t.ownerClientId, t.clientOrderId)) return;
    const fill = this.toFill(t, contract, execution, live);
    if (fill) this.book.addFill(fill, live);
  }

  /** Executions kept for orders adopted since. */
  replayOrphans(): void {
    const list = this.orphans.splice(0);
    for (const o of list) this.execution(o.contract, o.execution, o.live);
  }

  /** The executions still without an order, handed over (for adopting the orders they belong to). */
  takeOrphans(): OrphanExecution[] {
    const list = this.orphans;
    this.orphans = [];
    return list;
  }

  /** IB's time of the latest execution seen (epoch ms), null before any: where a catch-up starts. */
  latestExecutionTime(): number | null {
    return this.latestExecution;
  }

  private toFill(t: TrackedOrder, contract: IbContract, execution: Execution, live: boolean): Fill | null {
    const c = fromIbContract(contract) ?? (contract.conId ? this.resolver.known(contract.conId) : null);
    const side = executionSide(execution);
    if (!c || !side || !execution.execId) return null;
    const legIndex = t.intent.legs.findIndex((l) => sameContract(l.contract, c));
    return {
      fillId: execution.execId,
      clientOrderId: t.clientOrderId,
      brokerOrderId: this.book.toOrder(t).brokerOrderId,
      legIndex: Math.max(0, legIndex),
      contract: c,
      side,
      quantity: execution.shares ?? 0,
      price: execution.price ?? 0,
      commission: 0,
      // A live fill is stamped on arrival, in our clock (IB's times have whole seconds);
      // one read back from IB keeps IB's time.
      time: live ? this.clock.now() : (parseExecutionTime(execution.time) ?? this.clock.now()),
    };
  }

  private orderError(orderId: number, code: number, message: string): void {
    const kind = classifyIbCode(code);
    const t = this.book.byIbId(this.connection.clientId, orderId);
    const whatIf = this.whatIfs.get(orderId);
    const ack = this.acks.get(orderId);
    const cancel = this.cancels.get(orderId);
    const id = t?.clientOrderId;
    const extra = { ...(id ? { clientOrderId: id } : {}), details: { ibCode: code, ibOrderId: orderId } };
    switch (kind) {
      case 'order_rejected': {
        const error = new BrokerError(
          rejectionReason(code, message),
          `ibkr: order ${id ?? orderId} refused by IB (${code}): ${message}`,
          {
            brokerCode: code,
          },
        );
        if (code === 103) this.connection.raiseOrderId(orderId + 1);
        if (whatIf) {
          this.whatIfs.delete(orderId);
          whatIf.reject(error);
          return;
        }
        if (t) this.book.reject(t, error.reason, message, code);
        if (ack) {
          this.acks.delete(orderId);
          ack.reject(error);
        }
        this.record('warning', 'BROKER_REJECTED', error.message, extra);
        return;
      }
      case 'order_cancelled':
        if (t) {
          this.book.update(t, t.filledQuantity >= t.intent.quantity ? 'filled' : 'cancelled', {
            reason: message || 'cancelled',
          });
          if (!cancel)
            this.record(
              'warning',
              'BROKER_ERROR',
              `ibkr: IB cancelled order ${id ?? orderId}: ${message}`,
              extra,
            );
          this.settleCancel(
            t,
            t.status === 'filled'
              ? new BrokerError('ORDER_FINISHED', `cancel ${id}: the order filled first`)
              : null,
          );
        }
        if (ack) {
          this.acks.delete(orderId);
          ack.resolve();
        }
        return;
      case 'cancel_unknown':
        if (cancel) {
          this.cancels.delete(orderId);
          cancel.reject(
            new BrokerError(
              'UNKNOWN_ORDER',
              `ibkr: IB has no order ${id ?? orderId} to cancel (10147): ${message}`,
              { brokerCode: code },
            ),
          );
        }
        this.onResyncNeeded();
        return;
      case 'cancel_finished':
        if (cancel) {
          this.cancels.delete(orderId);
          cancel.reject(
            new BrokerError(
              'ORDER_FINISHED',
              `ibkr: order ${id ?? orderId} can no longer be cancelled (10148): ${message}`,
              { brokerCode: code },
            ),
          );
        }
        this.onResyncNeeded();
        return;
      case 'warning':
      case 'notice':
        this.record(
          'info',
          'BROKER_ERROR',
          `ibkr: IB warning on order ${id ?? orderId} (${code}): ${message}`,
          extra,
        );
        return;
      default:
        this.record(
          'warning',
          'BROKER_ERROR',
          `ibkr: IB error on order ${id ?? orderId} (${code}): ${message}`,
          extra,
        );
    }
  }

  /** Waits for IB's first word on an order we sent (openOrder, orderStatus or an error). */
  waitForAck(orderId: number, timeoutMs: number): Promise<void> {
    return this.wait(this.acks, orderId, timeoutMs, `order ${orderId}: no acknowledgement from IB`);
  }

  waitForCancel(orderId: number, timeoutMs: number): Promise<void> {
    return this.wait(this.cancels, orderId, timeoutMs, `cancel of order ${orderId}: no confirmation from IB`);
  }

  waitForWhatIf(orderId: number, timeoutMs: number): Promise<OrderState> {
    return this.wait(this.whatIfs, orderId, timeoutMs, `what-if ${orderId}: no answer from IB`);
  }

  private wait<T>(map: Map<number, Waiter<T>>, orderId: number, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: TimerHandle | null = null;
      map.set(orderId, {
        resolve: (v) => {
          timer?.cancel();
          resolve(v);
        },
        reject: (e) => {
          timer?.cancel();
          reject(e);
        },
      });
      timer = this.clock.setTimeout(() => {
        if (map.get(orderId) === undefined) return;
        map.delete(orderId);
        reject(
          new BrokerError(
            'TIMEOUT',
            `ibkr: ${what} within ${timeoutMs} ms; it stays tracked and is reconciled, never re-sent`,
            { retryable: false },
          ),
        );
      }, timeoutMs);
    });
  }
}
