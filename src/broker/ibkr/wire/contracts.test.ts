import { describe, expect, it } from 'vitest';
import { option, stock } from '../../../domain/index.js';
import { fromIbContract, fromIbExpiry, keyOf, toIbContract, toIbExpiry } from './contracts.js';

describe('contracts on the wire', () => {
  it('converts expiries both ways', () => {
    expect(toIbExpiry('2026-12-18')).toBe('20261218');
    expect(fromIbExpiry('20261218')).toBe('2026-12-18');
    expect(fromIbExpiry('20261218 16:00 US/Eastern')).toBe('2026-12-18');
    expect(fromIbExpiry('202612')).toBeNull();
    expect(fromIbExpiry(undefined)).toBeNull();
  });

  it('round-trips stock and options', () => {
    for (const c of [
      stock('NVDA'),
      option('NVDA', '2026-12-18', 152.5, 'put'),
      option('SPY', '2027-01-15', 600, 'call', 10),
    ]) {
      expect(fromIbContract(toIbContract(c))).toEqual(c);
      expect(keyOf(fromIbContract(toIbContract(c))!)).toBe(keyOf(c));
    }
  });

  it('reads IB multipliers given as text and leaves out what it does not model', () => {
    expect(
      fromIbContract({
        symbol: 'NVDA',
        secType: 'OPT',
        lastTradeDateOrContractMonth: '20261218',
        strike: 180,
        right: 'C',
        multiplier: '100',
      } as never),
    ).toEqual(option('NVDA', '2026-12-18', 180, 'call'));
    expect(fromIbContract({ symbol: 'ES', secType: 'FUT' } as never)).toBeNull();
    expect(fromIbContract({ symbol: 'NVDA', secType: 'BAG' } as never)).toBeNull();
    expect(
      fromIbContract({
        symbol: 'NVDA',
        secType: 'OPT',
        lastTradeDateOrContractMonth: '20261218',
        strike: 180,
      } as never),
    ).toBeNull();
    expect(fromIbContract({ symbol: 'eur.usd', secType: 'STK' } as never)).toBeNull();
  });
});
