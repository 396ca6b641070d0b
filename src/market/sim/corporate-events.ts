/** Earnings and ex-dividend dates of a simulated underlying, by its profile's schedule. */
import { nyToEpoch } from '../../domain/index.js';
import { nextTradingDay, sessionAfter } from './calendar.js';
import type { UnderlyingProfile } from './profiles.js';

export interface EarningsEvent {
  /** The report's date, `YYYY-MM-DD`. */
  readonly date: string;
  /** The open at which the price gaps (epoch ms): that day's for before-open, the next for after-close. */
  readonly gapAt: number;
  readonly moveStdev: number;
}

export interface DividendEvent {
  /** Ex-dividend date, `YYYY-MM-DD`; the price drops by `amount` at that day's open. */
  readonly exDate: string;
  readonly amount: number;
  /** The ex-date's open, epoch ms. */
  readonly exAt: number;
}

function onOrAfter(year: number, month: number, day: number): string {
  return nextTradingDay(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

const earningsCache = new WeakMap<UnderlyingProfile, Map<number, readonly EarningsEvent[]>>();
const dividendCache = new WeakMap<UnderlyingProfile, Map<number, readonly DividendEvent[]>>();

function perYear<T>(
  cache: WeakMap<UnderlyingProfile, Map<number, readonly T[]>>,
  profile: UnderlyingProfile,
  year: number,
  make: () => T[],
): readonly T[] {
  let byYear = cache.get(profile);
  if (!byYear) cache.set(profile, (byYear = new Map<number, readonly T[]>()));
  let list = byYear.get(year);
  if (!list) byYear.set(year, (list = make()));
  return list;
}

function earningsOfYear(profile: UnderlyingProfile, year: number): readonly EarningsEvent[] {
  return perYear(earningsCache, profile, year, () =>
    profile.earnings.months.map((month) => {
      const date = onOrAfter(year, month, profile.earnings.day);
      const gapAt =
        profile.earnings.timing === 'before_open' ? nyToEpoch(date, 9, 30) : sessionAfter(date).open;
      return { date, gapAt, moveStdev: profile.earnings.moveStdev };
    }),
  );
}

function dividendsOfYear(profile: UnderlyingProfile, year: number): readonly DividendEvent[] {
  const schedule = profile.dividend;
  if (!schedule) return [];
  return perYear(dividendCache, profile, year, () =>
    schedule.months.map((month) => {
      const exDate = onOrAfter(year, month, schedule.day);
      return { exDate, amount: schedule.amount, exAt: nyToEpoch(exDate, 9, 30) };
    }),
  );
}

function yearsAround(fromMs: number, toMs: number): number[] {
  const years: number[] = [];
  for (let y = new Date(fromMs).getUTCFullYear() - 1; y <= new Date(toMs).getUTCFullYear(); y++)
    years.push(y);
  return years;
}

/** Earnings reports whose price gap falls in [fromMs, toMs), ascending. */
export function earningsBetween(profile: UnderlyingProfile, fromMs: number, toMs: number): EarningsEvent[] {
  return yearsAround(fromMs, toMs)
    .flatMap((y) => earningsOfYear(profile, y))
    .filter((e) => e.gapAt >= fromMs && e.gapAt < toMs);
}

/** Ex-dividend dates whose open falls in [fromMs, toMs), ascending. */
export function dividendsBetween(profile: UnderlyingProfile, fromMs: number, toMs: number): DividendEvent[] {
  return yearsAround(fromMs, toMs)
    .flatMap((y) => dividendsOfYear(profile, y))
    .filter((d) => d.exAt >= fromMs && d.exAt < toMs);
}
