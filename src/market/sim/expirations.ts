/**
 * Listed expirations as in the US: Friday weeklies eight weeks out, third-Friday monthlies nine
 * months out, quarterlies fifteen months out and January LEAPS about two years out. An expiry
 * whose Friday is a holiday moves to the Thursday before.
 */
import { addDays, daysBetween, expiryEpochMs, nyDate, weekday } from '../../domain/index.js';
import { isTradingDay, previousTradingDay } from './calendar.js';

export type ExpiryKind = 'weekly' | 'monthly' | 'quarterly' | 'leap';

const closeCache = new Map<string, number>();

/** When an expiry stops trading (16:00 New York), cached: the time-zone arithmetic is slow. */
export function expiryClose(expiry: string): number {
  let at = closeCache.get(expiry);
  if (at === undefined) closeCache.set(expiry, (at = expiryEpochMs(expiry)));
  return at;
}

/** Calendar days before expiry at which each kind is listed. */
export const LISTING_WINDOW_DAYS: Readonly<Record<ExpiryKind, number>> = {
  weekly: 56,
  monthly: 270,
  quarterly: 460,
  leap: 800,
};

/** The expiration date for a Friday: the Friday, or the trading day before when it is a holiday. */
function expiryForFriday(friday: string): string {
  return isTradingDay(friday) ? friday : previousTradingDay(friday);
}

function thirdFriday(year: number, month: number): string {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const offset = (5 - weekday(first) + 7) % 7;
  return addDays(first, offset + 14);
}

/** What kind of expiry a date is (by the rules above), or null when it is not one. */
export function expiryKind(expiry: string): ExpiryKind | null {
  const year = Number(expiry.slice(0, 4));
  const month = Number(expiry.slice(5, 7));
  const third = thirdFriday(year, month);
  if (expiryForFriday(third) === expiry) {
    if (month === 1) return 'leap';
    if (month % 3 === 0) return 'quarterly';
    return 'monthly';
  }
  const dow = weekday(expiry);
  const friday = dow === 5 ? expiry : dow === 4 ? addDays(expiry, 1) : null;
  if (friday && expiryForFriday(friday) === expiry) return 'weekly';
  return null;
}

/** Expirations listed at an instant (an expiry stays listed until its 16:00 close), ascending. */
export function listedExpirations(nowEpochMs: number): string[] {
  const today = nyDate(nowEpochMs);
  const out = new Set<string>();
  const live = (expiry: string, kind: ExpiryKind): boolean =>
    expiryClose(expiry) > nowEpochMs && daysBetween(today, expiry) <= LISTING_WINDOW_DAYS[kind];

  let friday = addDays(today, (5 - weekday(today) + 7) % 7);
  for (let i = 0; i <= 9; i++, friday = addDays(friday, 7)) {
    const expiry = expiryForFriday(friday);
    if (live(expiry, 'weekly')) out.add(expiry);
  }
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  for (let k = 0; k < 30; k++) {
    const y = year + Math.floor((month - 1 + k) / 12);
    const m = ((month - 1 + k) % 12) + 1;
    const expiry = expiryForFriday(thirdFriday(y, m));
    const kind = expiryKind(expiry);
    if (!kind) continue;
    // A monthly is also listed under the wider window of its kind; every kind lists as a monthly too.
    if (live(expiry, kind) || live(expiry, 'monthly')) out.add(expiry);
  }
  return [...out].sort();
}
