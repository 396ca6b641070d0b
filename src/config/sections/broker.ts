import { z } from 'zod';
import { ibkrBrokerOptionsSchema } from '../../broker/ibkr/index.js';
import { paperBrokerOptionsSchema } from '../../broker/paper/index.js';

/** The paper broker: its own options (cash, commissions, expiry handling, …) plus `type`. */
export const paperBrokerSchema = paperBrokerOptionsSchema.extend({ type: z.literal('paper') });

/** IB Gateway / TWS: its own options (host, port, client ids, pacing, timeouts, …) plus `type`. */
export const ibkrBrokerSchema = ibkrBrokerOptionsSchema.extend({ type: z.literal('ibkr') });

export const brokerSchema = z
  .discriminatedUnion('type', [paperBrokerSchema, ibkrBrokerSchema])
  .prefault({ type: 'paper' });
