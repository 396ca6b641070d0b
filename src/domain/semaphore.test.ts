import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.js';

describe('Semaphore', () => {
  it('lets `limit` holders in and the rest in arrival order', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const a = await s.acquire();
    const b = await s.acquire();
    const waiting = [3, 4, 5].map((n) => s.acquire().then((release) => (order.push(n), release)));
    expect(s.inUse).toBe(2);
    expect(s.queued).toBe(3);
    a();
    a(); // a second release of the same slot does nothing
    const r3 = await waiting[0]!;
    expect(s.inUse).toBe(2);
    b();
    r3();
    await Promise.all(waiting.slice(1));
    expect(order).toEqual([3, 4, 5]);
    expect(s.peak).toBe(2);
  });

  it('drops a waiter whose signal aborts, and refuses an aborted signal at once', async () => {
    const s = new Semaphore(1);
    const held = await s.acquire();
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    controller.abort(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
    expect(s.queued).toBe(0);
    await expect(s.acquire(controller.signal)).rejects.toThrow('closed');
    held();
    expect(s.inUse).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new Semaphore(0)).toThrow(/limit must be an integer >= 1/);
  });

  it('runs a task holding a slot and gives it back however the task ends', async () => {
    const s = new Semaphore(1);
    await expect(s.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(s.inUse).toBe(0);
    let inside = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        s.run(async () => {
          inside++;
          expect(inside).toBe(1);
          await new Promise((r) => setImmediate(r));
          order.push(n);
          inside--;
        }),
      ),
    );
    expect(order).toEqual([1, 2, 3]);
    expect(s.peak).toBe(1);
  });
});
