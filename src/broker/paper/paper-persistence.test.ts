import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOrderId, type Fill } from '../../domain/index.js';
import { buy, order, paperSetup, type PaperSetup } from './test-support/paper-setup.js';

let s: PaperSetup;
afterEach(async () => s.cleanup());

describe('paper broker persistence', () => {
  it('keeps the book across a restart: cash, positions, orders', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(s.call100), 2.1, { quantity: 2 }));
    const resting = await s.broker.placeOrder(order(buy(s.call105), 0.5));
    await s.broker.disconnect();
    const again = s.another({ startingCash: 5 });
    await again.connect();
    expect((await again.positions()).map((p) => p.quantity)).toEqual([2]);
    expect((await again.openOrders()).map((o) => o.clientOrderId)).toEqual([resting.clientOrderId]);
    expect((await again.accountSummary()).cash).toBeCloseTo(100_000 - 420 - 1.3, 6);
  });

  it('never creates a second order when two connections place the same id at once', async () => {
    s = await paperSetup();
    const other = s.another();
    await other.connect();
    const intent = order(buy(s.call100), 2.1);
    const [a, b] = await Promise.all([s.broker.placeOrder(intent), other.placeOrder(intent)]);
    expect(a.brokerOrderId).toBe(b.brokerOrderId);
    expect((await other.positions())[0]?.quantity).toBe(1);
    expect((await s.broker.fills(0)).length).toBe(1);
  });

  it("reports the other connection's fills as events", async () => {
    s = await paperSetup();
    const other = s.another();
    const seen: Fill[] = [];
    other.on('fill', (f) => seen.push(f));
    await other.connect();
    await s.broker.placeOrder(order(buy(s.call100), 2.1));
    expect(seen).toHaveLength(0);
    await other.positions();
    expect(seen.map((f) => f.price)).toEqual([2.1]);
  });

  it('shares one book with another OS process without losing or doubling anything', async () => {
    s = await paperSetup();
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.0, ask: 2.1, askSize: 1_000 });
    const count = 8;
    const script = fileURLToPath(new URL('./test-support/other-process.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, s.dataDir, 'child', String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for (let i = 0; i < count; i++) {
      await s.broker.placeOrder(order(buy(s.call100), 2.1, { clientOrderId: clientOrderId(`parent-${i}`) }));
      await s.broker.placeOrder(order(buy(s.call100), 2.1, { clientOrderId: clientOrderId(`shared-${i}`) }));
    }
    expect(await exited, err).toBe(0);
    expect(out).toContain('done');
    const orders = 3 * count;
    expect((await s.broker.fills(0)).length).toBe(orders);
    expect((await s.broker.positions())[0]?.quantity).toBe(orders);
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - orders * (210 + 1), 6);
  });
});
