/**
 * Exchange-calendar arithmetic the checks repeat for every leg, memoised: the time-zone conversion
 * behind it (`Intl`) costs more than a whole check.
 */
import { MS_PER_YEAR, expiryEpochMs, nyDate } from '../../domain/index.js';

const expiries = new Map<string, number>();
let lastDay: { time: number; date: string } | null = null;

/** Years from `now` to an option's expiry (16:00 New York), as `yearsToExpiry`. */
export function yearsUntil(expiry: string, now: number): number {
  let at = expiries.get(expiry);
  if (at === undefined) {
    if (expiries.size > 10_000) expiries.clear();
    at = expiryEpochMs(expiry);
    expiries.set(expiry, at);
  }
  return (at - now) / MS_PER_YEAR;
}

/** `nyDate(time)`, remembering the last answer (the checks ask about one instant). */
export function marketDate(time: number): string {
  if (lastDay?.time !== time) lastDay = { time, date: nyDate(time) };
  return lastDay.date;
}
