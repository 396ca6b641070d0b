/**
 * The adapter's record of orders and fills: by our client order id, by IB's (client id, order id)
 * and by perm id. Status moves only along the domain's transition table (IB repeats and
 * sometimes reorders status messages; a move the table forbids is ignored, never forced). Fills
 * wait for their commission report (bounded) before they are announced.
 */
import {
  brokerOrderId,
  canTransition,
  contractKey,
  isTerminal,
  type Clock,
  type ClientOrderId,
  type Fill,
  type Order,
  type OrderIntent,
  type OrderStatus,
  type TimerHandle,
} from '../../domain/index.js';
import type { BrokerErrorCode } from '../errors.js';

export interface TrackedOrder {
  readonly clientOrderId: ClientOrderId;
  readonly intent: OrderIntent;
  /** The client id that placed it (ours, or another's for an adopted order). */
  readonly ownerClientId: number;
  ibOrderId: number | null;
  permId: number | null;
  status: OrderStatus;
  filledQuantity: number;
  averageFillPrice: number | null;
  readonly submittedAt: number;
  updatedAt: number;
  reason?: string;
  rejectCode?: BrokerErrorCode;
  brokerCode?: number;
  /** Placed by another client: IB does not send us its updates, only snapshots show it. */
  readonly foreign: boolean;
  /** IB's action (a BAG is always BUY when we place it; an adopted one may be SELL): signs the average price. */
  readonly ibAction: 'BUY' | 'SELL';
}

interface PendingFill {
  fill: Fill;
  timer: TimerHandle | null;
  readonly waiters: (() => void)[];
}

export interface OrderBookEvents {
  order(order: Order): void;
  fill(fill: Fill): void;
}

