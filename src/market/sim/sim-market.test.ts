import { describe, expect, it } from 'vitest';
import { option, SimulatedClock, type ChainRow, type OptionChain } from '../../domain/index.js';
import { MarketDataError } from '../errors.js';
import { createSimMarket, type SimMarket, type SimMarketOptions } from './index.js';

/** Tuesday 2026-03-10, 11:00 New York. */
const T0 = Date.parse('2026-03-10T15:00:00Z');

function market(options: SimMarketOptions = {}, start = T0): { sim: SimMarket; clock: SimulatedClock } {
  const clock = new SimulatedClock(start);
  return { sim: createSimMarket({ symbols: ['NVDA', 'JPM'], ...options }, clock), clock };
}

async function errorOf(p: Promise<unknown>): Promise<MarketDataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MarketDataError) return e;
    throw e;
  }
  throw new Error('expected a MarketDataError');
}

function atm(chain: OptionChain, expiry: string, right: 'call' | 'put'): ChainRow {
  const spot = chain.underlying.last!;
  const rows = chain.rows.filter((r) => r.contract.expiry === expiry && r.contract.right === right);
  return rows.reduce((a, b) =>
    Math.abs(b.contract.strike - spot) < Math.abs(a.contract.strike - spot) ? b : a,
  );
}

function relativeSpread(row: ChainRow): number {
  return (row.quote.ask! - row.quote.bid!) / ((row.quote.ask! + row.quote.bid!) / 2);
}

describe('sim market: determinism', () => {
  it('gives the same market bit for bit for the same seed and clock', async () => {
    const a = market({ seed: 9 });
    const b = market({ seed: 9 });
    expect(JSON.stringify(await a.sim.chain('NVDA'))).toBe(JSON.stringify(await b.sim.chain('NVDA')));
    a.clock.advance(3 * 86_400_000);
    b.clock.advance(3 * 86_400_000);
    expect(JSON.stringify(await a.sim.chain('JPM'))).toBe(JSON.stringify(await b.sim.chain('JPM')));
    expect(await a.sim.ivHistory('NVDA', 365)).toEqual(await b.sim.ivHistory('NVDA', 365));
  });

  it('gives the same path however the clock is driven (one jump or many small steps)', async () => {
    const a = market({ seed: 9 });
    const b = market({ seed: 9 });
    a.clock.advance(5 * 3_600_000);
    for (let i = 0; i < 50; i++) b.clock.advance(6 * 60_000);
    expect(await a.sim.underlyingQuote('NVDA')).toEqual(await b.sim.underlyingQuote('NVDA'));
  });

  it('gives another market for another seed', async () => {
    const a = market({ seed: 1 });
    const b = market({ seed: 2 });
    a.clock.advance(3_600_000);
    b.clock.advance(3_600_000);
    expect((await a.sim.underlyingQuote('NVDA')).last).not.toBe((await b.sim.underlyingQuote('NVDA')).last);
  });
});

describe('sim market: time', () => {
  it('is open at any hour when always open: it starts at a session open and skips the nights', async () => {
    const saturday = Date.parse('2026-03-14T08:00:00Z');
    const { sim, clock } = market({}, saturday);
    const start = await sim.marketClock();
    expect(start).toMatchObject({ isOpen: true, time: Date.parse('2026-03-13T13:30:00Z') });
    clock.advance(6.5 * 3_600_000);
    expect((await sim.marketClock()).time).toBe(Date.parse('2026-03-16T13:30:00Z'));
  });

  it('runs at the configured speed', () => {
    const { sim, clock } = market({ speed: 60 });
    const before = sim.now();
    clock.advance(60_000);
    expect(sim.now() - before).toBe(3_600_000);
  });

  it('follows the real calendar when asked: closed at the weekend, quotes stale from the close', async () => {
    const { sim } = market({ calendar: 'real' }, Date.parse('2026-03-14T18:00:00Z'));
    expect(await sim.marketClock()).toMatchObject({
      isOpen: false,
      nextOpen: Date.parse('2026-03-16T13:30:00Z'),
    });
    const q = await sim.underlyingQuote('NVDA');
    expect(q.flags).toContain('stale');
    expect(q.time).toBeLessThan(Date.parse('2026-03-13T20:00:00Z'));
  });

  it('moves prices as the clock advances', async () => {
    const { sim, clock } = market();
    const first = await sim.underlyingQuote('NVDA');
    clock.advance(2 * 3_600_000);
    const later = await sim.underlyingQuote('NVDA');
    expect(later.last).not.toBe(first.last);
    expect(later.time).toBeGreaterThan(first.time);
  });

  it('reports a closing price for a session that has closed, and dividends by schedule', async () => {
    const { sim, clock } = market();
    expect(await sim.closingPrice('NVDA', '2026-03-10')).toBeNull();
    clock.advance(7 * 3_600_000);
    expect(await sim.closingPrice('NVDA', '2026-03-10')).toBeGreaterThan(0);
    expect(await sim.dividends('JPM', '2026-01-01', '2026-12-31')).toEqual([
      { exDate: '2026-01-06', amount: 1.5 },
      { exDate: '2026-04-06', amount: 1.5 },
      { exDate: '2026-07-06', amount: 1.5 },
      { exDate: '2026-10-06', amount: 1.5 },
    ]);
  });
});

