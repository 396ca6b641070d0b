/**
 * The one place config becomes adapters (DESIGN: "chosen in one place"). Nothing else imports an
 * adapter's folder.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Broker } from '../broker/index.js';
import { createPaperBroker } from '../broker/paper/index.js';
import type { SwarmdeskConfig } from '../config/index.js';
import { SwarmdeskError, type Clock } from '../domain/index.js';
import type { MarketData } from '../market/index.js';
import { createSimMarket } from '../market/sim/index.js';
import { createThetaDataMarket } from '../market/thetadata/index.js';

const SIM_START_FILE = 'sim-market.json';

export class FactoryError extends SwarmdeskError {
  constructor(message: string) {
    super('FACTORY', message);
  }
}

/**
 * The simulated market's start, fixed per data dir: the main loop, the watchdog and a restarted
 * session all see the same market. The first process to run writes it.
 */
export function simStartTime(dataDir: string, clock: Clock, configured?: string): string {
  if (configured) return configured;
  const file = join(dataDir, SIM_START_FILE);
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { startTime?: unknown };
    if (typeof parsed.startTime === 'string') return parsed.startTime;
    throw new FactoryError(
      `${file}: expected {"startTime": "<ISO time>"}; delete it to start a new simulated market`,
    );
  }
  const startTime = new Date(clock.now()).toISOString();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ startTime }));
  return startTime;
}

export function createMarketData(config: SwarmdeskConfig, clock: Clock): MarketData {
  const md = config.marketData;
  if (md.source === 'sim') {
    const { source: _source, ...options } = md;
    return createSimMarket(
      { ...options, startTime: simStartTime(config.dataDir, clock, options.startTime) },
      clock,
    );
  }
  return createThetaDataMarket(md, { clock });
}

/** A simulated market from the config's sim options with explicit overrides (the demo's own clock and start). */
export function createSimMarketWith(
  config: SwarmdeskConfig,
  clock: Clock,
  overrides: { startTime: string; seed?: number },
): MarketData & { readonly sim: true } {
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
  return Object.assign(market, { sim: true as const });
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

export interface BrokerRole {
  /** `status`: a short read-only look (its own connection, so it never takes the main loop's). */
  readonly role: 'main' | 'watchdog' | 'status';
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
    await broker.connect();
    return broker;
  }
  throw new FactoryError(`broker.type "${b.type}" is not available in this build yet`);
}
