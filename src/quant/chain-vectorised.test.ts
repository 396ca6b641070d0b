import { describe, expect, it } from 'vitest';
import { blackScholesIv, blackScholesPrice } from './black-scholes.js';
import { greeksChain, impliedVolChain, IvReason, priceChain } from './chain-vectorised.js';
import { QuantInputError } from './errors.js';
import { calculateGreeks } from './greeks.js';

const market = { spot: 100, rate: 0.04, dividendYield: 0.01 };
const strikes = new Float64Array([60, 80, 95, 100, 105, 120, 150, 250]);
const timeYears = new Float64Array([0.02, 0.1, 0.25, 0.5, 1, 2, 3, 0.5]);
const isCall = new Uint8Array([1, 0, 1, 0, 1, 0, 1, 1]);
const vols = new Float64Array([0.8, 0.3, 0.25, 0.2, 0.22, 0.35, 0.5, 0.9]);
const contracts = { strikes, timeYears, isCall };
const right = (i: number): 'call' | 'put' => (isCall[i] === 1 ? 'call' : 'put');

describe('whole-chain functions', () => {
  it('price a chain exactly like the scalar function', () => {
    const prices = priceChain(market, contracts, vols);
    for (let i = 0; i < strikes.length; i++) {
      expect(prices[i]).toBe(
        blackScholesPrice({
          ...market,
          strike: strikes[i]!,
          timeYears: timeYears[i]!,
          volatility: vols[i]!,
          right: right(i),
        }),
      );
    }
  });

  it('write into caller-supplied arrays (no allocation per call)', () => {
    const out = new Float64Array(strikes.length);
    expect(priceChain(market, contracts, vols, out)).toBe(out);
    const g = greeksChain(market, contracts, vols);
    expect(greeksChain(market, contracts, vols, g)).toBe(g);
  });

  it('compute Greeks exactly like the scalar function', () => {
    const g = greeksChain(market, contracts, vols);
    for (let i = 0; i < strikes.length; i++) {
      const one = calculateGreeks({
        ...market,
        strike: strikes[i]!,
        timeYears: timeYears[i]!,
        volatility: vols[i]!,
        right: right(i),
      });
      expect([g.price[i], g.delta[i], g.gamma[i], g.vega[i], g.theta[i], g.rho[i]]).toEqual([
        one.price,
        one.delta,
        one.gamma,
        one.vega,
        one.theta,
        one.rho,
      ]);
    }
  });

  it('recover the vols of a priced chain, like the scalar function', () => {
    const prices = priceChain(market, contracts, vols);
    const { iv, reasons } = impliedVolChain(market, contracts, prices);
    for (let i = 0; i < strikes.length; i++) {
      expect(reasons[i]).toBe(IvReason.OK);
      expect(iv[i]).toBe(
        blackScholesIv({
          ...market,
          strike: strikes[i]!,
          timeYears: timeYears[i]!,
          price: prices[i]!,
          right: right(i),
        }),
      );
      expect(Math.abs(iv[i]! - vols[i]!) / vols[i]!).toBeLessThan(1e-9);
    }
  });

  it('mark quotes outside the bounds with NaN and a reason instead of throwing', () => {
    const k = new Float64Array([90, 110, 100, 100, -5, 100]);
    const t = new Float64Array([1, 1, 0, 1, 1, 1]);
    const c = new Uint8Array([1, 1, 1, 1, 1, 7]);
    const prices = new Float64Array([1, 100, 5, NaN, 5, 5]);
    const { iv, reasons } = impliedVolChain(market, { strikes: k, timeYears: t, isCall: c }, prices);
    expect(Array.from(reasons)).toEqual([
      IvReason.BELOW_INTRINSIC,
      IvReason.ABOVE_MAXIMUM,
      IvReason.NON_POSITIVE_TIME,
      IvReason.INVALID_INPUT,
      IvReason.INVALID_INPUT,
      IvReason.INVALID_INPUT,
    ]);
    expect(Array.from(iv).every(Number.isNaN)).toBe(true);
  });

  it('give NaN prices and Greeks for invalid rows', () => {
    const k = new Float64Array([100, NaN]);
    const t = new Float64Array([1, 1]);
    const c = new Uint8Array([1, 0]);
    const v = new Float64Array([-0.2, 0.2]);
    expect(
      Array.from(priceChain(market, { strikes: k, timeYears: t, isCall: c }, v)).every(Number.isNaN),
    ).toBe(true);
    expect(Number.isNaN(greeksChain(market, { strikes: k, timeYears: t, isCall: c }, v).delta[1])).toBe(true);
  });

  it('refuse mismatched lengths and an invalid market', () => {
    expect(() => priceChain(market, contracts, new Float64Array(3))).toThrow(/same length/);
    expect(() => priceChain({ ...market, spot: 0 }, contracts, vols)).toThrow(QuantInputError);
    expect(() => priceChain(market, contracts, vols, new Float64Array(2))).toThrow(/out has length 2/);
  });
});
