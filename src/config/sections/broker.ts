import { z } from 'zod';
import { paperBrokerOptionsSchema } from '../../broker/paper/index.js';
import { positiveInt } from './common.js';

/** The paper broker: its own options (cash, commissions, expiry handling, …) plus `type`. */
export const paperBrokerSchema = paperBrokerOptionsSchema.extend({ type: z.literal('paper') });

export const ibkrBrokerSchema = z
  .object({
    type: z.literal('ibkr'),
    host: z.string().default('127.0.0.1'),
    /** IB Gateway paper 4002 (live 4001); TWS paper 7497 (live 7496). */
    port: positiveInt().max(65535).default(4002),
    clientId: z.number().int().min(0).max(2_147_483_647).default(1),
    /** The watchdog's own connection. */
    watchdogClientId: z.number().int().min(0).max(2_147_483_647).default(999),
    /** The account to trade; required when the login manages several. */
    account: z.string().optional(),
    connectTimeout: z.number().int().positive().default(10_000),
    marketDataType: z.enum(['realtime', 'frozen', 'delayed', 'delayed_frozen']).default('delayed'),
  })
  .strict();

export const brokerSchema = z
  .discriminatedUnion('type', [paperBrokerSchema, ibkrBrokerSchema])
  .prefault({ type: 'paper' });
