import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.js';
import { clientOrderId, SimulatedClock, type OptionContract } from '../../domain/index.js';
import { openJournal } from '../../journal/index.js';
import { createSimMarketWith, createSteppedPaperBroker } from '../factory.js';
import { sendHeartbeat } from '../heartbeat.js';
import { settle } from '../../../test/support/settle.js';
import { monitorLoop, type WatchdogSettings } from './monitor-loop.js';

const SETTINGS: WatchdogSettings = {
  heartbeatTimeoutMs: 60_000,
  // The tests call checkOnce themselves; the timer stays out of the way.
  checkIntervalMs: 3_600_000,
  flattenAttempts: 4,
  flattenCollarStep: 0.05,
  flattenRetryDelayMs: 1_000,
  maxDrawdown: 0.1,
};

async function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-monitor-'));
  const config = parseConfig({ dataDir });
  const start = Date.parse('2026-11-24T15:00:00Z');
  const clock = new SimulatedClock(start);
  const market = createSimMarketWith(config, clock, { startTime: new Date(start).toISOString() });
  const broker = await createSteppedPaperBroker(config, { marketData: market, clock, dataDir });
  const journal = openJournal({ dataDir });
  // A short call: the book whose value the test will crash.
  const expiry = (await market.expirations('NVDA'))[2]!;
  const chain = await market.chain('NVDA', { expiries: [expiry] });
  const row = chain.rows.find(
    (r) => r.contract.right === 'call' && r.contract.strike >= chain.underlying.ask! && r.quote.bid! > 1,
  )!;
  const contract: OptionContract = row.contract;
  await broker.placeOrder({
    clientOrderId: clientOrderId('seed-short-call'),
    legs: [{ contract, side: 'sell', ratio: 1 }],
    quantity: 2,
    orderType: 'limit',
    limitPrice: Math.floor(row.quote.bid! * 20) / 20,
    priceEffect: 'credit',
    timeInForce: 'day',
    rationale: 'test',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
  });
  expect((await broker.positions()).find((p) => p.quantity === -2)).toBeDefined();
  return { dataDir, clock, market, broker, journal, contract };
}

/** Await `work`, advancing the simulated clock a second (and matching the paper book) each time it waits on it. */
async function runMovingTime<T>(s: Awaited<ReturnType<typeof setup>>, work: Promise<T>): Promise<T> {
  let done = false;
  const result = work.finally(() => (done = true));
  const idle = s.clock.pendingTimers(); // the monitor's own interval
  while (!done) {
    await settle(() => done || s.clock.pendingTimers() > idle, 'the flatten to wait or finish');
    if (done) break;
    s.clock.advance(1_000);
    await s.broker.sync();
  }
  return result;
}

describe('monitorLoop', () => {
  it('trips on a stale heartbeat: HALTED, then the book is flattened', async () => {
    const s = await setup();
    const handle = monitorLoop({ ...s, marketData: s.market, settings: SETTINGS, isAlive: () => true });
    try {
      sendHeartbeat({ dataDir: s.dataDir, time: s.clock.now(), pid: 1 });
      expect((await handle.checkOnce()).tripped).toBeNull();
      s.clock.advance(61_000);
      // The flatten waits between attempts on the simulated clock: move it whenever it waits.
      const c = await runMovingTime(s, handle.checkOnce());
      expect(c.tripped).toBe('HEARTBEAT_STALE');
      expect(c.flatten?.flat).toBe(true);
      expect(s.journal.breakerStatus()).toMatchObject({ state: 'HALTED', actor: 'watchdog' });
      expect((await s.broker.positions()).filter((p) => p.quantity !== 0)).toEqual([]);
      // Once per incident: the next check does not flatten again.
      expect((await handle.checkOnce()).tripped).toBeNull();
    } finally {
      await handle.stop();
      await s.broker.disconnect();
      s.journal.close();
    }
  });

  it('enforces the drawdown limit on its own, even with a fresh heartbeat', async () => {
    const s = await setup();
    const handle = monitorLoop({ ...s, marketData: s.market, settings: SETTINGS, isAlive: () => true });
    try {
      sendHeartbeat({ dataDir: s.dataDir, time: s.clock.now(), pid: 1 });
      expect((await handle.checkOnce()).tripped).toBeNull();
      // The short call's market explodes: the book loses far more than 10 % of its high-water mark.
      s.market.pinQuote(s.contract, { bid: 150, ask: 151, bidSize: 50, askSize: 50 });
      const c = await runMovingTime(s, handle.checkOnce());
      expect(c.tripped).toBe('LOSS_DRAWDOWN');
      expect(s.journal.querySafetyEvents({ code: 'LOSS_DRAWDOWN' })[0]!.message).toMatch(
        /drawdown .* from high-water mark/,
      );
      expect(s.journal.breakerStatus().state).toBe('HALTED');
      expect(c.flatten?.flat).toBe(true);
    } finally {
      await handle.stop();
      await s.broker.disconnect();
      s.journal.close();
    }
  });

  it('journals a failing check once per incident, and its end with the count (not every few seconds)', async () => {
    const s = await setup();
    let down = true;
    const broker = new Proxy(s.broker, {
      get(target, prop, receiver) {
        if (prop === 'accountSummary' && down) return () => Promise.reject(new Error('gateway unreachable'));
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const handle = monitorLoop({
      ...s,
      broker,
      marketData: s.market,
      settings: { ...SETTINGS, checkIntervalMs: 1_000 },
      isAlive: () => true,
    });
    const tick = async (): Promise<void> => {
      sendHeartbeat({ dataDir: s.dataDir, time: s.clock.now(), pid: 1 });
      s.clock.advance(1_000);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    };
    try {
      for (let i = 0; i < 10; i++) await tick();
      const failures = s.journal.querySafetyEvents({ code: 'BROKER_ERROR' });
      expect(failures).toHaveLength(1);
      expect(failures[0]!.message).toMatch(/watchdog check failed: gateway unreachable/);
      down = false;
      await tick();
      const back = s.journal.querySafetyEvents({ code: 'BROKER_RECONNECTED' });
      expect(back).toHaveLength(1);
      expect(back[0]!.message).toMatch(/after 10 failed check\(s\)/);
    } finally {
      await handle.stop();
      s.journal.close();
      await s.broker.disconnect();
    }
  });
});
