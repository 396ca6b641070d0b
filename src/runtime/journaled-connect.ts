import type { BrokerView } from '../broker/index.js';
import type { Clock } from '../domain/index.js';
import type { Journal } from '../journal/index.js';
import { journalBrokerEvents } from './journal-broker-events.js';

/**
 * Connects a broker with its order and fill events already going to the journal: the one place
 * every role (the loop, the watchdog, a manual command) gets that wiring. Before connecting,
 * because connecting reconciles: fills the broker reads back then (the watchdog's, a manual
 * order's, the loop's own from before a restart) must reach the journal too. Without a journal
 * (a read-only look) it only connects. The wiring lasts as long as the broker; the returned
 * function undoes it.
 */
export async function connectJournaled(
  broker: BrokerView,
  deps: { readonly journal?: Journal; readonly clock: Clock },
): Promise<() => void> {
  const off = deps.journal ? journalBrokerEvents(broker, deps.journal, deps.clock) : () => undefined;
  try {
    await broker.connect();
  } catch (e) {
    off();
    throw e;
  }
  return off;
}
