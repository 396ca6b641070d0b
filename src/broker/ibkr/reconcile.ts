/**
 * Reconciling with IB, by `orderRef` (our client order id) and perm id: on connect and after
 * every reconnect, open orders and the day's executions bring the order book up to date, orders
 * IB holds that we do not know are adopted (a restart never submits an order twice: the same
 * client order id finds the adopted order), and ours that IB no longer shows are settled from
 * their executions (a fill is never reported as a cancel).
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
import type { IbRequests, OpenOrderReport } from './requests.js';
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
}

export interface ReconcileReport {
  readonly open: number;
  readonly adopted: readonly ClientOrderId[];
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
    ctx.record(
      'info',
      'RECONCILE_MISMATCH',
      `ibkr: adopted order ${id} from IB (order ${r.orderId} of client ${owner})`,
      {
        clientOrderId: id,
        details: { ibOrderId: r.orderId, permId, clientId: owner },
      },
    );
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
 * Refreshes from a snapshot of all open orders: updates and adopts. Orders of other clients that
 * are no longer open are closed here (IB sends their updates only to their owner).
 */
export async function refreshOpenOrders(
  ctx: ReconcileContext,
): Promise<{ open: Set<TrackedOrder>; adopted: ClientOrderId[] }> {
  const snapshot = await ctx.requests.openOrders(true);
  const open = new Set<TrackedOrder>();
  const adopted: ClientOrderId[] = [];
  for (const r of snapshot) {
    if (r.order.account && r.order.account !== ctx.account) continue;
    const t = await takeOpenOrder(ctx, r, adopted);
    if (t) open.add(t);
  }
  for (const t of ctx.book.all()) {
    if (!t.foreign || isTerminal(t.status) || open.has(t)) continue;
    ctx.book.update(t, 'cancelled', {
      reason: `no longer open at IB (placed by client ${t.ownerClientId}, whose fills this client does not see)`,
    });
  }
  return { open, adopted };
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
  const { open, adopted } = await refreshOpenOrders(ctx);
  const { executions, commissions } = await ctx.requests.executions(0);
  for (const e of executions) ctx.feed.execution(e.contract, e.execution, false);
  for (const c of commissions) ctx.book.commission(c.execId ?? '', c.commission ?? 0, c.realizedPNL ?? null);
  ctx.feed.replayOrphans();
  const settled: ClientOrderId[] = [];
  const unresolved: ClientOrderId[] = [];
  for (const t of ctx.book.all()) {
    if (t.foreign || isTerminal(t.status) || open.has(t)) continue;
    const fills = ctx.book.fillsOf(t.clientOrderId);
    const firstLeg = t.intent.legs[0]!;
    const units = Math.floor(
      fills.filter((f) => f.legIndex === 0).reduce((s, f) => s + f.quantity, 0) / firstLeg.ratio + 1e-9,
    );
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
    ctx.record(
      'warning',
      'RECONCILE_MISMATCH',
      `ibkr: order ${t.clientOrderId} was ${t.status === 'filled' ? 'filled' : 'no longer open'} at IB on reconnect; now ${t.status}`,
      {
        clientOrderId: t.clientOrderId,
      },
    );
  }
  return { open: open.size, adopted, settled, unresolved };
}
