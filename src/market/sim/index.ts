/** The simulated market: the embedded default `MarketData`. */
import type { Clock } from '../../domain/index.js';
import { SimMarket } from './sim-market.js';
import type { SimMarketOptions } from './options.js';

export { SimMarket } from './sim-market.js';
export type { PinnedQuote } from './sim-chain.js';
export { simMarketOptionsSchema, simFaultSchema } from './options.js';
export type { SimMarketOptions, ParsedSimMarketOptions, SimFault, ParsedSimFault } from './options.js';
export { DEFAULT_SYMBOLS, DEFAULT_PROFILES, profileFor } from './profiles.js';
export type { UnderlyingProfile, EarningsSchedule, DividendSchedule } from './profiles.js';

/** A simulated market from (partial) options, driven by `clock`. */
export function createSimMarket(options: SimMarketOptions, clock: Clock): SimMarket {
  return new SimMarket(options, clock);
}
