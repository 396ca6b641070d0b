import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Right } from '../domain/index.js';
import type { BlackScholesInput } from './black-scholes.js';
import { blackScholesIv, blackScholesPrice } from './black-scholes.js';
import { IvError, QuantInputError } from './errors.js';
import { calculateGreeks } from './greeks.js';
import { bsmRows } from './test-support/reference.js';

const EPS = 2.220446049250313e-16;
const base = { spot: 100, strike: 100, timeYears: 1, rate: 0, dividendYield: 0 };

function option(over: Partial<BlackScholesInput>): BlackScholesInput {
  return { ...base, volatility: 0.2, right: 'call', ...over };
}

const arbitraryOption = fc.record({
  spot: fc.constant(100),
  strike: fc.double({ min: 30, max: 300, noNaN: true }),
  timeYears: fc.double({ min: 1 / 8760, max: 5, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.08, noNaN: true }),
  volatility: fc.double({ min: 0.01, max: 3, noNaN: true }),
  right: fc.constantFrom<Right>('call', 'put'),
});

describe('Black-Scholes-Merton price', () => {
  it('matches 60-digit references to 1e−12 wherever the price is ≥ 1e−8 of spot (deep ITM and OTM included)', () => {
    let worst = 0;
    let checked = 0;
    for (const r of bsmRows) {
      if (r.price < 1e-8 * r.spot) continue;
      const got = blackScholesPrice({ ...r, right: r.call === 1 ? 'call' : 'put' });
      worst = Math.max(worst, Math.abs(got - r.price) / r.price);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
    expect(worst).toBeLessThan(1e-12);
  });

  it('keeps relative accuracy for prices far below 1e−8 of spot', () => {
    // mpmath at 50 digits; the residual difference is the rounding of σ√T and ln(K/S) (condition number ≈ h²).
    const cases: [Partial<BlackScholesInput>, number][] = [
      [{ strike: 150, timeYears: 1 / 365, volatility: 0.5 }, 3.980730070870504e-55],
      [{ strike: 60, timeYears: 7 / 365, volatility: 0.2, right: 'put' }, 3.40894804065717e-77],
      [{ strike: 110, timeYears: 0.1, volatility: 0.01 }, 8.029440195558129e-202],
      [{ strike: 101, timeYears: 1 / 8760, volatility: 0.3 }, 8.474783004884228e-5],
    ];
    for (const [over, want] of cases) {
      expect(Math.abs(blackScholesPrice(option(over)) - want) / want).toBeLessThan(1e-12);
    }
  });

  it('prices an exactly at-the-money put and recovers its vol (no −0)', () => {
    const put = option({ right: 'put' });
    const price = blackScholesPrice(put);
    expect(price).toBeCloseTo(7.965567455405797, 14);
    expect(blackScholesIv({ ...put, price })).toBeCloseTo(0.2, 15);
  });

  it('carries rates and dividends (mpmath: 5.520494749451025 call, 8.92305213750915 put)', () => {
    const o = { strike: 105, timeYears: 0.5, rate: 0.05, dividendYield: 0.02, volatility: 0.25 };
    expect(blackScholesPrice(option(o))).toBeCloseTo(5.520494749451025, 13);
    expect(blackScholesPrice(option({ ...o, right: 'put' }))).toBeCloseTo(8.92305213750915, 13);
  });

  it('satisfies put-call parity C − P = S·e^{−qT} − K·e^{−rT}', () => {
    fc.assert(
      fc.property(arbitraryOption, (o) => {
        const c = blackScholesPrice({ ...o, right: 'call' });
        const p = blackScholesPrice({ ...o, right: 'put' });
        const forwardValue =
          o.spot * Math.exp(-o.dividendYield * o.timeYears) - o.strike * Math.exp(-o.rate * o.timeYears);
        expect(Math.abs(c - p - forwardValue)).toBeLessThan(1e-13 * (o.spot + o.strike));
      }),
      { numRuns: 500 },
    );
  });

  it('is increasing in volatility and stays between intrinsic value and its maximum', () => {
    fc.assert(
      fc.property(arbitraryOption, fc.double({ min: 1.001, max: 2, noNaN: true }), (o, factor) => {
        const lo = blackScholesPrice(o);
        const hi = blackScholesPrice({ ...o, volatility: o.volatility * factor });
        const a = o.spot * Math.exp(-o.dividendYield * o.timeYears);
        const b = o.strike * Math.exp(-o.rate * o.timeYears);
        const intrinsic = Math.max(0, o.right === 'call' ? a - b : b - a);
        expect(hi).toBeGreaterThanOrEqual(lo);
        expect(lo).toBeGreaterThanOrEqual(intrinsic);
        expect(hi).toBeLessThanOrEqual(o.right === 'call' ? a : b);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the discounted intrinsic value at zero volatility and the intrinsic value at expiry', () => {
    expect(blackScholesPrice(option({ strike: 90, volatility: 0, rate: 0.05 }))).toBeCloseTo(
      100 - 90 * Math.exp(-0.05),
      13,
    );
    expect(blackScholesPrice(option({ strike: 110, timeYears: 0, right: 'put' }))).toBe(10);
    expect(blackScholesPrice(option({ strike: 110, timeYears: 0 }))).toBe(0);
  });

  it('refuses invalid inputs with a typed error naming the field', () => {
    expect(() => blackScholesPrice(option({ spot: NaN }))).toThrow(QuantInputError);
    expect(() => blackScholesPrice(option({ strike: -1 }))).toThrow(/strike must be > 0, got -1/);
    expect(() => blackScholesPrice(option({ timeYears: -0.1 }))).toThrow(/timeYears/);
    expect(() => blackScholesPrice(option({ volatility: Infinity }))).toThrow(
      /volatility must be a finite number/,
    );
  });
});

describe('Black-Scholes-Merton implied volatility', () => {
  it('inverts the price to the attainable accuracy (IV(price(σ)) = σ), 1 hour to 5 years, 1% to 300%', () => {
    fc.assert(
      fc.property(arbitraryOption, (o) => {
        const price = blackScholesPrice(o);
        const { vega } = calculateGreeks(o);
        fc.pre(price > 1e-250 * o.spot && vega > 0);
        const a = o.spot * Math.exp(-o.dividendYield * o.timeYears);
        const b = o.strike * Math.exp(-o.rate * o.timeYears);
        const intrinsic = Math.max(0, o.right === 'call' ? a - b : b - a);
        const maximum = o.right === 'call' ? a : b;
        fc.pre(price > intrinsic && price < maximum);
        const iv = blackScholesIv({ ...o, price });
        // A double price is known to ±ε·price: the vol to ±ε·price/vega, plus the vol's own rounding.
        const attainable = (o.volatility + price / vega) * EPS;
        expect(Math.abs(iv - o.volatility)).toBeLessThan(16 * attainable + 64 * EPS * o.volatility);
      }),
      { numRuns: 2000 },
    );
  });

  it('throws IvError naming the bound and the value for a price at or below intrinsic', () => {
    const itm = { spot: 100, strike: 90, timeYears: 0.5, rate: 0, dividendYield: 0, right: 'call' as const };
    for (const price of [9.99, 10, -1]) {
      try {
        blackScholesIv({ ...itm, price });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(IvError);
        expect(e).toBeInstanceOf(RangeError);
        expect((e as IvError).code).toBe('IV_PRICE_BELOW_INTRINSIC');
        expect((e as IvError).message).toContain(`price ${price}`);
        expect((e as IvError).message).toContain('intrinsic value 10');
      }
    }
    expect(() => blackScholesIv({ ...itm, strike: 110, price: 0 })).toThrow(
      /at or below the discounted intrinsic value 0/,
    );
  });

  it('throws IvError for a price at or above the maximum (S·e^{−qT} for a call, K·e^{−rT} for a put)', () => {
    const call = {
      spot: 100,
      strike: 100,
      timeYears: 1,
      rate: 0.05,
      dividendYield: 0.02,
      right: 'call' as const,
    };
    const maxCall = 100 * Math.exp(-0.02);
    expect(() => blackScholesIv({ ...call, price: maxCall })).toThrow(
      expect.objectContaining({
        code: 'IV_PRICE_ABOVE_MAXIMUM',
        message: expect.stringContaining(`maximum ${maxCall}`),
      }),
    );
    expect(() => blackScholesIv({ ...call, price: 100 })).toThrow(/S·e\^\{−qT\}/);
    const maxPut = 100 * Math.exp(-0.05);
    expect(() => blackScholesIv({ ...call, right: 'put', price: maxPut })).toThrow(/K·e\^\{−rT\} for a put/);
  });

  it('throws IvError for a non-positive time and for non-finite inputs', () => {
    const o = {
      spot: 100,
      strike: 100,
      timeYears: 1,
      rate: 0,
      dividendYield: 0,
      price: 8,
      right: 'call' as const,
    };
    expect(() => blackScholesIv({ ...o, timeYears: 0 })).toThrow(
      expect.objectContaining({ code: 'IV_NON_POSITIVE_TIME' }),
    );
    expect(() => blackScholesIv({ ...o, timeYears: -1 })).toThrow(/timeYears must be > 0, got -1/);
    expect(() => blackScholesIv({ ...o, price: NaN })).toThrow(
      expect.objectContaining({ code: 'IV_NON_FINITE_INPUT' }),
    );
    expect(() => blackScholesIv({ ...o, spot: Infinity })).toThrow(IvError);
    expect(() => blackScholesIv({ ...o, strike: 0 })).toThrow(
      expect.objectContaining({ code: 'IV_NON_POSITIVE_INPUT' }),
    );
    expect(() => blackScholesIv({ ...o, rate: NaN })).toThrow(/rate/);
    // callers outside TypeScript (an LLM tool call) can pass anything as the right
    expect(() => blackScholesIv({ ...o, right: 'CALL' as 'call' })).toThrow(
      expect.objectContaining({ code: 'IV_INVALID_RIGHT' }),
    );
  });

  it('recovers the deep wings exactly where the npm packages fail (1e−55 … 1e−202 prices)', () => {
    const cases: Partial<BlackScholesInput>[] = [
      { strike: 150, timeYears: 1 / 365, volatility: 0.5 },
      { strike: 60, timeYears: 7 / 365, volatility: 0.2, right: 'put' },
      { strike: 110, timeYears: 0.1, volatility: 0.01 },
      { strike: 40, timeYears: 0.25, volatility: 0.3 },
    ];
    for (const over of cases) {
      const o = option(over);
      const iv = blackScholesIv({ ...o, price: blackScholesPrice(o) });
      // The deep ITM call (K = 40) has a time value of 7e−10 on a price of 60: 1e−8 is what a double allows.
      expect(Math.abs(iv - o.volatility) / o.volatility).toBeLessThan(over.strike === 40 ? 1e-6 : 1e-14);
    }
  });
});
