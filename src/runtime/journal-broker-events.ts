import type { BrokerView } from '../broker/index.js';
import { contractKey, sameContract, statusPath, type Clock, type Fill, type Order } from '../domain/index.js';
import type { Journal } from '../journal/index.js';

/**
 * Mirror the broker's order-status and fill events into the journal: statuses through the
 * transition table (an impossible move is a safety event, not a crash), fills once each with their
 * trade-log row, attributed to the order's cycle and instance and to the journaled order's leg
 * (a broker that only saw the order's executions may number legs its own way). Wired for every
 * role by `connectJournaled`.
 */
export function journalBrokerEvents(broker: BrokerView, journal: Journal, clock: Clock): () => void {
  const onOrder = (order: Order): void => {
    const stored = journal.getOrder(order.clientOrderId);
    if (!stored) return;
    // Nothing new, unless a partial fill grew.
    if (
      stored.status === order.status &&
      (order.status !== 'partially_filled' || stored.filledQuantity === order.filledQuantity)
    )
      return;
    const steps = statusPath(stored.status, order.status);
    if (!steps) {
      journal.logSafetyEvent({
        time: clock.now(),
        severity: 'warning',
        code: 'BROKER_ERROR',
        message: `broker reported ${order.clientOrderId} ${stored.status} -> ${order.status}, which the order status table does not allow; journal kept at ${stored.status}`,
        clientOrderId: order.clientOrderId,
      });
      return;
    }
    for (const to of steps) {
      journal.updateOrderStatus(order.clientOrderId, {
        status: to,
        time: clock.now(),
        brokerOrderId: order.brokerOrderId,
        filledQuantity: order.filledQuantity,
        reason: order.reason,
      });
    }
  };
  const onFill = (fill: Fill): void => {
    const stored = journal.getOrder(fill.clientOrderId);
    const leg = stored ? stored.intent.legs.findIndex((l) => sameContract(l.contract, fill.contract)) : -1;
    const legs = stored
      ? stored.intent.legs.map((l) => ({ contract: contractKey(l.contract), side: l.side, ratio: l.ratio }))
      : [{ contract: contractKey(fill.contract), side: fill.side, ratio: 1 }];
    journal.recordFill(leg >= 0 ? { ...fill, legIndex: leg } : fill, {
      legs,
      instanceId: stored?.intent.instanceIds[0] ?? null,
      cycleId: stored?.cycleId ?? null,
    });
  };
  // A listener must never throw into the broker's event loop: a failure to journal is itself journaled.
  const guarded =
    <T>(what: string, fn: (v: T) => void) =>
    (v: T): void => {
      try {
        fn(v);
      } catch (e) {
        try {
          journal.logSafetyEvent({
            time: clock.now(),
            severity: 'critical',
            code: 'BROKER_ERROR',
            message: `could not journal a broker ${what}: ${(e as Error).message}`,
          });
        } catch (again) {
          // The journal itself is gone (closed, disk full): say so where someone can see it.
          process.emitWarning(
            `could not journal a broker ${what} (${(e as Error).message}), nor that failure (${(again as Error).message})`,
          );
        }
      }
    };
  const offOrder = broker.on('order', guarded('order update', onOrder));
  const offFill = broker.on('fill', guarded('fill', onFill));
  return () => {
    offOrder();
    offFill();
  };
}
