/**
 * The watchdog's flatten over its own IB connection (client id 999): a book of stock, single
 * options and a vertical, plus a working order the main loop left, closed from that connection
 * alone through the runtime's `panicCloseAllPositions`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RealClock, sameContract, stock } from '../../domain/index.js';
import { openJournal, type Journal } from '../../journal/index.js';
import { panicCloseAllPositions } from '../../runtime/watchdog/panic-close.js';
import { limitIntent, startFake, waitFor, type FakeSetup } from './test-support/fake-harness.js';

describe('watchdog flatten over its own IB connection', () => {
  let fake: FakeSetup;
  let dir: string;
  let journal: Journal;
  beforeEach(async () => {
    fake = await startFake();
    dir = mkdtempSync(join(tmpdir(), 'ibkr-flatten-'));
    journal = openJournal({ dataDir: dir });
  });
  afterEach(async () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
    await fake.close();
  });

  it("cancels the main loop's orders and closes stock, single options and a combo as client 999", async () => {
    const main = fake.broker();
    await main.connect();
    const calls = await fake.calls();
    const [short, long] = [calls[2]!, calls[3]!];
    // A put for the single-option position (a call of the same expiry would pair into the spread).
    const chain = await fake.market.chain('NVDA', { expiries: [fake.expiry], moneynessWindow: 0.04 });
    const putRow = chain.rows.find((r) => r.contract.right === 'put' && (r.quote.bid ?? 0) > 0)!;
    const single = { contract: putRow.contract, ask: putRow.quote.ask! };
    const spot = await fake.market.underlyingQuote('NVDA');
    const nvda = stock('NVDA');

    // The book the main loop built: 100 shares, 2 puts, a call credit spread; and a working order.
    await main.placeOrder(
      limitIntent('book-stock', [{ contract: nvda, side: 'buy', ratio: 1 }], spot.ask!, { quantity: 100 }),
    );
    await main.placeOrder(
      limitIntent('book-puts', [{ contract: single.contract, side: 'buy', ratio: 1 }], single.ask, {
        quantity: 2,
      }),
    );
    const credit = Math.round((short.bid - long.ask) * 100) / 100;
    await main.placeOrder(
      limitIntent(
        'book-spread',
        [
          { contract: short.contract, side: 'sell', ratio: 1 },
          { contract: long.contract, side: 'buy', ratio: 1 },
        ],
        credit,
        { priceEffect: 'credit' },
      ),
    );
    const resting = await main.placeOrder(
      limitIntent('book-resting', [{ contract: long.contract, side: 'buy', ratio: 1 }], 0.05),
    );
    expect(resting.status).toBe('working');
    await waitFor(async () => (await main.positions()).length === 4, 'the book to fill');
    const book = await main.positions();
    expect(book.find((p) => sameContract(p.contract, short.contract))?.quantity).toBe(-1);

    // The main loop stops beating; the watchdog connects on its own.
    const watchdog = fake.broker({}, { role: 'watchdog' });
    await watchdog.connect();
    expect(watchdog.diagnostics().clientId).toBe(999);
    const report = await panicCloseAllPositions(
      { broker: watchdog, marketData: fake.market, journal, clock: new RealClock() },
      { attempts: 3, collarStep: 0.1, retryDelayMs: 100, reason: 'heartbeat stale (test)' },
    );

    expect(report.flat).toBe(true);
    expect(report.remaining).toEqual([]);
    expect(fake.gateway.positions()).toEqual([]);
    expect(await watchdog.positions()).toEqual([]);
    // The working order was the main loop's: only the watchdog's global cancel could end it.
    await waitFor(
      async () => (await main.orderByClientId(resting.clientOrderId))?.status === 'cancelled',
      'the main loop to see its order cancelled',
    );
    const closing = fake.gateway.orders.filter((o) => o.clientId === 999);
    expect(closing.length).toBe(report.ordersSent);
    expect(closing.every((o) => o.status === 'Filled')).toBe(true);
    // Stock and the puts leg by leg; the spread as one combo (the short leg bought back in it).
    expect(closing.filter((o) => o.contract.secType === 'BAG')).toHaveLength(1);
    expect(closing.filter((o) => o.contract.secType === 'STK')).toHaveLength(1);
    expect(closing.filter((o) => o.contract.secType === 'OPT')).toHaveLength(1);
    const codes = journal.querySafetyEvents().map((e) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining(['PANIC_CLOSE_STARTED', 'CANCEL_ALL', 'PANIC_CLOSE_ORDER', 'PANIC_CLOSE_DONE']),
    );
    expect(codes).not.toContain('PANIC_CLOSE_INCOMPLETE');
  });
});
