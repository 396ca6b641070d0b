import { afterEach, describe, expect, it } from 'vitest';
import { createPaperBroker } from '../broker/paper/index.js';
import { RealClock } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { createSimMarket } from '../market/sim/index.js';
import { simStart } from './factory.js';
import { seedBook } from './test-support/seed-book.js';
import { killGroup, killWatchdog, runCli, startCli, waitFor, workspace } from './test-support/cli-process.js';
import type { ChildProcess } from 'node:child_process';

const started: ChildProcess[] = [];
afterEach(() => started.splice(0).forEach((c) => killGroup(c)));

describe('watchdog (real processes)', () => {
  it('SIGSTOP the main loop: detected within timeout + 1 s, book flat, breaker HALTED, run refuses until resume', async () => {
    const ws = workspace();
    await seedBook(ws.dataDir);
    const main = startCli(['run', '--config', ws.config, '--interval', '1s'], ws.dir);
    started.push(main);
    const journal = openJournal({ dataDir: ws.dataDir, readonly: false });
    try {
      await waitFor(
        'the watchdog to start and the first heartbeats',
        () => main.output().includes('[watchdog] watchdog') && main.output().includes('cycle '),
        30_000,
      );
      process.kill(main.pid!, 'SIGSTOP');
      const stoppedAt = Date.now();
      const stale = await waitFor(
        'HEARTBEAT_STALE',
        () => journal.querySafetyEvents({ code: 'HEARTBEAT_STALE' })[0],
        15_000,
      );
      expect(stale.time - stoppedAt).toBeLessThanOrEqual(3000 + 1000);
      await waitFor(
        'the book to be flat',
        () => journal.querySafetyEvents({ code: 'PANIC_CLOSE_DONE' })[0],
        30_000,
      );
      expect(journal.breakerStatus()).toMatchObject({ state: 'HALTED', actor: 'watchdog' });
      const clock = new RealClock();
      const market = createSimMarket(simStart(ws.dataDir, clock), clock);
      const broker = createPaperBroker(
        { matchIntervalMs: 0 },
        { dataDir: ws.dataDir, marketData: market, clock },
      );
      await broker.connect();
      expect((await broker.positions()).filter((p) => p.quantity !== 0)).toEqual([]);
      await broker.disconnect();
      await market.close();
    } finally {
      killGroup(main);
      killWatchdog(ws.dataDir);
      journal.close();
    }
    const refused = await runCli(['run', '--config', ws.config, '--cycles', '1', '--no-watchdog'], ws.dir);
    expect(refused.output).toMatch(/breaker HALTED .*not trading until `swarmdesk resume`/);
    expect(refused.output).not.toMatch(/cycle c-/);
    expect((await runCli(['resume', '--config', ws.config], ws.dir)).code).toBe(0);
    const resumed = await runCli(['run', '--config', ws.config, '--cycles', '1', '--no-watchdog'], ws.dir);
    expect(resumed.output).toMatch(/cycle c-\S+: completed/);
  }, 120_000);
});
