import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './test-support/fixture.js';

let f: Fixture | null = null;

afterEach(async () => {
  await f?.close();
  f = null;
});

describe('Eastern time across daylight-saving changes, end to end', () => {
  it.each([
    ['before spring forward (EST)', '2025-03-07T11:00:00-05:00', '2025-03-07T16:00:00Z', 'v3'],
    ['after spring forward (EDT)', '2025-03-10T11:00:00-04:00', '2025-03-10T15:00:00Z', 'v3'],
    ['before fall back (EDT)', '2025-10-31T11:00:00-04:00', '2025-10-31T15:00:00Z', 'v2'],
    ['after fall back (EST)', '2025-11-03T11:00:00-05:00', '2025-11-03T16:00:00Z', 'v2'],
  ] as const)('%s: 11:00 New York on the wire is %s UTC (%s)', async (_label, start, utc, apiVersion) => {
    f = await startFixture({ start, fake: { apiVersion } });
    const u = await f.adapter.underlyingQuote('TSLA');
    expect(u.time).toBe(Date.parse(utc));
    expect(u.time).toBe((await f.sim.underlyingQuote('TSLA')).time);
    const [expiry] = await f.adapter.expirations('TSLA');
    const chain = await f.adapter.chain('TSLA', { expiries: [expiry!] });
    expect(new Set(chain.rows.map((r) => r.quote.time))).toEqual(new Set([Date.parse(utc)]));
    expect(chain.rows.every((r) => !r.flags.includes('stale'))).toBe(true);
    // The wire carries the New York wall clock, the same on both sides of the change.
    const raw = await fetch(`${f.fake.url}/v3/stock/snapshot/quote?symbol=TSLA`);
    if (apiVersion === 'v3') expect(await raw.text()).toContain(`${start.slice(0, 10)}T11:00:00,TSLA`);
  });

  it('keeps EOD dates and closes straight across the spring change', async () => {
    f = await startFixture({ start: '2025-03-06T11:00:00-05:00' });
    f.clock.setTime(Date.parse('2025-03-11T12:00:00-04:00'));
    for (const date of ['2025-03-06', '2025-03-07', '2025-03-10']) {
      expect(await f.adapter.closingPrice('TSLA', date)).toBeCloseTo(
        (await f.sim.closingPrice('TSLA', date))!,
        4,
      );
    }
    const history = await f.adapter.ivHistory('TSLA', 10);
    expect(history.map((p) => p.date)).toEqual([
      '2025-03-03',
      '2025-03-04',
      '2025-03-05',
      '2025-03-06',
      '2025-03-07',
      '2025-03-10',
      '2025-03-11',
    ]);
  });
});
