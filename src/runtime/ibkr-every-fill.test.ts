/**
 * Every fill reaches the journal, whoever sent the order, on IB (the fake gateway, `@stoqey/ib` as
 * the client): the loop's opening fills, the watchdog's closing fills over its own client id, and
 * then a clean `run` start — start-up reconciliation finds the book explained, no mismatch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { limitIntent, startFake, waitFor, type FakeSetup } from '../broker/ibkr/test-support/fake-harness.js';
import { parseConfig, type SwarmdeskConfig } from '../config/index.js';
import { contractKey, nyDate, RealClock, stock, type OrderIntent } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { createBroker } from './factory.js';
import { reconcileWithBroker } from './reconcile.js';
import { openServices } from './services.js';
import { REPO } from './test-support/cli-process.js';
import { panicCloseAllPositions } from './watchdog/panic-close.js';
import { runWatchdog } from './watchdog/watchdog-process.js';

describe('every fill reaches the journal on IB, whoever sent the order', () => {
  let setup: FakeSetup;
  let dataDir: string;
  let config: SwarmdeskConfig;
  const clock = new RealClock();
  beforeEach(async () => {
    setup = await startFake();
    dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-ibkr-fills-'));
    config = parseConfig({
      dataDir,
      contentDir: REPO,
      broker: { type: 'ibkr', port: setup.gateway.port, ackTimeout: 3_000, reconnectInitialDelay: 50 },
    });
  });
  afterEach(async () => {
    await setup.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The loop's book, built through its own connection (client 1) with its journal: stock and calls. */
  async function loopBuildsABook(withCalls = true): Promise<void> {
    const journal = openJournal({ dataDir });
    const loop = await createBroker(config, {
      role: 'main',
      marketData: setup.market,
      clock,
      env: {},
      journal,
    });
    try {
      const spot = await setup.market.underlyingQuote('NVDA');
      const call = (await setup.calls())[2]!;
      const orders: OrderIntent[] = [
        limitIntent('loop-stock', [{ contract: stock('NVDA'), side: 'buy', ratio: 1 }], spot.ask!, {
          quantity: 10,
        }),
        limitIntent('loop-calls', [{ contract: call.contract, side: 'buy', ratio: 1 }], call.ask, {
          quantity: 2,
        }),
      ].slice(0, withCalls ? 2 : 1);
      for (const intent of orders) {
        journal.recordOrderIntent(intent, clock.now());
        await loop.placeOrder(intent);
      }
      await waitFor(() => journal.queryTrades().length === orders.length, 'the opening fills in the journal');
    } finally {
      await loop.disconnect();
      journal.close();
    }
  }

  /** The loop stops beating; the watchdog flattens over its own connection (client 999). */
  async function watchdogFlattens(journalItsBroker: boolean): Promise<string[]> {
    const journal = openJournal({ dataDir });
    const watchdog = await createBroker(config, {
      role: 'watchdog',
      marketData: setup.market,
      clock,
      env: {},
      ...(journalItsBroker ? { journal } : {}),
    });
    try {
      const report = await panicCloseAllPositions(
        { broker: watchdog, marketData: setup.market, journal, clock },
        { attempts: 3, collarStep: 0.1, retryDelayMs: 100, reason: 'heartbeat stale (test)' },
      );
      expect(report.flat).toBe(true);
      const closing = journal
        .listOrders({ limit: 100 })
        .filter((o) => o.intent.origin === 'watchdog')
        .map((o) => o.clientOrderId as string);
      expect(closing.length).toBeGreaterThan(0);
      expect(setup.gateway.orders.filter((o) => o.clientId === 999 && o.status === 'Filled').length).toBe(
        closing.length,
      );
      if (journalItsBroker) {
        // The watchdog's own process journals its fills, as the loop does.
        await waitFor(
          () => closing.every((id) => journal.fillsForOrder(id as never).length > 0),
          "the watchdog's fills in its journal",
        );
      }
      return closing;
    } finally {
      await watchdog.disconnect();
      journal.close();
    }
  }

  /** `run` starts: services on client 1 (journaled from before connecting), then reconciliation. */
  async function runStarts(closing: readonly string[]): Promise<void> {
    const services = await openServices(config, { clock, env: {}, marketData: setup.market });
    try {
      const report = await reconcileWithBroker({
        broker: services.broker,
        journal: services.journal,
        clock,
        marketDate: nyDate((await setup.market.marketClock()).time),
      });
      expect(report.mismatches).toEqual([]);
      expect(report.ok).toBe(true);
      const trades = services.journal.queryTrades({ limit: 1_000 });
      const ids = new Set(trades.map((t) => t.clientOrderId));
      for (const id of ['loop-stock', ...closing]) expect(ids, id).toContain(id);
      for (const id of closing) expect(services.journal.fillsForOrder(id as never).length).toBeGreaterThan(0);
      // Every contract nets to zero: the closing fills are all there, each once.
      const net = new Map<string, number>();
      for (const t of trades)
        net.set(t.contract, (net.get(t.contract) ?? 0) + (t.side === 'buy' ? 1 : -1) * t.quantity);
      expect([...net.values()].every((q) => q === 0)).toBe(true);
      expect(net.has(contractKey(stock('NVDA')))).toBe(true);
      expect(services.journal.querySafetyEvents({ code: 'RECONCILE_MISMATCH' })).toEqual([]);
      expect(services.journal.breakerStatus().state).toBe('ACTIVE');
      for (const id of closing)
        expect(services.journal.getOrder(id as never)?.status, `${id} in the journal`).toBe('filled');
    } finally {
      await services.close();
    }
  }

  it('the watchdog journals its own closing fills; the next run start reconciles with no mismatch', async () => {
    await loopBuildsABook();
    const closing = await watchdogFlattens(true);
    await runStarts(closing);
  }, 60_000);

  it('the watchdog process (its own IB connection and IB market data) journals its closing fills', async () => {
    // Stock only: closing an option over IB market data prices its whole chain, one snapshot a contract.
    await loopBuildsABook(false);
    const wdConfig = parseConfig({
      dataDir,
      contentDir: REPO,
      broker: { type: 'ibkr', port: setup.gateway.port, ackTimeout: 3_000 },
      marketData: { source: 'ibkr', symbols: ['NVDA'] },
      watchdog: { checkInterval: '100ms', flattenRetryDelay: '200ms', flattenCollarStep: 0.1 },
    });
    const journal = openJournal({ dataDir });
    const stop = new AbortController();
    // No heartbeat at all: the watchdog finds the loop gone once the timeout has passed.
    const watching = runWatchdog({
      config: wdConfig,
      clock,
      signal: stop.signal,
      heartbeatTimeoutMs: 300,
      log: () => undefined,
    });
    try {
      await waitFor(
        () => journal.querySafetyEvents({ code: 'PANIC_CLOSE_DONE' }).length > 0,
        'the flatten',
        30_000,
      );
      const closing = journal
        .listOrders({ limit: 100 })
        .filter((o) => o.intent.origin === 'watchdog' && o.status === 'filled')
        .map((o) => o.clientOrderId as string);
      expect(closing.length).toBeGreaterThan(0);
      expect(closing.every((id) => journal.fillsForOrder(id as never).length > 0)).toBe(true);
      stop.abort();
      await watching;
      // The watchdog halted trading; a person looks, resumes, and the loop starts again.
      journal.setBreaker({ state: 'ACTIVE', actor: 'person', reason: 'checked (test)', time: clock.now() });
      await runStarts(closing);
    } finally {
      stop.abort();
      await watching.catch(() => undefined);
      journal.close();
    }
  }, 60_000);

  it("when the watchdog could not journal its fills, the next run start reads them back from IB (every client's executions)", async () => {
    await loopBuildsABook();
    const closing = await watchdogFlattens(false);
    const before = openJournal({ dataDir });
    expect(closing.every((id) => before.fillsForOrder(id as never).length === 0)).toBe(true);
    before.close();
    await runStarts(closing);
  }, 60_000);
});
