/**
 * The one place config becomes adapters (DESIGN: "chosen in one place"). Nothing else imports an
 * adapter's folder.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Broker } from '../broker/index.js';
import { createIbkrBroker, createIbkrMarketData, type IbkrRole } from '../broker/ibkr/index.js';
import { createPaperBroker } from '../broker/paper/index.js';
import type { SwarmdeskConfig } from '../config/index.js';
import { formatIssues, liveTradingEnabled, SwarmdeskError, zodIssues, type Clock } from '../domain/index.js';
import type { Journal } from '../journal/index.js';
import type { MarketData } from '../market/index.js';
import { createSimMarket, type SimMarket } from '../market/sim/index.js';
import { createThetaDataMarket } from '../market/thetadata/index.js';
import { connectJournaled } from './journaled-connect.js';

/** The simulated market's start, per data dir. */
export const SIM_START_FILE = 'sim-market.json';

export class FactoryError extends SwarmdeskError {
  constructor(message: string) {
    super('FACTORY', message);
  }
}

/** Where a data dir's simulated market starts, and the clock time it stood there. */
export interface SimStart {
  readonly startTime: string;
  readonly clockAnchor: string;
}

/**
 * The simulated market's start, fixed per data dir: the main loop, the watchdog and a restarted
 * session all see the same market. The first process to run writes it: the configured start (or
 * now) and the clock's time then, so a configured date is where the market stands when the first
 * process starts, and it runs on from there.
 */
export function simStart(dataDir: string, clock: Clock, configured?: string): SimStart {
  const file = join(dataDir, SIM_START_FILE);
  if (existsSync(file)) {
    const stored = readSimStart(file);
    if (configured !== undefined && Date.parse(configured) !== Date.parse(stored.startTime)) {
      throw new FactoryError(
        `${file}: this data dir's simulated market started at ${stored.startTime}, but marketData.startTime is ${configured}; ` +
          'use another dataDir, or delete the file to start a new simulated market there',
      );
    }
    return stored;
  }
  const now = new Date(clock.now()).toISOString();
  const start: SimStart = { startTime: configured ?? now, clockAnchor: now };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(start));
  return start;
}

/**
 * Where a data dir's simulated market started, for a reader: what `sim-market.json` holds, or null
 * when no process has started the market there. Unlike `simStart` it never writes the file.
 */
export function existingSimStart(dataDir: string): SimStart | null {
  const file = join(dataDir, SIM_START_FILE);
  return existsSync(file) ? readSimStart(file) : null;
}

const simStartFileSchema = z.object({
  startTime: z.iso.datetime({ offset: true }),
  clockAnchor: z.iso.datetime({ offset: true }).optional(),
});

function readSimStart(file: string): SimStart {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FactoryError(
      `${file}: not JSON (${(e as Error).message}); delete it to start a new simulated market`,
    );
  }
  const r = simStartFileSchema.safeParse(parsed);
  if (!r.success) {
    throw new FactoryError(
      `${file}: expected {"startTime": "<ISO time>", "clockAnchor": "<ISO time>"} (${formatIssues(zodIssues(r.error, parsed)).replace(/\n/g, '; ')}); delete it to start a new simulated market`,
    );
  }
  const { startTime, clockAnchor } = r.data;
  // Files written before the anchor was kept: the market ran from its start with the clock.
  return { startTime, clockAnchor: clockAnchor ?? startTime };
}

export function createMarketData(config: SwarmdeskConfig, clock: Clock): MarketData {
  const md = config.marketData;
  if (md.source === 'sim') {
    const { source: _source, ...options } = md;
    return createSimMarket({ ...options, ...simStart(config.dataDir, clock, options.startTime) }, clock);
  }
  if (md.source === 'thetadata') return createThetaDataMarket(md, { clock });
  throw new FactoryError(
    'marketData.source "ibkr" rides on the IB broker connection: open it with openMarketAndBroker',
  );
}

