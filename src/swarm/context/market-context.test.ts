import { describe, expect, it } from 'vitest';
import { option, SimulatedClock, stock, type Position } from '../../domain/index.js';
import {
  fixtureChain,
  fixtureIvStats,
  FixtureMarket,
  FIXTURE_NOW,
  FIXTURE_SYMBOLS,
  type FixtureSymbol,
} from '../test-support/fixture-market.js';
import { gatherMarket } from './gather-market.js';
import {
  buildInstanceContext,
  buildSymbolSnapshot,
  sentimentFromRiskReversal,
  sliceChain,
  type SymbolSnapshot,
  type SymbolUnavailable,
} from './market-context.js';

const TODAY = '2026-11-24';
const snap = (s: Partial<FixtureSymbol> = {}, positions: Position[] = []) =>
  buildSymbolSnapshot({
    chain: fixtureChain({ symbol: 'NVDA', spot: 180, atmIv: 0.5, ...s }, FIXTURE_NOW),
    ivHistory: [],
    today: TODAY,
    positions,
  });

describe('buildSymbolSnapshot', () => {
  it('reads the 30-day ATM IV, the 25-delta skew and the term structure from the chain', () => {
    const s = snap({ skew: 0.2, frontBump: 0.1 });
    expect(s.atmIv).toBeCloseTo(0.5, 1);
    expect(s.riskReversal25).toBeLessThan(0);
    expect(s.putSkew25).toBeGreaterThan(0);
    expect(s.termStructure.front!.expiry).toBe('2026-12-01');
    expect(s.termStructure.front!.iv! - s.termStructure.back!.iv!).toBeGreaterThan(0.08);
  });

  it('leaves IV rank unknown without quant, and takes it from the injected function', () => {
    expect(snap()).toMatchObject({ ivRank: null, ivPercentile: null });
    const ranked = buildSymbolSnapshot({
      chain: fixtureChain({ symbol: 'NVDA', spot: 180, atmIv: 0.5 }, FIXTURE_NOW),
      ivHistory: [{ date: '2026-01-01', iv: 0.3 }],
      today: TODAY,
      positions: [],
      ivStats: (history, current) => ({ rank: history.length * 10, percentile: Math.round(current * 100) }),
    });
    expect(ranked).toMatchObject({ ivRank: 10, ivPercentile: 50 });
  });

  it('reads sentiment from the risk reversal unless it is given', () => {
    expect(snap({ skew: 0.5 })).toMatchObject({ sentiment: 'bearish', sentimentSource: 'risk_reversal_25d' });
    expect(snap({ skew: -0.2 }).sentiment).toBe('bullish');
    expect(sentimentFromRiskReversal(-0.03)).toBe('neutral');
    expect(sentimentFromRiskReversal(null)).toBe('unknown');
    const given = buildSymbolSnapshot({
      chain: snap().chain,
      ivHistory: [],
      today: TODAY,
      positions: [],
      sentiment: 'bullish',
    });
    expect(given).toMatchObject({ sentiment: 'bullish', sentimentSource: 'input' });
  });

  it('sums the book on the underlying into share delta, and says when it cannot', () => {
    const put = option('NVDA', '2026-12-29', 160, 'put');
    const held: Position[] = [
      { contract: put, quantity: -2, averagePrice: 4, realizedPnl: 0 },
      { contract: stock('NVDA'), quantity: 50, averagePrice: 170, realizedPnl: 0 },
      { contract: stock('AMD'), quantity: 10, averagePrice: 100, realizedPnl: 0 },
    ];
    const s = snap({}, held);
    const row = s.chain.rows.find(
      (r) => r.contract.expiry === '2026-12-29' && r.contract.strike === 160 && r.contract.right === 'put',
    )!;
    expect(s.exposure.positions).toEqual([
      { contract: 'NVDA 2026-12-29 160 P', quantity: -2 },
      { contract: 'NVDA', quantity: 50 },
    ]);
    expect(s.exposure.netDeltaShares).toBeCloseTo(-2 * row.greeks!.delta * 100 + 50, 1);
    const unknown = snap({}, [
      { contract: option('NVDA', '2030-01-18', 160, 'put'), quantity: 1, averagePrice: 1, realizedPnl: 0 },
    ]);
    expect(unknown.exposure.netDeltaShares).toBeNull();
  });
});

