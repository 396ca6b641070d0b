/**
 * The `MarketData` contract: every implementation (sim, thetadata, ibkr) runs this suite through
 * the port only. A case that cannot apply to a source is governed by a declared capability.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidExpiry, nyDate } from '../domain/index.js';
import { MarketDataError } from './errors.js';
import type { MarketData } from './market-data.js';

export interface MarketDataCapabilities {
  /** Trading days of IV history a 365-day request must return at least (0: the source keeps none). */
  readonly minIvHistoryPoints: number;
}

export interface MarketDataHarness {
  readonly marketData: MarketData;
  /** A symbol the source serves, with listed options. */
  readonly symbol: string;
  /** A well-formed symbol the source does not know. */
  readonly unknownSymbol: string;
  readonly capabilities: MarketDataCapabilities;
  cleanup(): Promise<void>;
}

export type MarketDataFactory = () => Promise<MarketDataHarness>;

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

export function runMarketDataContract(name: string, factory: MarketDataFactory): void {
  describe(`MarketData contract: ${name}`, () => {
    let h: MarketDataHarness;
    let md: MarketData;

    beforeEach(async () => {
      h = await factory();
      md = h.marketData;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('names its source and serves the symbols it lists', async () => {
      expect(md.source.length).toBeGreaterThan(0);
      expect(md.symbols()).toContain(h.symbol);
      const q = await md.underlyingQuote(h.symbol);
      expect(q.symbol).toBe(h.symbol);
      expect(Number.isFinite(q.time)).toBe(true);
      expect(q.bid !== null || q.ask !== null || q.last !== null).toBe(true);
      if (q.bid !== null && q.ask !== null && !q.flags.includes('crossed'))
        expect(q.bid).toBeLessThanOrEqual(q.ask);
    });

    it('refuses an unknown symbol with UNKNOWN_SYMBOL rather than an empty answer', async () => {
      // One call at a time: a call started early would reject unobserved while another is awaited.
      for (const call of [
        () => md.underlyingQuote(h.unknownSymbol),
        () => md.expirations(h.unknownSymbol),
        () => md.chain(h.unknownSymbol),
      ]) {
        const error = await errorOf(call());
        expect(error).toBeInstanceOf(MarketDataError);
        expect((error as MarketDataError).reason).toBe('UNKNOWN_SYMBOL');
      }
    });

    it('lists expirations ascending, unique, valid and not before today', async () => {
      const clock = await md.marketClock();
      const expiries = await md.expirations(h.symbol);
      expect(expiries.length).toBeGreaterThan(0);
      expect([...expiries].sort()).toEqual(expiries);
      expect(new Set(expiries).size).toBe(expiries.length);
      for (const e of expiries) {
        expect(isValidExpiry(e)).toBe(true);
        expect(e >= nyDate(clock.time)).toBe(true);
      }
    });

    it('lists strikes ascending and positive, and refuses an expiry it does not list', async () => {
      const [expiry] = await md.expirations(h.symbol);
      const strikes = await md.strikes(h.symbol, expiry!);
      expect(strikes.length).toBeGreaterThan(1);
      expect([...strikes].sort((a, b) => a - b)).toEqual(strikes);
      for (const k of strikes) expect(k).toBeGreaterThan(0);
      const error = await errorOf(md.strikes(h.symbol, '1999-01-15'));
      expect(error).toBeInstanceOf(MarketDataError);
      expect((error as MarketDataError).reason).toBe('UNKNOWN_EXPIRY');
    });

    it('gives a chain of one expiry with calls and puts on the listed strikes, IV and Greeks from our quant', async () => {
      const expiries = await md.expirations(h.symbol);
      const expiry = expiries[Math.min(2, expiries.length - 1)]!;
      const chain = await md.chain(h.symbol, { expiries: [expiry] });
      const strikes = new Set(await md.strikes(h.symbol, expiry));
      expect(chain.symbol).toBe(h.symbol);
      expect(chain.underlying.symbol).toBe(h.symbol);
      expect(Number.isFinite(chain.time)).toBe(true);
      expect(Number.isFinite(chain.rate)).toBe(true);
      expect(chain.rows.some((r) => r.contract.right === 'call')).toBe(true);
      expect(chain.rows.some((r) => r.contract.right === 'put')).toBe(true);
      let withIv = 0;
      for (const row of chain.rows) {
        expect(row.contract).toMatchObject({ kind: 'option', symbol: h.symbol, expiry });
        expect(strikes.has(row.contract.strike)).toBe(true);
        expect(row.volume).toBeGreaterThanOrEqual(0);
        expect(row.openInterest).toBeGreaterThanOrEqual(0);
        expect(row.greeks === null).toBe(row.iv === null);
        if (row.iv === null || row.greeks === null) continue;
        withIv++;
        expect(row.iv).toBeGreaterThan(0);
        if (row.contract.right === 'call') expect(row.greeks.delta).toBeGreaterThanOrEqual(0);
        else expect(row.greeks.delta).toBeLessThanOrEqual(0);
        expect(Math.abs(row.greeks.delta)).toBeLessThanOrEqual(1);
        expect(row.greeks.gamma).toBeGreaterThanOrEqual(0);
      }
      expect(withIv).toBeGreaterThan(chain.rows.length / 2);
    });

    it('narrows a chain to strikes within the moneyness window', async () => {
      const [expiry] = await md.expirations(h.symbol);
      const full = await md.chain(h.symbol, { expiries: [expiry!] });
      const narrow = await md.chain(h.symbol, { expiries: [expiry!], moneynessWindow: 0.05 });
      expect(narrow.rows.length).toBeGreaterThan(0);
      expect(narrow.rows.length).toBeLessThan(full.rows.length);
      const spot =
        narrow.underlying.last ?? ((narrow.underlying.bid ?? 0) + (narrow.underlying.ask ?? 0)) / 2;
      for (const row of narrow.rows)
        expect(Math.abs(row.contract.strike / spot - 1)).toBeLessThanOrEqual(0.06);
    });

    it('refuses a chain for an expiry it does not list', async () => {
      const error = await errorOf(md.chain(h.symbol, { expiries: ['1999-01-15'] }));
      expect(error).toBeInstanceOf(MarketDataError);
      expect((error as MarketDataError).reason).toBe('UNKNOWN_EXPIRY');
    });

    it('gives daily IV history oldest first within the window asked for', async () => {
      const clock = await md.marketClock();
      const history = await md.ivHistory(h.symbol, 365);
      expect(history.length).toBeGreaterThanOrEqual(h.capabilities.minIvHistoryPoints);
      const dates = history.map((p) => p.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      for (const p of history) {
        expect(isValidExpiry(p.date)).toBe(true);
        expect(p.date <= nyDate(clock.time)).toBe(true);
        expect(p.iv).toBeGreaterThan(0);
      }
      const short = await md.ivHistory(h.symbol, 30);
      expect(short.length).toBeLessThan(Math.max(history.length, 1) + 1);
      for (const p of short) expect(p.date >= dates[0]!).toBe(true);
    });

    it('reports a consistent market clock', async () => {
      const c = await md.marketClock();
      expect(Number.isFinite(c.time)).toBe(true);
      expect(c.nextClose).toBeGreaterThan(c.nextOpen);
      if (c.isOpen) {
        expect(c.nextOpen).toBeLessThanOrEqual(c.time);
        expect(c.nextClose).toBeGreaterThan(c.time);
      } else {
        expect(c.nextOpen).toBeGreaterThan(c.time);
      }
    });
  });
}