export class OrderBook {
  private readonly byClient = new Map<ClientOrderId, TrackedOrder>();
  private readonly byIb = new Map<string, ClientOrderId>();
  private readonly byPerm = new Map<number, ClientOrderId>();
  private readonly fillList: Fill[] = [];
  private readonly execIds = new Set<string>();
  private readonly pendingFills = new Map<string, PendingFill>();
  /** Commission reports that came before their execution. */
  private readonly earlyCommissions = new Map<string, { commission: number; realized: number | null }>();
  private readonly realizedByContract = new Map<string, number>();
  /** Executions whose realised P&L is booked: a report read again after a reconnect counts once. */
  private readonly realizedBooked = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly commissionWaitMs: number,
    private readonly events: OrderBookEvents,
  ) {}

  get(id: ClientOrderId): TrackedOrder | undefined {
    return this.byClient.get(id);
  }

  byIbId(clientId: number, orderId: number): TrackedOrder | undefined {
    const id = this.byIb.get(`${clientId}:${orderId}`);
    return id === undefined ? undefined : this.byClient.get(id);
  }

  byPermId(permId: number): TrackedOrder | undefined {
    const id = this.byPerm.get(permId);
    return id === undefined ? undefined : this.byClient.get(id);
  }

  all(): TrackedOrder[] {
    return [...this.byClient.values()];
  }

  add(order: TrackedOrder): void {
    this.byClient.set(order.clientOrderId, order);
    this.link(order);
  }

  /** Records IB's ids for an order (after placing, or when a snapshot names it). */
  link(order: TrackedOrder, ibOrderId?: number, permId?: number): void {
    if (ibOrderId !== undefined && ibOrderId > 0) order.ibOrderId = ibOrderId;
    if (permId !== undefined && permId > 0) order.permId = permId;
    if (order.ibOrderId !== null)
      this.byIb.set(`${order.ownerClientId}:${order.ibOrderId}`, order.clientOrderId);
    if (order.permId !== null) this.byPerm.set(order.permId, order.clientOrderId);
  }

  toOrder(t: TrackedOrder): Order {
    return {
      clientOrderId: t.clientOrderId,
      brokerOrderId: brokerOrderId(
        t.ibOrderId === null ? `pending@${t.ownerClientId}` : `${t.ibOrderId}@${t.ownerClientId}`,
      ),
      intent: t.intent,
      status: t.status,
      filledQuantity: t.filledQuantity,
      averageFillPrice: t.averageFillPrice,
      submittedAt: t.submittedAt,
      updatedAt: t.updatedAt,
      ...(t.reason === undefined ? {} : { reason: t.reason }),
    };
  }

  /**
   * Moves an order to `status` (with fill progress); a move the table forbids is ignored.
   * Returns true when something changed (and an `order` event went out).
   */
  update(
    t: TrackedOrder,
    status: OrderStatus,
    progress: { filled?: number; average?: number | null; reason?: string } = {},
  ): boolean {
    const filled = progress.filled ?? t.filledQuantity;
    const sameStatus = status === t.status;
    if (!sameStatus && !canTransition(t.status, status)) return false;
    if (sameStatus && filled === t.filledQuantity && status !== 'partially_filled') return false;
    if (sameStatus && status === 'partially_filled' && filled <= t.filledQuantity) return false;
    t.status = status;
    if (filled > t.filledQuantity) t.filledQuantity = filled;
    if (progress.average !== undefined && progress.average !== null && t.filledQuantity > 0)
      t.averageFillPrice = progress.average;
    if (progress.reason !== undefined) t.reason = progress.reason;
    t.updatedAt = this.clock.now();
    this.events.order(this.toOrder(t));
    return true;
  }

  /** Ends an order as rejected with a `BrokerError` reason (when the table allows it). */
  reject(t: TrackedOrder, code: BrokerErrorCode, reason: string, brokerCode?: number): void {
    if (isTerminal(t.status)) return;
    t.rejectCode = code;
    if (brokerCode !== undefined) t.brokerCode = brokerCode;
    if (!this.update(t, 'rejected', { reason })) {
      // After it worked, IB's "reject" ends it as cancelled (the table has no working → rejected).
      this.update(t, 'cancelled', { reason });
    }
  }

  /** Adds a leg execution once (by exec id); announces it when its commission is known. */
  addFill(fill: Fill, waitForCommission: boolean): void {
    if (this.execIds.has(fill.fillId)) return;
    this.execIds.add(fill.fillId);
    const early = this.earlyCommissions.get(fill.fillId);
    const entry: PendingFill = { fill, timer: null, waiters: [] };
    this.fillList.push(fill);
    if (early) {
      this.earlyCommissions.delete(fill.fillId);
      this.completeFill(entry, early.commission, early.realized);
      return;
    }
    if (!waitForCommission || this.commissionWaitMs === 0) {
      this.events.fill(fill);
      return;
    }
    this.pendingFills.set(fill.fillId, entry);
    entry.timer = this.clock.setTimeout(() => this.timeoutFill(entry), this.commissionWaitMs);
  }

  /** A commission report: completes its fill (or waits for it). */
  commission(execId: string, commission: number, realized: number | null): void {
    const pending = this.pendingFills.get(execId);
    if (pending) {
      this.pendingFills.delete(execId);
      pending.timer?.cancel();
      this.completeFill(pending, commission, realized);
      return;
    }
    const idx = this.fillList.findIndex((f) => f.fillId === execId);
    if (idx >= 0) {
      const f = this.fillList[idx]!;
      if (f.commission === 0 && commission !== 0) this.fillList[idx] = { ...f, commission };
      this.book(f, realized);
      return;
    }
    this.earlyCommissions.set(execId, { commission, realized });
  }

  /** Drops a commission report whose execution will never be booked (an order not ours). */
  forgetCommission(execId: string): void {
    this.earlyCommissions.delete(execId);
  }

  private completeFill(entry: PendingFill, commission: number, realized: number | null): void {
    const done: Fill = { ...entry.fill, commission };
    const idx = this.fillList.indexOf(entry.fill);
    if (idx >= 0) this.fillList[idx] = done;
    this.book(done, realized);
    this.events.fill(done);
    for (const w of entry.waiters) w();
  }

  private timeoutFill(entry: PendingFill): void {
    this.pendingFills.delete(entry.fill.fillId);
    this.events.fill(entry.fill);
    for (const w of entry.waiters) w();
  }

  private book(fill: Fill, realized: number | null): void {
    if (realized === null || !Number.isFinite(realized) || this.realizedBooked.has(fill.fillId)) return;
    this.realizedBooked.add(fill.fillId);
    const k = contractKey(fill.contract);
    this.realizedByContract.set(k, (this.realizedByContract.get(k) ?? 0) + realized);
  }

  /** Realised P&L seen on a contract this session (IB's commission reports), dollars. */
  realized(contractKeyText: string): number {
    return this.realizedByContract.get(contractKeyText) ?? 0;
  }

  /** Fills since a time, after waiting (bounded) for the commissions still on their way. */
  async fills(sinceEpochMs: number): Promise<Fill[]> {
    const waiting = [...this.pendingFills.values()].filter((p) => p.fill.time >= sinceEpochMs);
    await Promise.all(waiting.map((p) => new Promise<void>((resolve) => p.waiters.push(resolve))));
    return this.fillList.filter((f) => f.time >= sinceEpochMs);
  }

  fillsOf(id: ClientOrderId): Fill[] {
    return this.fillList.filter((f) => f.clientOrderId === id);
  }

  /** Stops the commission timers (on disconnect: the fills are announced as they are). */
  flush(): void {
    for (const p of [...this.pendingFills.values()]) {
      p.timer?.cancel();
      this.timeoutFill(p);
    }
  }
}
