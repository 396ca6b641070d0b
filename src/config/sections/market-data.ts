import { z } from 'zod';
import { simMarketOptionsSchema } from '../../market/sim/index.js';
import { duration, positiveInt, symbol } from './common.js';

export const DEFAULT_SYMBOLS = ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'] as const;

/** The simulated market: its own options (seed, symbols, speed, calendar, bad data) plus `source`. */
export const simMarketDataSchema = simMarketOptionsSchema.extend({ source: z.literal('sim') });

export const thetaDataSchema = z
  .object({
    source: z.literal('thetadata'),
    url: z
      .string()
      .url()
      .default('http://127.0.0.1:25503')
      .refine((u) => !new URL(u).hostname.includes('localhost'), {
        error:
          'expected 127.0.0.1, not localhost (the terminal binds IPv4; mixing them breaks concurrency limits)',
      }),
    apiVersion: z.enum(['v3', 'v2']).default('v3'),
    /** Outstanding requests the subscription allows: free 1, value 2, standard 4, pro 8. */
    tier: z.enum(['free', 'value', 'standard', 'pro']).default('free'),
    timeout: duration('15s', { minMs: 100 }),
    symbols: z
      .array(symbol)
      .min(1)
      .default([...DEFAULT_SYMBOLS]),
    staleAfter: duration('60s'),
    maxRetries: positiveInt().max(10).default(3),
  })
  .strict();

export const marketDataSchema = z
  .discriminatedUnion('source', [simMarketDataSchema, thetaDataSchema])
  .prefault({ source: 'sim' });
