import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/domain/index.js';
import { createSimMarket } from '../../../src/market/sim/index.js';
import { FakeThetaTerminal, type FakeThetaTerminalOptions } from './index.js';
import { V2_NO_DATA } from './routes-v2.js';

let fake: FakeThetaTerminal | null = null;

async function start(
  options: Partial<Omit<FakeThetaTerminalOptions, 'market'>> = {},
  at = '2026-03-10T11:00:00-04:00',
): Promise<FakeThetaTerminal> {
  const clock = new SimulatedClock(Date.parse(at));
  const market = createSimMarket(
    { seed: 3, symbols: ['NVDA', 'TSLA'], calendar: 'real', startTime: at },
    clock,
  );
  fake = await FakeThetaTerminal.start({ market, ...options });
  return fake;
}

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function get(
  path: string,
): Promise<{ status: number; body: string; type: string | null; headers: Headers }> {
  const res = await fetch(`${fake!.url}${path}`);
  return {
    status: res.status,
    body: await res.text(),
    type: res.headers.get('content-type'),
    headers: res.headers,
  };
}

function lines(csv: string): string[] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(0, -2).split('\r\n');
}

describe('fake Theta Terminal: v3 wire formats', () => {
  it('answers CSV by default, CRLF, with each endpoint’s header row and number formats', async () => {
    const t = await start();
    const expiry = (await t.view.listedExpirations('NVDA'))[0]!.replace(/-/g, '');
    const headers: Record<string, string> = {
      [`/v3/option/snapshot/quote?symbol=NVDA&expiration=${expiry}`]:
        'timestamp,symbol,expiration,strike,right,bid_size,bid_exchange,bid,bid_condition,ask_size,ask_exchange,ask,ask_condition',
      [`/v3/option/snapshot/ohlc?symbol=NVDA&expiration=${expiry}`]:
        'timestamp,symbol,expiration,strike,right,open,high,low,close,volume,count',
      [`/v3/option/snapshot/open_interest?symbol=NVDA&expiration=${expiry}`]:
        'timestamp,symbol,expiration,strike,right,open_interest',
      [`/v3/option/snapshot/greeks/first_order?symbol=NVDA&expiration=${expiry}`]:
        'symbol,expiration,strike,right,timestamp,bid,ask,delta,theta,vega,rho,epsilon,lambda,implied_vol,iv_error,underlying_timestamp,underlying_price',
      '/v3/option/history/eod?symbol=NVDA&expiration=20260320&start_date=20260302&end_date=20260303':
        'symbol,expiration,strike,right,created,last_trade,open,high,low,close,volume,count,bid_size,bid_exchange,bid,bid_condition,ask_size,ask_exchange,ask,ask_condition',
      '/v3/stock/snapshot/quote?symbol=NVDA':
        'timestamp,symbol,bid_size,bid_exchange,bid,bid_condition,ask_size,ask_exchange,ask,ask_condition',
      '/v3/stock/snapshot/ohlc?symbol=NVDA': 'timestamp,symbol,open,high,low,close,volume,count',
      '/v3/stock/history/eod?symbol=NVDA&start_date=20260302&end_date=20260306':
        'created,last_trade,open,high,low,close,volume,count,bid_size,bid_exchange,bid,bid_condition,ask_size,ask_exchange,ask,ask_condition',
      '/v3/option/list/expirations?symbol=NVDA': 'symbol,expiration',
      [`/v3/option/list/strikes?symbol=NVDA&expiration=${expiry}`]: 'symbol,strike',
      '/v3/interest_rate/history/eod?symbol=SOFR&start_date=20260302&end_date=20260306': 'created,rate',
      '/v3/calendar/today': 'type,open,close',
      '/v3/calendar/year_holidays?year=2026': 'date,type,open,close',
      '/v3/option/list/symbols': 'symbol',
    };
    for (const [path, header] of Object.entries(headers)) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.type).toBe('text/csv');
      expect(lines(r.body)[0], path).toBe(header);
    }
    const row = lines(
      (await get(`/v3/option/snapshot/quote?symbol=NVDA&expiration=${expiry}`)).body,
    )[1]!.split(',');
    expect(row[0]).toMatch(/^2026-03-10T11:00:00$/);
    expect(row[3]).toMatch(/^\d+\.\d{3}$/);
    expect(row[4]).toMatch(/^(CALL|PUT)$/);
    expect(row[7]).toMatch(/^\d+\.\d{2}$/);
    expect(row[8]).toBe('50');
    const stock = lines((await get('/v3/stock/snapshot/quote?symbol=NVDA')).body)[1]!.split(',');
    expect(stock[4]).toMatch(/^\d+\.\d{4}$/);
    expect(lines((await get('/v3/calendar/today')).body)[1]).toBe('open,09:30:00,16:00:00');
    expect(
      lines(
        (await get('/v3/interest_rate/history/eod?symbol=SOFR&start_date=20260302&end_date=20260302')).body,
      )[1],
    ).toBe('2026-03-02,4.0000');
  });

  it('nests option JSON per contract, keeps other JSON flat, and serves legacy JSON, NDJSON and HTML on request', async () => {
    const t = await start();
    const expiry = (await t.view.listedExpirations('NVDA'))[0]!.replace(/-/g, '');
    const q = `/v3/option/snapshot/quote?symbol=NVDA&expiration=${expiry}&strike_range=1`;
    const nested = JSON.parse((await get(`${q}&format=json`)).body) as {
      response: { contract: object; data: object[] }[];
    };
    expect(nested.response).toHaveLength(6);
    expect(Object.keys(nested.response[0]!.contract).sort()).toEqual([
      'expiration',
      'right',
      'strike',
      'symbol',
    ]);
    expect(nested.response[0]!.data[0]).toHaveProperty('timestamp', '2026-03-10T11:00:00');
    expect(nested.response[0]!.data[0]).not.toHaveProperty('symbol');
    const flat = JSON.parse((await get('/v3/stock/snapshot/quote?symbol=NVDA&format=json')).body) as {
      response: object[];
    };
    expect(flat.response[0]).toHaveProperty('symbol', 'NVDA');
    const nd = (await get(`${q}&format=ndjson`)).body.split('\n');
    expect(nd).toHaveLength(6);
    expect(JSON.parse(nd[0]!)).toMatchObject({ symbol: 'NVDA', right: 'CALL' });
    expect((await get(`${q}&format=html`)).body).toMatch(/^<html>.*<th>timestamp<\/th>/);
    t.jsonShape = 'legacy';
    const legacy = JSON.parse((await get(`${q}&format=json`)).body) as {
      header: { format: string[] };
      response: unknown[][];
    };
    expect(legacy.header.format[0]).toBe('timestamp');
    expect(legacy.response[0]).toHaveLength(13);
    expect((await get(`${q}&format=xml`)).status).toBe(473);
  });

  it('filters chains by strike_range, right, strike, max_dte and min_time', async () => {
    const t = await start();
    const listed = await t.view.listedExpirations('NVDA');
    const e = listed[0]!.replace(/-/g, '');
    const count = async (query: string): Promise<number> =>
      lines((await get(`/v3/option/snapshot/quote?symbol=NVDA&${query}`)).body).length - 1;
    expect(await count(`expiration=${e}&strike_range=2`)).toBe(10);
    expect(await count(`expiration=${e}&strike_range=2&right=put`)).toBe(5);
    const strike = (await t.view.strikes('NVDA', listed[0]!))[10]!;
    expect(await count(`expiration=${e}&strike=${strike.toFixed(3)}`)).toBe(2);
    const all = await count('expiration=*');
    const near = await count('expiration=*&max_dte=10');
    expect(near).toBeLessThan(all);
    expect(near).toBeGreaterThan(0);
    expect(
      (await get(`/v3/option/snapshot/quote?symbol=NVDA&expiration=${e}&min_time=11:30:00`)).status,
    ).toBe(472);
    expect(await count(`expiration=${e}&min_time=10:59:00&strike_range=1`)).toBe(6);
  });

  it('answers bad parameters with 473 and a plain-text reason', async () => {
    await start();
    for (const path of [
      '/v3/option/snapshot/quote?expiration=*',
      '/v3/option/snapshot/quote?symbol=NVDA&expiration=next-friday',
      '/v3/option/snapshot/quote?symbol=NVDA&expiration=*&right=sideways',
      '/v3/option/snapshot/quote?symbol=NVDA&expiration=*&max_dte=-1',
      '/v3/option/snapshot/quote?symbol=NVDA&expiration=*&strike=abc',
      '/v3/option/snapshot/quote?symbol=NVDA&expiration=*&min_time=9am',
      '/v3/option/list/strikes?symbol=NVDA&expiration=*',
      '/v3/option/history/eod?symbol=NVDA&expiration=*&start_date=20260302&end_date=20260303',
      '/v3/stock/history/eod?symbol=NVDA&start_date=20260305&end_date=20260302',
      '/v3/stock/snapshot/quote?symbol=NVDA&venue=iex',
      '/v3/calendar/year_holidays',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(473);
      expect(r.type).toBe('text/plain');
      expect(r.body).toMatch(/^INVALID_PARAMS: /);
    }
  });

  it('answers 472 for no data: an unknown symbol, an unlisted expiry, snapshots on a weekend', async () => {
    await start();
    expect(await get('/v3/option/list/expirations?symbol=ZZZZ')).toMatchObject({
      status: 472,
      body: 'No data found for your request',
    });
    expect((await get('/v3/option/snapshot/quote?symbol=NVDA&expiration=19990115')).status).toBe(472);
    await fake!.close();
    await start({}, '2026-03-14T12:00:00-04:00');
    expect((await get('/v3/option/snapshot/quote?symbol=NVDA&expiration=*')).status).toBe(472);
    expect((await get('/v3/stock/snapshot/quote?symbol=NVDA')).status).toBe(472);
    expect(lines((await get('/v3/calendar/today')).body)[1]).toBe('weekend,,');
    expect(
      (await get('/v3/stock/history/eod?symbol=NVDA&start_date=20260309&end_date=20260313')).status,
    ).toBe(200);
  });

  it('gates endpoints by tier with 471 (Nasdaq Basic needs standard, UTP/CTA value, Greeks standard)', async () => {
    const t = await start({ tier: 'value' });
    expect((await get('/v3/option/snapshot/greeks/first_order?symbol=NVDA&expiration=*')).status).toBe(471);
    expect((await get('/v3/stock/snapshot/quote?symbol=NVDA')).body).toContain(
      'needs a standard subscription',
    );
    expect((await get('/v3/stock/snapshot/quote?symbol=NVDA&venue=utp_cta')).status).toBe(200);
    t.tier = 'free';
    expect((await get('/v3/option/snapshot/quote?symbol=NVDA&expiration=*')).status).toBe(471);
    expect((await get('/v3/calendar/year_holidays?year=2026')).status).toBe(471);
    expect((await get('/v3/option/list/expirations?symbol=NVDA')).status).toBe(200);
    expect(
      (
        await get(
          '/v3/option/history/eod?symbol=NVDA&expiration=20260320&start_date=20260302&end_date=20260302',
        )
      ).status,
    ).toBe(200);
  });

  it('answers 410 to v2 paths and to a v2-style root parameter, 404 to unknown paths', async () => {
    await start();
    expect(await get('/v2/list/expirations?root=NVDA')).toMatchObject({ status: 410, type: 'text/plain' });
    expect((await get('/v3/option/list/expirations?root=NVDA')).status).toBe(410);
    expect((await get('/v3/option/nonsense')).status).toBe(404);
    expect((await get('/favicon.ico')).status).toBe(404);
  });

  it('plays a terminal that is not logged in: 474 on data, DISCONNECTED on the status endpoints', async () => {
    const t = await start({ loggedIn: false });
    expect((await get('/v3/option/list/expirations?symbol=NVDA')).status).toBe(474);
    expect((await get('/v3/terminal/mdds/status')).body).toBe('DISCONNECTED');
    t.loggedIn = true;
    expect((await get('/v3/terminal/mdds/status')).body).toBe('CONNECTED');
    expect((await get('/v3/terminal/fpss/status')).body).toBe('CONNECTED');
  });

  it('serves the tier’s outstanding requests, queues the next ones and answers 429 beyond the queue', async () => {
    const t = await start({ tier: 'value', queueSize: 3 });
    t.pause();
    const requests = Array.from({ length: 7 }, () => get('/v3/option/list/expirations?symbol=NVDA'));
    expect(await t.waitFor(() => t.inFlight === 2 && t.queued === 3 && t.rejected === 2)).toBe(true);
    t.resume();
    const statuses = (await Promise.all(requests)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(t.peakInFlight).toBe(2);
  });

  it('replays an always-open market as live for stand-alone demos (shifted stamps, open calendar)', async () => {
    await start({ liveShiftMs: () => 3_600_000, alwaysOpenCalendar: true });
    expect(lines((await get('/v3/stock/snapshot/quote?symbol=NVDA')).body)[1]).toMatch(
      /^2026-03-10T12:00:00,NVDA/,
    );
    expect(lines((await get('/v3/calendar/today')).body)[1]).toBe('open,00:00:00,23:59:59');
  });

  it('injects faults and hangs on demand', async () => {
    const t = await start();
    t.failNext(571, { times: 2, body: 'SERVER_STARTING' });
    expect((await get('/v3/calendar/today')).status).toBe(571);
    expect((await get('/v3/calendar/today')).body).toBe('SERVER_STARTING');
    expect((await get('/v3/calendar/today')).status).toBe(200);
    t.hang(/calendar/);
    const controller = new AbortController();
    const hung = fetch(`${t.url}/v3/calendar/today`, { signal: controller.signal }).catch((e: unknown) => e);
    expect(await t.waitFor(() => t.inFlight === 1)).toBe(true);
    controller.abort();
    expect(await hung).toBeInstanceOf(Error);
    expect(await t.waitFor(() => t.inFlight === 0)).toBe(true);
  });
});

