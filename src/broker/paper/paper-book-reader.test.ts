import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PaperBookReader } from './index.js';
import { buy, order, paperSetup, type PaperSetup } from './test-support/paper-setup.js';

let s: PaperSetup;
afterEach(async () => s?.cleanup());

function listing(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      `${statSync(join(dir, f)).mtimeMs}:${readFileSync(join(dir, f)).toString('base64')}`,
    ]),
  );
}

describe('the paper book reader', () => {
  it('reads positions, working orders and the account as the book holds them, writing nothing', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(s.call100), 2.1, { quantity: 2 }));
    const resting = await s.broker.placeOrder(order(buy(s.call105), 0.5));
    await s.broker.disconnect();
    const before = listing(s.dataDir);
    const reader = PaperBookReader.open({}, { dataDir: s.dataDir, marketData: s.market, clock: s.clock });
    try {
      expect((await reader.positions()).map((p) => [p.contract, p.quantity])).toEqual([[s.call100, 2]]);
      expect((await reader.openOrders()).map((o) => o.clientOrderId)).toEqual([resting.clientOrderId]);
      const account = await reader.accountSummary();
      expect(account.cash).toBeCloseTo(100_000 - 420 - 1.3, 6);
      // Marked at the mid (2.05) against the average price paid (2.10).
      expect(account.unrealizedPnl).toBeCloseTo(2 * (2.05 - 2.1) * 100, 6);
    } finally {
      await reader.close();
    }
    expect(listing(s.dataDir)).toEqual(before);
  });

  it('matches nothing: a resting order the market now crosses stays working until the book’s holder runs a pass', async () => {
    s = await paperSetup();
    const resting = await s.broker.placeOrder(order(buy(s.call105), 0.5));
    await s.broker.disconnect();
    s.market.setOption('XYZ', '2026-04-17', 105, 'call', { bid: 0.3, ask: 0.4 });
    const reader = PaperBookReader.open({}, { dataDir: s.dataDir, marketData: s.market, clock: s.clock });
    try {
      expect((await reader.openOrders()).map((o) => o.clientOrderId)).toEqual([resting.clientOrderId]);
      expect(await reader.positions()).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('reads a data dir with no book as a new, empty one, creating nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'paper-reader-'));
    s = await paperSetup();
    const reader = PaperBookReader.open(
      { startingCash: 5_000 },
      { dataDir, marketData: null, clock: s.clock },
    );
    expect(await reader.positions()).toEqual([]);
    expect(await reader.openOrders()).toEqual([]);
    expect((await reader.accountSummary()).netLiquidation).toBe(5_000);
    await reader.close();
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
