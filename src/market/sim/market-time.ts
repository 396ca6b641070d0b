/**
 * The simulated market's own time. `always_open`: session time only, from a session open, at
 * `speed` simulated ms per clock ms, so the market is open whenever it is asked. `real`: calendar
 * time from the start at `speed`, with the real sessions, holidays and early closes.
 */
import type { Clock } from '../../domain/index.js';
import type { MarketClock } from '../market-data.js';
import { calendarClockAt, sessionAtOrBefore } from './calendar.js';
import { SessionTimeline } from './session-timeline.js';

export interface MarketTimeOptions {
  readonly calendar: 'always_open' | 'real';
  readonly speed: number;
  /** Market time at which the simulation starts (epoch ms). */
  readonly startMarket: number;
  /** Clock time at which the market stands at `startMarket` (epoch ms). */
  readonly clockAnchor: number;
  readonly stepMs: number;
}

export class MarketTime {
  readonly timeline: SessionTimeline;

  constructor(
    private readonly clock: Clock,
    private readonly options: MarketTimeOptions,
  ) {
    this.timeline = new SessionTimeline(sessionAtOrBefore(options.startMarket), options.stepMs);
  }

  /** Market time now, epoch ms. */
  now(): number {
    const elapsed = Math.floor(Math.max(0, this.clock.now() - this.options.clockAnchor) * this.options.speed);
    if (this.options.calendar === 'always_open') return this.timeline.epochAtTradingMs(elapsed);
    return this.options.startMarket + elapsed;
  }

  /** Session state at a market time. */
  marketClock(at: number): MarketClock {
    if (this.options.calendar === 'real') return { time: at, ...calendarClockAt(at) };
    const session = this.timeline.session(this.timeline.sessionIndexAt(at));
    return {
      time: at,
      isOpen: true,
      nextOpen: session.open,
      nextClose: session.close,
      earlyClose: session.earlyClose,
    };
  }

  /** When the quote in force at a market time was last updated (its step's start, or the close). */
  quoteTime(at: number): number {
    return Math.min(at, this.timeline.stepTime(this.timeline.stepAt(at)));
  }
}
