import { describe, expect, it } from 'vitest';
import { expiryEpochMs, MS_PER_YEAR, nyToEpoch } from '../../domain/index.js';
import { blackScholesPrice } from '../../quant/index.js';
import {
  atmIv,
  bracketingExpiries,
  eodPlan,
  interpolateToHorizon,
  ivSeries,
  thirtyDayIv,
} from './iv-history.js';
import type { OptionEodRecord } from './terminal-api.js';

const FRIDAYS = [
  '2026-03-13',
  '2026-03-20',
  '2026-03-27',
  '2026-04-02',
  '2026-04-10',
  '2026-04-17',
  '2026-04-24',
];

/** EOD rows of one expiration on a day, priced at `vol` (flat smile), mid exactly the model price. */
function eod(date: string, expiry: string, spot: number, vol: number, rate: number): OptionEodRecord[] {
  const years = (expiryEpochMs(expiry) - nyToEpoch(date, 16)) / MS_PER_YEAR;
  const rows: OptionEodRecord[] = [];
  for (const strike of [spot - 5, spot, spot + 5]) {
    for (const right of ['call', 'put'] as const) {
      const p = blackScholesPrice({
        spot,
        strike,
        timeYears: years,
        rate,
        dividendYield: 0,
        volatility: vol,
        right,
      });
      rows.push({
        symbol: 'X',
        expiration: expiry,
        strike,
        right,
        created: nyToEpoch(date, 17, 15),
        close: p,
        volume: 1,
        bid: p - 0.05,
        ask: p + 0.05,
      });
    }
  }
  return rows;
}

describe('30-day ATM IV from EOD reports', () => {
  it('picks the last expiry within 7..30 days and the first beyond 30', () => {
    expect(bracketingExpiries('2026-03-02', FRIDAYS)).toEqual({ near: '2026-03-27', far: '2026-04-02' });
    expect(bracketingExpiries('2026-03-10', FRIDAYS)).toEqual({ near: '2026-04-02', far: '2026-04-10' });
    expect(bracketingExpiries('2026-04-20', FRIDAYS)).toEqual({ near: null, far: null });
  });

  it('plans one EOD request per expiration, spanning the days it serves', () => {
    const plan = eodPlan(['2026-03-02', '2026-03-03', '2026-03-10'], FRIDAYS);
    // 2026-03-03 is 30 days before 2026-04-02: that is its near side from then on.
    expect(plan).toEqual(
      new Map([
        ['2026-03-27', { from: '2026-03-02', to: '2026-03-02' }],
        ['2026-04-02', { from: '2026-03-02', to: '2026-03-10' }],
        ['2026-04-10', { from: '2026-03-03', to: '2026-03-10' }],
      ]),
    );
  });

  it('recovers a flat vol from prices made with it, and interpolates total variance to 30 days', () => {
    const date = '2026-03-10';
    const rows = eod(date, '2026-04-02', 100, 0.3, 0.04);
    expect(atmIv(date, '2026-04-02', rows, 100, 0.04)).toBeCloseTo(0.3, 6);
    const day = {
      date,
      spot: 100,
      rate: 0.04,
      near: { expiry: '2026-04-02', rows },
      far: { expiry: '2026-04-10', rows: eod(date, '2026-04-10', 100, 0.3, 0.04) },
    };
    expect(thirtyDayIv(day)).toBeCloseTo(0.3, 6);
    // A term structure: 20 % at 23 days, 40 % at 31 days → between, nearer the far one at 30 days.
    const iv = interpolateToHorizon({ t: 23 / 365, iv: 0.2 }, { t: 31 / 365, iv: 0.4 })!;
    expect(iv).toBeGreaterThan(0.35);
    expect(iv).toBeLessThan(0.4);
    expect(interpolateToHorizon(null, { t: 0.1, iv: 0.25 })).toBe(0.25);
    expect(interpolateToHorizon(null, null)).toBeNull();
  });

  it('skips strikes without a usable quote and days without any IV, oldest first', () => {
    const date = '2026-03-10';
    const rows = eod(date, '2026-04-02', 100, 0.3, 0.04).map((r) =>
      r.strike === 100 ? { ...r, bid: null } : r,
    );
    expect(atmIv(date, '2026-04-02', rows, 100, 0.04)).toBeCloseTo(0.3, 6);
    const series = ivSeries([
      {
        date: '2026-03-11',
        spot: 100,
        rate: 0.04,
        near: { expiry: '2026-04-02', rows: eod('2026-03-11', '2026-04-02', 100, 0.25, 0.04) },
        far: null,
      },
      {
        date: '2026-03-10',
        spot: 100,
        rate: 0.04,
        near: { expiry: '2026-04-02', rows: eod(date, '2026-04-02', 100, 0.3, 0.04) },
        far: null,
      },
      { date: '2026-03-09', spot: 100, rate: 0.04, near: null, far: null },
    ]);
    expect(series.map((p) => p.date)).toEqual(['2026-03-10', '2026-03-11']);
    expect(series[1]!.iv).toBeCloseTo(0.25, 6);
  });
});