describe('fake Theta Terminal: v2', () => {
  it('speaks v2 units and shapes: int dates, strikes in tenths of a cent, "null" header strings, bulk ticks', async () => {
    const t = await start({ apiVersion: 'v2' });
    const exps = JSON.parse((await get('/v2/list/expirations?root=NVDA')).body) as {
      header: Record<string, unknown>;
      response: number[];
    };
    expect(exps.header).toMatchObject({ error_type: 'null', next_page: 'null', format: ['date'] });
    expect(exps.response.every((d) => Number.isInteger(d) && d > 20_000_000)).toBe(true);
    const e = (await t.view.listedExpirations('NVDA'))[0]!;
    const strikes = JSON.parse((await get(`/v2/list/strikes?root=NVDA&exp=${e.replace(/-/g, '')}`)).body) as {
      response: number[];
    };
    expect(strikes.response).toEqual((await t.view.strikes('NVDA', e)).map((k) => Math.round(k * 1000)));
    const bulk = JSON.parse(
      (await get(`/v2/bulk_snapshot/option/quote?root=NVDA&exp=${e.replace(/-/g, '')}`)).body,
    ) as {
      header: { format: string[] };
      response: {
        ticks: number[][];
        contract: { root: string; expiration: number; strike: number; right: string };
      }[];
    };
    expect(bulk.header.format).toEqual([
      'ms_of_day',
      'bid_size',
      'bid_exchange',
      'bid',
      'bid_condition',
      'ask_size',
      'ask_exchange',
      'ask',
      'ask_condition',
      'date',
    ]);
    expect(bulk.response[0]!.contract.right).toMatch(/^[CP]$/);
    expect(bulk.response[0]!.ticks[0]![0]).toBe(39_600_000);
    expect(bulk.response[0]!.ticks[0]![9]).toBe(20260310);
    expect(await get('/v2/list/expirations?root=ZZZZ')).toMatchObject({ status: 472, body: V2_NO_DATA });
    expect((await get('/v3/option/list/expirations?symbol=NVDA')).status).toBe(404);
    expect((await get('/v2/system/mdds/status')).body).toBe('CONNECTED');
    expect((await get('/v2/bulk_snapshot/option/quote?root=NVDA&exp=0')).status).toBe(200);
    t.tier = 'standard';
    expect((await get('/v2/bulk_snapshot/option/quote?root=NVDA&exp=0')).status).toBe(471);
  });

  it('pages long answers: next_page in JSON, Next-Page in CSV, 477 for a page gone', async () => {
    const t = await start({ apiVersion: 'v2', v2PageSize: 2 });
    const first = JSON.parse((await get('/v2/list/expirations?root=NVDA')).body) as {
      header: { next_page: string };
      response: number[];
    };
    expect(first.response).toHaveLength(2);
    const next = new URL(first.header.next_page);
    expect(next.host).toBe(`127.0.0.1:${t.port}`);
    const second = JSON.parse((await get(next.pathname)).body) as { response: number[] };
    expect(second.response[0]).toBeGreaterThan(first.response[1]!);
    expect((await get(next.pathname)).status).toBe(477);
    const csv = await get('/v2/list/expirations?root=NVDA&use_csv=true');
    expect(csv.body.split('\n')[0]).toBe('date');
    expect(csv.headers.get('next-page')).toMatch(/\/v2\/page\/\d+$/);
    const stock = await get('/v2/snapshot/stock/quote?root=NVDA&use_csv=true');
    expect(stock.headers.get('next-page')).toBe('null');
  });
});