describe('sim market: chains', () => {
  it('lists about 2,000 contracts per underlying, calls and puts on every strike', async () => {
    const { sim } = market({ symbols: ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'] });
    for (const symbol of sim.symbols()) {
      const chain = await sim.chain(symbol);
      expect(chain.rows.length, symbol).toBeGreaterThan(1_500);
      expect(chain.rows.length, symbol).toBeLessThan(3_200);
      expect(chain.rows.filter((r) => r.contract.right === 'call').length).toBe(chain.rows.length / 2);
    }
  });

  it('widens spreads for deep out-of-the-money and short-dated contracts', async () => {
    const { sim } = market();
    const expiries = await sim.expirations('NVDA');
    const chain = await sim.chain('NVDA', { expiries: [expiries[1]!, expiries[9]!] });
    const near = atm(chain, expiries[1]!, 'call');
    const far = atm(chain, expiries[9]!, 'call');
    expect(relativeSpread(near)).toBeGreaterThan(relativeSpread(far));
    const otm = chain.rows.find(
      (r) =>
        r.contract.expiry === expiries[9] &&
        r.contract.right === 'call' &&
        r.contract.strike >= 1.3 * chain.underlying.last!,
    )!;
    expect(relativeSpread(otm)).toBeGreaterThan(relativeSpread(far));
  });

  it('has an equity skew: out-of-the-money puts trade at higher IV than the money', async () => {
    const { sim } = market();
    const expiry = (await sim.expirations('JPM'))[8]!;
    const chain = await sim.chain('JPM', { expiries: [expiry] });
    const put = chain.rows.find(
      (r) => r.contract.right === 'put' && r.contract.strike <= 0.85 * chain.underlying.last!,
    )!;
    expect(put.iv!).toBeGreaterThan(atm(chain, expiry, 'put').iv!);
  });

  it('runs IV up into earnings and crushes it after', async () => {
    const before = market({ calendar: 'real' }, Date.parse('2026-05-26T15:00:00Z'));
    const after = market({ calendar: 'real' }, Date.parse('2026-05-27T15:00:00Z'));
    const frontBefore = atm(
      await before.sim.chain('NVDA', { expiries: ['2026-05-29'] }),
      '2026-05-29',
      'call',
    ).iv!;
    const frontAfter = atm(
      await after.sim.chain('NVDA', { expiries: ['2026-05-29'] }),
      '2026-05-29',
      'call',
    ).iv!;
    expect(frontBefore).toBeGreaterThan(frontAfter * 1.2);
  });

  it('keeps open interest for the day and lets volume accumulate through the session', async () => {
    const { sim, clock } = market();
    const expiry = (await sim.expirations('NVDA'))[2]!;
    const first = atm(await sim.chain('NVDA', { expiries: [expiry] }), expiry, 'call');
    clock.advance(3_600_000);
    const later = (await sim.chain('NVDA', { expiries: [expiry] })).rows.find(
      (r) => r.contract.strike === first.contract.strike && r.contract.right === 'call',
    )!;
    expect(later.openInterest).toBe(first.openInterest);
    expect(later.volume).toBeGreaterThan(first.volume);
  });

  it('gives a year of daily IV history so IV rank means something at once', async () => {
    const { sim } = market();
    const history = await sim.ivHistory('NVDA', 365);
    expect(history.length).toBeGreaterThan(240);
    const ivs = history.map((p) => p.iv);
    expect(Math.max(...ivs) - Math.min(...ivs)).toBeGreaterThan(0.1);
    expect(history[history.length - 1]?.date).toBe('2026-03-10');
  });

  it('refuses unknown symbols and expiries, a bad window, bad history days, and everything once closed', async () => {
    const { sim } = market();
    expect((await errorOf(sim.underlyingQuote('MSFT'))).reason).toBe('UNKNOWN_SYMBOL');
    expect((await errorOf(sim.strikes('NVDA', '2026-03-12'))).reason).toBe('UNKNOWN_EXPIRY');
    expect((await errorOf(sim.chain('NVDA', { moneynessWindow: 0 }))).reason).toBe('NO_DATA');
    expect((await errorOf(sim.ivHistory('NVDA', 0))).reason).toBe('NO_DATA');
    await sim.close();
    expect((await errorOf(sim.marketClock())).reason).toBe('UNAVAILABLE');
  });
});

describe('sim market: bad data on demand', () => {
  async function frontRows(sim: SimMarket): Promise<readonly ChainRow[]> {
    const [expiry] = await sim.expirations('NVDA');
    return (await sim.chain('NVDA', { expiries: [expiry!], moneynessWindow: 0.05 })).rows;
  }

  it('crosses quotes: bid above ask, flagged, no IV; other symbols untouched', async () => {
    const { sim } = market();
    sim.injectFault({ kind: 'crossed', symbol: 'NVDA' });
    for (const row of await frontRows(sim)) {
      expect(row.quote.bid!).toBeGreaterThan(row.quote.ask!);
      expect(row.flags).toContain('crossed');
      expect(row.iv).toBeNull();
    }
    expect(
      (await sim.chain('JPM', { moneynessWindow: 0.05 })).rows.every((r) => !r.flags.includes('crossed')),
    ).toBe(true);
  });

  it('locks quotes and zeroes bids, on the contracts the fault names', async () => {
    const { sim } = market();
    const rows = await frontRows(sim);
    const target = rows[0]!.contract;
    sim.injectFault({
      kind: 'locked',
      symbol: 'NVDA',
      expiry: target.expiry,
      strike: target.strike,
      right: target.right,
    });
    const id = sim.injectFault({ kind: 'zero_bid', symbol: 'NVDA', right: 'put' });
    const after = await frontRows(sim);
    expect(after[0]?.flags).toContain('locked');
    expect(after[0]?.quote.bid).toBe(after[0]?.quote.ask);
    expect(
      after
        .filter((r) => r.contract.right === 'put')
        .every((r) => r.quote.bid === 0 && r.flags.includes('zero_bid')),
    ).toBe(true);
    expect(
      after
        .filter((r) => r.contract.right === 'call')
        .slice(1)
        .every((r) => r.flags.length === 0),
    ).toBe(true);
    expect(sim.faults().map((f) => f.kind)).toEqual(['locked', 'zero_bid']);
    expect(sim.clearFault(id)).toBe(true);
    expect(sim.clearFault(id)).toBe(false);
    expect(
      (await frontRows(sim)).filter((r) => r.contract.right === 'put').every((r) => r.quote.bid! > 0),
    ).toBe(true);
  });

  it('makes quotes stale, options and the underlying', async () => {
    const { sim } = market();
    sim.injectFault({ kind: 'stale', symbol: 'NVDA', ageMs: 3_600_000 });
    expect((await sim.underlyingQuote('NVDA')).flags).toContain('stale');
    for (const row of await frontRows(sim)) expect(row.flags).toContain('stale');
  });

  it('hides every third strike', async () => {
    const { sim } = market();
    const [expiry] = await sim.expirations('NVDA');
    const all = await sim.strikes('NVDA', expiry!);
    sim.injectFault({ kind: 'missing_strikes', symbol: 'NVDA', every: 3 });
    const some = await sim.strikes('NVDA', expiry!);
    expect(some).toEqual(all.filter((_, i) => i % 3 !== 1));
    const chainStrikes = new Set(
      (await sim.chain('NVDA', { expiries: [expiry!] })).rows.map((r) => r.contract.strike),
    );
    expect([...chainStrikes].sort((a, b) => a - b)).toEqual(some);
  });

  it('halts an underlying: quotes freeze and carry the flag until the halt is lifted', async () => {
    const { sim, clock } = market();
    sim.injectFault({ kind: 'halted', symbol: 'NVDA' });
    const frozen = await sim.underlyingQuote('NVDA');
    clock.advance(3_600_000);
    const still = await sim.underlyingQuote('NVDA');
    expect(still.flags).toContain('halted');
    expect(still.last).toBe(frozen.last);
    expect((await frontRows(sim)).every((r) => r.flags.includes('halted'))).toBe(true);
    sim.clearFaults('NVDA');
    const resumed = await sim.underlyingQuote('NVDA');
    expect(resumed.flags).not.toContain('halted');
    expect(resumed.time).toBeGreaterThan(still.time);
  });

  it('takes bad data from its options at start, and refuses a malformed fault', async () => {
    const { sim } = market({ badData: [{ kind: 'zero_bid', symbol: 'NVDA', scope: 'underlying' }] });
    expect((await sim.underlyingQuote('NVDA')).flags).toContain('zero_bid');
    expect(() => sim.injectFault({ kind: 'stale', symbol: 'NVDA', ageMs: -1 })).toThrow();
    expect(() => sim.injectFault({ kind: 'halted', symbol: 'MSFT' })).toThrow(MarketDataError);
  });

  it('shows a pinned quote for a contract until it is unpinned', async () => {
    const { sim } = market();
    const [row] = await frontRows(sim);
    const contract = option('NVDA', row!.contract.expiry, row!.contract.strike, row!.contract.right);
    sim.pinQuote(contract, { bid: 1.11, ask: 1.23, bidSize: 2, askSize: 3 });
    expect((await frontRows(sim))[0]?.quote).toMatchObject({ bid: 1.11, ask: 1.23, bidSize: 2, askSize: 3 });
    sim.unpinQuote(contract);
    expect((await frontRows(sim))[0]?.quote.bid).toBe(row!.quote.bid);
  });
});

describe('sim market: any symbol', () => {
  it('simulates a symbol it has no profile for, from a profile derived from its name', async () => {
    const { sim } = market({ symbols: ['ABCD'] });
    const q = await sim.underlyingQuote('ABCD');
    expect(q.last).toBe(sim.profile('ABCD').price);
    expect((await sim.chain('ABCD')).rows.length).toBeGreaterThan(500);
    expect(createSimMarket({ symbols: ['ABCD'] }, new SimulatedClock(T0)).profile('ABCD')).toEqual(
      sim.profile('ABCD'),
    );
  });
});

describe('sim market: start and clock anchor', () => {
  it('stands at its start when the clock reaches the anchor, and runs on with the clock from there', async () => {
    const later = Date.parse('2026-12-03T17:00:00Z');
    const clock = new SimulatedClock(later);
    const sim = createSimMarket(
      { symbols: ['NVDA'], startTime: '2026-03-10T15:00:00Z', clockAnchor: new Date(later).toISOString() },
      clock,
    );
    const open = Date.parse('2026-03-10T13:30:00Z'); // always_open starts at that session's 09:30 open
    expect(sim.now()).toBe(open);
    clock.advance(60_000);
    expect(sim.now()).toBe(open + 60_000);
    expect((await sim.marketClock()).time).toBe(open + 60_000);
    const real = createSimMarket(
      {
        symbols: ['NVDA'],
        calendar: 'real',
        startTime: '2026-03-10T15:00:00Z',
        clockAnchor: new Date(later).toISOString(),
      },
      new SimulatedClock(later),
    );
    expect(real.now()).toBe(T0);
  });

  it('without an anchor, a start in the past has run on since then with the clock', () => {
    const clock = new SimulatedClock(T0 + 3 * 86_400_000);
    const sim = createSimMarket({ symbols: ['NVDA'], startTime: new Date(T0).toISOString() }, clock);
    expect(sim.now()).toBeGreaterThan(T0 + 3 * 86_400_000);
  });
});
