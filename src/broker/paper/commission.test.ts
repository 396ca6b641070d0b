import { describe, expect, it } from 'vitest';
import { option, stock } from '../../domain/index.js';
import { commissionFor, incrementalCommission } from './commission.js';

const ibkr = { commissionPerContract: 0.65, commissionPerShare: 0.005, minimumCommission: 1 };
const call = { contract: option('XYZ', '2026-04-17', 100, 'call'), ratio: 1 };
const put = { contract: option('XYZ', '2026-04-17', 95, 'put'), ratio: 1 };

describe('commissions (IBKR fixed)', () => {
  it('charges $0.65 a contract with a $1 minimum per order', () => {
    expect(commissionFor(ibkr, 1, 0)).toBe(1);
    expect(commissionFor(ibkr, 2, 0)).toBe(1.3);
    expect(commissionFor(ibkr, 10, 0)).toBe(6.5);
    expect(commissionFor(ibkr, 0, 0)).toBe(0);
  });

  it('charges stock by the share with the same minimum', () => {
    expect(commissionFor(ibkr, 0, 100)).toBe(1);
    expect(commissionFor(ibkr, 0, 1_000)).toBe(5);
  });

  it('applies the minimum once per order across partial fills', () => {
    expect(incrementalCommission(ibkr, [call], 0, 1)).toBe(1);
    expect(incrementalCommission(ibkr, [call], 1, 2)).toBe(0.3);
    expect(incrementalCommission(ibkr, [call], 0, 4) + incrementalCommission(ibkr, [call], 4, 10)).toBe(6.5);
  });

  it('counts every leg of a combo', () => {
    expect(incrementalCommission(ibkr, [call, put], 0, 3)).toBe(3.9);
    expect(incrementalCommission(ibkr, [{ contract: stock('XYZ'), ratio: 1 }], 0, 300)).toBe(1.5);
  });
});
