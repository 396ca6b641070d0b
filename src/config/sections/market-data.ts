import { z } from 'zod';
import { ibkrMarketDataOptionsSchema } from '../../broker/ibkr/index.js';
import { simMarketOptionsSchema } from '../../market/sim/index.js';
import { thetaDataOptionsSchema } from '../../market/thetadata/index.js';

/** The simulated market: its own options (seed, symbols, speed, calendar, bad data) plus `source`. */
export const simMarketDataSchema = simMarketOptionsSchema
  .omit({ clockAnchor: true }) // kept per data dir in sim-market.json, never configured
  .extend({ source: z.literal('sim') });

/** Theta Terminal: its own options (url, apiVersion, tier, timeout, symbols, staleAfter, retries) plus `source`. */
export const thetaDataSchema = thetaDataOptionsSchema.extend({ source: z.literal('thetadata') });

/** Market data over the IB connection (needs `broker.type: "ibkr"`). */
export const ibkrMarketDataSchema = ibkrMarketDataOptionsSchema.extend({ source: z.literal('ibkr') });

export const marketDataSchema = z
  .discriminatedUnion('source', [simMarketDataSchema, thetaDataSchema, ibkrMarketDataSchema])
  .prefault({ source: 'sim' });
