import { describe, expect, it } from 'vitest';
import { calculateGreeks } from '../../quant/index.js';
import {
  assembleChain,
  HALT_CONDITIONS,
  lastFromOhlc,
  underlyingQuote,
  vendorAnalytics,
  wireFlags,
  wireQuote,
} from './mappers.js';
import type { OptionGreeksRecord, OptionQuoteRecord } from './terminal-api.js';

const NOW = Date.parse('2026-03-10T15:00:00Z');

function quote(over: Partial<OptionQuoteRecord> = {}): OptionQuoteRecord {
  return {
    symbol: 'NVDA',
    expiration: '2026-04-17',
    strike: 180,
    right: 'call',
    timestamp: NOW - 1_000,
    bid_size: 10,
    bid: 12.3,
    bid_condition: 50,
    bid_exchange: 5,
    ask_size: 12,
    ask: 12.6,
    ask_condition: 50,
    ask_exchange: 9,
    ...over,
  };
}

function greeks(over: Partial<OptionGreeksRecord> = {}): OptionGreeksRecord {
  return {
    symbol: 'NVDA',
    expiration: '2026-04-17',
    strike: 180,
    right: 'call',
    timestamp: NOW,
    delta: 0.55,
    theta: -0.0217,
    vega: 26.3226,
    rho: 9.105,
    implied_vol: 0.2142,
    iv_error: -0.0003,
    underlying_price: 185,
    ...over,
  };
}

describe('wire quotes as ours', () => {
  it('keeps a zero bid (flagged zero_bid) and reads a zero ask as no offer (no_ask)', () => {
    const q = wireQuote(quote({ bid: 0, bid_size: 0, ask: 0, ask_size: 0 }), null);
    expect(q).toMatchObject({ bid: 0, ask: null, bidSize: 0, askSize: 0 });
    expect(wireFlags(q, quote(), NOW, 60_000)).toEqual(['zero_bid', 'no_ask']);
  });

  it('flags crossed, locked and stale quotes, and halts from the quote conditions', () => {
    const crossed = wireQuote(quote({ bid: 1.2, ask: 1.1 }), null);
    expect(wireFlags(crossed, quote(), NOW, 60_000)).toEqual(['crossed']);
    const locked = wireQuote(quote({ bid: 1.2, ask: 1.2 }), null);
    expect(wireFlags(locked, quote(), NOW, 60_000)).toEqual(['locked']);
    const old = quote({ timestamp: NOW - 61_000 });
    expect(wireFlags(wireQuote(old, null), old, NOW, 60_000)).toEqual(['stale']);
    for (const code of HALT_CONDITIONS) {
      const halted = quote({ bid_condition: code });
      expect(wireFlags(wireQuote(halted, null), halted, NOW, 60_000)).toEqual(['halted']);
    }
  });

  it('takes the last trade from the session OHLC only when something traded', () => {
    expect(lastFromOhlc({ close: 1.25, volume: 10 })).toBe(1.25);
    expect(lastFromOhlc({ close: 1.25, volume: 0 })).toBeNull();
    expect(lastFromOhlc({ close: 0, volume: null })).toBeNull();
    expect(lastFromOhlc({ close: 185.5, volume: null })).toBe(185.5);
    expect(lastFromOhlc(undefined)).toBeNull();
  });

  it('builds the underlying quote with its flags', () => {
    const u = underlyingQuote(
      'NVDA',
      {
        symbol: 'NVDA',
        timestamp: NOW - 120_000,
        bid_size: 100,
        bid: 184.99,
        bid_condition: 0,
        bid_exchange: 29,
        ask_size: 200,
        ask: 185.01,
        ask_condition: 0,
        ask_exchange: 29,
      },
      { symbol: 'NVDA', timestamp: NOW, close: 185, volume: 1000 },
      NOW,
      60_000,
    );
    expect(u).toEqual({
      symbol: 'NVDA',
      bid: 184.99,
      ask: 185.01,
      bidSize: 100,
      askSize: 200,
      last: 185,
      time: NOW - 120_000,
      flags: ['stale'],
    });
  });
});

