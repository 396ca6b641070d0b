import { z } from 'zod';
import { duration, fraction, nonNegative, positive, positiveInt, symbol } from './common.js';

/**
 * Hard limits for the execution gate. Defaults are deliberately conservative for a $100k paper
 * account; every one is a bound the gate enforces, never advice to an LLM.
 */
export const riskSchema = z
  .object({
    // instrument
    allowedUnderlyings: z.array(symbol).min(1).default(['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC']),
    allowedSecurityTypes: z
      .array(z.enum(['option', 'stock']))
      .min(1)
      .default(['option']),
    minDaysToExpiry: z.number().int().min(0).default(1),
    maxDaysToExpiry: z.number().int().positive().default(120),
    // order type and time in force
    allowedOrderTypes: z
      .array(z.enum(['limit', 'market']))
      .min(1)
      .default(['limit']),
    allowedTimeInForce: z
      .array(z.enum(['day', 'gtc', 'ioc']))
      .min(1)
      .default(['day']),
    // price
    minOptionPrice: nonNegative().default(0.05),
    maxQuoteAge: duration('60s'),
    /** Limit price within this fraction of the mid … */
    collarPercent: fraction().default(0.1),
    /** … or within this many spreads of the mid, whichever is wider. */
    collarSpreads: nonNegative().default(1),
    // size
    maxContractsPerOrder: positiveInt().default(10),
    maxPremiumPerOrder: positive().default(5_000),
    maxOpenOrders: positiveInt().default(20),
    maxPositionPerContract: positiveInt().default(20),
    maxContractsPerUnderlying: positiveInt().default(50),
    maxConcentration: fraction().default(0.3),
    // defined risk
    allowNakedShortPuts: z.boolean().default(false),
    maxLossPerTrade: positive().default(2_000),
    maxLossTotal: positive().default(10_000),
    // portfolio greeks after the order
    maxNetDelta: positive().default(500),
    maxNetGamma: positive().default(100),
    maxNetVega: positive().default(2_000),
    maxNetTheta: positive().default(1_000),
    // loss limits
    maxDailyLoss: positive().default(1_000),
    maxDrawdown: fraction().default(0.1),
    maxConsecutiveLosses: positiveInt().default(5),
    lossLimitBreakerState: z.enum(['REDUCING', 'HALTED']).default('HALTED'),
    // throttles and duplicates
    maxOrdersPerMinute: positiveInt().max(600).default(10),
    maxOrdersPerCycle: positiveInt().default(5),
    maxWorkingOrdersPerContractSide: positiveInt().default(1),
    duplicateWindow: duration('60s'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.minDaysToExpiry > r.maxDaysToExpiry) {
      ctx.addIssue({
        code: 'custom',
        path: ['minDaysToExpiry'],
        message: `expected minDaysToExpiry <= maxDaysToExpiry (${r.maxDaysToExpiry})`,
      });
    }
  });
