import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Right } from '../domain/index.js';
import { black76Iv, black76Price } from './black76.js';
import { blackScholesPrice } from './black-scholes.js';
import { IvError } from './errors.js';

const arbitrary = fc.record({
  forward: fc.double({ min: 50, max: 200, noNaN: true }),
  strike: fc.double({ min: 50, max: 200, noNaN: true }),
  timeYears: fc.double({ min: 0.01, max: 3, noNaN: true }),
  rate: fc.double({ min: 0, max: 0.08, noNaN: true }),
  volatility: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
  right: fc.constantFrom<Right>('call', 'put'),
});

describe('Black-76', () => {
  it('equals Black-Scholes-Merton with spot = F and dividend yield = rate', () => {
    fc.assert(
      fc.property(arbitrary, (o) => {
        const bsm = blackScholesPrice({ ...o, spot: o.forward, dividendYield: o.rate });
        expect(black76Price(o)).toBe(bsm);
      }),
      { numRuns: 200 },
    );
  });

  it('prices the textbook case (F = K = 100, T = 1, σ = 0.2, r = 5%): e^{−r}·(2Φ(0.1) − 1)·100', () => {
    const call = black76Price({
      forward: 100,
      strike: 100,
      timeYears: 1,
      rate: 0.05,
      volatility: 0.2,
      right: 'call',
    });
    expect(call).toBeCloseTo(Math.exp(-0.05) * 7.965567455405797, 13);
  });

  it('inverts its own price', () => {
    fc.assert(
      fc.property(arbitrary, (o) => {
        const price = black76Price(o);
        const df = Math.exp(-o.rate * o.timeYears);
        const intrinsic = df * Math.max(0, o.right === 'call' ? o.forward - o.strike : o.strike - o.forward);
        fc.pre(price > 1e-300 && price - intrinsic > 1e-10 * price); // a subnormal price has too few bits
        const iv = black76Iv({ ...o, price });
        expect(Math.abs(iv - o.volatility) / o.volatility).toBeLessThan(1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('throws IvError outside the bounds', () => {
    const o = { forward: 100, strike: 90, timeYears: 1, rate: 0.05, right: 'call' as const };
    expect(() => black76Iv({ ...o, price: 9 })).toThrow(IvError);
    expect(() => black76Iv({ ...o, price: 100 })).toThrow(/maximum/);
    expect(() => black76Iv({ ...o, timeYears: 0, price: 12 })).toThrow(
      expect.objectContaining({ code: 'IV_NON_POSITIVE_TIME' }),
    );
  });
});
