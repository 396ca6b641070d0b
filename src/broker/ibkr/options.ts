/**
 * The IB adapter's options (strict; every field has a safe default). The field names of the
 * config's `broker` section (`type: ibkr`) are the same, so the section can be this schema plus `type`.
 */
import { z } from 'zod';

const clientIdSchema = z.number().int().min(0).max(2_147_483_647);

/** The client id of each role (docs/ibkr.md §3): distinct, checked below. */
export const CLIENT_ID_FIELDS = ['clientId', 'watchdogClientId', 'statusClientId', 'manualClientId'] as const;

export const ibkrBrokerOptionsSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    /** IB Gateway paper 4002 (live 4001); TWS paper 7497 (live 7496). */
    port: z.number().int().positive().max(65_535).default(4002),
    /** The trading loop's fixed client id (kept across reconnects). */
    clientId: clientIdSchema.default(1),
    /** The watchdog's own connection. */
    watchdogClientId: clientIdSchema.default(999),
    /**
     * Read-only connections (`swarmdesk status`, `chain`, `order --dry-run`): they place, preview
     * and cancel nothing, so they can run while the loop trades.
     */
    statusClientId: clientIdSchema.default(998),
    /**
     * Manual orders, cancels and flattens (`swarmdesk order`, `cancel`, `flatten`): their own
     * connection, so they never wait on the loop's id. IB binds an order to the client id that
     * placed it: a later manual command can cancel it one by one, the loop sees it and settles it.
     */
    manualClientId: clientIdSchema.default(997),
    /** The account to trade; required when the login manages several. */
    account: z
      .string()
      .regex(/^[A-Za-z0-9]{1,32}$/, 'an IB account id such as DU1234567')
      .optional(),
    /** Handshake (TCP, nextValidId, managedAccounts) deadline, ms. */
    connectTimeout: z.number().int().positive().default(10_000),
    /** Market data type asked for: `delayed` (type 3) works without subscriptions. */
    marketDataType: z.enum(['realtime', 'frozen', 'delayed', 'delayed_frozen']).default('delayed'),
    /** Client → Gateway messages per second; IB's limit is 50 (error 100 beyond). */
    maxMessagesPerSecond: z.number().int().min(1).max(45).default(40),
    /** How long an order (or a cancel, or a what-if) may wait for IB's acknowledgement, ms. */
    ackTimeout: z.number().int().positive().default(5_000),
    /** How long a request (positions, contract details, …) may take, ms. */
    requestTimeout: z.number().int().positive().default(10_000),
    /** Reconnect backoff: first delay, ms (doubling up to `reconnectMaxDelay`). */
    reconnectInitialDelay: z.number().int().positive().default(500),
    reconnectMaxDelay: z.number().int().positive().default(30_000),
    /** The wait before retrying after 326 (client id still in use), ms: no hot loop. */
    clientIdInUseDelay: z.number().int().positive().default(10_000),
    /**
     * On the first connect, how many times a 326 is waited out (`clientIdInUseDelay` each) before
     * giving up with CLIENT_ID_IN_USE: a Gateway keeps a dropped session's id for a moment, and a
     * second manual command waits for the first. Reconnects always keep waiting.
     */
    clientIdInUseRetries: z.number().int().min(0).max(10).default(2),
    /** How often a heartbeat checks the Gateway still answers (a half-open socket is silent), ms; 0 = never. */
    heartbeatInterval: z.number().int().nonnegative().default(30_000),
    heartbeatTimeout: z.number().int().positive().default(10_000),
    /** After 1100 (IB unreachable), how long to wait for 1101/1102 before reconnecting the socket, ms. */
    degradedReconnectAfter: z.number().int().positive().default(60_000),
    /** How long a fill waits for its commission report before it is reported without one, ms. */
    commissionWait: z.number().int().nonnegative().default(2_000),
    /** Contract-details requests in flight at once (chains are qualified in batches). */
    maxConcurrentContractRequests: z.number().int().min(1).max(40).default(8),
    allowMarketOrders: z.boolean().default(false),
    /** Single-option tick grid for the local check (IB checks again). */
    optionTicks: z.enum(['penny_program', 'non_penny']).default('penny_program'),
  })
  .superRefine((o, ctx) => {
    // Two roles on one id would take turns on IB's 326 (or, worse, share one order-id space).
    const seen = new Map<number, string>();
    for (const field of CLIENT_ID_FIELDS) {
      const other = seen.get(o[field]);
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} ${o[field]} is also ${other}; every role needs its own IB client id`,
        });
      }
      seen.set(o[field], field);
    }
  });

export type IbkrBrokerOptions = z.input<typeof ibkrBrokerOptionsSchema>;
export type ParsedIbkrBrokerOptions = z.output<typeof ibkrBrokerOptionsSchema>;

/** IB's `reqMarketDataType` numbers. */
export const MARKET_DATA_TYPES = { realtime: 1, frozen: 2, delayed: 3, delayed_frozen: 4 } as const;
