import { z } from 'zod';
import { BREAKER_STATES, SAFETY_CODES } from '../domain/index.js';

const epochMs = z.number().int().nonnegative();
const nonEmpty = z.string().min(1);

/** One executed leg as the seed's trade log holds it. */
export const tradeRecordSchema = z
  .object({
    time: epochMs,
    underlying: nonEmpty,
    /** Contract key, e.g. `NVDA 2026-12-18 150 C`. */
    contract: nonEmpty,
    /** The whole order's legs (for combos), as contract keys with side and ratio. */
    legs: z
      .array(
        z
          .object({ contract: nonEmpty, side: z.enum(['buy', 'sell']), ratio: z.number().positive() })
          .strict(),
      )
      .min(1),
    side: z.enum(['buy', 'sell']),
    quantity: z.number().positive(),
    /** Dollars per share. */
    price: z.number().finite(),
    /** Dollars. */
    commission: z.number().nonnegative(),
    clientOrderId: nonEmpty.nullable().default(null),
    fillId: nonEmpty.nullable().default(null),
    instanceId: nonEmpty.nullable().default(null),
    cycleId: nonEmpty.nullable().default(null),
  })
  .strict();
export type TradeRecord = z.input<typeof tradeRecordSchema>;
export type StoredTrade = z.output<typeof tradeRecordSchema> & { readonly id: number };

export const safetyEventRecordSchema = z
  .object({
    time: epochMs,
    severity: z.enum(['info', 'warning', 'critical']),
    code: z.enum(SAFETY_CODES),
    message: nonEmpty,
    clientOrderId: nonEmpty.nullable().optional(),
    cycleId: nonEmpty.nullable().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type SafetyEventRecord = z.input<typeof safetyEventRecordSchema>;
export type StoredSafetyEvent = z.output<typeof safetyEventRecordSchema> & { readonly id: number };

export const breakerChangeSchema = z
  .object({
    state: z.enum(BREAKER_STATES),
    previous: z.enum(BREAKER_STATES),
    actor: z.enum(['person', 'gate', 'watchdog', 'loss_limit', 'runtime']),
    reason: nonEmpty,
    time: epochMs,
  })
  .strict();

export const tradeQuerySchema = z
  .object({
    since: epochMs.optional(),
    until: epochMs.optional(),
    underlying: nonEmpty.optional(),
    instanceId: nonEmpty.optional(),
    limit: z.number().int().positive().max(100_000).default(100),
  })
  .strict();
export type TradeQuery = z.input<typeof tradeQuerySchema>;

export const safetyEventQuerySchema = z
  .object({
    since: epochMs.optional(),
    until: epochMs.optional(),
    code: z.enum(SAFETY_CODES).optional(),
    severity: z.enum(['info', 'warning', 'critical']).optional(),
    clientOrderId: nonEmpty.optional(),
    limit: z.number().int().positive().max(100_000).default(100),
  })
  .strict();
export type SafetyEventQuery = z.input<typeof safetyEventQuerySchema>;
