import type { BrokerView } from '../broker/index.js';
import type { Clock } from '../domain/index.js';
import type { Journal } from '../journal/index.js';
import { workingOrderLine } from './book/format.js';
import { collectWorkingOrders } from './book/working-orders.js';
import { escapeControl } from './escape-text.js';

/**
 * What `run` says as it exits about the orders it leaves working, a line per order, so a person
 * never learns of them only when they fill.
 */
export async function reportLeftWorking(
  deps: { readonly broker: BrokerView; readonly journal: Journal; readonly clock: Clock },
  write: (line: string) => void,
): Promise<void> {
  try {
    const orders = collectWorkingOrders({
      brokerOrders: await deps.broker.openOrders(),
      journal: deps.journal,
      now: deps.clock.now(),
    });
    if (orders.length === 0) return write('no working orders left');
    write(`leaves ${orders.length} order(s) working (\`swarmdesk cancel --all\` cancels them):`);
    for (const o of orders) write(`  ${workingOrderLine(o)}`);
  } catch (e) {
    write(
      `could not list the orders left working: ${escapeControl(e instanceof Error ? e.message : String(e))}; see \`swarmdesk orders\``,
    );
  }
}
