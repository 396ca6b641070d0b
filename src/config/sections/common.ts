import { z } from 'zod';
import { parseDuration } from '../../domain/index.js';

/** A duration as `"30s"`, `"250ms"`, `"5m"` or milliseconds; parsed to ms. */
export function duration(defaultValue: string, bounds: { minMs?: number; maxMs?: number } = {}) {
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
        ctx.addIssue({ code: 'custom', message: `expected a duration between ${minMs} ms and ${maxMs} ms` });
        return z.NEVER;
      }
      return ms;
    });
}

export const positiveInt = (message = 'expected a positive integer') =>
  z.number({ error: message }).int({ error: message }).positive({ error: message });
export const nonNegative = (message = 'expected a number >= 0') =>
  z.number({ error: message }).nonnegative({ error: message });
export const positive = (message = 'expected a number > 0') =>
  z.number({ error: message }).positive({ error: message });
export const fraction = (message = 'expected a fraction between 0 and 1') =>
  z.number({ error: message }).min(0, { error: message }).max(1, { error: message });
export const symbol = z
  .string()
  .regex(/^[A-Z][A-Z0-9.]{0,9}$/, { error: 'expected an upper-case ticker like "NVDA"' });
