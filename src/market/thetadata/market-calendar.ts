/**
 * The exchange session state from ThetaData's calendar: today's schedule (`/calendar/today`, any
 * tier) and the year's closures and early closes (`/calendar/year_holidays`, value and up). Without
 * the holiday list (free tier, v2) every weekday counts as a regular 09:30–16:00 session.
 */
import { addDays, nyDate, nyToEpoch, weekday } from '../../domain/index.js';
import { MarketDataError, type MarketClock } from '../index.js';
import type { CalendarDayRecord, CalendarYearRecord } from './terminal-api.js';

interface Session {
  readonly open: number;
  readonly close: number;
  readonly earlyClose: boolean;
}

function clockTime(text: string | null, fallback: [number, number]): [number, number] {
  const m = text === null ? null : /^(\d{1,2}):(\d{2})/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : fallback;
}

function sessionFrom(date: string, type: string, open: string | null, close: string | null): Session | null {
  if (type !== 'open' && type !== 'early_close') return null;
  const [oh, om] = clockTime(open, [9, 30]);
  const [ch, cm] = clockTime(close, type === 'early_close' ? [13, 0] : [16, 0]);
  return {
    open: nyToEpoch(date, oh, om),
    close: nyToEpoch(date, ch, cm),
    earlyClose: type === 'early_close',
  };
}

/** The session on a date by the records we have (today's schedule wins for today). */
export function sessionOnDate(
  date: string,
  today: { readonly date: string; readonly record: CalendarDayRecord } | null,
  holidays: ReadonlyMap<string, CalendarYearRecord> | null,
): Session | null {
  if (today !== null && today.date === date)
    return sessionFrom(date, today.record.type, today.record.open, today.record.close);
  const dow = weekday(date);
  if (dow === 0 || dow === 6) return null;
  const h = holidays?.get(date);
  if (h) return sessionFrom(date, h.type, h.open, h.close);
  return sessionFrom(date, 'open', null, null);
}

/** Session state at `now`: open now, or the next session's open and close. */
export function marketClockAt(
  now: number,
  today: CalendarDayRecord | null,
  holidays: ReadonlyMap<string, CalendarYearRecord> | null,
): MarketClock {
  const date = nyDate(now);
  const todays = today === null ? null : { date, record: today };
  for (let i = 0; i < 15; i++) {
    const d = addDays(date, i);
    const s = sessionOnDate(d, todays, holidays);
    if (s === null || now >= s.close) continue;
    return {
      time: now,
      isOpen: now >= s.open,
      nextOpen: s.open,
      nextClose: s.close,
      earlyClose: s.earlyClose,
    };
  }
  throw new MarketDataError(
    'BAD_RESPONSE',
    `thetadata: the calendar shows no session in the 15 days from ${date}`,
  );
}