/** A simulated market from the config's sim options with explicit overrides (the demo's own clock and start). */
export function createSimMarketWith(
  config: SwarmdeskConfig,
  clock: Clock,
  overrides: { startTime: string; seed?: number },
): SimMarket {
  const md = config.marketData.source === 'sim' ? config.marketData : null;
  const { source: _source, ...options } = md ?? { source: 'sim' as const };
  const market = createSimMarket(
    {
      ...options,
      startTime: overrides.startTime,
      ...(overrides.seed === undefined ? {} : { seed: overrides.seed }),
    },
    clock,
  );
  return market;
}

/** A paper broker that matches only when asked (`sync()`), for a lab session that moves time itself. */
export async function createSteppedPaperBroker(
  config: SwarmdeskConfig,
  deps: { marketData: MarketData; clock: Clock; dataDir: string },
): Promise<Broker & { sync(): Promise<void> }> {
  const options = config.broker.type === 'paper' ? (({ type: _t, ...o }) => o)(config.broker) : {};
  const broker = createPaperBroker({ ...options, matchIntervalMs: 0 }, deps);
  await broker.connect();
  return broker;
}

/**
 * The environment's live-trading switch, and the journal: the broker's order and fill events go to
 * it from before it connects (`connectJournaled`), and an IB connection reports safety events to
 * it. Without a journal nothing is recorded (a read-only look).
 */
export interface IbkrExtras {
  readonly env?: NodeJS.ProcessEnv;
  readonly journal?: Journal;
}

export interface BrokerRole extends IbkrExtras {
  /**
   * Who is connecting; on IB each role has its own client id (docs/ibkr.md §3): `main` the loop,
   * `watchdog`, `status` a short read-only look (`status`, `chain`, `order --dry-run`), `manual`
   * an operator's `order`, `cancel` or `flatten`. The paper broker has one book for all.
   */
  readonly role: IbkrRole;
  readonly marketData: MarketData;
  readonly clock: Clock;
}

/** The configured broker, connected. */
export async function createBroker(config: SwarmdeskConfig, deps: BrokerRole): Promise<Broker> {
  const b = config.broker;
  if (b.type === 'paper') {
    const { type: _type, ...options } = b;
    const broker = createPaperBroker(options, {
      dataDir: config.dataDir,
      marketData: deps.marketData,
      clock: deps.clock,
    });
    await connectJournaled(broker, deps);
    return broker;
  }
  const { type: _type, ...options } = b;
  const broker = createIbkrBroker(options, {
    clock: deps.clock,
    role: deps.role,
    mode: config.mode,
    liveSwitch: liveTradingEnabled(deps.env ?? process.env),
    journal: deps.journal,
  });
  await connectJournaled(broker, deps);
  return broker;
}

/**
 * Market data and the broker together: IB market data rides on the IB broker's own connection;
 * every other source stands alone and the broker fills against it.
 */
export async function openMarketAndBroker(
  config: SwarmdeskConfig,
  deps: { clock: Clock; role: BrokerRole['role'] } & IbkrExtras,
): Promise<{ marketData: MarketData; broker: Broker }> {
  const md = config.marketData;
  if (md.source !== 'ibkr') {
    const marketData = createMarketData(config, deps.clock);
    try {
      return { marketData, broker: await createBroker(config, { ...deps, marketData }) };
    } catch (e) {
      await marketData.close();
      throw e;
    }
  }
  if (config.broker.type !== 'ibkr')
    throw new FactoryError('marketData.source "ibkr" needs broker.type "ibkr"');
  const { type: _type, ...options } = config.broker;
  const broker = createIbkrBroker(options, {
    clock: deps.clock,
    role: deps.role,
    mode: config.mode,
    liveSwitch: liveTradingEnabled(deps.env ?? process.env),
    journal: deps.journal,
  });
  await connectJournaled(broker, deps);
  const { source: _source, ...mdOptions } = md;
  return { marketData: createIbkrMarketData(mdOptions, { broker, clock: deps.clock }), broker };
}
