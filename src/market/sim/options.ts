/** The simulated market's options (strict; every field has a safe default). */
import { z } from 'zod';
import { DEFAULT_SYMBOLS } from './profiles.js';

const symbol = z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'an upper-case ticker such as NVDA');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const right = z.enum(['call', 'put']);

/** Which quotes a bad-data switch touches. All fields but `symbol` narrow it further. */
const faultTarget = {
  symbol,
  expiry: date.optional(),
  strike: z.number().positive().optional(),
  right: right.optional(),
};

/** Bad data on demand, for the consumers' tests (and the lab). */
export const simFaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['crossed', 'locked', 'zero_bid']),
    ...faultTarget,
    /** Option quotes, the underlying's quote, or both. */
    scope: z.enum(['options', 'underlying', 'both']).default('options'),
  }),
  z.strictObject({
    kind: z.literal('stale'),
    ...faultTarget,
    scope: z.enum(['options', 'underlying', 'both']).default('both'),
    /** How old the quotes claim to be, ms. */
    ageMs: z
      .number()
      .int()
      .positive()
      .default(15 * 60_000),
  }),
  z.strictObject({
    kind: z.literal('missing_strikes'),
    symbol,
    expiry: date.optional(),
    /** Every n-th listed strike (from the second) disappears. */
    every: z.number().int().min(2).max(50).default(3),
  }),
  z.strictObject({
    /** Trading halted: quotes freeze where they were and carry the `halted` flag. */
    kind: z.literal('halted'),
    symbol,
  }),
]);
export type SimFault = z.input<typeof simFaultSchema>;
export type ParsedSimFault = z.output<typeof simFaultSchema>;

export const simMarketOptionsSchema = z.strictObject({
  /** Same seed, same market, bit for bit. */
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(42),
  symbols: z
    .array(symbol)
    .min(1)
    .max(50)
    .refine((list) => new Set(list).size === list.length, 'symbols must be unique')
    .default([...DEFAULT_SYMBOLS]),
  /** Simulated milliseconds per real (clock) millisecond. */
  speed: z.number().positive().max(1_000_000).default(1),
  /**
   * `always_open`: the market starts at a session open and runs through sessions only, skipping
   * nights, weekends and holidays, so it trades at any hour. `real`: market time is calendar time
   * (from `startTime`, at `speed`), with real sessions, holidays and early closes.
   */
  calendar: z.enum(['always_open', 'real']).default('always_open'),
  /**
   * ISO instant the simulation starts at. Default: the clock's time when the market is created.
   * Give it explicitly when two processes (main loop, watchdog) must see the same market.
   * `always_open` starts at the open of the latest session that opened at or before it.
   */
  startTime: z.iso.datetime({ offset: true }).optional(),
  /**
   * The clock time at which the market stands at `startTime`; market time runs on from there with
   * the clock. Default: `startTime` itself. A start in the past with a later anchor replays that
   * date from now on, instead of a market that has already run on since then.
   */
  clockAnchor: z.iso.datetime({ offset: true }).optional(),
  /** Risk-free rate, continuously compounded. */
  rate: z.number().min(-0.05).max(0.25).default(0.04),
  /** Price-path resolution, ms of session time. */
  stepMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
  /** A quote older than this is flagged `stale`, ms. */
  staleAfterMs: z
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  /** Days of daily IV history before the start. */
  ivHistoryDays: z.number().int().min(30).max(3_650).default(365),
  /** Bad data switched on from the start (switch more at run time with `SimMarket.injectFault`). */
  badData: z.array(simFaultSchema).default([]),
});

export type SimMarketOptions = z.input<typeof simMarketOptionsSchema>;
export type ParsedSimMarketOptions = z.output<typeof simMarketOptionsSchema>;
