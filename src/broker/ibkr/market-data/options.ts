/** Options of the IB market-data adapter (strict; safe defaults). */
import { z } from 'zod';
import { DEFAULT_UNDERLYINGS } from '../../../domain/index.js';

export const ibkrMarketDataOptionsSchema = z.strictObject({
  /** The watch list this source serves by default. */
  symbols: z
    .array(z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'an upper-case ticker such as NVDA'))
    .min(1)
    .max(100)
    .default([...DEFAULT_UNDERLYINGS]),
  /** `delayed` (type 3) works without market-data subscriptions (a fresh paper account has none). */
  marketDataType: z.enum(['realtime', 'frozen', 'delayed', 'delayed_frozen']).default('delayed'),
  /** Risk-free rate for our quant's IV and Greeks, continuously compounded. */
  rate: z.number().min(-0.05).max(0.25).default(0.04),
  dividendYield: z.number().min(0).max(0.25).default(0),
  /** IB can take up to 11 s to complete a snapshot, ms. */
  snapshotTimeout: z.number().int().positive().default(12_000),
  /** Snapshots in flight at once (each holds a market-data line; IB allows 100 by default). */
  maxConcurrentSnapshots: z.number().int().min(1).max(50).default(20),
  /** A quote older than this is flagged `stale`, ms. */
  staleAfter: z
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  /** How old delayed data (type 3/4) is: its quotes are stamped that much earlier, ms. */
  delayedQuoteAge: z
    .number()
    .int()
    .nonnegative()
    .default(15 * 60_000),
});

export type IbkrMarketDataOptions = z.input<typeof ibkrMarketDataOptionsSchema>;
export type ParsedIbkrMarketDataOptions = z.output<typeof ibkrMarketDataOptionsSchema>;
