import { z } from 'zod';
import { isValidExpiry } from './contract.js';
import { INSTANCE_ID_PATTERN } from './ids.js';
import type { OrderIntent } from './order.js';
import { idSchema, tickerSchema } from './schema-parts.js';
import { MAX_INSTANCE_IDS, MAX_RATIONALE_LENGTH } from './text-bounds.js';

/** True when a strike is a whole number of thousandths of a dollar, as OCC option symbols encode strikes. */
export function isStrikeInThousandths(strike: number): boolean {
  return Number.isFinite(strike) && Math.round(strike * 1000) / 1000 === strike;
}

const contractSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stock'), symbol: tickerSchema }).strict(),
  z
    .object({
      kind: z.literal('option'),
      symbol: tickerSchema,
      expiry: z.string().refine(isValidExpiry, { error: 'expected a real calendar date YYYY-MM-DD' }),
      strike: z.number().positive().finite().refine(isStrikeInThousandths, {
        error: 'expected a strike in whole thousandths of a dollar, exactly as listed (e.g. 150, 152.5)',
      }),
      right: z.enum(['call', 'put']),
      multiplier: z.number().int().positive(),
    })
    .strict(),
]);

export const legSchema = z
  .object({
    contract: contractSchema,
    side: z.enum(['buy', 'sell']),
    ratio: z.number().int().positive().max(100),
  })
  .strict();

const instanceIdSchema = z
  .string()
  .regex(INSTANCE_ID_PATTERN, { error: 'expected an instance id: 1 to 64 of a-z 0-9 _ -' });

// Lists' lengths are judged before their items (`pipe`), so an over-long list is one issue, not one per item.
const instanceIdsSchema = z
  .array(z.unknown())
  .max(MAX_INSTANCE_IDS, { error: `expected at most ${MAX_INSTANCE_IDS} instance ids` })
  .pipe(z.array(instanceIdSchema));

/**
 * The shape of an order intent, checked wherever one crosses a boundary (CLI, LLM tool, journal).
 * Strict: unknown keys are malformed. Bounds on what comes from outside:
 * - `clientOrderId`, `cycleId`: 1–64 of `[A-Za-z0-9._:-]`;
 * - `instanceIds`: at most 50, each 1–64 of `[a-z0-9_-]` starting alphanumeric;
 * - `rationale`: at most 4,000 characters;
 * - option `expiry`: a real calendar date; `strike`: whole thousandths of a dollar (the gate then
 *   requires it to equal a listed strike exactly);
 * - `symbol`: an upper-case ASCII ticker (never case-folded here).
 */
export const orderIntentSchema = z
  .object({
    clientOrderId: idSchema,
    legs: z.array(z.unknown()).min(1).max(4).pipe(z.array(legSchema)),
    quantity: z.number().int().positive(),
    orderType: z.enum(['limit', 'market']),
    limitPrice: z.number().nonnegative().finite().nullable(),
    priceEffect: z.enum(['debit', 'credit']),
    timeInForce: z.enum(['day', 'gtc', 'ioc']),
    rationale: z.string().max(MAX_RATIONALE_LENGTH),
    instanceIds: instanceIdsSchema,
    cycleId: idSchema.nullable(),
    origin: z.enum(['commander', 'manual', 'watchdog', 'reconcile']),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.orderType === 'limit' && o.limitPrice === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['limitPrice'],
        message: 'expected a limit price for a limit order',
      });
    }
    const first = o.legs[0];
    if (o.legs.length === 1 && first) {
      const expected = first.side === 'buy' ? 'debit' : 'credit';
      if (o.priceEffect !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['priceEffect'],
          message: `expected "${expected}" for a single ${first.side} leg`,
        });
      }
    }
  });

/** Check an unknown value is a well-formed OrderIntent. */
export function parseOrderIntent(
  value: unknown,
): { ok: true; intent: OrderIntent } | { ok: false; error: z.ZodError } {
  const r = orderIntentSchema.safeParse(value);
  return r.success ? { ok: true, intent: r.data as unknown as OrderIntent } : { ok: false, error: r.error };
}
