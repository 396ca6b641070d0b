import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RealClock } from '../domain/index.js';
import { openJournal, type Journal } from '../journal/index.js';
import { waitFor } from './test-support/cli-process.js';
import { WATCHDOG_LEASE } from './watchdog-lease.js';
import { WatchdogSupervisor } from './watchdog-supervisor.js';

const forever = { execPath: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] };

/** A supervisor running a stand-in watchdog (a process that never exits by itself). */
async function supervised(
  onDeath: 'restart' | 'halt',
  body: (sup: WatchdogSupervisor, journal: Journal, pid: number) => Promise<void>,
): Promise<void> {
  const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-sup-')) });
  const sup = new WatchdogSupervisor({
    command: forever,
    journal,
    clock: new RealClock(),
    onDeath,
    log: () => undefined,
  });
  try {
    sup.start();
    await body(sup, journal, await waitFor('the watchdog pid', () => sup.pid, 5000));
  } finally {
    await sup.stop();
    journal.close();
  }
}

describe('WatchdogSupervisor', () => {
  it('records a dead watchdog as a safety event and restarts it', () =>
    supervised('restart', async (sup, journal, first) => {
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
    }));

  it('halts trading instead when configured to', () =>
    supervised('halt', async (_sup, journal, pid) => {
      process.kill(pid, 'SIGKILL');
      await waitFor('the breaker to halt', () => journal.breakerStatus().state === 'HALTED', 5000);
      expect(journal.breakerStatus().reason).toMatch(/watchdog died .*configured to halt/);
    }));

  it('does not count an exit during shutdown as a death (Ctrl-C reaches the watchdog too)', () =>
    supervised('restart', async (sup, journal, pid) => {
      sup.shuttingDown();
      process.kill(pid, 'SIGINT');
      await waitFor('the watchdog to exit', () => sup.pid === null, 5000);
      await new Promise((r) => setTimeout(r, 1200));
      expect(journal.querySafetyEvents()).toEqual([]);
      expect(sup.pid).toBeNull();
    }));

  it('stops on purpose without a safety event', () =>
    supervised('restart', async (sup, journal) => {
      await sup.stop();
      expect(journal.querySafetyEvents()).toEqual([]);
    }));
});

describe('WatchdogSupervisor: one watchdog per book', () => {
  it('starts none when a live watchdog already holds the book, and says which', async () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-sup-')) });
    const lines: string[] = [];
    journal.leases.take(
      WATCHDOG_LEASE,
      { holder: 'other', pid: process.pid, host: hostname(), purpose: 'swarmdesk watchdog' },
      { now: Date.now(), ttlMs: 60_000 },
    );
    const sup = new WatchdogSupervisor({
      command: forever,
      journal,
      clock: new RealClock(),
      onDeath: 'restart',
      log: (l) => lines.push(l),
    });
    try {
      sup.start();
      expect(sup.pid).toBeNull();
      expect(sup.adoptedPid).toBe(process.pid);
      expect(lines.join('\n')).toMatch(
        new RegExp(`already watched by watchdog ${process.pid}; not starting another`),
      );
    } finally {
      await sup.stop();
      journal.close();
    }
  });

  it('runs its watchdog in a session of its own, writing to a log file (no pipe to this process)', () =>
    supervised('restart', (sup, journal, pid) => {
      expect(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[3]).toBe(String(pid)); // session id
      expect(existsSync(join(journal.dataDir, 'watchdog.log'))).toBe(true);
      expect(sup.pid).toBe(pid);
      return Promise.resolve();
    }));
});
