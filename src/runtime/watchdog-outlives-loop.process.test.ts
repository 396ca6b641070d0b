import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { createPaperBroker } from '../broker/paper/index.js';
import { RealClock } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { createSimMarket } from '../market/sim/index.js';
import { simStart } from './factory.js';
import { seedBook } from './test-support/seed-book.js';
import {
  killGroup,
  killWatchdog,
  startCli,
  waitFor,
  watchdogPid,
  workspace,
} from './test-support/cli-process.js';

const HEARTBEAT_TIMEOUT_MS = 3000; // the workspace's watchdog.heartbeatTimeout
const started: ChildProcess[] = [];
const dataDirs: string[] = [];
afterEach(() => {
  started.splice(0).forEach((c) => killGroup(c));
  dataDirs.splice(0).forEach((d) => killWatchdog(d));
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function positionsLeft(dataDir: string): Promise<number> {
  const clock = new RealClock();
  const market = createSimMarket(simStart(dataDir, clock), clock);
  const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
  await broker.connect();
  try {
    return (await broker.positions()).filter((p) => p.quantity !== 0).length;
  } finally {
    await broker.disconnect();
    await market.close();
  }
}

/**
 * Start `run` (with its watchdog) on a book that holds positions, end the loop with `end`, and check
 * that the watchdog — still running — flattened and halted within the heartbeat timeout + 1 s.
 */
async function loopEndsThenBookIsFlat(end: (main: ChildProcess) => void): Promise<void> {
  const ws = workspace();
  dataDirs.push(ws.dataDir);
  await seedBook(ws.dataDir);
  expect(await positionsLeft(ws.dataDir)).toBeGreaterThan(0);
  const main = startCli(['run', '--config', ws.config, '--interval', '1s'], ws.dir);
  started.push(main);
  await waitFor(
    'the watchdog to start and a cycle',
    () => main.output().includes('[watchdog] watchdog') && /^cycle /m.test(main.output()),
    60_000,
  );
  const watchdog = await waitFor('the watchdog lease', () => watchdogPid(ws.dataDir), 10_000);
  expect(watchdog).not.toBe(main.pid);

  const endedAt = Date.now();
  end(main);
  const journal = openJournal({ dataDir: ws.dataDir });
  try {
    const halted = await waitFor(
      'the breaker to be HALTED by the watchdog',
      () => {
        const b = journal.breakerStatus();
        return b.state === 'HALTED' && b.actor === 'watchdog' ? b : null;
      },
      30_000,
    );
    expect(halted.since! - endedAt).toBeLessThanOrEqual(HEARTBEAT_TIMEOUT_MS + 1000);
    await waitFor(
      'the book to be flat',
      () => journal.querySafetyEvents({ code: 'PANIC_CLOSE_DONE' })[0],
      30_000,
    );
  } finally {
    journal.close();
  }
  expect(await positionsLeft(ws.dataDir)).toBe(0);
  expect(alive(watchdog)).toBe(true);
}

describe('the watchdog outlives the loop (real processes)', () => {
  it(
    'SIGKILL of the loop alone: the watchdog flattens and halts, and keeps running',
    () => loopEndsThenBookIsFlat((main) => process.kill(main.pid!, 'SIGKILL')),
    120_000,
  );

  it(
    'the loop’s output pipe closed (a dead `| tee`): the loop exits, the watchdog flattens and halts',
    () =>
      loopEndsThenBookIsFlat((main) => {
        main.stdout!.destroy();
        main.stderr!.destroy();
      }),
    120_000,
  );

  it(
    'its terminal session ends (SIGHUP to the loop’s whole process group): the watchdog is not in it',
    () => loopEndsThenBookIsFlat((main) => killGroup(main, 'SIGHUP')),
    120_000,
  );
});
