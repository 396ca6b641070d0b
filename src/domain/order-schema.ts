import { z } from 'zod';
import type { OrderIntent } from './order.js';

const contractSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stock'), symbol: z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/) }).strict(),
  z
    .object({
      kind: z.literal('option'),
      symbol: z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/),
      expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      strike: z.number().positive().finite(),
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

/** The shape of an order intent, checked wherever one crosses a boundary (CLI, LLM tool, journal). */
export const orderIntentSchema = z
  .object({
    clientOrderId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
    legs: z.array(legSchema).min(1).max(4),
    quantity: z.number().int().positive(),
    orderType: z.enum(['limit', 'market']),
    limitPrice: z.number().nonnegative().finite().nullable(),
    priceEffect: z.enum(['debit', 'credit']),
    timeInForce: z.enum(['day', 'gtc', 'ioc']),
    rationale: z.string().max(4000),
    instanceIds: z.array(z.string()),
    cycleId: z.string().nullable(),
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
