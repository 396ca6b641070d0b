import { BrokerError } from '../broker/index.js';
import type { Clock, Order } from '../domain/index.js';
import { isOpeningOrder } from '../risk/index.js';
import type { BrokerSession } from './broker-session.js';

/** What `halt` did to the working orders. */
export interface OpeningCancels {
  /** Opening orders cancelled (some leg would open or add to a position). */
  readonly cancelled: readonly Order[];
  /** Closing orders left working: every leg only takes a held position toward zero. */
  readonly kept: readonly Order[];
  /** Opening orders that filled or ended before the cancel reached them. */
  readonly finished: readonly Order[];
}

/**
 * Cancel the working orders that could open risk (`isOpeningOrder` against the positions held
 * now), each journaled as CANCEL_ORDER naming a person and the halt's reason; closing orders stay.
 */
export async function cancelOpeningOrders(
  session: BrokerSession,
  why: { readonly reason: string; readonly clock: Clock },
): Promise<OpeningCancels> {
  const [positions, open] = await Promise.all([session.broker.positions(), session.broker.openOrders()]);
  const cancelled: Order[] = [];
  const kept: Order[] = [];
  const finished: Order[] = [];
  for (const order of open) {
    if (!isOpeningOrder(order, positions)) {
      kept.push(order);
      continue;
    }
    try {
      await session.broker.cancelOrder(order.clientOrderId);
    } catch (e) {
      if (e instanceof BrokerError && (e.reason === 'ORDER_FINISHED' || e.reason === 'UNKNOWN_ORDER')) {
        finished.push(order);
        continue;
      }
      throw e;
    }
    cancelled.push(order);
    session.journal.logSafetyEvent({
      time: why.clock.now(),
      severity: 'warning',
      code: 'CANCEL_ORDER',
      message: `${order.clientOrderId} (an opening order) cancelled by a person's halt: ${why.reason}`,
      clientOrderId: order.clientOrderId,
      details: { actor: 'person', reason: why.reason, via: 'halt' },
    });
  }
  return { cancelled, kept, finished };
}
