import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { SimulatedClock } from '../domain/index.js';
import { createSimMarketWith, createSteppedPaperBroker } from './factory.js';
import { readHeartbeat } from './heartbeat.js';
import { runLoop } from './run-loop.js';
import { openServices } from './services.js';
import { REPO } from './test-support/cli-process.js';

async function loop(
  calendar: 'real' | 'always_open',
  start: string,
  breaker?: 'HALTED',
  window: { openDelayMs?: number; closeBufferMs?: number } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-loop-'));
  const config = parseConfig({ dataDir, contentDir: REPO, marketData: { source: 'sim', calendar } });
  const clock = new SimulatedClock(Date.parse(start));
  const marketData = createSimMarketWith(config, clock, { startTime: start });
  const broker = await createSteppedPaperBroker(config, { marketData, clock, dataDir });
  const services = await openServices(config, { clock, env: {}, marketData, broker });
  if (breaker)
    services.journal.setBreaker({ state: breaker, actor: 'person', reason: 'test', time: clock.now() });
  const notices: string[] = [];
  const running = runLoop(services, {
    intervalMs: 1000,
    heartbeatIntervalMs: 250,
    marketHoursOnly: true,
    ...window,
    maxCycles: 3,
    dataDir,
    signal: new AbortController().signal,
    onNotice: (m) => notices.push(m),
  });
  let done = false;
  void running.finally(() => (done = true));
  while (!done) {
    await new Promise((r) => setImmediate(r)); // an event-loop turn, not real time
    clock.advance(250);
  }
  const result = await running;
  const beat = readHeartbeat(dataDir);
  await services.close();
  return { result, notices, beat };
}

describe('runLoop', () => {
  it('skips cycles while the market is closed and says so once', async () => {
    const { result, notices, beat } = await loop('real', '2026-11-28T15:00:00Z'); // a Saturday
    expect(result.cycles).toEqual([]);
    expect(notices.filter((n) => n.startsWith('market closed'))).toHaveLength(1);
    expect(beat?.phase).toBe('stopped');
  });

  it('runs cycles while open, with reconciliation first', async () => {
    const { result } = await loop('always_open', '2026-11-24T15:00:00Z');
    expect(result.reconcile.ok).toBe(true);
    expect(result.cycles.map((c) => c.status)).toEqual(['completed', 'completed', 'completed']);
    expect(result.stoppedBy).toBe('max_cycles');
  });

  it('refuses to trade while HALTED, until a person resumes', async () => {
    const { result, notices } = await loop('always_open', '2026-11-24T15:00:00Z', 'HALTED');
    expect(result.cycles).toEqual([]);
    expect(
      notices.filter((n) => /breaker HALTED .*not trading until `swarmdesk resume`/.test(n)),
    ).toHaveLength(1);
  });

  it('starts no cycle in the open delay, and says why once', async () => {
    const minutes = { openDelayMs: 5 * 60_000, closeBufferMs: 10 * 60_000 };
    const { result, notices } = await loop('real', '2026-11-24T14:31:00Z', undefined, minutes); // 09:31 New York
    expect(result.cycles).toEqual([]);
    expect(
      notices.filter((n) => n.startsWith('open delay; no cycle starts before 2026-11-24T14:35:00.000Z')),
    ).toHaveLength(1);
  });

  it('starts no cycle in the close buffer', async () => {
    const minutes = { openDelayMs: 5 * 60_000, closeBufferMs: 10 * 60_000 };
    const { result, notices } = await loop('real', '2026-11-24T20:51:00Z', undefined, minutes); // 15:51 New York
    expect(result.cycles).toEqual([]);
    expect(notices.filter((n) => n.startsWith('close buffer'))).toHaveLength(1);
  });

  it('trades between the open delay and the close buffer', async () => {
    const minutes = { openDelayMs: 5 * 60_000, closeBufferMs: 10 * 60_000 };
    const { result } = await loop('real', '2026-11-24T14:36:00Z', undefined, minutes);
    expect(result.cycles.map((c) => c.status)).toEqual(['completed', 'completed', 'completed']);
  });
});
