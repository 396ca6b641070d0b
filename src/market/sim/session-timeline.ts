/**
 * The simulation's time grid: consecutive regular sessions from an anchor session, each cut into
 * steps of `stepMs`. Step 0 is the anchor session's open. Prices move only from step to step,
 * and a session's first step also carries the overnight move, so the path is a function of the
 * step number alone: the same seed gives the same market however time is driven.
 */
import { sessionAfter, type Session } from './calendar.js';

export class SessionTimeline {
  private readonly sessions: Session[] = [];
  /** Step number of each session's first step. */
  private readonly firstStep: number[] = [];
  /** Trading milliseconds before each session's open. */
  private readonly tradingMsBefore: number[] = [];

  constructor(
    readonly anchor: Session,
    readonly stepMs: number,
  ) {
    this.sessions.push(anchor);
    this.firstStep.push(0);
    this.tradingMsBefore.push(0);
  }

  /** Steps in a session (the last one may be shorter than `stepMs`). */
  stepsIn(session: Session): number {
    return Math.ceil((session.close - session.open) / this.stepMs);
  }

  private extend(): void {
    const last = this.sessions[this.sessions.length - 1]!;
    const i = this.sessions.length - 1;
    this.sessions.push(sessionAfter(last.date));
    this.firstStep.push(this.firstStep[i]! + this.stepsIn(last));
    this.tradingMsBefore.push(this.tradingMsBefore[i]! + (last.close - last.open));
  }

  /** Index of the last session for which `key(i) <= value`, extending the grid as needed. */
  private search(key: (i: number) => number, value: number): number {
    while (key(this.sessions.length - 1) <= value) this.extend();
    let lo = 0;
    let hi = this.sessions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (key(mid) <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  session(index: number): Session {
    while (index >= this.sessions.length) this.extend();
    return this.sessions[index]!;
  }

  /** The session that holds step `n`. */
  sessionIndexOfStep(n: number): number {
    return this.search((i) => this.firstStep[i]!, Math.max(0, n));
  }

  /** True when step `n` is the first of a session after the anchor (it carries the overnight move). */
  isSessionStart(n: number): boolean {
    if (n <= 0) return false;
    return this.firstStep[this.sessionIndexOfStep(n)] === n;
  }

  firstStepOf(sessionIndex: number): number {
    this.session(sessionIndex);
    return this.firstStep[sessionIndex]!;
  }

  /** When step `n` starts, epoch ms. */
  stepTime(n: number): number {
    const i = this.sessionIndexOfStep(n);
    return this.sessions[i]!.open + (n - this.firstStep[i]!) * this.stepMs;
  }

  /** The step in force at an instant: during a session the current one, between sessions the last. */
  stepAt(epochMs: number): number {
    if (epochMs < this.anchor.open) return 0;
    const i = this.search((k) => this.sessions[k]!.open, epochMs);
    const s = this.sessions[i]!;
    if (epochMs >= s.close) return this.firstStep[i]! + this.stepsIn(s) - 1;
    return this.firstStep[i]! + Math.floor((epochMs - s.open) / this.stepMs);
  }

  /** The session index in force at an instant (the last one opened). */
  sessionIndexAt(epochMs: number): number {
    if (epochMs < this.anchor.open) return 0;
    return this.search((k) => this.sessions[k]!.open, epochMs);
  }

  /** The instant reached after `tradingMs` of session time from the anchor's open (closed time skipped). */
  epochAtTradingMs(tradingMs: number): number {
    const t = Math.max(0, tradingMs);
    const i = this.search((k) => this.tradingMsBefore[k]!, t);
    return this.sessions[i]!.open + (t - this.tradingMsBefore[i]!);
  }
}
