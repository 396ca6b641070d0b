import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeThetaTerminal } from '../../test/fakes/theta-terminal/index.js';
import { RealClock } from '../domain/index.js';
import { createSimMarket } from '../market/sim/index.js';
import { runCli } from './test-support/run-cli.js';

const REPO = resolve(import.meta.dirname, '..', '..');
let fake: FakeThetaTerminal;
let cwd: string;

beforeAll(async () => {
  const clock = new RealClock();
  const market = createSimMarket({ startTime: new Date().toISOString() }, clock);
  fake = await FakeThetaTerminal.start({
    market,
    liveShiftMs: () => clock.now() - market.now(),
    alwaysOpenCalendar: true,
  });
  cwd = mkdtempSync(join(tmpdir(), 'swarmdesk-theta-'));
  writeFileSync(
    join(cwd, 'swarmdesk.config.json'),
    JSON.stringify({
      contentDir: REPO,
      marketData: {
        source: 'thetadata',
        url: fake.url,
        tier: 'pro',
        symbols: ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'],
      },
    }),
  );
});
afterAll(() => fake.close());

describe('marketData: thetadata, end to end through the CLI (fake terminal)', () => {
  it('prints a chain with our IV and delta', async () => {
    const r = await runCli(['chain', 'NVDA', '--json'], { cwd });
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as {
      symbol: string;
      expiry: string;
      right: string;
      iv: number | null;
      delta: number | null;
      mid: number | null;
    }[];
    expect(rows.length).toBeGreaterThan(100);
    expect(rows[0]).toMatchObject({
      symbol: 'NVDA',
      expiry: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      right: expect.stringMatching(/^[CP]$/),
    });
    expect(rows.filter((x) => x.iv !== null && x.delta !== null).length).toBeGreaterThan(rows.length / 2);
  });

  it('consults the swarm once and runs a demo cycle on it', async () => {
    const s = await runCli(['swarm', '--once', '--json'], { cwd });
    const swarm = JSON.parse(s.stdout) as { instances: { outcome: string }[]; signals: unknown[] };
    expect(swarm.instances.length).toBe(10);
    expect(swarm.instances.every((i) => i.outcome !== 'error')).toBe(true);
    const d = await runCli(['demo', '--cycles', '1', '--json'], { cwd });
    expect(d.stderr).toBe('');
    expect(JSON.parse(d.stdout)).toMatchObject({ cycles: 1 });
  });
});