describe('instance context', () => {
  const s = snap();

  it('slices expiries in the DTE range and rows in the delta band', () => {
    const slices = sliceChain(s, { dte: [20, 40], deltas: [0.2, 0.4], maxExpiries: 2, maxRowsPerRight: 40 });
    expect(slices.map((x) => [x.expiry, x.dte])).toEqual([
      ['2026-12-22', 28],
      ['2026-12-29', 35],
    ]);
    expect(
      slices.every(
        (x) =>
          x.rows.length > 0 &&
          x.rows.every((r) => Math.abs(r.greeks!.delta) >= 0.2 && Math.abs(r.greeks!.delta) <= 0.4),
      ),
    ).toBe(true);
  });

  it('keeps at most maxRowsPerRight rows per right, spread over the band with both ends', () => {
    const all = sliceChain(s, {
      dte: [30, 40],
      deltas: [0.05, 0.6],
      maxExpiries: 1,
      maxRowsPerRight: 40,
    })[0]!;
    const few = sliceChain(s, { dte: [30, 40], deltas: [0.05, 0.6], maxExpiries: 1, maxRowsPerRight: 4 })[0]!;
    const puts = (rows: typeof all.rows) =>
      rows.filter((r) => r.contract.right === 'put').map((r) => r.contract.strike);
    expect(puts(all.rows).length).toBeGreaterThan(4);
    expect(puts(few.rows)).toHaveLength(4);
    expect(puts(few.rows)[0]).toBe(puts(all.rows)[0]);
    expect(puts(few.rows)[3]).toBe(puts(all.rows).at(-1));
  });

  it('holds only the pool, and names symbols without data', () => {
    const symbols = new Map<string, SymbolSnapshot | SymbolUnavailable>([
      ['NVDA', s],
      ['AMD', { symbol: 'AMD', error: 'down' }],
    ]);
    const market = { time: FIXTURE_NOW, today: TODAY, symbols };
    const ctx = buildInstanceContext(market, ['AMD', 'NVDA', 'TSLA'], {
      dte: [21, 60],
      deltas: [0.05, 0.6],
      maxExpiries: 2,
      maxRowsPerRight: 40,
    });
    expect(ctx.symbols.map((x) => x.snapshot.symbol)).toEqual(['NVDA']);
    expect(ctx.unavailable).toEqual([
      { symbol: 'AMD', error: 'down' },
      { symbol: 'TSLA', error: 'not fetched' },
    ]);
  });
});

describe('gatherMarket', () => {
  it('fetches each symbol once however many pools share it, and reports a failing one as unavailable', async () => {
    const clock = new SimulatedClock(FIXTURE_NOW);
    const market = new FixtureMarket(FIXTURE_SYMBOLS, clock, new Set(['AMD']));
    const snapshot = await gatherMarket(market, ['NVDA', 'AMD', 'NVDA', 'JPM', 'NVDA'], {
      specsFor: () => [{ dte: [21, 30], deltas: [0.05, 0.6], maxExpiries: 1, maxRowsPerRight: 8 }],
      ivStats: fixtureIvStats,
    });
    expect([...snapshot.symbols.keys()]).toEqual(['AMD', 'JPM', 'NVDA']);
    expect(snapshot.symbols.get('AMD')).toEqual({ symbol: 'AMD', error: 'fixture: no data for AMD' });
    const nvda = snapshot.symbols.get('NVDA')!;
    expect('chain' in nvda && nvda.ivRank).toBeCloseTo(90, 0);
    // expirations + chain + ivHistory per symbol: 3 calls each for JPM and NVDA, 1 failing call for AMD.
    expect(market.calls).toBe(7);
    // Only the expiries this cycle reads: front (~7d), ~30d (also the slice), back (~60d).
    expect(market.chainRequests.find((r) => r.symbol === 'NVDA')!.expiries).toEqual([
      '2026-12-01',
      '2026-12-22',
      '2027-01-23',
    ]);
    expect(snapshot.today).toBe(TODAY);
  });
});
