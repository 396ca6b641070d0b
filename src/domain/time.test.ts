import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  expiryEpochMs,
  nyDate,
  nyToEpoch,
  weekday,
  yearsToExpiry,
  MS_PER_YEAR,
} from './time.js';

describe('New York time at the edges', () => {
  it('puts a winter 16:00 close at 21:00 UTC and a summer one at 20:00 UTC', () => {
    expect(new Date(expiryEpochMs('2026-12-18')).toISOString()).toBe('2026-12-18T21:00:00.000Z');
    expect(new Date(expiryEpochMs('2026-07-17')).toISOString()).toBe('2026-07-17T20:00:00.000Z');
  });

  it('handles the days DST starts and ends', () => {
    // 2026-03-08: clocks jump 02:00 -> 03:00 EDT; 09:30 is EDT (UTC-4).
    expect(new Date(nyToEpoch('2026-03-08', 9, 30)).toISOString()).toBe('2026-03-08T13:30:00.000Z');
    // 2026-11-01: clocks fall back; 09:30 is EST (UTC-5).
    expect(new Date(nyToEpoch('2026-11-01', 9, 30)).toISOString()).toBe('2026-11-01T14:30:00.000Z');
  });

  it('reads the New York date of an instant near midnight UTC', () => {
    expect(nyDate(Date.parse('2026-11-25T03:00:00Z'))).toBe('2026-11-24');
    expect(nyDate(Date.parse('2026-11-25T06:00:00Z'))).toBe('2026-11-25');
  });

  it('measures years to expiry ACT/365', () => {
    const now = expiryEpochMs('2026-12-18') - MS_PER_YEAR / 2;
    expect(yearsToExpiry('2026-12-18', now)).toBeCloseTo(0.5, 12);
  });

  it('does date arithmetic on YYYY-MM-DD', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2026-11-24', '2026-12-18')).toBe(24);
    expect(weekday('2026-11-24')).toBe(2);
  });
});
