import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlmServer } from '../../test/fakes/llm-server/index.js';
import { parseConfig } from '../config/index.js';
import { RealClock } from '../domain/index.js';
import { readHeartbeat } from './heartbeat.js';
import { runLoop } from './run-loop.js';
import { openServices } from './services.js';
import { REPO, waitFor } from './test-support/cli-process.js';

let server: FakeLlmServer;
beforeAll(async () => {
  server = await FakeLlmServer.start({ handler: () => ({ kind: 'hang' }) });
});
afterAll(() => server.close());

describe('a hanging LLM', () => {
  it('does not stop the heartbeat; the cycle ends at its deadline with the instances it has', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-hang-'));
    const config = parseConfig({
      dataDir,
      contentDir: REPO,
      llm: {
        provider: 'openai',
        openai: { baseUrl: server.openaiBaseUrl, model: 'hangs' },
        deadline: '2s',
        callTimeout: '30s',
      },
      commander: { deadlineMs: 1500 },
    });
    const services = await openServices(config, {
      clock: new RealClock(),
      env: { OPENAI_API_KEY: 'test-key' },
    });
    const beats: number[] = [];
    const poll = setInterval(() => {
      const b = readHeartbeat(dataDir);
      if (b && beats[beats.length - 1] !== b.time) beats.push(b.time);
    }, 20);
    try {
      const t0 = Date.now();
      const result = await runLoop(services, {
        intervalMs: 1000,
        heartbeatIntervalMs: 100,
        marketHoursOnly: false,
        maxCycles: 1,
        dataDir,
        signal: new AbortController().signal,
      });
      const elapsed = Date.now() - t0;
      const [cycle] = result.cycles;
      expect(cycle!.status).toBe('completed');
      expect(cycle!.swarm!.instances.length).toBeGreaterThan(0);
      expect(new Set(cycle!.swarm!.instances.map((i) => i.outcome))).toEqual(new Set(['timeout']));
      expect(cycle!.commander!.decision.kind).toBe('no_trade');
      // The cycle waited for the swarm's deadline (2 s), so the heartbeat had to keep going meanwhile.
      expect(elapsed).toBeGreaterThanOrEqual(2000);
      const gaps = beats.slice(1).map((t, i) => t - beats[i]!);
      expect(beats.length).toBeGreaterThan(10);
      expect(Math.max(...gaps)).toBeLessThan(1000);
      // Stragglers were cancelled at the deadline: their sockets close (the server sees it a moment later).
      await waitFor('hanging sockets to close', () => server.openConnections === 0, 5000);
    } finally {
      clearInterval(poll);
      await services.close();
    }
  }, 60_000);
});
