import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketDataError } from '../index.js';
import { ThetaTerminalError } from './errors.js';
import { createThetaDataMarket } from './index.js';
import { SteppingClock, startFixture, type Fixture, type FixtureOptions } from './test-support/fixture.js';

let f: Fixture | null = null;

async function fixture(options: FixtureOptions = {}): Promise<Fixture> {
  f = await startFixture(options);
  return f;
}

afterEach(async () => {
  await f?.close();
  f = null;
});

async function failure(promise: Promise<unknown>): Promise<ThetaTerminalError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ThetaTerminalError);
    return error as ThetaTerminalError;
  }
  throw new Error('expected a ThetaTerminalError, the call succeeded');
}

/** A port on 127.0.0.1 with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Theta Terminal errors', () => {
  it('says the terminal is not running when nothing listens (ECONNREFUSED), naming host and port', async () => {
    const port = await closedPort();
    const md = createThetaDataMarket(
      {
        source: 'thetadata',
        url: `http://127.0.0.1:${port}`,
        apiVersion: 'v3',
        tier: 'free',
        timeout: 1000,
        symbols: ['NVDA'],
        staleAfter: 60_000,
        maxRetries: 3,
      },
      { clock: new SteppingClock(0) },
    );
    const error = await failure(md.expirations('NVDA'));
    expect(error.terminalCode).toBe('NOT_RUNNING');
    expect(error.reason).toBe('UNAVAILABLE');
    expect(error.message).toContain(`Theta Terminal is not running at 127.0.0.1:${port}`);
    expect(md.client.stats.requests).toBe(1);
    await md.close();
  });

  it('names the endpoint and the tier it needs on 471, and does not retry', async () => {
    const fx = await fixture({ fake: { tier: 'free' }, adapter: { tier: 'free' } });
    const error = await failure(fx.adapter.chain('NVDA'));
    expect(error.status).toBe(471);
    expect(error.reason).toBe('PERMISSION');
    expect(error.message).toMatch(
      /ThetaData \/v3\/(option|stock)\/snapshot\/(quote|ohlc|open_interest)\?symbol=NVDA/,
    );
    expect(error.message).toContain('needs the value subscription or higher (configured tier: free)');
    expect(fx.adapter.client.stats.retries).toBe(0);
  });

  it('degrades when the account has less than configured: no ThetaData Greeks, delayed stock venue (471s)', async () => {
    const fx = await fixture({ fake: { tier: 'value' }, adapter: { tier: 'pro' } });
    const expiry = (await fx.adapter.expirations('TSLA'))[0]!;
    const chain = await fx.adapter.chain('TSLA', { expiries: [expiry] });
    expect(fx.fake.requestsTo('/v3/option/snapshot/greeks/first_order')[0]!.status).toBe(471);
    expect(fx.fake.requestsTo('/v3/stock/snapshot/quote').map((r) => [r.status, r.query.venue])).toEqual([
      [471, undefined],
      [200, 'utp_cta'],
    ]);
    await fx.adapter.underlyingQuote('TSLA');
    expect(fx.fake.requestsTo('/v3/stock/snapshot/quote')[2]!.query.venue).toBe('utp_cta');
    expect(chain.rows.some((r) => r.iv !== null)).toBe(true);
    expect(chain.rows.every((r) => r.vendor?.iv === null)).toBe(true);
  });

  it('reads 472 NO_DATA as an empty result: an unknown symbol, not a failure of the terminal', async () => {
    const fx = await fixture();
    const error = await fx.adapter.expirations('ZZZZ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketDataError);
    expect((error as MarketDataError).reason).toBe('UNKNOWN_SYMBOL');
    expect(fx.fake.requestsTo('/v3/option/list/expirations')[0]!.status).toBe(472);
    expect(fx.adapter.client.stats.retries).toBe(0);
  });

  it('does not retry 473 INVALID_PARAMS and quotes the terminal’s text', async () => {
    const fx = await fixture();
    fx.fake.failNext(473, {
      body: "INVALID_PARAMS: 'symbol' is not a symbol",
      path: '/v3/option/list/expirations',
    });
    const error = await failure(fx.adapter.expirations('NVDA'));
    expect(error.terminalCode).toBe('INVALID_PARAMS');
    expect(error.message).toContain('/v3/option/list/expirations?symbol=NVDA: 473 INVALID_PARAMS');
    expect(error.message).toContain("'symbol' is not a symbol");
    expect(fx.fake.requestsTo('/v3/option/list/expirations')).toHaveLength(1);
  });

  it.each([429, 474, 571])(
    'retries %i with doubling backoff and succeeds when the terminal recovers',
    async (status) => {
      const fx = await fixture({ tuning: { backoffMs: 250 } });
      fx.fake.failNext(status, { times: 2, path: '/v3/option/list/expirations' });
      expect((await fx.adapter.expirations('NVDA')).length).toBeGreaterThan(0);
      expect(fx.fake.requestsTo('/v3/option/list/expirations').map((r) => r.status)).toEqual([
        status,
        status,
        200,
      ]);
      expect(fx.clock.sleeps).toEqual([250, 500]);
      expect(fx.adapter.client.stats.retries).toBe(2);
    },
  );

  it('gives up after maxRetries and says the terminal is not logged in (474, mdds DISCONNECTED)', async () => {
    const fx = await fixture({
      fake: { loggedIn: false },
      adapter: { maxRetries: 2 },
      tuning: { backoffMs: 100, maxBackoffMs: 150 },
    });
    const error = await failure(fx.adapter.expirations('NVDA'));
    expect(error.status).toBe(474);
    expect(error.retryable).toBe(true);
    expect(error.reason).toBe('UNAVAILABLE');
    expect(error.message).toContain('not connected to ThetaData');
    expect(error.message).toContain('mdds status: DISCONNECTED');
    expect(fx.fake.requestsTo('/v3/option/list/expirations')).toHaveLength(3);
    expect(fx.clock.sleeps).toEqual([100, 150]);
    expect(await fx.adapter.terminalStatus()).toBe('DISCONNECTED');
  });

  it('says "switch to v3" when a v3 terminal answers a v2 path with 410', async () => {
    const fx = await fixture({ adapter: { apiVersion: 'v2' } });
    const error = await failure(fx.adapter.expirations('NVDA'));
    expect(error.status).toBe(410);
    expect(error.message).toContain('switch to v3: set marketData.apiVersion to "v3"');
    expect(fx.fake.requests[0]!.path).toBe('/v2/list/expirations');
  });

  it('says the endpoint is unknown when a v2 terminal is asked v3 paths (404)', async () => {
    const fx = await fixture({ fake: { apiVersion: 'v2' }, adapter: { apiVersion: 'v3' } });
    const error = await failure(fx.adapter.expirations('NVDA'));
    expect(error.terminalCode).toBe('NO_IMPL');
    expect(error.message).toContain('does not know this endpoint');
  });

  it('names 570, 572 and unknown statuses, and reports an unreadable body as BAD_RESPONSE', async () => {
    const fx = await fixture();
    fx.fake.failNext(570, { path: '/v3/option/list/expirations' });
    expect((await failure(fx.adapter.expirations('NVDA'))).terminalCode).toBe('LARGE_REQUEST');
    fx.fake.failNext(572, { path: '/v3/option/list/expirations' });
    expect((await failure(fx.adapter.expirations('NVDA'))).terminalCode).toBe('UNCAUGHT_ERROR');
    fx.fake.failNext(599, { path: '/v3/option/list/expirations' });
    expect((await failure(fx.adapter.expirations('NVDA'))).terminalCode).toBe('HTTP_ERROR');
    fx.fake.failNext(200, { body: 'foo,bar\r\n1,2\r\n', path: '/v3/option/list/expirations' });
    const bad = await failure(fx.adapter.expirations('NVDA'));
    expect(bad.reason).toBe('BAD_RESPONSE');
    expect(bad.message).toContain('no "expiration" column');
    fx.fake.failNext(200, { body: 'expiration\r\n"2026-03-20\r\n', path: '/v3/option/list/expirations' });
    expect((await failure(fx.adapter.expirations('NVDA'))).message).toContain('quoted field is never closed');
    fx.fake.failNext(200, { body: 'expiration\r\nsoon\r\n', path: '/v3/option/list/expirations' });
    expect((await failure(fx.adapter.expirations('NVDA'))).message).toContain(
      'row 1, column "expiration": expected a date',
    );
  });

  it('reads a v2 error caught in a 200 header: NO_DATA as empty, anything else as an error', async () => {
    const fx = await fixture({ fake: { apiVersion: 'v2' } });
    const header = (type: string) =>
      JSON.stringify({
        header: { error_type: type, error_msg: 'from the header', next_page: 'null', format: ['date'] },
        response: [],
      });
    fx.fake.failNext(200, { body: header('NO_DATA'), path: '/v2/list/expirations' });
    await expect(fx.adapter.expirations('NVDA')).rejects.toMatchObject({ reason: 'UNKNOWN_SYMBOL' });
    fx.fake.failNext(200, { body: header('INVALID_PARAMS'), path: '/v2/list/expirations' });
    const error = await failure(fx.adapter.expirations('TSLA'));
    expect(error.message).toContain('the terminal reported INVALID_PARAMS: from the header');
  });

  it('stops at a page that has gone (477 NO_PAGE_FOUND)', async () => {
    const fx = await fixture({ fake: { apiVersion: 'v2', v2PageSize: 5 } });
    fx.fake.failNext(477, { path: /^\/v2\/page\//, body: 'NO_PAGE_FOUND' });
    const error = await failure(fx.adapter.expirations('NVDA'));
    expect(error.terminalCode).toBe('NO_PAGE_FOUND');
    expect(error.message).toContain('/v2/list/expirations?root=NVDA (page 2): 477 NO_PAGE_FOUND');
  });

  it('times out a request the terminal never answers, on the injected clock', async () => {
    const fx = await fixture({ adapter: { timeout: 2_000 } });
    fx.fake.hang('/v3/option/list/expirations');
    const pending = fx.adapter.expirations('NVDA').catch((e: unknown) => e);
    expect(await fx.fake.waitFor(() => fx.fake.requestsTo('/v3/option/list/expirations').length === 1)).toBe(
      true,
    );
    fx.clock.advance(1_999);
    fx.clock.advance(1);
    const error = (await pending) as ThetaTerminalError;
    expect(error).toBeInstanceOf(ThetaTerminalError);
    expect(error.terminalCode).toBe('TIMEOUT');
    expect(error.reason).toBe('TIMEOUT');
    expect(error.message).toContain('within 2000 ms');
  });

  it('aborts requests under way on close() and refuses new ones', async () => {
    const fx = await fixture();
    fx.fake.hang('/v3/option/list/expirations');
    const pending = fx.adapter.expirations('NVDA').catch((e: unknown) => e);
    expect(await fx.fake.waitFor(() => fx.fake.requests.length === 1)).toBe(true);
    await fx.adapter.close();
    expect(await pending).toMatchObject({ reason: 'UNAVAILABLE' });
    await expect(fx.adapter.underlyingQuote('NVDA')).rejects.toMatchObject({ reason: 'UNAVAILABLE' });
  });
});

describe('concurrency held to the tier', () => {
  it.each([
    ['free', 1],
    ['value', 2],
    ['standard', 4],
    ['pro', 8],
  ] as const)('%s: at most %i requests outstanding, the rest wait in the client', async (tier, limit) => {
    const fx = await fixture({ fake: { tier, queueSize: 0 } });
    const expiries = (await fx.adapter.expirations('TSLA')).slice(0, 12);
    fx.fake.pause();
    // Twelve strike lists (a free endpoint) asked at once.
    const work = Promise.all(expiries.map((e) => fx.adapter.strikes('TSLA', e)));
    work.catch(() => undefined);
    expect(await fx.fake.waitFor(() => fx.fake.inFlight === limit)).toBe(true);
    // Give more requests the chance to (wrongly) arrive.
    await new Promise((r) => setTimeout(r, 30));
    expect(fx.fake.inFlight).toBe(limit);
    expect(fx.adapter.client.slots.inUse).toBe(limit);
    expect(fx.adapter.client.slots.queued).toBe(12 - limit);
    fx.fake.resume();
    expect((await work).every((strikes) => strikes.length > 10)).toBe(true);
    expect(fx.fake.peakInFlight).toBe(limit);
    expect(fx.fake.rejected).toBe(0);
    expect(fx.adapter.client.slots.peak).toBe(limit);
  });

  it('retries the 429 of a terminal whose queue is full (an account shared with another client)', async () => {
    const fx = await fixture({
      fake: { tier: 'value', concurrency: 1, queueSize: 0 },
      tuning: { backoffMs: 40 },
    });
    fx.clock.autoStep = false;
    fx.fake.pause();
    const both = Promise.all([fx.adapter.api.stockQuote('TSLA'), fx.adapter.api.stockOhlc('TSLA')]);
    both.catch(() => undefined);
    // One is held by the terminal, the other finds the queue full.
    expect(await fx.fake.waitFor(() => fx.fake.inFlight === 1 && fx.fake.rejected === 1)).toBe(true);
    expect(await fx.fake.waitFor(() => fx.clock.sleeps.length === 1)).toBe(true);
    fx.fake.resume();
    expect(await fx.fake.waitFor(() => fx.fake.inFlight === 0)).toBe(true);
    fx.clock.advance(40);
    const [quote, ohlc] = await both;
    expect(quote).toHaveLength(1);
    expect(ohlc).toHaveLength(1);
    const statuses = fx.fake.requests.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    expect(fx.adapter.client.stats.retries).toBe(1);
  });
});
