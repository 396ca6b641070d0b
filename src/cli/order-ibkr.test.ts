/**
 * `swarmdesk order` on IB while the loop holds its client id (the fake gateway, `@stoqey/ib` as
 * the client): a dry run connects read-only, a real one as the manual client id, and the loop's
 * connection knows the manual order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  memoryJournal,
  SIM_START,
  startFake,
  waitFor,
  type FakeSetup,
} from '../broker/ibkr/test-support/fake-harness.js';
import { clientOrderId, nyDate, RealClock } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { reconcileWithBroker } from '../runtime/index.js';
import { runCli } from './test-support/run-cli.js';

const START_API = 71;
const PLACE_ORDER = 3;

describe('swarmdesk order on IB while the loop runs', () => {
  let fake: FakeSetup;
  let cwd: string;
  beforeEach(async () => {
    fake = await startFake();
    cwd = mkdtempSync(join(tmpdir(), 'swarmdesk-order-ibkr-'));
    // The fake's market and the command's are one simulated market (same seed, same start).
    writeFileSync(
      join(cwd, 'swarmdesk.config.json'),
      JSON.stringify({
        dataDir: 'lake',
        broker: { type: 'ibkr', port: fake.gateway.port, ackTimeout: 3_000 },
        marketData: { source: 'sim', seed: 3, startTime: SIM_START, symbols: ['NVDA'] },
      }),
    );
  });
  afterEach(async () => {
    await fake.close();
  });

  /** A marketable single call: the ask of a near-the-money call on the fake's expiry. */
  async function callOrder(): Promise<string[]> {
    const call = (await fake.calls())[2]!;
    const c = call.contract;
    return ['buy', '1', 'NVDA', c.expiry, String(c.strike), 'C', '--limit', call.ask.toFixed(2)];
  }

  it('a dry run connects read-only (the status client id) while the loop holds client 1, and sends nothing', async () => {
    const loop = fake.broker({ clientId: 1 });
    await loop.connect();
    const r = await runCli(['order', ...(await callOrder()), '--dry-run', '--json'], { cwd });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: true, dryRun: true });
    expect(r.code, r.stdout).toBe(0);
    expect(fake.gateway.requests(998).filter((q) => q.id === START_API)).toHaveLength(1);
    expect(fake.gateway.requests(1).filter((q) => q.id === START_API)).toHaveLength(1);
    expect(fake.gateway.requests().filter((q) => q.id === PLACE_ORDER)).toEqual([]);
    await waitFor(() => fake.gateway.connectedClients().length === 1, 'the dry run to let go of 998');
    expect(fake.gateway.connectedClients()).toEqual([1]);
    expect(JSON.parse((await runCli(['events', '--json'], { cwd })).stdout)).toEqual([]);
  }, 60_000);

  it('an order connects as the manual client id while the loop holds client 1; the loop knows it and reconciles clean', async () => {
    const safety = memoryJournal();
    const loop = fake.broker({ clientId: 1 }, { journal: safety });
    await loop.connect();
    const r = await runCli(['order', ...(await callOrder()), '--json'], { cwd });
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { accepted: boolean; clientOrderId: string };
    expect(result.accepted, r.stdout).toBe(true);
    expect(r.code).toBe(0);
    expect(fake.gateway.orders.map((o) => o.clientId)).toEqual([997]);
    const id = clientOrderId(result.clientOrderId);

    // The loop's connection sees the manual order (working or filled) under its client order id…
    await loop.openOrders();
    expect((await loop.orderByClientId(id))?.clientOrderId).toBe(id);
    expect(safety.events.map((e) => e.code)).not.toContain('RECONCILE_MISMATCH');
    // …and start-up reconciliation finds the book explained by the journal.
    const journal = openJournal({ dataDir: join(cwd, 'lake') });
    try {
      const report = await reconcileWithBroker({
        broker: loop,
        journal,
        clock: new RealClock(),
        marketDate: nyDate(Date.parse(SIM_START)),
      });
      expect(report.mismatches).toEqual([]);
      expect(journal.getOrder(id)?.intent.origin).toBe('manual');
    } finally {
      journal.close();
    }
  }, 60_000);
});
