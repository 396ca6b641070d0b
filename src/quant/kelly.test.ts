import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantInputError } from './errors.js';
import { fractionalKelly, kellyContracts, kellyCriterion } from './kelly.js';

describe('Kelly criterion', () => {
  it('is p − (1 − p)·loss/win', () => {
    expect(kellyCriterion({ winProbability: 0.6, winAmount: 1, lossAmount: 1 })).toBeCloseTo(0.2, 15);
    expect(kellyCriterion({ winProbability: 0.5, winAmount: 2, lossAmount: 1 })).toBeCloseTo(0.25, 15);
    expect(kellyCriterion({ winProbability: 1, winAmount: 1, lossAmount: 5 })).toBe(1);
  });

  it('is ≤ 0 when there is no edge', () => {
    expect(kellyCriterion({ winProbability: 0.5, winAmount: 1, lossAmount: 1 })).toBe(0);
    expect(kellyCriterion({ winProbability: 0.3, winAmount: 1, lossAmount: 1 })).toBeLessThan(0);
    expect(kellyCriterion({ winProbability: 0, winAmount: 1, lossAmount: 1 })).toBe(-1);
  });

  it('maximises expected log growth (the derivative of E[ln wealth] vanishes at f*)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (p, win, loss) => {
          const f = kellyCriterion({ winProbability: p, winAmount: win, lossAmount: loss });
          fc.pre(f > 0.01 && f < 0.99);
          // f is the fraction of equity at risk: wealth × (1 + f·win/loss) or × (1 − f).
          const growth = (g: number): number =>
            p * Math.log(1 + (g * win) / loss) + (1 - p) * Math.log(1 - g);
          expect(growth(f)).toBeGreaterThanOrEqual(growth(f + 1e-3));
          expect(growth(f)).toBeGreaterThanOrEqual(growth(f - 1e-3));
        },
      ),
    );
  });

  it('refuses p outside [0, 1], non-positive amounts and NaN', () => {
    for (const bad of [
      { winProbability: 1.1, winAmount: 1, lossAmount: 1 },
      { winProbability: -0.1, winAmount: 1, lossAmount: 1 },
      { winProbability: NaN, winAmount: 1, lossAmount: 1 },
      { winProbability: 0.5, winAmount: 0, lossAmount: 1 },
      { winProbability: 0.5, winAmount: 1, lossAmount: -2 },
      { winProbability: 0.5, winAmount: Infinity, lossAmount: 1 },
    ]) {
      expect(() => kellyCriterion(bad)).toThrow(QuantInputError);
    }
    expect(() => kellyCriterion({ winProbability: 2, winAmount: 1, lossAmount: 1 })).toThrow(
      /winProbability must be in \[0, 1\], got 2/,
    );
  });
});

describe('fractional Kelly with a cap', () => {
  it('scales the full Kelly fraction and never exceeds the cap', () => {
    const bet = { winProbability: 0.6, winAmount: 1, lossAmount: 1 };
    expect(fractionalKelly({ ...bet, fraction: 0.5, cap: 1 })).toBeCloseTo(0.1, 15);
    expect(fractionalKelly({ ...bet, fraction: 1, cap: 0.05 })).toBe(0.05);
  });

  it('is 0 without an edge (never negative)', () => {
    expect(
      fractionalKelly({ winProbability: 0.2, winAmount: 1, lossAmount: 1, fraction: 0.5, cap: 0.1 }),
    ).toBe(0);
  });

  it('refuses a fraction outside (0, 1] or a cap outside [0, 1]', () => {
    const bet = { winProbability: 0.6, winAmount: 1, lossAmount: 1 };
    expect(() => fractionalKelly({ ...bet, fraction: 0, cap: 0.1 })).toThrow(/fraction must be in \(0, 1\]/);
    expect(() => fractionalKelly({ ...bet, fraction: 0.5, cap: 1.5 })).toThrow(/cap must be in \[0, 1\]/);
    expect(() => fractionalKelly({ ...bet, fraction: NaN, cap: 0.1 })).toThrow(QuantInputError);
  });
});

describe('contracts from max loss per contract', () => {
  it('buys whole contracts whose combined worst case fits the risk budget', () => {
    // 2% of $50,000 = $1,000; $320 max loss per contract → 3 contracts ($960).
    expect(kellyContracts({ equity: 50_000, riskFraction: 0.02, maxLossPerContract: 320 })).toBe(3);
    // exactly divisible budgets are not lost to rounding: 0.1 × 3000 / 100 = 3
    expect(kellyContracts({ equity: 3000, riskFraction: 0.1, maxLossPerContract: 100 })).toBe(3);
    expect(kellyContracts({ equity: 50_000, riskFraction: 0, maxLossPerContract: 320 })).toBe(0);
    expect(kellyContracts({ equity: -10, riskFraction: 0.5, maxLossPerContract: 1 })).toBe(0);
  });

  it('refuses a non-positive max loss, a risk fraction outside [0, 1] and NaN', () => {
    expect(() => kellyContracts({ equity: 1000, riskFraction: 0.1, maxLossPerContract: 0 })).toThrow(
      /maxLossPerContract must be > 0/,
    );
    expect(() => kellyContracts({ equity: 1000, riskFraction: 2, maxLossPerContract: 10 })).toThrow(
      QuantInputError,
    );
    expect(() => kellyContracts({ equity: NaN, riskFraction: 0.1, maxLossPerContract: 10 })).toThrow(
      /equity/,
    );
  });
});
