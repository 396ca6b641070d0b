/**
 * The one place that reads the time or arms timers. Everything else takes a `Clock`, so tests,
 * the simulated market and the lab drive time as fast as they like.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Epoch milliseconds, UTC. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  setInterval(fn: () => void, ms: number): TimerHandle;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(typeof reason === 'string' ? reason : 'aborted');
}

/** Wall-clock time and real timers. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const t = setInterval(fn, ms);
    return { cancel: () => clearInterval(t) };
  }
}

interface SimTimer {
  id: number;
  at: number;
  every: number | null;
  fn: () => void;
}

/** Time that moves only when told to. Timers fire in time order during `advance`. */
export class SimulatedClock implements Clock {
  private current: number;
  private timers: SimTimer[] = [];
  private nextId = 1;

  constructor(startEpochMs: number) {
    this.current = startEpochMs;
  }

  now(): number {
    return this.current;
  }

  /** Move time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`SimulatedClock.advance: ms must be >= 0, got ${ms}`);
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const due = this.timers[0];
      if (!due || due.at > target) break;
      this.current = due.at;
      if (due.every !== null) due.at += due.every;
      else this.timers.shift();
      due.fn();
    }
    this.current = target;
  }

  /** Jump to an absolute time (never backwards). */
  setTime(epochMs: number): void {
    this.advance(epochMs - this.current);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const handle = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        handle.cancel();
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, null);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    if (!(ms > 0)) throw new RangeError(`SimulatedClock.setInterval: ms must be > 0, got ${ms}`);
    return this.add(fn, ms, ms);
  }

  /** Timers still armed (for tests). */
  pendingTimers(): number {
    return this.timers.length;
  }

  private add(fn: () => void, ms: number, every: number | null): TimerHandle {
    const timer: SimTimer = { id: this.nextId++, at: this.current + Math.max(0, ms), every, fn };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }
}
