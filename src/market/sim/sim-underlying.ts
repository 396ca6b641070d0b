/** One simulated underlying: its profile, price path, IV history, and its stock quote. */
import { MS_PER_DAY, nyDate, roundToTick, type Quote } from '../../domain/index.js';
import type { IvHistoryPoint } from '../market-data.js';
import { preRollHistory, thirtyDayIv, type PreRoll } from './iv-history.js';
import { hashInts, hashString, unitFromHash } from './prng.js';
import type { UnderlyingProfile } from './profiles.js';
import type { SessionTimeline } from './session-timeline.js';
import { UnderlyingPath } from './underlying-path.js';

export class SimUnderlying {
  readonly path: UnderlyingPath;
  readonly symbolHash: number;
  private readonly preRoll: PreRoll;

  constructor(
    readonly profile: UnderlyingProfile,
    private readonly seed: number,
    private readonly timeline: SessionTimeline,
    ivHistoryDays: number,
  ) {
    this.symbolHash = hashString(profile.symbol);
    this.preRoll = preRollHistory(profile, seed, timeline.anchor, ivHistoryDays);
    this.path = new UnderlyingPath(profile, seed, timeline, this.preRoll.finalLogVolDev);
  }

  /** The stock's top of book at a step (cent grid, spread by the profile). */
  stockQuote(step: number, time: number): Quote {
    const price = this.path.priceAt(step);
    const half = Math.max(0.005, this.profile.stockSpread / 2);
    const bid = roundToTick(price - half, 0.01, 'down');
    const ask = Math.max(roundToTick(price + half, 0.01, 'up'), Number((bid + 0.01).toFixed(2)));
    const h = hashInts(this.seed, this.symbolHash, step, 99);
    const size = (salt: number): number =>
      100 * Math.max(1, Math.round(this.profile.activity * 10 * (0.2 + unitFromHash(hashInts(h, salt)))));
    return { bid, ask, bidSize: size(1), askSize: size(2), last: roundToTick(price, 0.01), time };
  }

  /** Daily 30-day ATM IV, oldest first, for dates on or after `fromDate` up to the step `nowStep`. */
  ivHistory(fromDate: string, nowStep: number): IvHistoryPoint[] {
    const out = this.preRoll.points.filter((p) => p.date >= fromDate);
    const current = this.timeline.sessionIndexOfStep(nowStep);
    for (let i = 0; i <= current; i++) {
      const session = this.timeline.session(i);
      if (session.date < fromDate) continue;
      const step = i < current ? this.timeline.firstStepOf(i + 1) - 1 : nowStep;
      const at = i < current ? session.close : this.timeline.stepTime(step);
      out.push({ date: session.date, iv: thirtyDayIv(this.profile, this.path.volAt(step), at) });
    }
    return out;
  }

  /** The closing price of the session on `date` if it has closed by market time `now`, else null. */
  closingPrice(date: string, now: number): number | null {
    const last = this.timeline.sessionIndexAt(now);
    for (let i = 0; i <= last; i++) {
      const session = this.timeline.session(i);
      if (session.date > date) return null;
      if (session.date === date) {
        return session.close <= now ? this.path.priceAt(this.timeline.firstStepOf(i + 1) - 1) : null;
      }
    }
    return null;
  }
}

/** Whole days since 1970 of a New York date (for per-day hashing). */
export function dayNumber(epochMs: number): number {
  return Math.round(Date.parse(`${nyDate(epochMs)}T00:00:00Z`) / MS_PER_DAY);
}
