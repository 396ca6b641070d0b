import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrokerConnectionStatus } from '../broker.js';
import { buy, order, paperSetup, sell, type PaperSetup } from './test-support/paper-setup.js';

let s: PaperSetup;
afterEach(async () => {
  vi.restoreAllMocks();
  await s.cleanup();
});

/** Lets the clock's timer callbacks run their (promise-only) work to the end. */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('paper broker in the background', () => {
  it('fills resting orders on its own clock while connected', async () => {
    s = await paperSetup({ matchIntervalMs: 1_000 });
    await s.broker.placeOrder(order(buy(s.call100), 1.9));
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 1.8, ask: 1.85 });
    expect(s.fills).toHaveLength(0);
    s.clock.advance(1_000);
    await settled();
    expect(s.fills.map((f) => f.price)).toEqual([1.9]);
  });

  it('reports a failing market through a status detail, and its recovery', async () => {
    s = await paperSetup({ matchIntervalMs: 1_000 });
    const details: [BrokerConnectionStatus, string | undefined][] = [];
    s.broker.on('status', (status, detail) => details.push([status, detail]));
    s.market.failure = new Error('feed down');
    s.clock.advance(1_000);
    await settled();
    s.clock.advance(1_000);
    await settled();
    s.market.failure = null;
    s.clock.advance(1_000);
    await settled();
    expect(details).toEqual([
      ['connected', 'background matching failed: feed down'],
      ['connected', 'background matching resumed'],
    ]);
  });

  it('stops matching once disconnected', async () => {
    s = await paperSetup({ matchIntervalMs: 1_000 });
    await s.broker.disconnect();
    expect(s.clock.pendingTimers()).toBe(0);
  });

  it("keeps the trade when a listener throws, and reports the listener's error as a warning", async () => {
    s = await paperSetup();
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    s.broker.on('fill', () => {
      throw new Error('listener bug');
    });
    const o = await s.broker.placeOrder(order(buy(s.call100), 2.1));
    expect(o.status).toBe('filled');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('listener bug'));
  });

  it('values the book without an underlying quote: marks at cost, spot at the strike', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(sell(s.put95), 1.5));
    s.market.removeStock('XYZ');
    const summary = await s.broker.accountSummary();
    // No chain either: the put is marked at its cost 1.50; spot falls back to the strike 95:
    // max(0.2·95 − 0, 0.1·95) = 19.
    expect(summary.initialMargin).toBeCloseTo((1.5 + 19) * 100, 6);
    expect(summary.unrealizedPnl).toBe(0);
  });

  it('refuses to connect when the market cannot be read, and says why', async () => {
    s = await paperSetup();
    const other = s.another();
    const seen: [BrokerConnectionStatus, string | undefined][] = [];
    other.on('status', (status, detail) => seen.push([status, detail]));
    s.market.failure = new Error('feed down');
    await expect(other.connect()).rejects.toMatchObject({ reason: 'INTERNAL', retryable: true });
    expect(other.connectionStatus()).toBe('disconnected');
    expect(seen).toEqual([
      ['connecting', undefined],
      ['disconnected', 'paper broker: cannot connect: feed down'],
    ]);
  });

  it('stops emitting to a listener that unsubscribed', async () => {
    s = await paperSetup();
    const seen: string[] = [];
    const off = s.broker.on('order', (o) => seen.push(o.status));
    off();
    await s.broker.placeOrder(order(buy(s.call100), 1.5));
    expect(seen).toEqual([]);
  });
});
