import { createOrderGate, type BrokerConnection, type OrderGate } from '../risk/index.js';
import { openMarketAndBroker } from '../runtime/index.js';
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
 *
 * On IB it never takes the loop's client id: an order connects as `manual` (its own id; its fills
 * and statuses journaled like every role's), a dry run as `status`, a read-only connection that
 * records nothing (the gate never sends in a dry run, and reads the account through it).
 */
export async function openOrderSession(
  ctx: CommandContext,
  options: { dryRun: boolean },
): Promise<OrderSession> {
  const { config, clock } = ctx;
  const env = ctx.io.env;
  const journal = ctx.journal();
  const { marketData, broker } = options.dryRun
    ? await openMarketAndBroker(config, { clock, role: 'status', env })
    : await openMarketAndBroker(config, { clock, role: 'manual', env, journal });
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
  return {
    gate,
    close: async () => {
      try {
        await broker.disconnect();
      } finally {
        await marketData.close();
      }
    },
  };
}