describe('ThetaData’s own IV and Greeks, in our units', () => {
  it('keeps vega and rho (per 1.00 already) and turns theta per day into per year', () => {
    const v = vendorAnalytics(greeks());
    expect(v.iv).toBe(0.2142);
    expect(v.greeks).toEqual({ delta: 0.55, vega: 26.3226, rho: 9.105, theta: -0.0217 * 365 });
  });

  it('matches our own Greeks in magnitude for the documented AAPL example (vega 26.3, rho 9.1, theta -0.0217/day)', () => {
    // AAPL 275 C 2026-01-16 on 2025-08-20 16:00 NY, spot 225.74, IV 0.2142.
    const years =
      (Date.parse('2026-01-16T21:00:00Z') - Date.parse('2025-08-20T20:00:00Z')) / (365 * 86_400_000);
    const ours = calculateGreeks({
      spot: 225.74,
      strike: 275,
      timeYears: years,
      rate: 0.043,
      dividendYield: 0,
      volatility: 0.2142,
      right: 'call',
    });
    const theirs = vendorAnalytics(
      greeks({ delta: 0.106, theta: -0.0217, vega: 26.3226, rho: 9.105 }),
    ).greeks!;
    expect(theirs.vega! / ours.vega).toBeCloseTo(1, 1);
    expect(theirs.rho! / ours.rho).toBeCloseTo(1, 1);
    expect(theirs.theta! / ours.theta).toBeCloseTo(1, 1);
  });

  it('reads the no-solution sentinel (iv_error 100) and a missing record as nulls', () => {
    expect(vendorAnalytics(greeks({ implied_vol: 0.25, iv_error: 100, delta: 0 }))).toEqual({
      iv: null,
      greeks: null,
    });
    expect(vendorAnalytics(greeks({ implied_vol: 0 }))).toEqual({ iv: null, greeks: null });
    expect(vendorAnalytics(undefined)).toEqual({ iv: null, greeks: null });
    expect(vendorAnalytics(greeks({ theta: null, rho: null })).greeks).toEqual({
      delta: 0.55,
      vega: 26.3226,
    });
  });
});

describe('assembleChain', () => {
  const underlying = {
    symbol: 'NVDA',
    bid: 184.99,
    ask: 185.01,
    bidSize: 1,
    askSize: 1,
    last: 185,
    time: NOW,
    flags: [],
  };
  const base = {
    symbol: 'NVDA',
    underlying,
    now: NOW,
    rate: 0.04,
    dividendYield: 0,
    staleAfterMs: 60_000,
    expiries: null,
    ohlc: [],
    openInterest: [],
    greeks: null,
  };

  it('orders rows by expiry, strike, call before put, matches OHLC/OI/Greeks by contract and drops duplicates', () => {
    const quotes = [
      quote({ strike: 190, right: 'put' }),
      quote({ strike: 180, right: 'put' }),
      quote({ expiration: '2026-03-20', strike: 200 }),
      quote({ strike: 180, right: 'call' }),
      quote({ strike: 180, right: 'call', bid: 99 }),
    ];
    const chain = assembleChain({
      ...base,
      quotes,
      ohlc: [
        {
          symbol: 'NVDA',
          expiration: '2026-04-17',
          strike: 180,
          right: 'call',
          timestamp: NOW,
          close: 12.4,
          volume: 7,
          count: 3,
        },
      ],
      openInterest: [
        {
          symbol: 'NVDA',
          expiration: '2026-04-17',
          strike: 180.0000001,
          right: 'put',
          timestamp: NOW,
          open_interest: 1234,
        },
      ],
      greeks: [greeks()],
    });
    expect(chain.rows.map((r) => `${r.contract.expiry} ${r.contract.strike} ${r.contract.right}`)).toEqual([
      '2026-03-20 200 call',
      '2026-04-17 180 call',
      '2026-04-17 180 put',
      '2026-04-17 190 put',
    ]);
    const call = chain.rows[1]!;
    expect(call.quote.bid).toBe(12.3);
    expect(call.volume).toBe(7);
    expect(call.quote.last).toBe(12.4);
    expect(call.vendor?.iv).toBe(0.2142);
    expect(chain.rows[2]!.openInterest).toBe(1234);
    expect(chain.rows[2]!.vendor).toEqual({ iv: null, greeks: null });
    expect(call.iv).toBeGreaterThan(0);
    expect(call.greeks!.delta).toBeGreaterThan(0.5);
    expect(chain).toMatchObject({ symbol: 'NVDA', time: NOW, rate: 0.04, dividendYield: 0 });
  });

  it('keeps only the expirations asked and the strikes within the moneyness window of the quoted mid', () => {
    const quotes = [150, 175, 185, 195, 220].map((strike) => quote({ strike }));
    const chain = assembleChain({
      ...base,
      quotes,
      expiries: new Set(['2026-04-17']),
      moneynessWindow: 0.06,
    });
    expect(chain.rows.map((r) => r.contract.strike)).toEqual([175, 185, 195]);
    expect(assembleChain({ ...base, quotes, expiries: new Set(['2026-05-15']) }).rows).toEqual([]);
  });

  it('leaves IV and Greeks null without an underlying price, and refuses a moneyness window then', () => {
    const blind = { ...underlying, bid: null, ask: null, last: null };
    const chain = assembleChain({ ...base, underlying: blind, quotes: [quote()] });
    expect(chain.rows[0]!.iv).toBeNull();
    expect(chain.rows[0]!.greeks).toBeNull();
    expect(() =>
      assembleChain({ ...base, underlying: blind, quotes: [quote()], moneynessWindow: 0.1 }),
    ).toThrow(/no underlying price/);
  });
});
