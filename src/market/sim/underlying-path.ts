/**
 * One underlying's price and volatility, step by step from the anchor session's open: geometric
 * Brownian motion with Poisson jumps, a mean-reverting log-volatility correlated with price
 * (the leverage effect), an overnight move at each session's first step, earnings gaps and
 * ex-dividend drops. Extended lazily and kept, so any step is computed once.
 */
import { dividendsBetween, earningsBetween } from './corporate-events.js';
import { hashInts, hashString, Rng } from './prng.js';
import type { UnderlyingProfile } from './profiles.js';
import type { SessionTimeline } from './session-timeline.js';

/** Session time in a trading year (252 sessions of 6.5 hours), ms. */
const TRADING_YEAR_MS = 252 * 6.5 * 3_600_000;
/** The overnight gap's variance, in sessions. */
const OVERNIGHT_SESSIONS = 0.2;
/** Realised volatility as a share of implied (the variance risk premium). */
const REALISED_SHARE = 0.9;
const DRIFT = 0.06;
const MIN_PRICE = 0.5;

export class UnderlyingPath {
  private price = new Float64Array(4096);
  private logVolDev = new Float64Array(4096);
  /** Lowest and highest price of each finished session. */
  private readonly sessionLow: number[] = [];
  private readonly sessionHigh: number[] = [];
  private length = 1;
  private readonly rng: Rng;

  constructor(
    readonly profile: UnderlyingProfile,
    seed: number,
    private readonly timeline: SessionTimeline,
    initialLogVolDev: number,
  ) {
    this.rng = new Rng(hashInts(seed, hashString(profile.symbol), 1));
    this.price[0] = profile.price;
    this.logVolDev[0] = initialLogVolDev;
  }

  /** Price at step `n`, dollars. */
  priceAt(n: number): number {
    this.ensure(n);
    return this.price[n]!;
  }

  /** Short-term ATM implied volatility at step `n`. */
  volAt(n: number): number {
    this.ensure(n);
    return this.profile.atmVol * Math.exp(this.logVolDev[n]!);
  }

  /**
   * Lowest and highest price from the start of session `fromSession` through step `n` (for a given
   * start the range only widens: an expiry's strike grid, listed at that session, never shrinks).
   */
  rangeSince(fromSession: number, n: number): { low: number; high: number } {
    this.ensure(n);
    const current = this.timeline.sessionIndexOfStep(n);
    while (this.sessionLow.length < current) {
      const i = this.sessionLow.length;
      const r = this.scan(this.timeline.firstStepOf(i), this.timeline.firstStepOf(i + 1) - 1);
      this.sessionLow.push(r.low);
      this.sessionHigh.push(r.high);
    }
    const from = Math.min(Math.max(0, fromSession), current);
    const r = this.scan(this.timeline.firstStepOf(current), n);
    let { low, high } = r;
    for (let i = from; i < current; i++) {
      low = Math.min(low, this.sessionLow[i]!);
      high = Math.max(high, this.sessionHigh[i]!);
    }
    return { low, high };
  }

  private scan(from: number, to: number): { low: number; high: number } {
    let low = this.price[from]!;
    let high = low;
    for (let k = from + 1; k <= to; k++) {
      const p = this.price[k]!;
      if (p < low) low = p;
      if (p > high) high = p;
    }
    return { low, high };
  }

  private ensure(n: number): void {
    if (n < this.length) return;
    if (n >= this.price.length) this.grow(n + 1);
    for (let i = this.length; i <= n; i++) this.step(i);
    this.length = n + 1;
  }

  private grow(min: number): void {
    let size = this.price.length;
    while (size < min) size *= 2;
    const copy = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.price = copy(this.price);
    this.logVolDev = copy(this.logVolDev);
  }

  private step(i: number): void {
    const p = this.profile;
    const sessionStart = this.timeline.isSessionStart(i);
    const stepYears = this.timeline.stepMs / TRADING_YEAR_MS;
    const dt = stepYears + (sessionStart ? OVERNIGHT_SESSIONS / 252 : 0);
    const z1 = this.rng.normal();
    const z2 = this.rng.normal();
    const jumpDraw = this.rng.uniform();
    const zv = p.spotVolCorrelation * z1 + Math.sqrt(1 - p.spotVolCorrelation ** 2) * z2;

    const prevDev = this.logVolDev[i - 1]!;
    const dev = prevDev * Math.exp(-p.volMeanReversion * dt) + p.volOfVol * Math.sqrt(dt) * zv;
    this.logVolDev[i] = Math.max(-1.2, Math.min(1.5, dev));

    const sigma = REALISED_SHARE * p.atmVol * Math.exp(prevDev);
    let logMove = (DRIFT - 0.5 * sigma * sigma) * dt + sigma * Math.sqrt(dt) * z1;
    if (jumpDraw < p.jumpIntensity * dt) logMove += p.jumpMean + p.jumpStdev * this.rng.normal();

    let price = this.price[i - 1]! * Math.exp(logMove);
    if (sessionStart) price = this.applyOvernightEvents(i, price);
    this.price[i] = Math.max(MIN_PRICE, price);
  }

  /** Earnings gaps and ex-dividend drops that fall at this session's open. */
  private applyOvernightEvents(i: number, price: number): number {
    const open = this.timeline.stepTime(i);
    let out = price;
    for (const e of earningsBetween(this.profile, open, open + 1)) {
      const z = this.rng.normal();
      out *= Math.exp(e.moveStdev * z - 0.5 * e.moveStdev * e.moveStdev);
    }
    for (const d of dividendsBetween(this.profile, open, open + 1)) out -= d.amount;
    return out;
  }
}
