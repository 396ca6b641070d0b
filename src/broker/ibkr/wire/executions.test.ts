import { describe, expect, it } from 'vitest';
import { executionFilterTime, executionSide, parseExecutionTime, summaryFrom } from './executions.js';

describe('executions and account figures on the wire', () => {
  it('reads TWS execution times in New York (DST aware), UTC and named zones', () => {
    expect(parseExecutionTime('20260310 11:15:30 US/Eastern')).toBe(Date.parse('2026-03-10T15:15:30Z'));
    expect(parseExecutionTime('20260105 09:30:00 America/New_York')).toBe(Date.parse('2026-01-05T14:30:00Z'));
    expect(parseExecutionTime('20260105 09:30:00')).toBe(Date.parse('2026-01-05T14:30:00Z'));
    expect(parseExecutionTime('20260105-14:30:00')).toBe(Date.parse('2026-01-05T14:30:00Z'));
    expect(parseExecutionTime('20260105 14:30:00 UTC')).toBe(Date.parse('2026-01-05T14:30:00Z'));
    expect(parseExecutionTime('20260105 14:30:00 Europe/Zurich')).toBeNull();
    expect(parseExecutionTime('yesterday')).toBeNull();
  });

  it('writes an execution filter time as UTC yyyymmdd-hh:mm:ss that reads back to the second', () => {
    const t = Date.parse('2026-03-10T15:15:30.750Z');
    expect(executionFilterTime(t)).toBe('20260310-15:15:30');
    expect(parseExecutionTime(executionFilterTime(t))).toBe(Date.parse('2026-03-10T15:15:30Z'));
  });

  it('reads sides', () => {
    expect(executionSide({ side: 'BOT' })).toBe('buy');
    expect(executionSide({ side: 'SLD' })).toBe('sell');
    expect(executionSide({ side: 'X' })).toBeNull();
  });

  it('reads account figures in USD and names what is missing', () => {
    const rows = [
      { tag: 'NetLiquidation', value: '100500.25', currency: 'USD' },
      { tag: 'TotalCashValue', value: '90000', currency: 'USD' },
      { tag: 'BuyingPower', value: '80000', currency: 'USD' },
      { tag: 'InitMarginReq', value: '1000', currency: 'USD' },
      { tag: 'MaintMarginReq', value: '900', currency: 'USD' },
      { tag: 'RealizedPnL', value: '-12.5', currency: 'USD' },
      { tag: 'RealizedPnL', value: '99', currency: 'EUR' },
    ];
    expect(summaryFrom(rows)).toEqual({
      values: {
        netLiquidation: 100500.25,
        cash: 90000,
        buyingPower: 80000,
        initialMargin: 1000,
        maintenanceMargin: 900,
        realizedPnl: -12.5,
        unrealizedPnl: 0,
      },
    });
    expect(summaryFrom(rows.slice(1))).toEqual({ missing: ['netLiquidation'] });
  });
});
