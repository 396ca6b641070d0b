/**
 * Daily 30-day ATM implied volatility. Before the start, a year (by default) of daily history is
 * simulated with the same log-volatility dynamics and earnings bumps, ending where the live path
 * begins, so IV rank means something from the first cycle. After the start, the points come from
 * the live path (each session's close, and the current step for the session under way).
 */
import { addDays, MS_PER_DAY } from '../../domain/index.js';
import type { IvHistoryPoint } from '../market-data.js';
import { nextTradingDay, sessionOn, type Session } from './calendar.js';
import { earningsBetween } from './corporate-events.js';
import { hashInts, hashString, Rng } from './prng.js';
import type { UnderlyingProfile } from './profiles.js';
import { atmVol } from './vol-model.js';

const HORIZON_DAYS = 30;

/** Sum of squared earnings-move stdevs with a gap in (fromMs, toMs]. */
export function earningsVariance(profile: UnderlyingProfile, fromMs: number, toMs: number): number {
  let v = 0;
  for (const e of earningsBetween(profile, fromMs + 1, toMs + 1)) v += e.moveStdev * e.moveStdev;
  return v;
}

/** The 30-day constant-maturity ATM IV at an instant, from the short-term level. */
export function thirtyDayIv(profile: UnderlyingProfile, shortVol: number, atMs: number): number {
  const variance = earningsVariance(profile, atMs, atMs + HORIZON_DAYS * MS_PER_DAY);
  return atmVol(profile, shortVol, HORIZON_DAYS / 365, variance);
}

export interface PreRoll {
  /** Oldest first, trading days before the anchor session. */
  readonly points: readonly IvHistoryPoint[];
  /** Log-volatility deviation at the anchor's open (where the live path starts). */
  readonly finalLogVolDev: number;
}

/** Simulates `days` calendar days of daily IV before the anchor session. */
export function preRollHistory(
  profile: UnderlyingProfile,
  seed: number,
  anchor: Session,
  days: number,
): PreRoll {
  const rng = new Rng(hashInts(seed, hashString(profile.symbol), 2));
  const dt = 1 / 252;
  const stationary = profile.volOfVol / Math.sqrt(2 * profile.volMeanReversion);
  let dev = clampDev(stationary * rng.normal());
  const decay = Math.exp(-profile.volMeanReversion * dt);
  const points: IvHistoryPoint[] = [];
  for (
    let date = nextTradingDay(addDays(anchor.date, -days));
    date < anchor.date;
    date = nextTradingDay(addDays(date, 1))
  ) {
    dev = clampDev(dev * decay + profile.volOfVol * Math.sqrt(dt) * rng.normal());
    const session = sessionOn(date)!;
    points.push({ date, iv: thirtyDayIv(profile, profile.atmVol * Math.exp(dev), session.close) });
  }
  // One more step overnight into the anchor session.
  dev = clampDev(dev * decay + profile.volOfVol * Math.sqrt(dt) * rng.normal());
  return { points, finalLogVolDev: dev };
}

function clampDev(dev: number): number {
  return Math.max(-1.2, Math.min(1.5, dev));
}
