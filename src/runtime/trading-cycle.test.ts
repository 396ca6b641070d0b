import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { SimulatedClock } from '../domain/index.js';
import { createSimMarketWith, createSteppedPaperBroker } from './factory.js';
import { openServices } from './services.js';
import { REPO } from './test-support/cli-process.js';
import { settle } from '../../test/support/settle.js';
import { tradingCycle } from './trading-cycle.js';

async function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-cycle-'));
  const config = parseConfig({
    dataDir,
    contentDir: REPO,
    commander: { volRiskPremium: 0.5, minConfidence: 0 },
  });
  const start = Date.parse('2026-11-24T15:00:00Z');
  const clock = new SimulatedClock(start);
  const marketData = createSimMarketWith(config, clock, { startTime: new Date(start).toISOString() });
  const broker = await createSteppedPaperBroker(config, { marketData, clock, dataDir });
  return { clock, services: await openServices(config, { clock, env: {}, marketData, broker }) };
}

describe('tradingCycle', () => {
  it('records every step: journal rows, a verified snapshot, and orders journaled before they are sent', async () => {
    const { services } = await setup();
    try {
      const r = await tradingCycle({ ...services });
      expect(r.status).toBe('completed');
      const cycle = services.journal.getCycle(r.cycleId)!;
      expect(cycle).toMatchObject({ status: 'completed', snapshotId: r.snapshotId });
      expect(services.journal.signalsForCycle(r.cycleId).length).toBeGreaterThanOrEqual(10);
      expect(services.journal.decisionsForCycle(r.cycleId)).toHaveLength(1);
      const accepted = r.orders.filter((x) => x.outcome.accepted);
      expect(accepted.length).toBeGreaterThan(0);
      for (const o of accepted) {
        expect(services.journal.orderStatusHistory(o.intent.clientOrderId)[0]!.status).toBe('pending_submit');
      }
    } finally {
      await services.close();
    }
  });

  it('fails at its deadline when a step hangs, records what it had, and sends nothing', async () => {
    const { services, clock } = await setup();
    try {
      let thinking = false;
      const pending = tradingCycle({
        ...services,
        ioClock: clock, // the test drives the deadline
        deadlineMs: 5_000,
        consult: () => ((thinking = true), new Promise(() => undefined)),
      });
      await settle(() => thinking, 'the cycle to reach the swarm');
      clock.advance(5_000);
      const r = await pending;
      expect(r.status).toBe('failed');
      expect(r.error).toMatch(/^think: the cycle deadline of 5000 ms passed/);
      expect(r.orders).toEqual([]);
      expect(services.journal.getCycle(r.cycleId)).toMatchObject({ status: 'failed' });
      expect(services.journal.querySafetyEvents({ code: 'CYCLE_FAILED' })).toHaveLength(1);
      expect(r.snapshotId).not.toBeNull();
    } finally {
      await services.close();
    }
  });

  it('records a failing step as a failed cycle, not a crash', async () => {
    const { services } = await setup();
    try {
      const r = await tradingCycle({
        ...services,
        consult: () => Promise.reject(new Error('swarm exploded')),
      });
      expect(r).toMatchObject({ status: 'failed', error: 'think: swarm exploded' });
    } finally {
      await services.close();
    }
  });
});
