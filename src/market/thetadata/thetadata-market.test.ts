import { afterEach, describe, expect, it } from 'vitest';
import { contractKey, nyToEpoch } from '../../domain/index.js';
import { startFixture, type Fixture, type FixtureOptions } from './test-support/fixture.js';

let f: Fixture | null = null;

async function fixture(options: FixtureOptions = {}): Promise<Fixture> {
  f = await startFixture(options);
  return f;
}

afterEach(async () => {
  await f?.close();
  f = null;
});

function paths(fx: Fixture): string[] {
  return fx.fake.requests.map((r) => r.path);
}

describe('ThetaData adapter against the fake terminal (v3)', () => {
  it('quotes the underlying exactly as the simulated market does, from /stock/snapshot/quote and /ohlc', async () => {
    const fx = await fixture();
    const [ours, sim] = await Promise.all([
      fx.adapter.underlyingQuote('TSLA'),
      fx.sim.underlyingQuote('TSLA'),
    ]);
    expect(ours).toEqual({ ...sim, flags: [] });
    expect(paths(fx)).toEqual(
      expect.arrayContaining(['/v3/stock/snapshot/quote', '/v3/stock/snapshot/ohlc']),
    );
    // Pro accounts get Nasdaq Basic (the default venue); nothing else is asked.
    expect(fx.fake.requestsTo('/v3/stock/snapshot/quote')[0]!.query).toEqual({
      symbol: 'TSLA',
      format: 'csv',
    });
  });

  it('asks value accounts for the delayed UTP/CTA venue (Nasdaq Basic needs standard)', async () => {
    const fx = await fixture({ fake: { tier: 'value' } });
    await fx.adapter.underlyingQuote('TSLA');
    expect(fx.fake.requestsTo('/v3/stock/snapshot/quote')[0]!.query.venue).toBe('utp_cta');
  });

  it('lists the unexpired expirations of /option/list/expirations (which lists past ones too)', async () => {
    const fx = await fixture();
    const listed = await fx.adapter.expirations('NVDA');
    expect(listed).toEqual(await fx.sim.expirations('NVDA'));
    const all = await fx.fake.view.allExpirations('NVDA');
    expect(all.length).toBeGreaterThan(listed.length);
    // Asked once per New York day.
    await fx.adapter.expirations('NVDA');
    expect(fx.fake.requestsTo('/v3/option/list/expirations')).toHaveLength(1);
  });

  it('sorts the strikes /option/list/strikes sends unsorted, in dollars', async () => {
    const fx = await fixture();
    const [expiry] = await fx.adapter.expirations('NVDA');
    const strikes = await fx.adapter.strikes('NVDA', expiry!);
    expect(strikes).toEqual(await fx.sim.strikes('NVDA', expiry!));
    expect(fx.fake.requestsTo('/v3/option/list/strikes')[0]!.query).toMatchObject({
      symbol: 'NVDA',
      expiration: expiry!.replace(/-/g, ''),
    });
  });

  it('fetches a whole chain in one request per endpoint and matches the sim row for row, IV and Greeks included', async () => {
    const fx = await fixture();
    const [ours, sim] = await Promise.all([fx.adapter.chain('TSLA'), fx.sim.chain('TSLA')]);
    for (const p of ['quote', 'ohlc', 'open_interest', 'greeks/first_order']) {
      const asked = fx.fake.requestsTo(`/v3/option/snapshot/${p}`);
      expect(asked).toHaveLength(1);
      expect(asked[0]!.query).toMatchObject({ symbol: 'TSLA', expiration: '*' });
    }
    expect(ours.rows.length).toBe(sim.rows.length);
    expect(ours.rows.length).toBeGreaterThan(1000);
    expect(ours.time).toBe(sim.time);
    expect(ours.rate).toBeCloseTo(sim.rate, 12);
    expect(ours.underlying).toEqual(sim.underlying);
    ours.rows.forEach((row, i) => {
      const s = sim.rows[i]!;
      expect(contractKey(row.contract)).toBe(contractKey(s.contract));
      expect(row.contract).toEqual(s.contract);
      expect(row.quote).toEqual(s.quote);
      expect(row.volume).toBe(s.volume);
      expect(row.openInterest).toBe(s.openInterest);
      expect(row.flags).toEqual(s.flags);
      if (s.iv === null) expect(row.iv).toBeNull();
      else expect(row.iv).toBeCloseTo(s.iv, 10);
      if (s.greeks !== null) {
        expect(row.greeks!.delta).toBeCloseTo(s.greeks.delta, 9);
        expect(row.greeks!.vega).toBeCloseTo(s.greeks.vega, 7);
        // ThetaData's own numbers, in our units (their theta per day ×365; vega and rho per 1.00 as sent).
        expect(row.vendor!.iv!).toBeCloseTo(s.iv!, 3);
        expect(row.vendor!.greeks!.delta!).toBeCloseTo(s.greeks.delta, 3);
        expect(row.vendor!.greeks!.vega!).toBeCloseTo(s.greeks.vega, 3);
        expect(row.vendor!.greeks!.rho!).toBeCloseTo(s.greeks.rho, 3);
        expect(row.vendor!.greeks!.theta!).toBeCloseTo(s.greeks.theta, 1);
      }
    });
  });

  it('does not ask for ThetaData Greeks below the standard tier, and rows then carry no vendor numbers', async () => {
    const fx = await fixture({ fake: { tier: 'value' } });
    const chain = await fx.adapter.chain('TSLA');
    expect(fx.fake.requestsTo('/v3/option/snapshot/greeks/first_order')).toHaveLength(0);
    expect(chain.rows.every((r) => r.vendor === undefined && r.iv !== undefined)).toBe(true);
  });

  it('asks one expiration by date, and narrows to a moneyness window as the sim does', async () => {
    const fx = await fixture();
    const expiries = await fx.adapter.expirations('TSLA');
    const expiry = expiries[3]!;
    const ours = await fx.adapter.chain('TSLA', { expiries: [expiry], moneynessWindow: 0.1 });
    const sim = await fx.sim.chain('TSLA', { expiries: [expiry], moneynessWindow: 0.1 });
    expect(ours.rows.map((r) => contractKey(r.contract))).toEqual(
      sim.rows.map((r) => contractKey(r.contract)),
    );
    expect(fx.fake.requestsTo('/v3/option/snapshot/quote')[0]!.query.expiration).toBe(
      expiry.replace(/-/g, ''),
    );
  });

  it('asks expiration=* with max_dte when several expirations are wanted', async () => {
    const fx = await fixture();
    const expiries = (await fx.adapter.expirations('TSLA')).slice(0, 3);
    const chain = await fx.adapter.chain('TSLA', { expiries });
    expect(new Set(chain.rows.map((r) => r.contract.expiry))).toEqual(new Set(expiries));
    const q = fx.fake.requestsTo('/v3/option/snapshot/quote')[0]!.query;
    expect(q.expiration).toBe('*');
    expect(Number(q.max_dte)).toBeGreaterThan(0);
  });

  it('reads the risk-free rate from SOFR (percent) once per day', async () => {
    const fx = await fixture({ fake: { sofrPercent: 3.66 } });
    const chain = await fx.adapter.chain('TSLA', { expiries: [(await fx.adapter.expirations('TSLA'))[0]!] });
    expect(chain.rate).toBeCloseTo(0.0366, 12);
    await fx.adapter.chain('TSLA', { expiries: [(await fx.adapter.expirations('TSLA'))[1]!] });
    expect(fx.fake.requestsTo('/v3/interest_rate/history/eod')).toHaveLength(1);
  });

  it('rebuilds the 30-day ATM IV history from EOD reports, close to the sim’s own series, plus today from the live chain', async () => {
    const fx = await fixture();
    const ours = await fx.adapter.ivHistory('TSLA', 120);
    const sim = new Map((await fx.sim.ivHistory('TSLA', 120)).map((p) => [p.date, p.iv] as const));
    expect(ours.length).toBeGreaterThan(75);
    for (const p of ours.slice(0, -1)) expect(p.iv).toBeCloseTo(sim.get(p.date)!, 2);
    expect(ours[ours.length - 1]!.date).toBe('2026-03-10');
    expect(fx.fake.requestsTo('/v3/stock/history/eod')).toHaveLength(1);
    const eod = fx.fake.requestsTo('/v3/option/history/eod');
    expect(eod.length).toBeGreaterThan(10);
    expect(eod.every((r) => r.query.strike_range === '3' && r.query.expiration !== '*')).toBe(true);
    // Completed days are kept: a second call asks only for the live point.
    const before = fx.fake.requests.length;
    const again = await fx.adapter.ivHistory('TSLA', 120);
    expect(again).toEqual(ours);
    expect(fx.fake.requests.slice(before).some((r) => r.path.includes('/history/'))).toBe(false);
  });

  it('reports the market clock from the terminal calendar, early closes and holidays included', async () => {
    const open = await fixture();
    expect(await open.adapter.marketClock()).toEqual(await open.sim.marketClock());
    await open.close();
    // The Friday after Thanksgiving closes at 13:00; at 14:00 the next session is Monday's.
    const late = await fixture({ start: '2026-11-27T14:00:00-05:00' });
    const clock = await late.adapter.marketClock();
    expect(clock).toEqual(await late.sim.marketClock());
    expect(clock.isOpen).toBe(false);
    expect(clock.nextOpen).toBe(nyToEpoch('2026-11-30', 9, 30));
    expect(late.fake.requestsTo('/v3/calendar/year_holidays').length).toBeGreaterThan(0);
  });

  it('falls back to weekdays on the free tier (no holiday list), still honouring today from /calendar/today', async () => {
    const fx = await fixture({ start: '2026-12-24T15:00:00-05:00', fake: { tier: 'free' } });
    const clock = await fx.adapter.marketClock();
    expect(clock.isOpen).toBe(false);
    expect(fx.fake.requestsTo('/v3/calendar/year_holidays')).toHaveLength(0);
    // Christmas Eve closes at 13:00 (from today's schedule); without the holiday list Christmas looks open.
    expect(clock.nextOpen).toBe(nyToEpoch('2026-12-25', 9, 30));
  });

  it('gives a past session’s close from /stock/history/eod, null before the report exists', async () => {
    const fx = await fixture();
    expect(await fx.adapter.closingPrice('TSLA', '2026-03-10')).toBeNull();
    fx.clock.setTime(Date.parse('2026-03-11T12:00:00-04:00'));
    const close = await fx.adapter.closingPrice('TSLA', '2026-03-10');
    expect(close).not.toBeNull();
    expect(close).toBeCloseTo((await fx.sim.closingPrice('TSLA', '2026-03-10'))!, 4);
  });

  it('flags stale, zero-bid, crossed and halted quotes from the wire', async () => {
    const fx = await fixture();
    const expiries = await fx.adapter.expirations('TSLA');
    fx.sim.injectFault({ kind: 'stale', symbol: 'TSLA', scope: 'both', ageMs: 10 * 60_000 });
    const stale = await fx.adapter.chain('TSLA', { expiries: [expiries[0]!] });
    expect(stale.underlying.flags).toContain('stale');
    expect(stale.rows.every((r) => r.flags.includes('stale'))).toBe(true);
    fx.sim.clearFaults();
    fx.clock.advance(60_000);
    fx.sim.injectFault({ kind: 'zero_bid', symbol: 'TSLA', expiry: expiries[1]!, scope: 'options' });
    fx.sim.injectFault({ kind: 'crossed', symbol: 'TSLA', expiry: expiries[2]!, scope: 'options' });
    const faulty = await fx.adapter.chain('TSLA', { expiries: [expiries[1]!, expiries[2]!] });
    const zero = faulty.rows.filter((r) => r.contract.expiry === expiries[1]);
    expect(zero.every((r) => r.quote.bid === 0 && r.flags.includes('zero_bid'))).toBe(true);
    const crossed = faulty.rows.filter((r) => r.contract.expiry === expiries[2]);
    expect(crossed.every((r) => r.flags.includes('crossed') && r.iv === null)).toBe(true);
    fx.sim.clearFaults();
    fx.clock.advance(60_000);
    fx.sim.injectFault({ kind: 'halted', symbol: 'TSLA' });
    const halted = await fx.adapter.chain('TSLA', { expiries: [expiries[0]!] });
    expect(halted.underlying.flags).toContain('halted');
    expect(halted.rows.every((r) => r.flags.includes('halted'))).toBe(true);
  });

  it('gives the same chain from CSV, nested JSON, legacy JSON and NDJSON bodies', async () => {
    const chains = [];
    for (const [format, jsonShape] of [
      ['csv', 'nested'],
      ['json', 'nested'],
      ['json', 'legacy'],
      ['ndjson', 'nested'],
    ] as const) {
      const fx = await fixture({ fake: { jsonShape }, tuning: { format } });
      const expiries = (await fx.adapter.expirations('TSLA')).slice(0, 2);
      chains.push(await fx.adapter.chain('TSLA', { expiries }));
      expect(fx.fake.requestsTo('/v3/option/snapshot/quote')[0]!.query.format).toBe(format);
      await fx.close();
      f = null;
    }
    for (const c of chains.slice(1)) expect(c).toEqual(chains[0]);
  });

  it('says there is no snapshot on a weekend instead of returning an empty chain', async () => {
    const fx = await fixture({ start: '2026-03-14T12:00:00-04:00' });
    await expect(fx.adapter.chain('TSLA')).rejects.toMatchObject({ reason: 'NO_DATA' });
    await expect(fx.adapter.underlyingQuote('TSLA')).rejects.toMatchObject({ reason: 'NO_DATA' });
    await expect(fx.adapter.underlyingQuote('ZZZZ')).rejects.toMatchObject({ reason: 'UNKNOWN_SYMBOL' });
    // EOD history works on weekends.
    expect((await fx.adapter.ivHistory('TSLA', 30)).length).toBeGreaterThan(15);
  });

  it('returns a chain without rows for an empty expiry list and refuses a non-positive moneyness window', async () => {
    const fx = await fixture();
    expect((await fx.adapter.chain('TSLA', { expiries: [] })).rows).toEqual([]);
    await expect(fx.adapter.chain('TSLA', { moneynessWindow: 0 })).rejects.toMatchObject({
      reason: 'NO_DATA',
    });
    await expect(fx.adapter.ivHistory('TSLA', 0)).rejects.toMatchObject({ reason: 'NO_DATA' });
  });

  it('reports its source and configured symbols', async () => {
    const fx = await fixture();
    expect(fx.adapter.source).toBe('thetadata');
    expect(fx.adapter.symbols()).toEqual(['NVDA', 'TSLA']);
  });
});

