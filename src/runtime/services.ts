import { brokerView, type Broker, type BrokerView } from '../broker/index.js';
import type { Commander, SizingLimits } from '../commander/index.js';
import type { SwarmdeskConfig } from '../config/index.js';
import { RealClock, type Clock, type Position } from '../domain/index.js';
import { openJournal, type Journal } from '../journal/index.js';
import type { MarketData } from '../market/index.js';
import { ivPercentile, ivRank } from '../quant/index.js';
import { createOrderGate, type OrderGate } from '../risk/index.js';
import { consultSwarm, loadSwarmOrThrow, type IvStatsFn, type SwarmResult } from '../swarm/index.js';
import { createCommander } from './commander-factory.js';
import { createBroker, openMarketAndBroker } from './factory.js';
import { journalBrokerEvents } from './journal-broker-events.js';

/** Everything a session needs, wired from the config. Only the gate (and the watchdog) hold the full Broker. */
export interface Services {
  readonly config: SwarmdeskConfig;
  /** Market/journal time (the simulated clock in a demo or backtest). */
  readonly clock: Clock;
  /** I/O time — LLM and broker timeouts, retry waits, deadlines — always real. */
  readonly ioClock: Clock;
  readonly journal: Journal;
  readonly marketData: MarketData;
  /** Read-only broker handle (no `placeOrder`). */
  readonly broker: BrokerView;
  readonly gate: OrderGate;
  readonly commander: Commander;
  readonly limits: SizingLimits;
  readonly consult: (positions: readonly Position[]) => Promise<SwarmResult>;
  close(): Promise<void>;
}

export const ivStatsFromQuant: IvStatsFn = (history, currentIv) => {
  if (history.length === 0) return { rank: null, percentile: null };
  const values = history.map((h) => h.iv);
  return {
    rank: ivRank({ current: currentIv, history: values }),
    percentile: ivPercentile({ current: currentIv, history: values }),
  };
};

export interface OpenServicesOptions {
  readonly clock: Clock;
  /** I/O time (default: real time). Tests that drive deadlines themselves pass their own. */
  readonly ioClock?: Clock;
  readonly env: NodeJS.ProcessEnv;
  /** `--llm provider:model` for this run. */
  readonly llm?: string;
  /** Replace the market data (tests, the demo's own clock). */
  readonly marketData?: MarketData;
  /** Replace the broker (tests). */
  readonly broker?: Broker;
  /** What this process's gate is, in the refusals other gates on the book see while it holds it. */
  readonly gatePurpose?: string;
}

/**
 * Open the journal, the market data, the broker (connected, its order and fill events going to the
 * journal), the gate, the swarm and the Commander.
 */
export async function openServices(config: SwarmdeskConfig, options: OpenServicesOptions): Promise<Services> {
  const { clock, env } = options;
  const ioClock = options.ioClock ?? new RealClock();
  const journal = openJournal({ dataDir: config.dataDir });
  let marketData: MarketData;
  let broker: Broker;
  // A broker the factory opens is journaled from before it connects; one handed in, from now.
  let offJournal: () => void = () => undefined;
  try {
    if (options.marketData && options.broker) {
      ({ marketData, broker } = { marketData: options.marketData, broker: options.broker });
      offJournal = journalBrokerEvents(broker, journal, clock);
    } else if (options.marketData)
      ({ marketData, broker } = {
        marketData: options.marketData,
        broker: await createBroker(config, {
          role: 'main',
          marketData: options.marketData,
          clock,
          env,
          journal,
        }),
      });
    else ({ marketData, broker } = await openMarketAndBroker(config, { clock, role: 'main', env, journal }));
  } catch (e) {
    journal.close();
    throw e;
  }
  try {
    const swarm = await loadSwarmOrThrow(config.contentDir);
    const gate = createOrderGate({
      broker,
      marketData,
      journal,
      clock,
      ioClock,
      env,
      lock: { purpose: options.gatePurpose ?? 'swarmdesk' },
      config: {
        mode: config.mode,
        risk: config.risk,
        broker:
          config.broker.type === 'ibkr' ? { type: 'ibkr', port: config.broker.port } : { type: 'paper' },
      },
    });
    const commander = createCommander({ config, clock: ioClock, gate, env, llmOverride: options.llm });
    const full = broker;
    return {
      config,
      clock,
      ioClock,
      journal,
      marketData,
      broker: brokerView(broker),
      gate,
      commander,
      limits: {
        maxContractsPerOrder: config.risk.maxContractsPerOrder,
        maxLossPerTrade: config.risk.maxLossPerTrade,
        maxOrdersPerCycle: config.risk.maxOrdersPerCycle,
      },
      consult: (positions) =>
        consultSwarm({
          market: marketData,
          clock: ioClock,
          swarm,
          config: config.llm,
          llm: options.llm,
          env,
          positions,
          ivStats: ivStatsFromQuant,
        }),
      close: async () => {
        await full.disconnect();
        offJournal();
        await marketData.close();
        journal.close();
      },
    };
  } catch (e) {
    await broker.disconnect().catch(() => undefined);
    offJournal();
    await marketData.close().catch(() => undefined);
    journal.close();
    throw e;
  }
}
