/**
 * Reconciling with IB, by `orderRef` (our client order id) and perm id: on connect and after
 * every reconnect, open orders and the day's executions (every client's) bring the order book up
 * to date, orders IB holds that we do not know are adopted (a restart never submits an order
 * twice: the same client order id finds the adopted order), and ours that IB no longer shows are
 * settled from their executions (a fill is never reported as a cancel). Orders swarmdesk placed
 * from its other client ids (the watchdog's, a manual command's) are known, not mismatches.
 */
import { OrderAction, SecType } from '@stoqey/ib';
import {
  clientOrderId as toClientOrderId,
  isTerminal,
  type ClientOrderId,
  type Clock,
} from '../../domain/index.js';
import type { IbConnection } from './connection.js';
import type { ContractResolver } from './contract-resolver.js';
import type { RecordEvent } from './journal.js';
import type { OrderBook, TrackedOrder } from './order-book.js';
import type { OrderFeed } from './order-feed.js';
import { readExecutions } from './read-executions.js';
import type { IbRequests, OpenOrderReport } from './requests.js';
import { isSwarmdeskOrder } from './roles.js';
import { fromIbContract } from './wire/contracts.js';
import { fromIbOrder, fromIbStatus, signedFillPrice } from './wire/orders.js';

export interface ReconcileContext {
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  readonly resolver: ContractResolver;
  readonly book: OrderBook;
  readonly feed: OrderFeed;
  readonly clock: Clock;
  readonly record: RecordEvent;
  readonly account: string;
  /** The client ids swarmdesk places orders from (`roles.ts`). */
  readonly ours: ReadonlySet<number>;
}

export interface ReconcileReport {
  readonly open: number;
  readonly adopted: readonly ClientOrderId[];
  /** Swarmdesk orders no longer open at IB, taken into the book from their executions. */
  readonly fromExecutions: readonly ClientOrderId[];
  readonly settled: readonly ClientOrderId[];
  /** Ours, sent but never acknowledged and not (yet) at IB: settled by a later reconcile. */
  readonly unresolved: readonly ClientOrderId[];
}

function validClientOrderId(text: string | undefined): ClientOrderId | null {
  if (!text) return null;
  try {
    return toClientOrderId(text);
  } catch {
    return null;
  }
}

/** Brings one open order IB reported into the book; returns it (adopting it when new), or null. */
async function takeOpenOrder(
  ctx: ReconcileContext,
  r: OpenOrderReport,
  adopted: ClientOrderId[],
): Promise<TrackedOrder | null> {
  const { book, connection } = ctx;
  const me = connection.clientId;
  const owner = r.order.clientId ?? me;
  const permId = r.order.permId ?? 0;
  if (owner === me) connection.raiseOrderId(r.orderId + 1);
  ctx.resolver.learn(r.contract);
  const ref = validClientOrderId(r.order.orderRef);
  let t = book.byIbId(owner, r.orderId) ?? (permId ? book.byPermId(permId) : undefined);
  if (!t && ref && owner === me) {
    const byRef = book.get(ref);
    if (byRef && !isTerminal(byRef.status)) t = byRef;
  }
  if (!t) {
    const legContract = new Map<number, ReturnType<typeof fromIbContract>>();
    if (r.contract.secType === SecType.BAG) {
      for (const leg of r.contract.comboLegs ?? [])
        legContract.set(leg.conId ?? 0, await ctx.resolver.byId(leg.conId ?? 0));
    }
    let id = ref ?? validClientOrderId(`ib-${permId || `${owner}-${r.orderId}`}`)!;
    if (book.get(id)) id = validClientOrderId(`ib-${permId || `${owner}-${r.orderId}`}`)!;
    const intent = fromIbOrder(
      fromIbContract(r.contract),
      r.contract,
      r.order,
      (conId) => legContract.get(conId) ?? null,
      id,
    );
    if (!intent) {
      ctx.record(
        'warning',
        'RECONCILE_MISMATCH',
        `ibkr: IB holds order ${r.orderId} (client ${owner}, ${r.contract.secType ?? '?'} ${r.contract.symbol ?? '?'}) that cannot be modelled; it is left alone`,
        {
          details: { ibOrderId: r.orderId, permId, clientId: owner },
        },
      );
      return null;
    }
    t = {
      clientOrderId: id,
      intent,
      ownerClientId: owner,
      ibOrderId: r.orderId,
      permId: permId || null,
      status: 'pending_submit',
      filledQuantity: 0,
      averageFillPrice: null,
      submittedAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
      foreign: owner !== me,
      ibAction: r.order.action === OrderAction.SELL ? 'SELL' : 'BUY',
    };
    book.add(t);
    adopted.push(id);
    const details = { ibOrderId: r.orderId, permId, clientId: owner };
    if (isSwarmdeskOrder(ctx.ours, owner, r.order.orderRef)) {
      ctx.record(
        'info',
        'RECONCILE_NOTE',
        `ibkr: adopted order ${id} from IB (order ${r.orderId} of client ${owner})`,
        {
          clientOrderId: id,
          details,
        },
      );
    } else {
      ctx.record(
        'warning',
        'RECONCILE_MISMATCH',
        `ibkr: IB holds order ${r.orderId} of client ${owner} (orderRef "${r.order.orderRef ?? ''}"), which swarmdesk did not place; adopted as ${id}, check it`,
        { clientOrderId: id, details },
      );
    }
  }
  book.link(t, r.orderId, permId || undefined);
  const progress = r.status;
  const filled = progress?.filled ?? t.filledQuantity;
  const next = fromIbStatus(progress?.status ?? r.state.status, filled, t.intent.quantity);
  if (next !== null) {
    book.update(t, next, {
      filled,
      average: filled > 0 && progress ? signedFillPrice(t.ibAction, progress.avgFillPrice) : null,
    });
  }
  return t;
}

