import { describe, expect, it } from 'vitest';
import { option, stock } from './contract.js';
import { payoffAtExpiry, structureProfile } from './payoff.js';
import type { Leg } from './combo.js';

const put = (k: number) => option('AMD', '2026-12-18', k, 'put');
const call = (k: number) => option('AMD', '2026-12-18', k, 'call');
const leg = (side: 'buy' | 'sell', c: Leg['contract'], ratio = 1): Leg => ({ contract: c, side, ratio });

describe('structureProfile', () => {
  it('a put credit spread: max loss = width − credit, max profit = credit, one breakeven', () => {
    const p = structureProfile([leg('sell', put(100)), leg('buy', put(95))], -1.5);
    expect(p.maxLoss).toBeCloseTo(3.5, 12);
    expect(p.maxProfit).toBeCloseTo(1.5, 12);
    expect(p.breakevens).toEqual([98.5]);
    expect(p.profitIntervals).toEqual([[98.5, Infinity]]);
  });

  it('an iron condor: two breakevens, profit between them', () => {
    const legs = [leg('buy', put(90)), leg('sell', put(95)), leg('sell', call(105)), leg('buy', call(110))];
    const p = structureProfile(legs, -2);
    expect(p.maxLoss).toBeCloseTo(3, 12);
    expect(p.maxProfit).toBeCloseTo(2, 12);
    expect(p.breakevens.map((b) => Number(b.toFixed(9)))).toEqual([93, 107]);
    expect(p.profitIntervals.map(([a, b]) => [Number(a.toFixed(9)), Number(b.toFixed(9))])).toEqual([
      [93, 107],
    ]);
  });

  it('a naked short call is unbounded; a long call debit has loss = debit and unbounded profit', () => {
    expect(structureProfile([leg('sell', call(150))], -3).maxLoss).toBe(Infinity);
    const long = structureProfile([leg('buy', call(150))], 3);
    expect(long.maxLoss).toBeCloseTo(3, 12);
    expect(long.maxProfit).toBe(Infinity);
    expect(long.breakevens).toEqual([153]);
  });

  it('a naked short put loses at most strike − credit; a 1x2 call ratio spread is unbounded', () => {
    expect(structureProfile([leg('sell', put(100))], -2).maxLoss).toBeCloseTo(98, 12);
    expect(structureProfile([leg('buy', call(100)), leg('sell', call(110), 2)], 1).maxLoss).toBe(Infinity);
  });

  it('a covered call is bounded: stock below, capped above', () => {
    const p = structureProfile([leg('buy', stock('AMD')), leg('sell', call(110))], 98);
    expect(p.maxLoss).toBeCloseTo(98, 12);
    expect(p.maxProfit).toBeCloseTo(12, 12);
    expect(payoffAtExpiry([leg('buy', stock('AMD')), leg('sell', call(110))], 120)).toBe(110);
  });
});
