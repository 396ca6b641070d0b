/** What the paper store keeps, and the zod schemas that read it back (the file is outside data). */
import { z } from 'zod';
import type {
  ClientOrderId,
  CycleId,
  InstanceId,
  Order,
  OrderIntent,
  OrderStatus,
} from '../../domain/index.js';
import type { BrokerErrorCode } from '../errors.js';

const contractSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stock'), symbol: z.string() }),
  z.object({
    kind: z.literal('option'),
    symbol: z.string(),
    expiry: z.string(),
    strike: z.number(),
    right: z.enum(['call', 'put']),
    multiplier: z.number(),
  }),
]);

const intentSchema = z.object({
  clientOrderId: z.string(),
  legs: z.array(z.object({ contract: contractSchema, side: z.enum(['buy', 'sell']), ratio: z.number() })),
  quantity: z.number(),
  orderType: z.enum(['limit', 'market']),
  limitPrice: z.number().nullable(),
  priceEffect: z.enum(['debit', 'credit']),
  timeInForce: z.enum(['day', 'gtc', 'ioc']),
  rationale: z.string(),
  instanceIds: z.array(z.string()),
  cycleId: z.string().nullable(),
  origin: z.enum(['commander', 'manual', 'watchdog', 'reconcile']),
});

/** Parses a stored contract. */
export function parseContract(json: string): z.infer<typeof contractSchema> {
  return contractSchema.parse(JSON.parse(json));
}

/** Parses a stored intent (ids come back as the branded types they were written as). */
export function parseIntent(json: string): OrderIntent {
  const raw = intentSchema.parse(JSON.parse(json));
  return {
    ...raw,
    clientOrderId: raw.clientOrderId as ClientOrderId,
    instanceIds: raw.instanceIds as InstanceId[],
    cycleId: raw.cycleId as CycleId | null,
  };
}

/** An order as the paper broker keeps it: the port's `Order` plus its matching state. */
export interface OrderRecord extends Order {
  /** Why a refused order was refused (re-thrown when the same id comes again). */
  readonly rejectCode: BrokerErrorCode | null;
  /** When a DAY order expires (the session's close), epoch ms; null for GTC/IOC. */
  readonly expiresAt: number | null;
  readonly lastFillQuoteTime: number | null;
  /** Commission charged so far, dollars. */
  readonly commissionPaid: number;
}

/** The port's view of a record. */
export function toOrder(record: OrderRecord): Order {
  const order: Order = {
    clientOrderId: record.clientOrderId,
    brokerOrderId: record.brokerOrderId,
    intent: record.intent,
    status: record.status,
    filledQuantity: record.filledQuantity,
    averageFillPrice: record.averageFillPrice,
    submittedAt: record.submittedAt,
    updatedAt: record.updatedAt,
  };
  return record.reason === undefined ? order : { ...order, reason: record.reason };
}

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_submit',
  'submitted',
  'working',
  'partially_filled',
  'filled',
  'cancel_pending',
  'cancelled',
  'rejected',
  'expired',
];
