import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RealClock } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { waitFor } from './test-support/cli-process.js';
import { WatchdogSupervisor } from './watchdog-supervisor.js';

const forever = { execPath: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] };

describe('WatchdogSupervisor', () => {
  it('records a dead watchdog as a safety event and restarts it', async () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-sup-')) });
    const sup = new WatchdogSupervisor({
      command: forever,
      journal,
      clock: new RealClock(),
      onDeath: 'restart',
      log: () => undefined,
    });
    try {
      sup.start();
      const first = await waitFor('the watchdog pid', () => sup.pid, 5000);
      process.kill(first, 'SIGKILL');
      await waitFor('WATCHDOG_DIED', () => journal.querySafetyEvents({ code: 'WATCHDOG_DIED' })[0], 5000);
      await waitFor(
        'WATCHDOG_RESTARTED',
        () => journal.querySafetyEvents({ code: 'WATCHDOG_RESTARTED' })[0],
        5000,
      );
      expect(sup.pid).not.toBeNull();
      expect(sup.pid).not.toBe(first);
      expect(journal.breakerStatus().state).toBe('ACTIVE');
    } finally {
      await sup.stop();
      journal.close();
    }
  });

  it('halts trading instead when configured to', async () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-sup-')) });
    const sup = new WatchdogSupervisor({
      command: forever,
      journal,
      clock: new RealClock(),
      onDeath: 'halt',
      log: () => undefined,
    });
    try {
      sup.start();
      process.kill(await waitFor('the watchdog pid', () => sup.pid, 5000), 'SIGKILL');
      await waitFor('the breaker to halt', () => journal.breakerStatus().state === 'HALTED', 5000);
      expect(journal.breakerStatus().reason).toMatch(/watchdog died .*configured to halt/);
    } finally {
      await sup.stop();
      journal.close();
    }
  });

  it('does not count an exit during shutdown as a death (Ctrl-C reaches the watchdog too)', async () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-sup-')) });
    const sup = new WatchdogSupervisor({
      command: forever,
      journal,
      clock: new RealClock(),
      onDeath: 'restart',
      log: () => undefined,
    });
    sup.start();
    const pid = await waitFor('the watchdog pid', () => sup.pid, 5000);
    sup.shuttingDown();
    process.kill(pid, 'SIGINT');
    await waitFor('the watchdog to exit', () => sup.pid === null, 5000);
    await new Promise((r) => setTimeout(r, 1200));
    expect(journal.querySafetyEvents()).toEqual([]);
    expect(sup.pid).toBeNull();
    await sup.stop();
    journal.close();
  });

  it('stops on purpose without a safety event', async () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-sup-')) });
    const sup = new WatchdogSupervisor({
      command: forever,
      journal,
      clock: new RealClock(),
      onDeath: 'restart',
      log: () => undefined,
    });
    sup.start();
    await waitFor('the watchdog pid', () => sup.pid, 5000);
    await sup.stop();
    expect(journal.querySafetyEvents()).toEqual([]);
    journal.close();
  });
});
