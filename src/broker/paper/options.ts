/** The paper broker's options (strict; every field has a safe default). */
import { z } from 'zod';

export const paperBrokerOptionsSchema = z.strictObject({
  /** The account id the paper book reports (fixed when the book is first created). */
  accountId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, '1-32 of [A-Za-z0-9_-]')
    .default('PAPER'),
  /** Cash of a new book, dollars (a book that exists keeps its own). */
  startingCash: z.number().positive().max(1e12).default(100_000),
  /** IBKR's fixed option rate: dollars per contract. */
  commissionPerContract: z.number().min(0).max(100).default(0.65),
  /** The least commission of an order, dollars. */
  minimumCommission: z.number().min(0).max(1_000).default(1),
  /** IBKR's fixed stock rate: dollars per share (same per-order minimum). */
  commissionPerShare: z.number().min(0).max(1).default(0.005),
  /** In-the-money options at expiry: exercised/assigned into stock, or closed at intrinsic value. */
  expiryHandling: z.enum(['exercise', 'close_at_intrinsic']).default('exercise'),
  /** Early assignment of short in-the-money calls before an ex-dividend date worth more than their extrinsic value. */
  earlyAssignment: z.boolean().default(true),
  allowMarketOrders: z.boolean().default(false),
  /** `margin`: Reg-T. `cash`: short puts cash-secured, no naked calls, no short stock. */
  accountType: z.enum(['margin', 'cash']).default('margin'),
  /** Single-option tick grid: penny program ($0.01 under $3, $0.05 above) or not ($0.05 / $0.10). */
  optionTicks: z.enum(['penny_program', 'non_penny']).default('penny_program'),
  /** How often resting orders are checked against the market while connected, clock ms; 0 = only on calls. */
  matchIntervalMs: z.number().int().min(0).max(3_600_000).default(1_000),
  /** How long a write waits for the other process's lock before failing, ms. */
  busyTimeoutMs: z.number().int().min(0).max(60_000).default(5_000),
});

export type PaperBrokerOptions = z.input<typeof paperBrokerOptionsSchema>;
export type ParsedPaperBrokerOptions = z.output<typeof paperBrokerOptionsSchema>;
