import { describe, expect, it } from 'vitest';
import { MarketDataError } from '../index.js';
import { absent, latestReports, orNull, SofrRates } from './history-book.js';
import type { OptionEodRecord, RateRecord, TerminalApi } from './terminal-api.js';

function report(created: string, close: number): OptionEodRecord {
  return {
    symbol: 'X',
    expiration: '2026-04-17',
    strike: 100,
    right: 'call',
    created: Date.parse(created),
    close,
    volume: 1,
    bid: 1,
    ask: 1.1,
  };
}

function sofrApi(rows: RateRecord[] | null, error?: Error): TerminalApi {
  return {
    sofr: () => (error ? Promise.reject(error) : Promise.resolve(rows)),
  } as unknown as TerminalApi;
}

describe('history book', () => {
  it('keeps the latest EOD report of a contract per day (v2 sent two reports for one date)', () => {
    const rows = [
      report('2025-01-03T22:15:00Z', 1),
      report('2025-01-03T22:45:00Z', 2),
      report('2025-01-06T22:15:00Z', 3),
    ];
    expect(latestReports(rows).map((r) => r.close)).toEqual([2, 3]);
  });

  it('takes SOFR percent as a decimal, the last print on or before each date, else the fallback', async () => {
    const rates = new SofrRates(
      sofrApi([
        { created: '2026-03-05', rate: 3.91 },
        { created: '2026-03-02', rate: 4.0 },
      ]),
      0.05,
    );
    const on = await rates.history('2026-03-01', '2026-03-10');
    expect(on('2026-03-01')).toBe(0.05);
    expect(on('2026-03-03')).toBeCloseTo(0.04, 12);
    expect(on('2026-03-09')).toBeCloseTo(0.0391, 12);
    expect(await new SofrRates(sofrApi(null), 0.05).on('2026-03-10')).toBe(0.05);
    const denied = new MarketDataError('PERMISSION', 'no');
    expect(await new SofrRates(sofrApi(null, denied), 0.03).on('2026-03-10')).toBe(0.03);
    await expect(
      new SofrRates(sofrApi(null, new MarketDataError('UNAVAILABLE', 'down')), 0.03).on('2026-03-10'),
    ).rejects.toThrow('down');
  });

  it('treats NO_DATA and PERMISSION as absent data and everything else as a failure', async () => {
    expect(absent(new MarketDataError('NO_DATA', 'x'))).toBe(true);
    expect(absent(new MarketDataError('TIMEOUT', 'x'))).toBe(false);
    expect(absent(new Error('x'))).toBe(false);
    expect(await orNull(Promise.reject(new MarketDataError('PERMISSION', 'x')))).toBeNull();
  });
});
