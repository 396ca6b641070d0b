import { describe, expect, expectTypeOf, it } from 'vitest';
import { configSchema, type SwarmdeskConfig } from '../config/index.js';
import type { RiskLimits } from './limits.js';

type ConfigRisk = SwarmdeskConfig['risk'];

describe('risk limits', () => {
  it('are the same shape as the config section', () => {
    expectTypeOf<ConfigRisk>().toMatchTypeOf<RiskLimits>();
    expectTypeOf<keyof RiskLimits>().toEqualTypeOf<keyof ConfigRisk>();
    const defaults: RiskLimits = configSchema.parse({}).risk;
    expect(Object.keys(defaults).sort()).toEqual(
      [
        'allowedUnderlyings',
        'allowedSecurityTypes',
        'minDaysToExpiry',
        'maxDaysToExpiry',
        'pennyTickUnderlyings',
        'allowedOrderTypes',
        'allowedTimeInForce',
        'minOptionPrice',
        'maxQuoteAge',
        'collarPercent',
        'collarSpreads',
        'maxContractsPerOrder',
        'maxPremiumPerOrder',
        'maxOpenOrders',
        'maxPositionPerContract',
        'maxContractsPerUnderlying',
        'maxConcentration',
        'allowNakedShortPuts',
        'maxLossPerTrade',
        'maxLossTotal',
        'maxNetDelta',
        'maxNetGamma',
        'maxNetVega',
        'maxNetTheta',
        'minBuyingPowerReserve',
        'maxDailyLoss',
        'maxDrawdown',
        'maxConsecutiveLosses',
        'lossLimitBreakerState',
        'maxOrdersPerMinute',
        'maxOrdersPerCycle',
        'maxWorkingOrdersPerContractSide',
        'duplicateWindow',
      ].sort(),
    );
  });

  it('default to limit DAY orders on options only, no naked puts, a halting loss limit', () => {
    const r = configSchema.parse({}).risk;
    expect(r).toMatchObject({
      allowedOrderTypes: ['limit'],
      allowedTimeInForce: ['day'],
      allowedSecurityTypes: ['option'],
      allowNakedShortPuts: false,
      lossLimitBreakerState: 'HALTED',
      maxQuoteAge: 60_000,
      duplicateWindow: 60_000,
    });
    expect(r.maxOrdersPerMinute).toBeLessThanOrEqual(10);
  });

  it('refuse a collar as wide as IBKR’s own hard reject', () => {
    const r = configSchema.safeParse({ risk: { collarPercent: 0.2 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/IBKR hard-rejects/);
    expect(configSchema.safeParse({ risk: { collarPercent: 0.15 } }).success).toBe(true);
  });

  it('refuse more working orders per contract and side than IBKR allows', () => {
    expect(configSchema.safeParse({ risk: { maxWorkingOrdersPerContractSide: 21 } }).success).toBe(false);
  });
});
