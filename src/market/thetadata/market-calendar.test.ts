import { describe, expect, it } from 'vitest';
import { nyToEpoch } from '../../domain/index.js';
import { marketClockAt, sessionOnDate } from './market-calendar.js';
import type { CalendarYearRecord } from './terminal-api.js';

const HOLIDAYS = new Map<string, CalendarYearRecord>([
  ['2026-11-26', { date: '2026-11-26', type: 'full_close', open: null, close: null }],
  ['2026-11-27', { date: '2026-11-27', type: 'early_close', open: '09:30:00', close: '13:00:00' }],
  ['2026-12-25', { date: '2026-12-25', type: 'full_close', open: null, close: null }],
]);

describe('market clock from the terminal calendar', () => {
  it('is open during a regular session', () => {
    const now = nyToEpoch('2026-03-10', 11, 0);
    expect(marketClockAt(now, { type: 'open', open: '09:30:00', close: '16:00:00' }, HOLIDAYS)).toEqual({
      time: now,
      isOpen: true,
      nextOpen: nyToEpoch('2026-03-10', 9, 30),
      nextClose: nyToEpoch('2026-03-10', 16, 0),
      earlyClose: false,
    });
  });

  it('before the open points at today, after the close at the next weekday', () => {
    const early = nyToEpoch('2026-03-10', 8, 0);
    expect(marketClockAt(early, null, HOLIDAYS)).toMatchObject({
      isOpen: false,
      nextOpen: nyToEpoch('2026-03-10', 9, 30),
    });
    const friday = nyToEpoch('2026-03-13', 17, 0);
    expect(marketClockAt(friday, null, HOLIDAYS)).toMatchObject({
      isOpen: false,
      nextOpen: nyToEpoch('2026-03-16', 9, 30),
    });
  });

  it('skips holidays and knows early closes', () => {
    const wednesday = nyToEpoch('2026-11-25', 17, 0);
    expect(marketClockAt(wednesday, null, HOLIDAYS)).toEqual({
      time: wednesday,
      isOpen: false,
      nextOpen: nyToEpoch('2026-11-27', 9, 30),
      nextClose: nyToEpoch('2026-11-27', 13, 0),
      earlyClose: true,
    });
    expect(sessionOnDate('2026-12-25', null, HOLIDAYS)).toBeNull();
    expect(sessionOnDate('2026-12-25', null, null)).not.toBeNull();
  });

  it('lets today’s schedule win (an early close without the holiday list; a closed weekday)', () => {
    const now = nyToEpoch('2026-12-24', 12, 0);
    expect(
      marketClockAt(now, { type: 'early_close', open: '09:30:00', close: '13:00:00' }, null),
    ).toMatchObject({
      isOpen: true,
      nextClose: nyToEpoch('2026-12-24', 13, 0),
      earlyClose: true,
    });
    const closed = nyToEpoch('2026-11-26', 12, 0);
    expect(marketClockAt(closed, { type: 'full_close', open: null, close: null }, null)).toMatchObject({
      isOpen: false,
      nextOpen: nyToEpoch('2026-11-27', 9, 30),
    });
  });
});
