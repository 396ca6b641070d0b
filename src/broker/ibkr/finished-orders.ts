/**
 * Orders IB no longer lists as open, known only from their executions: the watchdog's closing
 * orders, a manual command's, the loop's own from before a restart. IB sends an order's updates
 * to the client that placed it; any client can read every client's executions back. A swarmdesk
 * order (one of swarmdesk's client ids, a client order id as `orderRef`) is taken into the book
 * as filled for what executed, so its fills reach the journal whoever sent it. Executions of
 * orders placed outside swarmdesk are reported once and not booked: a person explains them.
 */
import {
  clientOrderId as toClientOrderId,
  contractKey,
  sameContract,
  sideSign,
  type ClientOrderId,
  type Contract,
  type Leg,
  type OrderIntent,
} from '../../domain/index.js';
import type { OrphanExecution } from './order-feed.js';
import type { TrackedOrder } from './order-book.js';
import type { ReconcileContext } from './reconcile.js';
import { isSwarmdeskOrder } from './roles.js';
import { fromIbContract } from './wire/contracts.js';
import { executionSide } from './wire/executions.js';

/**
 * The executions by order (perm id, unique at IB, else client and order id), each once: a live
 * report and a read-back one of the same execution can both be waiting.
 */
function groupByOrder(orphans: readonly OrphanExecution[]): OrphanExecution[][] {
  const groups = new Map<string, OrphanExecution[]>();
  const seen = new Set<string>();
  for (const o of orphans) {
    const e = o.execution;
    if (e.execId) {
      if (seen.has(e.execId)) continue;
      seen.add(e.execId);
    }
    const key = e.permId ? `perm ${e.permId}` : `${e.clientId ?? '?'}:${e.orderId ?? 0}`;
    const list = groups.get(key) ?? [];
    list.push(o);
    groups.set(key, list);
  }
  return [...groups.values()];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The order as its executions show it: legs in the order IB reported them, ratios, units, net price. */
function intentFromExecutions(
  ctx: ReconcileContext,
  list: readonly OrphanExecution[],
  id: ClientOrderId,
): { intent: OrderIntent; units: number; netPerUnit: number } | null {
  const legs: { contract: Contract; side: 'buy' | 'sell'; shares: number; value: number }[] = [];
  for (const { contract, execution } of list) {
    const c = fromIbContract(contract) ?? (contract.conId ? ctx.resolver.known(contract.conId) : null);
    const side = executionSide(execution);
    const shares = execution.shares ?? 0;
    if (!c || !side || !(shares > 0)) return null;
    let leg = legs.find((l) => l.side === side && sameContract(l.contract, c));
    if (!leg) {
      leg = { contract: c, side, shares: 0, value: 0 };
      legs.push(leg);
    }
    leg.shares += shares;
    leg.value += shares * (execution.price ?? 0);
  }
  if (legs.length === 0) return null;
  const whole = legs.every((l) => Number.isInteger(l.shares));
  const units = legs.length === 1 || !whole ? legs[0]!.shares : legs.reduce((g, l) => gcd(g, l.shares), 0);
  const domainLegs: Leg[] = legs.map((l) => ({
    contract: l.contract,
    side: l.side,
    ratio: legs.length === 1 ? 1 : Math.max(1, Math.round(l.shares / units)),
  }));
  const netPerUnit = legs.reduce((s, l) => s + sideSign(l.side) * l.value, 0) / units;
  const first = list[0]!.execution;
  return {
    units,
    netPerUnit,
    intent: {
      clientOrderId: id,
      legs: domainLegs,
      quantity: units,
      // The limit is not in an execution; what executed is all that is known.
      orderType: 'market',
      limitPrice: null,
      priceEffect: netPerUnit >= 0 ? 'debit' : 'credit',
      timeInForce: 'day',
      rationale: `taken from IB's executions (order ${first.orderId ?? '?'}, client ${first.clientId ?? '?'}, perm ${first.permId ?? '?'}): no longer open at IB`,
      instanceIds: [],
      cycleId: null,
      origin: 'reconcile',
    },
  };
}

/**
 * Takes the orders of `orphans` (executions the book could not place) into the book when they are
 * swarmdesk's, and books their fills; returns their client order ids. No order event is sent: the
 * order's final status is not in its executions (a partly filled order may have been cancelled),
 * so a journal that already ended it keeps its own word, and start-up reconciliation moves one it
 * still holds open.
 */
export function adoptFinishedOrders(
  ctx: ReconcileContext,
  orphans: readonly OrphanExecution[],
): ClientOrderId[] {
  const adopted: ClientOrderId[] = [];
  const me = ctx.connection.clientId;
  for (const list of groupByOrder(orphans)) {
    const e = list[0]!.execution;
    const owner = e.clientId;
    const permId = e.permId ?? 0;
    const where = `order ${e.orderId ?? '?'} of client ${owner ?? '?'}${permId ? `, perm ${permId}` : ''}`;
    const details = { ibOrderId: e.orderId ?? null, permId, clientId: owner ?? null };
    const key = permId ? `perm ${permId}` : `${owner ?? '?'}:${e.orderId ?? 0}`;
    // Left unbooked: said once per order, not at every refresh that reads its executions again.
    const leave = (why: string): void => {
      for (const o of list) ctx.book.forgetCommission(o.execution.execId ?? '');
      if (ctx.feed.reportedUnbooked.has(key)) return;
      ctx.feed.reportedUnbooked.add(key);
      ctx.record('warning', 'RECONCILE_MISMATCH', `ibkr: IB reports executions of ${where}: ${why}`, {
        details,
      });
    };
    if (!isSwarmdeskOrder(ctx.ours, owner, e.orderRef)) {
      const what = list.map(
        (o) =>
          `${o.execution.side ?? '?'} ${o.execution.shares ?? '?'} ${o.contract.localSymbol ?? o.contract.symbol ?? '?'}`,
      );
      leave(
        `orderRef "${e.orderRef ?? ''}", which swarmdesk did not place (${what.join(', ')}); not booked, check the account`,
      );
      continue;
    }
    const id = toClientOrderId(e.orderRef!);
    if (ctx.book.get(id)) {
      leave(
        `its client order id ${id} is another order's here, so its fills cannot be told apart; not booked`,
      );
      continue;
    }
    const built = intentFromExecutions(ctx, list, id);
    if (!built) {
      leave(`${id} cannot be modelled (a contract or side this runtime does not know); not booked`);
      continue;
    }
    const now = ctx.clock.now();
    const t: TrackedOrder = {
      clientOrderId: id,
      intent: built.intent,
      ownerClientId: owner!,
      ibOrderId: e.orderId ?? null,
      permId: permId || null,
      status: 'filled',
      filledQuantity: built.units,
      averageFillPrice: Math.round(built.netPerUnit * 1e6) / 1e6,
      submittedAt: now,
      updatedAt: now,
      reason: 'no longer open at IB; known from its executions',
      foreign: owner !== me,
      ibAction: 'BUY',
    };
    ctx.book.add(t);
    for (const o of list) ctx.feed.execution(o.contract, o.execution, o.live);
    adopted.push(id);
    const legs = built.intent.legs.map(
      (l) => `${l.side} ${l.ratio * built.units} ${contractKey(l.contract)}`,
    );
    ctx.record(
      'info',
      'RECONCILE_NOTE',
      `ibkr: ${id} (${where}) is no longer open at IB; its ${list.length} execution(s) booked: ${legs.join(' / ')}`,
      { clientOrderId: id, details },
    );
  }
  return adopted;
}
