import { describe, expect, it } from 'vitest';
import { contractKey, option, stock, type Contract } from '../../domain/index.js';
import { marginRequirement, type MarginPosition } from './margin.js';

const put = (strike: number, expiry = '2026-04-17') => option('XYZ', expiry, strike, 'put');
const call = (strike: number, expiry = '2026-04-17') => option('XYZ', expiry, strike, 'call');

function requirement(
  positions: MarginPosition[],
  marks: Record<string, number> = {},
  spot = 100,
  type: 'margin' | 'cash' = 'margin',
) {
  return marginRequirement(
    positions,
    { spot: () => spot, mark: (c: Contract) => marks[contractKey(c)] ?? 0 },
    type,
  );
}

describe('Reg-T margin', () => {
  it('naked short put: premium + max(20 % of spot − OTM, 10 % of strike)', () => {
    expect(
      requirement([{ contract: put(95), quantity: -2 }], { [contractKey(put(95))]: 1.5 }).initial,
    ).toBeCloseTo(2 * (1.5 + 15) * 100, 9);
    // Far out of the money: the 10 % of strike floor.
    expect(
      requirement([{ contract: put(70), quantity: -1 }], { [contractKey(put(70))]: 0.1 }).initial,
    ).toBeCloseTo((0.1 + 7) * 100, 9);
  });

  it('naked short call: premium + max(20 % of spot − OTM, 10 % of spot), and counts it as naked', () => {
    const r = requirement([{ contract: call(110), quantity: -1 }], { [contractKey(call(110))]: 0.8 });
    expect(r.initial).toBeCloseTo((0.8 + 10) * 100, 9);
    expect(r.nakedCallContracts).toBe(1);
  });

  it('cash-secured put in a cash account: the strike in full', () => {
    expect(requirement([{ contract: put(95), quantity: -1 }], {}, 100, 'cash').initial).toBe(9_500);
  });

  it('vertical spreads: the width when the long is further out, nothing when it is nearer the money', () => {
    expect(
      requirement([
        { contract: put(95), quantity: -3 },
        { contract: put(90), quantity: 3 },
      ]).initial,
    ).toBe(1_500);
    expect(
      requirement([
        { contract: call(100), quantity: 1 },
        { contract: call(105), quantity: -1 },
      ]).initial,
    ).toBe(0);
    expect(
      requirement([
        { contract: call(100), quantity: -1 },
        { contract: call(110), quantity: 1 },
      ]).initial,
    ).toBe(1_000);
  });

  it('an iron condor needs only its wider side', () => {
    const condor = [
      { contract: put(95), quantity: -1 },
      { contract: put(85), quantity: 1 },
      { contract: call(105), quantity: -1 },
      { contract: call(110), quantity: 1 },
    ];
    expect(requirement(condor).initial).toBe(1_000);
  });

  it('a long option only covers a short that expires no later than it does', () => {
    const calendar = [
      { contract: call(100, '2026-04-17'), quantity: -1 },
      { contract: call(100, '2026-06-18'), quantity: 1 },
    ];
    expect(requirement(calendar).initial).toBe(0);
    const reverse = [
      { contract: call(100, '2026-06-18'), quantity: -1 },
      { contract: call(100, '2026-04-17'), quantity: 1 },
    ];
    expect(requirement(reverse).nakedCallContracts).toBe(1);
  });

  it('stock covers short calls; stock itself is 50 % initial, 25 % (long) or 30 % (short) maintenance', () => {
    const covered = requirement([
      { contract: stock('XYZ'), quantity: 200 },
      { contract: call(105), quantity: -2 },
    ]);
    expect(covered).toMatchObject({ initial: 10_000, maintenance: 5_000, nakedCallContracts: 0 });
    expect(requirement([{ contract: stock('XYZ'), quantity: -100 }])).toMatchObject({
      initial: 5_000,
      maintenance: 3_000,
      shortShares: 100,
    });
    expect(requirement([{ contract: stock('XYZ'), quantity: 100 }], {}, 100, 'cash').initial).toBe(10_000);
  });

  it('long options and nothing at all require nothing', () => {
    expect(requirement([{ contract: call(100), quantity: 5 }]).initial).toBe(0);
    expect(requirement([]).initial).toBe(0);
  });
});
