import { describe, expect, it } from 'vitest';
import { RealClock, SimulatedClock } from './clock.js';

describe('SimulatedClock', () => {
  it('fires timeouts and intervals in time order as time advances', () => {
    const clock = new SimulatedClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`t@${clock.now()}`), 250);
    const iv = clock.setInterval(() => seen.push(`i@${clock.now()}`), 100);
    clock.advance(300);
    iv.cancel();
    clock.advance(1000);
    expect(seen).toEqual(['i@1100', 'i@1200', 't@1250', 'i@1300']);
    expect(clock.now()).toBe(2_300);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('resolves sleep when time reaches it and rejects on abort', async () => {
    const clock = new SimulatedClock(0);
    const done = clock.sleep(50).then(() => clock.now());
    clock.advance(50);
    await expect(done).resolves.toBe(50);
    const ac = new AbortController();
    const aborted = clock.sleep(50, ac.signal);
    ac.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
  });

  it('refuses to go backwards', () => {
    expect(() => new SimulatedClock(10).advance(-1)).toThrow(RangeError);
  });
});

describe('RealClock', () => {
  it('sleeps on real timers and can be aborted', async () => {
    const clock = new RealClock();
    const t0 = clock.now();
    await clock.sleep(5);
    expect(clock.now()).toBeGreaterThanOrEqual(t0);
    const ac = new AbortController();
    const p = clock.sleep(10_000, ac.signal);
    ac.abort(new Error('cancelled'));
    await expect(p).rejects.toThrow('cancelled');
  });
});
