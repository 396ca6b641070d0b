/**
 * A fake Theta Terminal serving a simulated market, and a ThetaData adapter pointed at it, on one
 * simulated clock: the sim follows the real calendar at speed 1, so market time is clock time and
 * every number the adapter returns can be checked against the sim's own.
 */
import { SimulatedClock } from '../../../domain/index.js';
import { createSimMarket, type SimMarket, type SimMarketOptions } from '../../sim/index.js';
import {
  FakeThetaTerminal,
  type FakeThetaTerminalOptions,
} from '../../../../test/fakes/theta-terminal/index.js';
import {
  createThetaDataMarket,
  type ThetaDataMarket,
  type ThetaDataMarketOptions,
  type ThetaDataTuning,
} from '../index.js';

/**
 * A clock whose `sleep` moves time on at once (retry backoff without waiting), logging each sleep.
 * With `autoStep` off it sleeps like a `SimulatedClock`: until the test advances it.
 */
export class SteppingClock extends SimulatedClock {
  readonly sleeps: number[] = [];
  autoStep = true;

  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted)
      return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    this.sleeps.push(ms);
    if (!this.autoStep) return super.sleep(ms, signal);
    this.advance(ms);
    return Promise.resolve();
  }
}

export interface FixtureOptions {
  /** ISO instant with offset; default Tuesday 2026-03-10 11:00 New York (a session). */
  readonly start?: string;
  readonly sim?: Partial<SimMarketOptions>;
  readonly fake?: Partial<Omit<FakeThetaTerminalOptions, 'market'>>;
  readonly adapter?: Partial<ThetaDataMarketOptions>;
  readonly tuning?: ThetaDataTuning;
}

export interface Fixture {
  readonly clock: SteppingClock;
  readonly sim: SimMarket;
  readonly fake: FakeThetaTerminal;
  readonly adapter: ThetaDataMarket;
  close(): Promise<void>;
}

export const DEFAULT_START = '2026-03-10T11:00:00-04:00';

export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const start = options.start ?? DEFAULT_START;
  const clock = new SteppingClock(Date.parse(start));
  const sim = createSimMarket(
    { seed: 11, symbols: ['NVDA', 'TSLA'], calendar: 'real', startTime: start, ...options.sim },
    clock,
  );
  const fake = await FakeThetaTerminal.start({ market: sim, ...options.fake });
  const apiVersion = options.fake?.apiVersion ?? 'v3';
  const adapter = createThetaDataMarket(
    {
      source: 'thetadata',
      url: fake.url,
      apiVersion,
      tier: options.fake?.tier ?? 'pro',
      timeout: 5_000,
      symbols: ['NVDA', 'TSLA'],
      staleAfter: 60_000,
      maxRetries: 3,
      ...options.adapter,
    },
    { clock },
    options.tuning,
  );
  return {
    clock,
    sim,
    fake,
    adapter,
    async close() {
      await adapter.close();
      await fake.close();
      await sim.close();
    },
  };
}
