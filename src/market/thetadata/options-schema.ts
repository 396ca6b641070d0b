/**
 * The adapter's options as a strict zod schema (unknown keys are errors), the same fields and
 * defaults as the config file's `marketData` section for `source: "thetadata"`, so the config can
 * compose it (as it does the simulated market's) and a direct caller is validated the same way.
 */
import { z } from 'zod';
import {
  ConfigError,
  DEFAULT_UNDERLYINGS,
  durationSchema,
  tickerSchema,
  zodIssues,
} from '../../domain/index.js';
import { V3_DEFAULT_URL, type ThetaDataMarketOptions } from './options.js';

/** The watch list when none is configured (the simulated market's six names). */
export const THETADATA_DEFAULT_SYMBOLS = DEFAULT_UNDERLYINGS;

const duration = (fallback: string, minMs = 0) => durationSchema(fallback, { minMs });

export const thetaDataOptionsSchema = z.strictObject({
  source: z.literal('thetadata').optional(),
  url: z
    .string()
    .url()
    .default(V3_DEFAULT_URL)
    .refine((u) => new URL(u).hostname !== 'localhost', {
      error:
        'expected 127.0.0.1, not localhost (the terminal binds IPv4; mixing them breaks concurrency limits)',
    }),
  apiVersion: z.enum(['v3', 'v2']).default('v3'),
  /** Outstanding requests the subscription allows: free 1, value 2, standard 4, pro 8. */
  tier: z.enum(['free', 'value', 'standard', 'pro']).default('free'),
  timeout: duration('15s', 100),
  symbols: z
    .array(tickerSchema)
    .min(1)
    .default([...THETADATA_DEFAULT_SYMBOLS]),
  staleAfter: duration('60s'),
  maxRetries: z.number().int().min(0).max(10).default(3),
});

export type ThetaDataOptionsInput = z.input<typeof thetaDataOptionsSchema>;

/** Validated options with defaults filled in; a `ConfigError` listing every problem otherwise. */
export function parseThetaDataOptions(input: unknown): ThetaDataMarketOptions {
  const result = thetaDataOptionsSchema.safeParse(input);
  if (!result.success)
    throw new ConfigError('marketData (thetadata)', zodIssues(result.error, input, 'marketData'));
  return { ...result.data, source: 'thetadata' };
}
