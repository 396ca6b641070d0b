/**
 * The market data and broker a reader (`swarmdesk status`, `orders`) looks through: nothing it opens
 * writes to the data dir. The simulated market is read from `sim-market.json` only if a process
 * started it; the paper book is read from its file without a matching pass; IBKR is a short
 * connection of the `status` role. What cannot be opened is reported, not thrown, so a reader
 * still shows what the journal knows.
 */
import { brokerReader, type BrokerReader } from '../broker/index.js';
import { createIbkrBroker } from '../broker/ibkr/index.js';
import { PaperBookReader } from '../broker/paper/index.js';
import type { SwarmdeskConfig } from '../config/index.js';
import { liveTradingEnabled, type Clock } from '../domain/index.js';
import type { MarketData } from '../market/index.js';
import { createSimMarket } from '../market/sim/index.js';
import { createThetaDataMarket } from '../market/thetadata/index.js';
import { existingSimStart, openMarketAndBroker, SIM_START_FILE } from './factory.js';

/** A reader's view of the market and the broker, each with why it is missing when it is. */
export interface ReadOnlyBook {
  readonly marketData: MarketData | null;
  /** Why there is no market data (the simulated market never started, a source unreachable), else null. */
  readonly marketUnavailable: string | null;
  readonly broker: BrokerReader | null;
  /** Why the broker cannot be read (down, refused, its book unreadable), else null. */
  readonly brokerUnavailable: string | null;
  close(): Promise<void>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function readerMarket(
  config: SwarmdeskConfig,
  clock: Clock,
): { marketData: MarketData | null; why: string | null } {
  const md = config.marketData;
  if (md.source === 'thetadata') return { marketData: createThetaDataMarket(md, { clock }), why: null };
  if (md.source !== 'sim') return { marketData: null, why: `market data source ${md.source}` };
  const start = existingSimStart(config.dataDir);
  if (!start)
    return {
      marketData: null,
      why: `the simulated market has not started on ${config.dataDir} (no ${SIM_START_FILE}: nothing has run there yet)`,
    };
  const { source: _source, ...options } = md;
  return { marketData: createSimMarket({ ...options, ...start }, clock), why: null };
}

async function readerBroker(
  config: SwarmdeskConfig,
  deps: { clock: Clock; env: NodeJS.ProcessEnv; marketData: MarketData | null },
): Promise<BrokerReader> {
  const b = config.broker;
  if (b.type === 'paper') {
    const { type: _type, ...options } = b;
    return PaperBookReader.open(options, {
      dataDir: config.dataDir,
      marketData: deps.marketData,
      clock: deps.clock,
    });
  }
  const { type: _type, ...options } = b;
  const broker = createIbkrBroker(options, {
    clock: deps.clock,
    role: 'status',
    mode: config.mode,
    liveSwitch: liveTradingEnabled(deps.env),
  });
  await broker.connect();
  return brokerReader(broker);
}

/** Open what a reader needs; never throws for an unreachable part (see `ReadOnlyBook`). */
export async function openReadOnlyBook(
  config: SwarmdeskConfig,
  deps: { clock: Clock; env: NodeJS.ProcessEnv },
): Promise<ReadOnlyBook> {
  let marketData: MarketData | null = null;
  let marketUnavailable: string | null = null;
  let broker: BrokerReader | null = null;
  let brokerUnavailable: string | null = null;
  if (config.marketData.source === 'ibkr') {
    // IB market data rides on the IB connection: both or neither.
    try {
      const opened = await openMarketAndBroker(config, { clock: deps.clock, role: 'status', env: deps.env });
      marketData = opened.marketData;
      broker = brokerReader(opened.broker);
    } catch (e) {
      marketUnavailable = brokerUnavailable = message(e);
    }
  } else {
    try {
      const m = readerMarket(config, deps.clock);
      marketData = m.marketData;
      marketUnavailable = m.why;
    } catch (e) {
      marketUnavailable = message(e);
    }
    try {
      broker = await readerBroker(config, { ...deps, marketData });
    } catch (e) {
      brokerUnavailable = message(e);
    }
  }
  return {
    marketData,
    marketUnavailable,
    broker,
    brokerUnavailable,
    close: async () => {
      try {
        await broker?.close();
      } finally {
        await marketData?.close();
      }
    },
  };
}
