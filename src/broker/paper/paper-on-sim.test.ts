import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, stock } from '../../domain/index.js';
import { createSimMarket } from '../../market/sim/index.js';
import { createPaperBroker } from './index.js';
import { buy, order } from './test-support/paper-setup.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('paper broker on the always-open sim market', () => {
  it('carries a position through its expiry: exercised into stock at the close, or expired worthless', async () => {
    const clock = new SimulatedClock(Date.parse('2026-03-10T15:00:00Z'));
    const market = createSimMarket({ symbols: ['NVDA'], speed: 1_000, seed: 11 }, clock);
    const dataDir = mkdtempSync(join(tmpdir(), 'paper-sim-'));
    dirs.push(dataDir);
    const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
    await broker.connect();
    const [front] = await market.expirations('NVDA');
    const chain = await market.chain('NVDA', { expiries: [front!], moneynessWindow: 0.02 });
    const call = chain.rows.find((r) => r.contract.right === 'call' && r.quote.ask !== null)!;
    const placed = await broker.placeOrder(order(buy(call.contract), call.quote.ask));
    expect(placed.status).toBe('filled');
    const cashAfterBuy = (await broker.accountSummary()).cash;

    clock.advance((5 * 6.5 * 3_600_000) / 1_000);
    expect((await market.marketClock()).time).toBeGreaterThan(Date.parse('2026-03-13T20:00:00Z'));
    const close = (await market.closingPrice('NVDA', front!))!;
    const positions = await broker.positions();
    expect(positions.some((p) => p.contract.kind === 'option')).toBe(false);
    const strike = call.contract.strike;
    if (close - strike >= 0.01) {
      expect(positions).toEqual([expect.objectContaining({ contract: stock('NVDA'), quantity: 100 })]);
      expect((await broker.accountSummary()).cash).toBeCloseTo(cashAfterBuy - strike * 100, 6);
    } else {
      expect(positions).toEqual([]);
      expect((await broker.accountSummary()).cash).toBeCloseTo(cashAfterBuy, 6);
    }
    await broker.disconnect();
  });
});
