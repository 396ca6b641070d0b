import { describe, expect, it } from 'vitest';
import { compactDate, nyInstant, parseNyTimestamp, parseWireDate, v2Instant } from './ny-time.js';

describe('New York wall time from the terminal', () => {
  it('converts across the spring DST change (EST -5 before, EDT -4 after)', () => {
    expect(parseNyTimestamp('2025-03-07T10:00:00')).toBe(Date.parse('2025-03-07T15:00:00Z'));
    expect(parseNyTimestamp('2025-03-10T10:00:00')).toBe(Date.parse('2025-03-10T14:00:00Z'));
    // The change day itself (a Sunday) goes through the slow, exact path.
    expect(parseNyTimestamp('2025-03-09T01:30:00')).toBe(Date.parse('2025-03-09T06:30:00Z'));
    expect(parseNyTimestamp('2025-03-09T03:30:00')).toBe(Date.parse('2025-03-09T07:30:00Z'));
  });

  it('converts across the autumn DST change', () => {
    expect(parseNyTimestamp('2025-10-31T16:00:00')).toBe(Date.parse('2025-10-31T20:00:00Z'));
    expect(parseNyTimestamp('2025-11-03T16:00:00')).toBe(Date.parse('2025-11-03T21:00:00Z'));
    expect(parseNyTimestamp('2025-11-02T12:00:00')).toBe(Date.parse('2025-11-02T17:00:00Z'));
  });

  it('reads fractions of any length as fractions of a second, a space separator, and no seconds', () => {
    expect(parseNyTimestamp('2025-08-20T16:10:04.43')).toBe(Date.parse('2025-08-20T20:10:04.430Z'));
    expect(parseNyTimestamp('2025-08-20T15:59:59.805')).toBe(Date.parse('2025-08-20T19:59:59.805Z'));
    expect(parseNyTimestamp('2025-08-20T15:59:59.8051239')).toBe(Date.parse('2025-08-20T19:59:59.805Z'));
    expect(parseNyTimestamp('2025-08-20 06:30:13')).toBe(Date.parse('2025-08-20T10:30:13Z'));
    expect(parseNyTimestamp('2025-08-20T09:30')).toBe(Date.parse('2025-08-20T13:30:00Z'));
  });

  it('refuses what is not a time', () => {
    for (const bad of [
      '',
      'soon',
      '2025-02-30T10:00:00',
      '2025-08-20T24:00:00',
      '2025-08-20T10:61:00',
      '2025-08-20T10:00:00Z',
    ]) {
      expect(parseNyTimestamp(bad)).toBeNull();
    }
  });

  it('reads v2 date + ms_of_day on both sides of a DST change', () => {
    expect(v2Instant('2025-03-07', 34_200_000)).toBe(Date.parse('2025-03-07T14:30:00Z'));
    expect(v2Instant('2025-03-10', 34_200_000)).toBe(Date.parse('2025-03-10T13:30:00Z'));
    expect(v2Instant('2025-11-03', 57_599_925)).toBe(Date.parse('2025-11-03T20:59:59.925Z'));
  });

  it('agrees with the domain helper on every hour of a year', () => {
    for (let day = 0; day < 365; day += 7) {
      const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
      for (const hour of [0, 9, 16, 23]) {
        const stamp = `${date}T${String(hour).padStart(2, '0')}:15:00`;
        expect(parseNyTimestamp(stamp)).toBe(nyInstant(date, hour, 15, 0, 0));
      }
    }
  });

  it('reads dates in both spellings and writes the compact one', () => {
    expect(parseWireDate('2026-01-16')).toBe('2026-01-16');
    expect(parseWireDate('20260116')).toBe('2026-01-16');
    expect(parseWireDate(20260116)).toBe('2026-01-16');
    expect(parseWireDate(' 2025-11-04')).toBe('2025-11-04');
    expect(parseWireDate('2026-02-30')).toBeNull();
    expect(parseWireDate('Jan 16')).toBeNull();
    expect(compactDate('2026-01-16')).toBe('20260116');
  });
});
