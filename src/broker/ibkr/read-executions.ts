/**
 * Reading executions back from IB, every client's (`reqExecutions` with client id 0): the only
 * way this connection learns of fills of orders another client placed (IB sends live fills to the
 * order's owner alone). Read in full on connect and after every reconnect, then incrementally on
 * each open-orders refresh, from a little before the latest execution IB reported (IB's clock, so
 * ours need not agree with it; fills are booked once each by execution id). The incremental read
 * only brings fills sooner: the full read at the next connect finds whatever it missed.
 */
import type { ClientOrderId } from '../../domain/index.js';
import { adoptFinishedOrders } from './finished-orders.js';
import type { ReconcileContext } from './reconcile.js';
import { executionFilterTime } from './wire/executions.js';

/** How far before the latest execution seen an incremental read starts (late reports, clock steps). */
export const EXECUTION_OVERLAP_MS = 5 * 60_000;

/**
 * Books the executions IB reports (all of today's with `full`, else those since shortly before the
 * latest seen), adopting the finished swarmdesk orders they belong to; returns those adopted.
 */
export async function readExecutions(ctx: ReconcileContext, full: boolean): Promise<ClientOrderId[]> {
  const latest = ctx.feed.latestExecutionTime();
  const since = full || latest === null ? undefined : executionFilterTime(latest - EXECUTION_OVERLAP_MS);
  const { executions, commissions } = await ctx.requests.executions({
    clientId: 0,
    account: ctx.account,
    ...(since === undefined ? {} : { time: since }),
  });
  // Commissions first: a fill read back is booked at once, with its commission when IB sent one.
  for (const c of commissions) ctx.book.commission(c.execId ?? '', c.commission ?? 0, c.realizedPNL ?? null);
  for (const e of executions) ctx.feed.execution(e.contract, e.execution, false);
  ctx.feed.replayOrphans();
  return adoptFinishedOrders(ctx, ctx.feed.takeOrphans());
}
