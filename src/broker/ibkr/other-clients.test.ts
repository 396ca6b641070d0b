/**
 * Orders placed from swarmdesk's other client ids, seen from the loop's connection on the fake
 * gateway: IB sends an order's updates and fills only to the client that placed it, so the loop
 * knows them from open-order snapshots and from executions it reads back (every client's).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderId, stock } from '../../domain/index.js';
import {
  limitIntent,
  memoryJournal,
  startFake,
  waitFor,
  type FakeSetup,
} from './test-support/fake-harness.js';

const id = clientOrderId;

describe("ibkr adapter: the loop's view of orders from swarmdesk's other client ids", () => {
  let fake: FakeSetup;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(async () => {
    await fake.close();
  });

  async function callLeg() {
    const call = (await fake.calls())[2]!;
    return { call, legs: [{ contract: call.contract, side: 'buy' as const, ratio: 1 }] };
  }

  it('a manual command and a read-only look connect beside the loop; the loop knows the manual order, books its fills from executions, and settles it when it goes', async () => {
    const journal = memoryJournal();
    const loop = fake.broker({}, { journal });
    await loop.connect();
    const manual = fake.broker({}, { role: 'manual' });
    await manual.connect();
    const look = fake.broker({}, { role: 'status' });
    await look.connect();
    expect(fake.gateway.connectedClients().sort((a, b) => a - b)).toEqual([7, 997, 998]);

    const { call, legs } = await callLeg();
    expect((await manual.placeOrder(limitIntent('man-rest', legs, 0.05))).status).toBe('working');
    await manual.placeOrder(limitIntent('man-fill', legs, call.ask));
    await waitFor(
      async () => (await manual.orderByClientId(id('man-fill')))?.status === 'filled',
      'the manual order to fill',
    );

    // The loop: the working order is known; the filled one it never saw open comes from its executions.
    expect((await loop.openOrders()).map((o) => o.clientOrderId)).toContain('man-rest');
    expect(await loop.orderByClientId(id('man-fill'))).toMatchObject({ status: 'filled', filledQuantity: 1 });
    const fills = (await loop.fills(0)).filter((f) => f.clientOrderId === 'man-fill');
    expect(fills.map((f) => [f.side, f.quantity, f.legIndex])).toEqual([['buy', 1, 0]]);
    expect(fills[0]!.commission).toBeGreaterThan(0);
    expect(fills[0]!.fillId).toBe(fake.gateway.executions.find((e) => e.clientId === 997)!.execId);
    const notes = journal.events.filter((e) => e.code === 'RECONCILE_NOTE').map((e) => e.clientOrderId);
    expect(notes).toEqual(expect.arrayContaining(['man-rest', 'man-fill']));
    expect(journal.events.filter((e) => e.severity === 'info' && e.code === 'RECONCILE_NOTE').length).toBe(
      notes.length,
    );
    expect(journal.events.map((e) => e.code)).not.toContain('RECONCILE_MISMATCH');
    // Read again: each execution is booked once.
    await loop.openOrders();
    expect((await loop.fills(0)).filter((f) => f.clientOrderId === 'man-fill')).toHaveLength(1);

    // The manual client cancels its own order (IB binds it to that id); the loop settles it.
    await manual.cancelOrder(id('man-rest'));
    await loop.openOrders();
    expect(await loop.orderByClientId(id('man-rest'))).toMatchObject({
      status: 'cancelled',
      filledQuantity: 0,
    });

    // The read-only look sends nothing.
    await expect(look.placeOrder(limitIntent('look-1', legs, 0.05))).rejects.toThrow(
      /read-only status connection/,
    );
    expect(fake.gateway.orders.filter((o) => o.clientId === 998)).toEqual([]);
  });

  it("another tool's orders (a client id swarmdesk does not use) are mismatches, and their fills are not booked", async () => {
    const journal = memoryJournal();
    const loop = fake.broker({}, { journal });
    await loop.connect();
    const tool = fake.broker({ clientId: 55 });
    await tool.connect();
    const { call, legs } = await callLeg();
    await tool.placeOrder(limitIntent('tool-rest', legs, 0.05));
    await tool.placeOrder(limitIntent('tool-fill', legs, call.ask));
    await waitFor(
      async () => (await tool.orderByClientId(id('tool-fill')))?.status === 'filled',
      "the tool's order to fill",
    );

    await loop.openOrders();
    await loop.openOrders();
    const mismatches = journal.events.filter((e) => e.code === 'RECONCILE_MISMATCH');
    expect(mismatches.map((e) => e.severity)).toEqual(['warning', 'warning']);
    expect(mismatches.find((e) => e.clientOrderId === 'tool-rest')?.message).toMatch(/did not place/);
    expect(mismatches.find((e) => e.clientOrderId !== 'tool-rest')?.message).toMatch(
      /executions of order \d+ of client 55.*not booked/,
    );
    expect(await loop.orderByClientId(id('tool-fill'))).toBeNull();
    expect(await loop.fills(0)).toEqual([]);
  });

  it("a restarted loop takes its own and the watchdog's finished orders from their executions, with commissions, as notes", async () => {
    const first = fake.broker();
    await first.connect();
    const nvda = stock('NVDA');
    const spot = await fake.market.underlyingQuote('NVDA');
    await first.placeOrder(
      limitIntent('loop-buy', [{ contract: nvda, side: 'buy', ratio: 1 }], spot.ask!, { quantity: 10 }),
    );
    await waitFor(async () => (await first.orderByClientId(id('loop-buy')))?.status === 'filled', 'the buy');
    await first.disconnect(); // the loop stops; the watchdog closes the position as client 999

    const watchdog = fake.broker({}, { role: 'watchdog' });
    await watchdog.connect();
    await watchdog.placeOrder(
      limitIntent('wd-close-1', [{ contract: nvda, side: 'sell', ratio: 1 }], spot.bid!, { quantity: 10 }),
    );
    await waitFor(() => fake.gateway.positions().length === 0, 'the position to close');
    await watchdog.disconnect();

    const journal = memoryJournal();
    const second = fake.broker({}, { journal });
    await second.connect();
    expect([...second.diagnostics().lastReconcile!.fromExecutions].sort()).toEqual([
      'loop-buy',
      'wd-close-1',
    ]);
    expect(await second.orderByClientId(id('wd-close-1'))).toMatchObject({
      status: 'filled',
      filledQuantity: 10,
      averageFillPrice: -spot.bid!,
    });
    const fills = await second.fills(0);
    expect(fills.map((f) => [f.clientOrderId, f.side, f.quantity])).toEqual([
      ['loop-buy', 'buy', 10],
      ['wd-close-1', 'sell', 10],
    ]);
    expect(fills.every((f) => f.commission > 0)).toBe(true);
    expect(journal.events.map((e) => `${e.code}/${e.severity}`)).toEqual([
      'RECONCILE_NOTE/info',
      'RECONCILE_NOTE/info',
    ]);
  });
});
