import type { Broker } from '../broker/index.js';
import type { Journal } from '../journal/index.js';
import type { MarketData } from '../market/index.js';
import { openMarketAndBroker } from '../runtime/index.js';
import type { CommandContext } from './context.js';

/** An operator's connection to the book: the journal, the market data and the broker. */
export interface BrokerSession {
  readonly journal: Journal;
  readonly marketData: MarketData;
  /**
   * The full broker: the session cancels with it, and `flatten` hands it to the watchdog's closing
   * path, where every order goes through `placeReducingOrder` — never `placeOrder` directly.
   */
  readonly broker: Broker;
  close(): Promise<void>;
}

/**
 * What `cancel`, `flatten` and `halt` need: the journal (written: who did what and why), the market
 * data and the broker, connected in the `manual` role (on IB its own client id) with its order and
 * fill events going to the journal (the factory wires them before it connects).
 */
export async function openBrokerSession(ctx: CommandContext): Promise<BrokerSession> {
  const journal = ctx.journal();
  const { marketData, broker } = await openMarketAndBroker(ctx.config, {
    clock: ctx.clock,
    role: 'manual',
    env: ctx.io.env,
    journal,
  });
  return {
    journal,
    marketData,
    broker,
    close: async () => {
      try {
        await broker.disconnect();
      } finally {
        await marketData.close();
      }
    },
  };
}
