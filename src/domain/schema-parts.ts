import { z } from 'zod';
import { parseDuration } from './duration.js';
import { ID_PATTERN } from './text-bounds.js';
import { TICKER_PATTERN } from './ticker.js';

/** The six underlyings of the embedded default (the simulated market, the gate's allowlist, the watch lists). */
export const DEFAULT_UNDERLYINGS: readonly string[] = ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'];

/** An upper-case ASCII ticker such as `NVDA` or `BRK.B`; never case-folded (see `tickerFromInput`). */
export const tickerSchema = z
  .string()
  .regex(TICKER_PATTERN, { error: 'expected an upper-case ticker like "NVDA"' });

/** An id from outside (client order id, cycle id): 1–64 of `[A-Za-z0-9._:-]`. */
export const idSchema = z
  .string()
  .regex(ID_PATTERN, { error: 'expected an id of 1 to 64 characters from A-Z a-z 0-9 . _ : -' });

/**
 * A duration as people write it in a config — `"30s"`, `"250ms"`, `"5m"` or milliseconds — parsed to
 * ms and kept within bounds. Every part's options schema uses this one, so they all read alike.
 */
export function durationSchema(defaultValue: string, bounds: { minMs?: number; maxMs?: number } = {}) {
  const { minMs = 0, maxMs = Number.MAX_SAFE_INTEGER } = bounds;
  return z
    .union([z.string(), z.number()])
    .default(defaultValue)
    .transform((v, ctx) => {
      const ms = parseDuration(v);
      if (ms === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected a duration like "30s", "250ms", "5m" or milliseconds',
        });
        return z.NEVER;
      }
      if (ms < minMs || ms > maxMs) {
        ctx.addIssue({
          code: 'custom',
          message:
            maxMs === Number.MAX_SAFE_INTEGER
              ? `expected a duration of at least ${minMs} ms`
              : `expected a duration between ${minMs} ms and ${maxMs} ms`,
        });
        return z.NEVER;
      }
      return ms;
    });
}
