import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { createPaperBroker } from '../broker/paper/index.js';
import { RealClock, structureKey } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { createSimMarket } from '../market/sim/index.js';
import { simStart } from './factory.js';
import {
  ALWAYS_SELLS_INSTANCE,
  killGroup,
  runCli,
  startCli,
  waitFor,
  workspace,
} from './test-support/cli-process.js';

const started: ChildProcess[] = [];
afterEach(() => started.splice(0).forEach((c) => killGroup(c)));

describe('crash and restart (real processes)', () => {
  it('SIGKILL in the middle of a cycle, then restart: the journal is consistent and no order is sent twice', async () => {
    // A swarm that always proposes premium sales and a Commander that sees edge in them, so cycles
    // place orders whatever date the pinned market starts at.
    const ws = workspace(
      { commander: { volRiskPremium: 0.5, minConfidence: 0 } },
      { instances: [ALWAYS_SELLS_INSTANCE] },
    );
    const main = startCli(['run', '--config', ws.config, '--interval', '1s', '--no-watchdog'], ws.dir);
    started.push(main);
    await waitFor('an accepted order', () => /ACCEPTED/.test(main.output()), 60_000).catch((e: Error) => {
      throw new Error(`${e.message}; output:\n${main.output()}`);
    });
    // Kill while the next cycle is in flight: as soon as it starts thinking.
    const cyclesSoFar = (main.output().match(/^cycle /gm) ?? []).length;
    await waitFor(
      'the next cycle to start',
      () =>
        (main.output().match(/^cycle /gm) ?? []).length > cyclesSoFar ||
        readFileSync(join(ws.dataDir, 'heartbeat'), 'utf8').includes('"phase":"think"'),
      20_000,
      5,
    );
    killGroup(main, 'SIGKILL');
    await new Promise((r) => main.on('exit', r));

    const restarted = await runCli(
      ['run', '--config', ws.config, '--cycles', '2', '--interval', '1s', '--no-watchdog'],
      ws.dir,
    );
    expect(restarted.output).toMatch(/stopped \(max_cycles\)/);
    expect(restarted.output).not.toMatch(/reconcile MISMATCH/);

    const journal = openJournal({ dataDir: ws.dataDir });
    const clock = new RealClock();
    const market = createSimMarket(simStart(ws.dataDir, clock), clock);
    const broker = createPaperBroker(
      { matchIntervalMs: 0 },
      { dataDir: ws.dataDir, marketData: market, clock },
    );
    await broker.connect();
    try {
      expect(journal.integrityCheck()).toBe('ok');
      const orders = journal.listOrders({ limit: 10_000 });
      expect(orders.length).toBeGreaterThan(0);
      expect(orders.filter((o) => o.status === 'pending_submit')).toEqual([]);
      for (const o of orders) {
        const live = await broker.orderByClientId(o.clientOrderId);
        if (o.status === 'cancelled' && !live) continue; // journaled, never sent: closed by reconciliation
        expect(
          live,
          `${o.clientOrderId} is in the journal as ${o.status} but not at the broker`,
        ).not.toBeNull();
      }
      const working = await broker.openOrders();
      const structures = working.map((w) => structureKey(w.intent.legs));
      expect(new Set(structures).size).toBe(structures.length);
      expect(new Set(working.map((w) => w.clientOrderId)).size).toBe(working.length);
    } finally {
      await broker.disconnect();
      await market.close();
      journal.close();
    }
  }, 180_000);
});