describe('ThetaData adapter against the fake terminal (v2)', () => {
  it('reads v2 units (tenths of a cent, C/P, ms_of_day) into the same chain as v3', async () => {
    const v3 = await fixture();
    const expiries = (await v3.adapter.expirations('TSLA')).slice(0, 2);
    const a = await v3.adapter.chain('TSLA', { expiries });
    await v3.close();
    const v2 = await fixture({ fake: { apiVersion: 'v2', tier: 'standard' } });
    const b = await v2.adapter.chain('TSLA', { expiries });
    expect(b).toEqual(a);
    // Standard accounts cannot ask exp=0 (pro): one bulk request per expiration.
    const asked = v2.fake.requestsTo('/v2/bulk_snapshot/option/quote');
    expect(asked.map((r) => r.query.exp)).toEqual(expiries.map((e) => e.replace(/-/g, '')).sort());
    expect(asked[0]!.query.root).toBe('TSLA');
  });

  it('asks exp=0 for the whole chain on pro, and follows next_page across pages', async () => {
    const fx = await fixture({ fake: { apiVersion: 'v2', tier: 'pro', v2PageSize: 150 } });
    const [ours, sim] = await Promise.all([fx.adapter.chain('TSLA'), fx.sim.chain('TSLA')]);
    expect(ours.rows.map((r) => contractKey(r.contract))).toEqual(
      sim.rows.map((r) => contractKey(r.contract)),
    );
    expect(fx.fake.requestsTo('/v2/bulk_snapshot/option/quote')[0]!.query.exp).toBe('0');
    expect(fx.fake.requestsTo(/^\/v2\/page\//).length).toBeGreaterThan(
      4 * Math.floor(sim.rows.length / 150) - 4,
    );
  });

  it('reads v2 CSV (use_csv=true) with contract columns at the end, paging by the Next-Page header', async () => {
    const json = await fixture({ fake: { apiVersion: 'v2', tier: 'pro' } });
    const expiries = (await json.adapter.expirations('TSLA')).slice(0, 3);
    const a = await json.adapter.chain('TSLA', { expiries });
    await json.close();
    const csv = await fixture({
      fake: { apiVersion: 'v2', tier: 'pro', v2PageSize: 40 },
      tuning: { format: 'csv' },
    });
    const b = await csv.adapter.chain('TSLA', { expiries });
    expect(b).toEqual(a);
    expect(csv.fake.requestsTo('/v2/list/expirations')[0]!.query.use_csv).toBe('true');
    expect(csv.fake.requestsTo(/^\/v2\/page\//).length).toBeGreaterThan(10);
  });

  it('uses the v2 list, stock, EOD and status endpoints', async () => {
    const fx = await fixture({ fake: { apiVersion: 'v2', tier: 'pro' } });
    const [expiry] = await fx.adapter.expirations('NVDA');
    expect(await fx.adapter.strikes('NVDA', expiry!)).toEqual(await fx.sim.strikes('NVDA', expiry!));
    expect(await fx.adapter.underlyingQuote('TSLA')).toEqual({
      ...(await fx.sim.underlyingQuote('TSLA')),
      flags: [],
    });
    expect((await fx.adapter.ivHistory('TSLA', 20)).length).toBeGreaterThan(10);
    expect(await fx.adapter.api.mddsStatus()).toBe('CONNECTED');
    const clock = await fx.adapter.marketClock();
    expect(clock.isOpen).toBe(true);
    expect(paths(fx)).toEqual(
      expect.arrayContaining([
        '/v2/list/expirations',
        '/v2/list/strikes',
        '/v2/snapshot/stock/quote',
        '/v2/snapshot/stock/ohlc',
        '/v2/hist/stock/eod',
        '/v2/bulk_hist/option/eod',
        '/v2/system/mdds/status',
      ]),
    );
  });
});
