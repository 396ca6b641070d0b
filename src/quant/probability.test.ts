import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blackScholesPrice } from './black-scholes.js';
import { QuantInputError } from './errors.js';
import { normCdf } from './normal-cdf.js';
import { probabilityBeyond, probabilityBeyondBreakeven } from './probability.js';

const market = { spot: 100, timeYears: 0.5, rate: 0.03, dividendYield: 0.01, volatility: 0.3 };

describe('probability of finishing beyond a level', () => {
  it('is Φ(d2) above and Φ(−d2) below, and the two sum to 1', () => {
    const above = probabilityBeyond({ ...market, level: 110, direction: 'above' });
    const below = probabilityBeyond({ ...market, level: 110, direction: 'below' });
    const s = 0.3 * Math.sqrt(0.5);
    const d2 = (Math.log(100 / 110) + 0.02 * 0.5) / s - 0.5 * s;
    expect(above).toBeCloseTo(normCdf(d2), 15);
    expect(above + below).toBeCloseTo(1, 15);
  });

  it('equals the undiscounted digital price −e^{rT}·∂C/∂K', () => {
    fc.assert(
      fc.property(fc.double({ min: 60, max: 160, noNaN: true }), (level) => {
        const h = 1e-3;
        const call = (k: number): number => blackScholesPrice({ ...market, strike: k, right: 'call' });
        const digital = (-(call(level + h) - call(level - h)) / (2 * h)) * Math.exp(0.03 * 0.5);
        expect(probabilityBeyond({ ...market, level, direction: 'above' })).toBeCloseTo(digital, 7);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps relative accuracy in the far tail', () => {
    const p = probabilityBeyond({
      ...market,
      volatility: 0.1,
      timeYears: 0.05,
      level: 150,
      direction: 'above',
    });
    // mpmath: Φ(d2) = 1.6105013604223377e-73 (1 − Φ(−d2) would round to 0)
    expect(Math.abs(p - 1.6105013604223377e-73) / p).toBeLessThan(1e-12);
  });

  it('is a certainty or an impossibility at zero volatility, and any level ≤ 0 is exceeded', () => {
    expect(probabilityBeyond({ ...market, volatility: 0, level: 95, direction: 'above' })).toBe(1);
    expect(probabilityBeyond({ ...market, volatility: 0, level: 105, direction: 'above' })).toBe(0);
    expect(probabilityBeyond({ ...market, timeYears: 0, level: 105, direction: 'below' })).toBe(1);
    expect(probabilityBeyond({ ...market, level: 0, direction: 'above' })).toBe(1);
    expect(probabilityBeyond({ ...market, level: -Infinity, direction: 'above' })).toBe(1);
    expect(probabilityBeyond({ ...market, level: Infinity, direction: 'above' })).toBe(0);
    expect(probabilityBeyond({ ...market, level: Infinity, direction: 'below' })).toBe(1);
  });

  it('refuses invalid inputs', () => {
    expect(() => probabilityBeyond({ ...market, level: NaN, direction: 'above' })).toThrow(QuantInputError);
    expect(() => probabilityBeyond({ ...market, volatility: -1, level: 100, direction: 'above' })).toThrow(
      /volatility/,
    );
  });
});

describe('probability beyond breakeven (win probability of a long option)', () => {
  it('uses strike + premium for a call and strike − premium for a put', () => {
    const call = probabilityBeyondBreakeven({ ...market, strike: 105, premium: 4, right: 'call' });
    expect(call).toBe(probabilityBeyond({ ...market, level: 109, direction: 'above' }));
    const put = probabilityBeyondBreakeven({ ...market, strike: 95, premium: 3, right: 'put' });
    expect(put).toBe(probabilityBeyond({ ...market, level: 92, direction: 'below' }));
  });

  it('is 0 for a put whose premium exceeds its strike', () => {
    expect(probabilityBeyondBreakeven({ ...market, strike: 2, premium: 3, right: 'put' })).toBe(0);
  });

  it('refuses a negative premium', () => {
    expect(() => probabilityBeyondBreakeven({ ...market, strike: 100, premium: -1, right: 'call' })).toThrow(
      /premium must be ≥ 0/,
    );
  });
});
