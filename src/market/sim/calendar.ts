/**
 * The US equity (NYSE/Nasdaq) calendar by rule: full holidays with their observance rules and the
 * 13:00 early closes. Good for any year from 2000 on; dates are `YYYY-MM-DD` in New York.
 */
import { addDays, nyDate, nyToEpoch, weekday } from '../../domain/index.js';

/** One regular session. Times are epoch ms UTC. */
export interface Session {
  /** `YYYY-MM-DD`, New York. */
  readonly date: string;
  readonly open: number;
  readonly close: number;
  readonly earlyClose: boolean;
}

function ymd(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The n-th (1-based) given weekday of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, dow: number, n: number): string {
  if (n > 0) {
    const first = weekday(ymd(year, month, 1));
    return ymd(year, month, 1 + ((dow - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekday(ymd(year, month, lastDay));
  return ymd(year, month, lastDay - ((last - dow + 7) % 7));
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** A fixed-date holiday moved off the weekend: Saturday → Friday, Sunday → Monday. */
function observed(date: string): string {
  const dow = weekday(date);
  if (dow === 6) return addDays(date, -1);
  if (dow === 0) return addDays(date, 1);
  return date;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** Full-day exchange holidays of a year. */
export function holidays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = new Set<string>();
  // New Year's Day: a Saturday New Year is not observed on the Friday before (NYSE rule 7.2).
  const newYear = ymd(year, 1, 1);
  if (weekday(newYear) !== 6) days.add(observed(newYear));
  days.add(nthWeekday(year, 1, 1, 3)); // Martin Luther King Jr. Day
  days.add(nthWeekday(year, 2, 1, 3)); // Washington's Birthday
  days.add(addDays(easter(year), -2)); // Good Friday
  days.add(nthWeekday(year, 5, 1, -1)); // Memorial Day
  if (year >= 2022) days.add(observed(ymd(year, 6, 19))); // Juneteenth
  days.add(observed(ymd(year, 7, 4)));
  days.add(nthWeekday(year, 9, 1, 1)); // Labor Day
  days.add(nthWeekday(year, 11, 4, 4)); // Thanksgiving
  days.add(observed(ymd(year, 12, 25)));
  holidayCache.set(year, days);
  return days;
}

export function isTradingDay(date: string): boolean {
  const dow = weekday(date);
  if (dow === 0 || dow === 6) return false;
  return !holidays(Number(date.slice(0, 4))).has(date);
}

/** 13:00 closes: the day before Independence Day, the day after Thanksgiving, Christmas Eve. */
export function isEarlyClose(date: string): boolean {
  if (!isTradingDay(date)) return false;
  const year = Number(date.slice(0, 4));
  if (date === ymd(year, 7, 3)) return true;
  if (date === addDays(nthWeekday(year, 11, 4, 4), 1)) return true;
  return date === ymd(year, 12, 24);
}

/** The session on a date, or null when the exchange is closed that day. */
export function sessionOn(date: string): Session | null {
  if (!isTradingDay(date)) return null;
  const earlyClose = isEarlyClose(date);
  return { date, open: nyToEpoch(date, 9, 30), close: nyToEpoch(date, earlyClose ? 13 : 16), earlyClose };
}

/** The first trading day on or after `date`. */
export function nextTradingDay(date: string): string {
  let d = date;
  while (!isTradingDay(d)) d = addDays(d, 1);
  return d;
}

/** The last trading day on or before `date`. */
export function previousTradingDay(date: string): string {
  let d = date;
  while (!isTradingDay(d)) d = addDays(d, -1);
  return d;
}

/** The latest session that opened at or before `epochMs`. */
export function sessionAtOrBefore(epochMs: number): Session {
  let date = previousTradingDay(nyDate(epochMs));
  let session = sessionOn(date)!;
  if (session.open > epochMs) {
    date = previousTradingDay(addDays(date, -1));
    session = sessionOn(date)!;
  }
  return session;
}

/** The session after the one on `date` (whether or not `date` is itself a trading day). */
export function sessionAfter(date: string): Session {
  return sessionOn(nextTradingDay(addDays(date, 1)))!;
}

/** Exchange state at an instant by the real calendar. */
export function calendarClockAt(epochMs: number): {
  isOpen: boolean;
  nextOpen: number;
  nextClose: number;
  earlyClose: boolean;
} {
  const current = sessionAtOrBefore(epochMs);
  if (epochMs < current.close) {
    return { isOpen: true, nextOpen: current.open, nextClose: current.close, earlyClose: current.earlyClose };
  }
  const next = sessionAfter(current.date);
  return { isOpen: false, nextOpen: next.open, nextClose: next.close, earlyClose: next.earlyClose };
}
