import { describe, expect, it } from 'vitest';
import {
  calendarClockAt,
  holidays,
  isEarlyClose,
  isTradingDay,
  sessionAtOrBefore,
  sessionOn,
} from './calendar.js';

describe('exchange calendar', () => {
  it('knows the 2026 NYSE holidays, with observed dates', () => {
    expect([...holidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('does not observe a Saturday New Year on the Friday before', () => {
    expect(holidays(2022).has('2021-12-31')).toBe(false);
    expect(isTradingDay('2021-12-31')).toBe(true);
  });

  it('closes at 13:00 New York on the early-close days', () => {
    expect(isEarlyClose('2026-11-27')).toBe(true);
    expect(isEarlyClose('2026-12-24')).toBe(true);
    expect(isEarlyClose('2025-07-03')).toBe(true);
    expect(isEarlyClose('2026-07-02')).toBe(false);
    expect(sessionOn('2026-11-27')?.close).toBe(Date.parse('2026-11-27T18:00:00Z'));
  });

  it('opens at 09:30 New York across daylight saving', () => {
    expect(sessionOn('2026-01-05')?.open).toBe(Date.parse('2026-01-05T14:30:00Z'));
    expect(sessionOn('2026-07-06')?.open).toBe(Date.parse('2026-07-06T13:30:00Z'));
    expect(sessionOn('2026-03-14')).toBeNull();
  });

  it('finds the latest session and the state of the exchange at any instant', () => {
    const saturday = Date.parse('2026-03-14T18:00:00Z');
    expect(sessionAtOrBefore(saturday).date).toBe('2026-03-13');
    expect(calendarClockAt(saturday)).toEqual({
      isOpen: false,
      nextOpen: Date.parse('2026-03-16T13:30:00Z'),
      nextClose: Date.parse('2026-03-16T20:00:00Z'),
      earlyClose: false,
    });
    const tuesday = Date.parse('2026-03-10T15:00:00Z');
    expect(calendarClockAt(tuesday)).toMatchObject({
      isOpen: true,
      nextOpen: Date.parse('2026-03-10T13:30:00Z'),
    });
    const earlyMorning = Date.parse('2026-03-10T12:00:00Z');
    expect(calendarClockAt(earlyMorning)).toMatchObject({
      isOpen: false,
      nextOpen: Date.parse('2026-03-10T13:30:00Z'),
    });
  });
});
