import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { SimulatedClock } from '../domain/index.js';
import { openJournal, type Journal } from '../journal/index.js';
import { createSimMarketWith, createSteppedPaperBroker } from './factory.js';
import { claimLoop, LOOP_LEASE, LoopAlreadyRunningError } from './loop-lease.js';
import { runLoop } from './run-loop.js';
import { openServices } from './services.js';
import { REPO } from './test-support/cli-process.js';

const journals: Journal[] = [];
afterEach(() => journals.splice(0).forEach((j) => j.close()));
function journal(dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-lease-'))): Journal {
  const j = openJournal({ dataDir });
  journals.push(j);
  return j;
}

describe('one loop per book', () => {
  it('refuses a second loop on the same data dir, naming the process that holds it', () => {
    const first = journal();
    const clock = new SimulatedClock(1_000_000);
    claimLoop(first, { ttlMs: 10_000, clock });
    const second = journal(first.dataDir);
    let error: unknown;
    try {
      claimLoop(second, { ttlMs: 10_000, clock });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoopAlreadyRunningError);
    expect((error as Error).message).toMatch(
      new RegExp(`another main loop already runs on .*: swarmdesk run \\(pid ${process.pid} on `),
    );
  });

  it('is free again when the holder gives it back, when it expires, or when its process is gone', () => {
    const j = journal();
    const clock = new SimulatedClock(1_000_000);
    claimLoop(j, { ttlMs: 10_000, clock }).release();
    const held = claimLoop(j, { ttlMs: 10_000, clock });
    clock.advance(10_001);
    expect(held.renew()).toBe(false);
    expect(() => claimLoop(j, { ttlMs: 10_000, clock })).not.toThrow();
    const dead = 2 ** 22 + 4242;
    j.leases.take(
      LOOP_LEASE,
      { holder: 'crashed', pid: dead, host: hostname(), purpose: 'swarmdesk run' },
      { now: clock.now(), ttlMs: 600_000, preempt: true },
    );
    expect(claimLoop(j, { ttlMs: 10_000, clock }).lease.pid).toBe(process.pid);
  });

  it('a loop whose lease is taken from it stops at its next heartbeat and journals why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-lease-loop-'));
    const config = parseConfig({ dataDir, contentDir: REPO });
    const start = '2026-03-10T15:00:00Z';
    const clock = new SimulatedClock(Date.parse(start));
    const marketData = createSimMarketWith(config, clock, { startTime: start });
    const broker = await createSteppedPaperBroker(config, { marketData, clock, dataDir });
    const services = await openServices(config, { clock, env: {}, marketData, broker });
    try {
      const lease = claimLoop(services.journal, { ttlMs: 60_000, clock });
      const running = runLoop(services, {
        intervalMs: 60_000,
        heartbeatIntervalMs: 250,
        marketHoursOnly: false,
        dataDir,
        signal: new AbortController().signal,
        lease,
      });
      let done = false;
      void running.finally(() => (done = true));
      let stolen = false;
      while (!done) {
        await new Promise((r) => setImmediate(r)); // an event-loop turn, not real time
        if (!stolen) {
          services.journal.leases.take(
            LOOP_LEASE,
            { holder: 'usurper', pid: process.pid, host: hostname(), purpose: 'another run' },
            { now: clock.now(), ttlMs: 600_000, preempt: true },
          );
          stolen = true;
        }
        clock.advance(250);
      }
      const result = await running;
      expect(result.stoppedBy).toBe('lease_lost');
      expect(services.journal.querySafetyEvents({ code: 'LOOP_LEASE_LOST' })).toHaveLength(1);
    } finally {
      await services.close();
    }
  });
});
