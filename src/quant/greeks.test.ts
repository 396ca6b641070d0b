import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Right } from '../domain/index.js';
import type { BlackScholesInput } from './black-scholes.js';
import { blackScholesPrice } from './black-scholes.js';
import { QuantInputError } from './errors.js';
import { calculateGreeks, thetaPerCalendarDay, toTraderGreeks, vegaPerVolPoint } from './greeks.js';
import { bsmRows } from './test-support/reference.js';

describe('Greeks', () => {
  it('match 60-digit references to 1e−9 (in fact 1e−12) wherever the price is ≥ 1e−8 of spot (theta relative to its terms)', () => {
    const worst = { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
    for (const r of bsmRows) {
      if (r.price < 1e-8 * r.spot) continue;
      const g = calculateGreeks({ ...r, right: r.call === 1 ? 'call' : 'put' });
      for (const k of ['price', 'delta', 'gamma', 'vega', 'rho'] as const) {
        // Deep in the money gamma and vega fall below 1e−300, where doubles lose relative precision.
        if (Math.abs(r[k]) >= 1e-300) worst[k] = Math.max(worst[k], Math.abs(g[k] - r[k]) / Math.abs(r[k]));
        else expect(Math.abs(g[k] - r[k])).toBeLessThan(1e-300);
      }
      // theta's terms can all underflow (zero time value): then it must be (nearly) 0 as well
      if (r.thetaScale > 0) worst.theta = Math.max(worst.theta, Math.abs(g.theta - r.theta) / r.thetaScale);
      else expect(Math.abs(g.theta)).toBeLessThan(1e-300);
    }
    for (const v of Object.values(worst)) expect(v).toBeLessThan(1e-9);
    // In fact they are good to a few ulps times the conditioning.
    expect(Math.max(...Object.values(worst))).toBeLessThan(1e-12);
  });

  it('agree with central finite differences of the price', () => {
    fc.assert(
      fc.property(
        fc.record({
          spot: fc.constant(100),
          strike: fc.double({ min: 70, max: 140, noNaN: true }),
          timeYears: fc.double({ min: 0.05, max: 3, noNaN: true }),
          rate: fc.double({ min: 0, max: 0.08, noNaN: true }),
          dividendYield: fc.double({ min: 0, max: 0.05, noNaN: true }),
          volatility: fc.double({ min: 0.1, max: 1, noNaN: true }),
          right: fc.constantFrom<Right>('call', 'put'),
        }),
        (o: BlackScholesInput) => {
          const g = calculateGreeks(o);
          const p = (over: Partial<BlackScholesInput>): number => blackScholesPrice({ ...o, ...over });
          const central = (key: 'spot' | 'volatility' | 'timeYears' | 'rate', h: number): number =>
            (p({ [key]: o[key] + h }) - p({ [key]: o[key] - h })) / (2 * h);
          const close = (fd: number, exact: number, scale: number): void => {
            expect(Math.abs(fd - exact)).toBeLessThan(2e-6 * (Math.abs(exact) + scale));
          };
          close(central('spot', 1e-3), g.delta, 1e-3);
          // second differences carry an O(h²) truncation error: a looser bound
          const fdGamma = (p({ spot: 100.01 }) - 2 * g.price + p({ spot: 99.99 })) / 1e-4;
          expect(Math.abs(fdGamma - g.gamma)).toBeLessThan(1e-4 * (g.gamma + 1e-2));
          close(central('volatility', 1e-5), g.vega, 1e-2);
          close(-central('timeYears', 1e-6), g.theta, 1e-1);
          close(central('rate', 1e-6), g.rho, 1e-2);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('carry exactly the price of blackScholesPrice', () => {
    fc.assert(
      fc.property(
        fc.record({
          spot: fc.constant(100),
          strike: fc.double({ min: 20, max: 400, noNaN: true }),
          timeYears: fc.double({ min: 0, max: 5, noNaN: true }),
          rate: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
          dividendYield: fc.double({ min: 0, max: 0.08, noNaN: true }),
          volatility: fc.double({ min: 0, max: 3, noNaN: true }),
          right: fc.constantFrom<Right>('call', 'put'),
        }),
        (o: BlackScholesInput) => {
          expect(calculateGreeks(o).price).toBe(blackScholesPrice(o));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('converts to trader units: vega per vol point, theta per calendar day, rho per rate point', () => {
    const g = calculateGreeks({ ...base, right: 'call' });
    const t = toTraderGreeks(g);
    expect(t.vegaPerVolPoint).toBe(g.vega / 100);
    expect(t.thetaPerCalendarDay).toBe(g.theta / 365);
    expect(t.rhoPerRatePoint).toBe(g.rho / 100);
    expect(vegaPerVolPoint(39.7)).toBeCloseTo(0.397, 15);
    expect(thetaPerCalendarDay(-3.65)).toBeCloseTo(-0.01, 15);
  });

  it('returns the limits at expiry: a step delta, no gamma or vega away from the money', () => {
    const itm = calculateGreeks({ ...base, strike: 90, timeYears: 0, right: 'call' });
    expect(itm).toMatchObject({ price: 10, delta: 1, gamma: 0, vega: 0, theta: 0, rho: 0 });
    const otmPut = calculateGreeks({ ...base, strike: 90, timeYears: 0, right: 'put' });
    expect(otmPut).toMatchObject({ price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });
    const atm = calculateGreeks({ ...base, timeYears: 0, right: 'call' });
    expect(atm.delta).toBe(0.5);
    expect(atm.gamma).toBe(Infinity);
  });

  it('has the textbook values at the money (S = K = 100, T = 1, σ = 0.2, r = q = 0)', () => {
    const g = calculateGreeks({ ...base, right: 'put' });
    expect(g.price).toBeCloseTo(7.965567455405797, 14);
    expect(g.delta).toBeCloseTo(-0.460172162722971, 14);
    expect(g.gamma).toBeCloseTo(0.01984762737385059, 15);
    expect(g.vega).toBeCloseTo(39.69525474770118, 12);
    expect(g.theta).toBeCloseTo(-3.969525474770118, 13);
    expect(g.rho).toBeCloseTo(-53.9827837277029, 12);
  });

  it('refuses invalid inputs', () => {
    expect(() => calculateGreeks({ ...base, volatility: -0.2, right: 'call' })).toThrow(QuantInputError);
  });
});

const base = { spot: 100, strike: 100, timeYears: 1, rate: 0, dividendYield: 0, volatility: 0.2 };
