import type { Broker } from '../../broker/index.js';
import type { Order } from '../../domain/index.js';
import { ordersInScope } from './flatten-plan.js';

/**
 * Cancel the working orders in scope — every one (one global cancel), or one underlying's, one by
 * one — and return those it asked to cancel. Shared by the watchdog's flatten and `swarmdesk cancel`.
 */
export async function cancelWorking(
  broker: Pick<Broker, 'openOrders' | 'cancelAll' | 'cancelOrder'>,
  underlying?: string,
): Promise<Order[]> {
  const open = ordersInScope(await broker.openOrders(), underlying);
  if (open.length === 0) return open;
  if (underlying === undefined) await broker.cancelAll();
  else for (const o of open) await broker.cancelOrder(o.clientOrderId);
  return open;
}