/**
 * Refreshes from a snapshot of all open orders (updates and adopts), then reads executions back:
 * in full with `full` (a failure throws), else those since the latest seen (a failure is journaled
 * and the refresh goes on, settling nothing). Orders of other clients that are no longer open are
 * settled here from their executions (IB sends their updates only to their owner).
 */
export async function refreshOpenOrders(
  ctx: ReconcileContext,
  full = false,
): Promise<{ open: Set<TrackedOrder>; adopted: ClientOrderId[]; fromExecutions: ClientOrderId[] }> {
  const snapshot = await ctx.requests.openOrders(true);
  const open = new Set<TrackedOrder>();
  const adopted: ClientOrderId[] = [];
  for (const r of snapshot) {
    if (r.order.account && r.order.account !== ctx.account) continue;
    const t = await takeOpenOrder(ctx, r, adopted);
    if (t) open.add(t);
  }
  let fromExecutions: ClientOrderId[];
  try {
    fromExecutions = await readExecutions(ctx, full);
  } catch (error) {
    if (full) throw error;
    ctx.record(
      'warning',
      'BROKER_ERROR',
      `ibkr: reading executions back failed (${(error as Error).message}); other clients' orders are settled on the next refresh`,
    );
    return { open, adopted, fromExecutions: [] };
  }
  for (const t of ctx.book.all()) {
    if (!t.foreign || isTerminal(t.status) || open.has(t)) continue;
    settleForeign(ctx, t);
  }
  return { open, adopted, fromExecutions };
}

/** Units of an order filled, by its first leg's executions. */
function unitsFilled(ctx: ReconcileContext, t: TrackedOrder): number {
  const firstLeg = t.intent.legs[0]!;
  const shares = ctx.book
    .fillsOf(t.clientOrderId)
    .filter((f) => f.legIndex === 0)
    .reduce((s, f) => s + f.quantity, 0);
  return Math.floor(shares / firstLeg.ratio + 1e-9);
}

/** Another client's order IB no longer lists: filled, or cancelled after what executed. */
function settleForeign(ctx: ReconcileContext, t: TrackedOrder): void {
  if (!isSwarmdeskOrder(ctx.ours, t.ownerClientId, t.clientOrderId)) {
    ctx.book.update(t, 'cancelled', {
      reason: `no longer open at IB (placed by client ${t.ownerClientId} outside swarmdesk; its fills are not booked here)`,
    });
    return;
  }
  const units = unitsFilled(ctx, t);
  if (units >= t.intent.quantity) {
    ctx.book.update(t, 'filled', { filled: units });
    return;
  }
  if (units > t.filledQuantity) ctx.book.update(t, 'partially_filled', { filled: units });
  ctx.book.update(t, 'cancelled', {
    reason: `no longer open at IB (placed by client ${t.ownerClientId}; ${units} of ${t.intent.quantity} filled)`,
  });
}

/**
 * The full reconcile: open orders, the day's executions, then our orders IB no longer shows.
 * An order sent but never acknowledged that IB does not show may still be on its way (a slow
 * Gateway): it stays pending (`unresolved`) unless its id is in `settle`, a later pass that
 * gave it time; only then is it ended as never having reached IB.
 */
export async function reconcile(
  ctx: ReconcileContext,
  settle: ReadonlySet<ClientOrderId> = new Set(),
): Promise<ReconcileReport> {
  const { open, adopted, fromExecutions } = await refreshOpenOrders(ctx, true);
  const settled: ClientOrderId[] = [];
  const unresolved: ClientOrderId[] = [];
  for (const t of ctx.book.all()) {
    if (t.foreign || isTerminal(t.status) || open.has(t)) continue;
    const units = unitsFilled(ctx, t);
    if (t.status === 'pending_submit' && units === 0 && !settle.has(t.clientOrderId)) {
      unresolved.push(t.clientOrderId);
      continue;
    }
    settled.push(t.clientOrderId);
    if (units >= t.intent.quantity) {
      ctx.book.update(t, 'filled', { filled: units });
    } else if (t.status === 'pending_submit' && units === 0) {
      ctx.book.reject(
        t,
        'REJECTED',
        'not found at IB after reconnecting: the order never reached IB (it is not re-sent; place it again under a new client order id)',
      );
    } else {
      if (units > t.filledQuantity) ctx.book.update(t, 'partially_filled', { filled: units });
      ctx.book.update(t, 'cancelled', {
        reason: 'no longer open at IB after reconnecting (cancelled while this client was away)',
      });
    }
    // A fill while away is routine; an order IB ended or never got is worth a look.
    const filled = t.status === 'filled';
    ctx.record(
      filled ? 'info' : 'warning',
      filled ? 'RECONCILE_NOTE' : 'RECONCILE_MISMATCH',
      `ibkr: order ${t.clientOrderId} was ${filled ? 'filled' : 'no longer open'} at IB on reconnect; now ${t.status}`,
      { clientOrderId: t.clientOrderId },
    );
  }
  return { open: open.size, adopted, fromExecutions, settled, unresolved };
}
