/**
 * Daily 30-day at-the-money implied volatility from ThetaData's end-of-day reports (the series IV
 * rank needs). ThetaData has no IV index for single names, so each day is rebuilt from the options:
 * the two expirations around 30 days, the strike nearest that day's close, IV from the EOD quote's
 * mid (call and put averaged), interpolated in total variance to exactly 30 days.
 */
import { daysBetween, MS_PER_YEAR, nyToEpoch, type OptionChain } from '../../domain/index.js';
import { analyticsMid, rowAnalytics } from '../chain-analytics.js';
import { expiryClose } from './ny-time.js';
import type { IvHistoryPoint } from '../index.js';
import type { OptionEodRecord } from './terminal-api.js';

export const HORIZON_DAYS = 30;
/** Nearer expirations are too noisy to anchor the short side of the interpolation. */
export const MIN_NEAR_DAYS = 7;

/** The expirations that bracket the horizon on a date: the last at or under it, the first over it. */
export function bracketingExpiries(
  date: string,
  expirations: readonly string[],
): { near: string | null; far: string | null } {
  let near: string | null = null;
  let far: string | null = null;
  for (const e of expirations) {
    const dte = daysBetween(date, e);
    if (dte >= MIN_NEAR_DAYS && dte <= HORIZON_DAYS && (near === null || e > near)) near = e;
    if (dte > HORIZON_DAYS && (far === null || e < far)) far = e;
  }
  return { near, far };
}

/** Which dates each expiration's EOD reports are needed for: one request per expiration covers them. */
export function eodPlan(
  dates: readonly string[],
  expirations: readonly string[],
): Map<string, { from: string; to: string }> {
  const plan = new Map<string, { from: string; to: string }>();
  for (const date of dates) {
    const { near, far } = bracketingExpiries(date, expirations);
    for (const e of [near, far]) {
      if (e === null) continue;
      const span = plan.get(e);
      if (!span) plan.set(e, { from: date, to: date });
      else plan.set(e, { from: date < span.from ? date : span.from, to: date > span.to ? date : span.to });
    }
  }
  return plan;
}

export interface DayInputs {
  readonly date: string;
  /** The underlying's close that day. */
  readonly spot: number;
  readonly rate: number;
  /** EOD records of that day, of the near and far expirations (others are ignored). */
  readonly near: { readonly expiry: string; readonly rows: readonly OptionEodRecord[] } | null;
  readonly far: { readonly expiry: string; readonly rows: readonly OptionEodRecord[] } | null;
}

/** ATM IV of one expiration on a day (16:00 New York), or null when nothing there has an IV. */
export function atmIv(
  date: string,
  expiry: string,
  rows: readonly OptionEodRecord[],
  spot: number,
  rate: number,
): number | null {
  const strikes = [...new Set(rows.map((r) => r.strike))].sort(
    (a, b) => Math.abs(a - spot) - Math.abs(b - spot) || a - b,
  );
  const years = (expiryClose(expiry) - nyToEpoch(date, 16)) / MS_PER_YEAR;
  for (const strike of strikes.slice(0, 3)) {
    const ivs: number[] = [];
    for (const r of rows) {
      if (r.strike !== strike || r.bid === null || r.ask === null || !(r.ask > 0)) continue;
      const { iv } = rowAnalytics({
        spot,
        rate,
        dividendYield: 0,
        timeYears: years,
        strike,
        right: r.right,
        mid: analyticsMid({ bid: r.bid, ask: r.ask }),
      });
      if (iv !== null) ivs.push(iv);
    }
    if (ivs.length > 0) return ivs.reduce((a, b) => a + b, 0) / ivs.length;
  }
  return null;
}

/** One expiration's ATM IV and its time to expiry, years. */
export interface TermPoint {
  readonly t: number;
  readonly iv: number;
}

/** The IV at exactly the horizon, interpolated in total variance; the one side there is otherwise. */
export function interpolateToHorizon(near: TermPoint | null, far: TermPoint | null): number | null {
  const target = HORIZON_DAYS / 365;
  if (near && far && far.t > near.t) {
    const w1 = near.iv * near.iv * near.t;
    const w2 = far.iv * far.iv * far.t;
    const w = w1 + ((w2 - w1) * (target - near.t)) / (far.t - near.t);
    if (w > 0) return Math.sqrt(w / target);
  }
  return (far ?? near)?.iv ?? null;
}

/** The 30-day ATM IV of a day, or null when neither side has one. */
export function thirtyDayIv(day: DayInputs): number | null {
  const at = nyToEpoch(day.date, 16);
  const side = (s: DayInputs['near']): TermPoint | null => {
    if (s === null) return null;
    const iv = atmIv(day.date, s.expiry, s.rows, day.spot, day.rate);
    return iv === null ? null : { t: (expiryClose(s.expiry) - at) / MS_PER_YEAR, iv };
  };
  return interpolateToHorizon(side(day.near), side(day.far));
}

/** Points for the dates given, oldest first, skipping days without an answer. */
export function ivSeries(days: readonly DayInputs[]): IvHistoryPoint[] {
  const out: IvHistoryPoint[] = [];
  for (const day of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const iv = thirtyDayIv(day);
    if (iv !== null) out.push({ date: day.date, iv });
  }
  return out;
}

/**
 * Today's 30-day ATM IV from a live chain of the near and far expirations: per side, the IV (our quant's,
 * from the mid) at the strike nearest the underlying, call and put averaged; null without either.
 */
export function liveThirtyDayIv(chain: OptionChain, near: string | null, far: string | null): number | null {
  const spot = analyticsMid(chain.underlying) ?? chain.underlying.last;
  if (spot === null) return null;
  const point = (expiry: string | null): TermPoint | null => {
    if (expiry === null) return null;
    const rows = chain.rows.filter((r) => r.contract.expiry === expiry && r.iv !== null);
    const strikes = [...new Set(rows.map((r) => r.contract.strike))].sort(
      (a, b) => Math.abs(a - spot) - Math.abs(b - spot),
    );
    const atm = strikes[0];
    if (atm === undefined) return null;
    const ivs = rows.filter((r) => r.contract.strike === atm).map((r) => r.iv!);
    return {
      t: (expiryClose(expiry) - chain.time) / MS_PER_YEAR,
      iv: ivs.reduce((a, b) => a + b, 0) / ivs.length,
    };
  };
  return interpolateToHorizon(point(near), point(far));
}
