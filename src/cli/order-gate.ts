import { createOrderGate, type BrokerConnection, type OrderGate } from '../risk/index.js';
import { journalBrokerEvents, openMarketAndBroker } from '../runtime/index.js';
import type { CommandContext } from './context.js';

/** The gate `swarmdesk order` sends through, and how to let go of its connections. */
export interface OrderSession {
  readonly gate: OrderGate;
  close(): Promise<void>;
}

/**
 * What `swarmdesk order` needs and nothing more: the journal, the market data, the broker
 * (connected) and the gate. No templates, instances, Commander prompt or LLM, so an operator can
 * trade from any directory, with no API key set, while the swarm's content is broken or absent.
 * The journal is the context's (closed by it).
 */
export async function openOrderSession(ctx: CommandContext): Promise<OrderSession> {
  const { config, clock } = ctx;
  const env = ctx.io.env;
  const journal = ctx.journal();
  const { marketData, broker } = await openMarketAndBroker(config, { clock, role: 'main', env, journal });
  const connection: BrokerConnection =
    config.broker.type === 'ibkr' ? { type: 'ibkr', port: config.broker.port } : { type: 'paper' };
  const gate = createOrderGate({
    broker,
    marketData,
    journal,
    clock,
    env,
    config: { mode: config.mode, risk: config.risk, broker: connection },
    lock: { purpose: 'swarmdesk order' },
  });
  const off = journalBrokerEvents(broker, journal, clock);
  return {
    gate,
    close: async () => {
      off();
      try {
        await broker.disconnect();
      } finally {
        await marketData.close();
      }
    },
  };
}
