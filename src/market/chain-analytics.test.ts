import { describe, expect, it } from 'vitest';
import { blackScholesPrice } from '../quant/index.js';
import { analyticsAt, analyticsMid, chainAnalytics, rowAnalytics } from './chain-analytics.js';

const base = {
  spot: 100,
  strike: 105,
  timeYears: 0.25,
  rate: 0.04,
  dividendYield: 0.01,
  right: 'call' as const,
};

describe('chain analytics', () => {
  it('recovers the volatility behind a mid and gives Greeks at it', () => {
    const mid = blackScholesPrice({ ...base, volatility: 0.35 });
    const { iv, greeks } = rowAnalytics({ ...base, mid });
    expect(iv).toBeCloseTo(0.35, 9);
    expect(greeks?.delta).toBeGreaterThan(0);
    expect(greeks?.delta).toBeLessThan(0.5);
    expect(greeks?.vega).toBeGreaterThan(0);
  });

  it('gives nothing for no mid, a mid below intrinsic, or an expired option', () => {
    expect(rowAnalytics({ ...base, mid: null })).toEqual({ iv: null, greeks: null });
    expect(rowAnalytics({ ...base, strike: 80, mid: 10 })).toEqual({ iv: null, greeks: null });
    expect(rowAnalytics({ ...base, timeYears: 0, mid: 1 })).toEqual({ iv: null, greeks: null });
  });

  it('takes the mid only from a sound two-sided quote', () => {
    expect(analyticsMid({ bid: 1, ask: 1.2 })).toBeCloseTo(1.1, 12);
    expect(analyticsMid({ bid: 1.3, ask: 1.2 })).toBeNull();
    expect(analyticsMid({ bid: null, ask: 1.2 })).toBeNull();
  });
});

describe('whole-chain analytics', () => {
  it('agrees with the row-by-row version, including the rows that have no IV', () => {
    const strikes = [80, 95, 100, 105, 130, 100, 100];
    const times = [0.25, 0.25, 0.02, 1, 0.5, 0, 1e-6];
    const rights = ['call', 'put', 'call', 'put', 'call', 'call', 'put'] as const;
    const mids = [21, 1.2, 1.4, 9.5, NaN, 1, 0.5];
    const input = {
      spot: 100,
      rate: 0.04,
      dividendYield: 0.01,
      strikes: Float64Array.from(strikes),
      timeYears: Float64Array.from(times),
      isCall: Uint8Array.from(rights.map((r) => (r === 'call' ? 1 : 0))),
      mids: Float64Array.from(mids),
    };
    const whole = chainAnalytics(input);
    strikes.forEach((strike, i) => {
      const one = rowAnalytics({
        spot: 100,
        rate: 0.04,
        dividendYield: 0.01,
        strike,
        timeYears: times[i]!,
        right: rights[i]!,
        mid: Number.isNaN(mids[i]) ? null : mids[i]!,
      });
      const vec = analyticsAt(whole, i);
      expect(vec.iv === null, `row ${i}`).toBe(one.iv === null);
      if (one.iv === null) return;
      expect(vec.iv).toBeCloseTo(one.iv, 10);
      expect(vec.greeks!.delta).toBeCloseTo(one.greeks!.delta, 10);
      expect(vec.greeks!.vega).toBeCloseTo(one.greeks!.vega, 8);
    });
  });

  it('gives no IV anywhere without a spot', () => {
    const whole = chainAnalytics({
      spot: 0,
      rate: 0,
      dividendYield: 0,
      strikes: Float64Array.of(100),
      timeYears: Float64Array.of(0.5),
      isCall: Uint8Array.of(1),
      mids: Float64Array.of(5),
    });
    expect(analyticsAt(whole, 0)).toEqual({ iv: null, greeks: null });
  });
});
