import { describe, expect, it } from 'vitest';
import { paperBrokerOptionsSchema } from './options.js';

describe('paper broker options', () => {
  it('defaults to IBKR commissions, exercise at expiry, no market orders, a margin account', () => {
    expect(paperBrokerOptionsSchema.parse({})).toEqual({
      accountId: 'PAPER',
      startingCash: 100_000,
      commissionPerContract: 0.65,
      minimumCommission: 1,
      commissionPerShare: 0.005,
      expiryHandling: 'exercise',
      earlyAssignment: true,
      allowMarketOrders: false,
      accountType: 'margin',
      optionTicks: 'penny_program',
      matchIntervalMs: 1_000,
      busyTimeoutMs: 5_000,
    });
  });

  it('refuses unknown keys and out-of-range values', () => {
    expect(paperBrokerOptionsSchema.safeParse({ comission: 1 }).success).toBe(false);
    expect(paperBrokerOptionsSchema.safeParse({ startingCash: 0 }).success).toBe(false);
    expect(paperBrokerOptionsSchema.safeParse({ expiryHandling: 'ignore' }).success).toBe(false);
  });
});
