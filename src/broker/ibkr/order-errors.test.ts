import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerError } from '../errors.js';
import { createIbkrMarketData } from './index.js';
import {
  limitIntent,
  memoryJournal,
  startFake,
  waitFor,
  type FakeSetup,
} from './test-support/fake-harness.js';

async function refusal(p: Promise<unknown>): Promise<BrokerError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof BrokerError) return error;
    throw error;
  }
  throw new Error('expected a BrokerError, the call succeeded');
}

describe('ibkr adapter: IB error codes become typed errors and journal events', () => {
  let fake: FakeSetup;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(async () => {
    await fake.close();
  });

  async function leg(side: 'buy' | 'sell' = 'buy') {
    const call = (await fake.calls())[2]!;
    return { call, legs: [{ contract: call.contract, side, ratio: 1 }] as const };
  }

  it('201 rejected: REJECTED with the code, journaled with the client order id, and the same id stays refused', async () => {
    const journal = memoryJournal();
    const broker = fake.broker({}, { journal });
    await broker.connect();
    fake.gateway.rejectOrders({
      code: 201,
      message: 'Order rejected - reason:The contract is not available for trading',
    });
    const { legs } = await leg();
    const intent = limitIntent('err-201', legs, 0.5);
    const error = await refusal(broker.placeOrder(intent));
    expect(error.reason).toBe('REJECTED');
    expect(error.brokerCode).toBe(201);
    expect((await broker.orderByClientId(intent.clientOrderId))?.status).toBe('rejected');
    expect(journal.events).toContainEqual(
      expect.objectContaining({ code: 'BROKER_REJECTED', clientOrderId: 'err-201', severity: 'warning' }),
    );
    expect((await refusal(broker.placeOrder(intent))).reason).toBe('REJECTED');
    expect(fake.gateway.requests(7).filter((r) => r.id === 3)).toHaveLength(1);
  });

  it('201 for margin: INSUFFICIENT_BUYING_POWER', async () => {
    const broker = fake.broker();
    await broker.connect();
    const { call, legs } = await leg();
    const error = await refusal(
      broker.placeOrder(limitIntent('err-margin', legs, call.ask, { quantity: 900 })),
    );
    expect(error.reason).toBe('INSUFFICIENT_BUYING_POWER');
    expect(error.brokerCode).toBe(201);
  });

  it('110 from IB: OFF_TICK; 321: INVALID_ORDER', async () => {
    const broker = fake.broker();
    await broker.connect();
    const { legs } = await leg();
    fake.gateway.rejectOrders({
      code: 110,
      message: 'The price does not conform to the minimum price variation for this contract.',
    });
    expect((await refusal(broker.placeOrder(limitIntent('err-110', legs, 0.5)))).reason).toBe('OFF_TICK');
    fake.gateway.rejectOrders({
      code: 321,
      message: "Error validating request.-'bN' : cause - Missing order exchange",
    });
    expect((await refusal(broker.placeOrder(limitIntent('err-321', legs, 0.5)))).reason).toBe(
      'INVALID_ORDER',
    );
  });

  it('399 warning: the order lives; the warning is journaled', async () => {
    const journal = memoryJournal();
    const broker = fake.broker({}, { journal });
    await broker.connect();
    fake.gateway.warnOrders();
    const { legs } = await leg();
    expect((await broker.placeOrder(limitIntent('warn-399', legs, 0.5))).status).toBe('working');
    await waitFor(
      () => journal.events.some((e) => e.details?.['ibCode'] === 399),
      'the 399 warning in the journal',
    );
    expect(journal.events.find((e) => e.details?.['ibCode'] === 399)?.severity).toBe('info');
  });

  it("202 from another client's global cancel: the order ends cancelled and the unexpected cancel is journaled", async () => {
    const journal = memoryJournal();
    const main = fake.broker({}, { journal });
    await main.connect();
    const { legs } = await leg();
    const order = await main.placeOrder(limitIntent('err-202', legs, 0.5));
    const watchdog = fake.broker({}, { role: 'watchdog' });
    await watchdog.connect();
    expect((await watchdog.openOrders()).map((o) => o.clientOrderId)).toContain('err-202');
    await watchdog.cancelAll();
    await waitFor(
      async () => (await main.orderByClientId(order.clientOrderId))?.status === 'cancelled',
      'the cancel to reach the owner',
    );
    expect(
      journal.events.some(
        (e) => e.code === 'BROKER_ERROR' && e.clientOrderId === 'err-202' && e.details?.['ibCode'] === 202,
      ),
    ).toBe(true);
    // The watchdog cannot cancel another client's order one by one (IB's rule): only globally.
    const again = await main.placeOrder(limitIntent('err-202b', legs, 0.5));
    await watchdog.openOrders();
    expect((await refusal(watchdog.cancelOrder(again.clientOrderId))).reason).toBe('INVALID_ORDER');
  });

  it('10147: a cancel IB cannot find is UNKNOWN_ORDER', async () => {
    const broker = fake.broker({ ackTimeout: 200 });
    await broker.connect();
    fake.gateway.delayAcknowledgements(700);
    const { legs } = await leg();
    const intent = limitIntent('err-10147', legs, 0.5);
    expect((await refusal(broker.placeOrder(intent))).reason).toBe('TIMEOUT');
    const error = await refusal(broker.cancelOrder(intent.clientOrderId));
    expect(error.reason).toBe('UNKNOWN_ORDER');
    expect(error.brokerCode).toBe(10147);
  });

  it('10148: a cancel of an order IB already filled is ORDER_FINISHED, and the fill is found', async () => {
    const broker = fake.broker();
    await broker.connect();
    const { call, legs } = await leg();
    const intent = limitIntent('err-10148', legs, 0.5);
    await broker.placeOrder(intent);
    fake.gateway.muteOrderUpdates(7, true);
    fake.market.pinQuote(call.contract, { bid: 0.45, ask: 0.5, bidSize: 10, askSize: 10 });
    await fake.gateway.match();
    await waitFor(
      () => fake.gateway.orders.find((o) => o.orderRef === 'err-10148')?.status === 'Filled',
      'IB to fill it',
    );
    expect((await broker.orderByClientId(intent.clientOrderId))?.status).toBe('working');
    fake.gateway.muteOrderUpdates(7, false);
    const error = await refusal(broker.cancelOrder(intent.clientOrderId));
    expect(error.reason).toBe('ORDER_FINISHED');
    expect(error.brokerCode).toBe(10148);
    await waitFor(
      async () => (await broker.orderByClientId(intent.clientOrderId))?.status === 'filled',
      'the resync to find the fill',
    );
    expect((await broker.fills(0)).filter((f) => f.clientOrderId === 'err-10148')).toHaveLength(1);
  });

  it('505: a message the client cannot decode is counted and journaled as critical', async () => {
    const journal = memoryJournal();
    const broker = fake.broker({}, { journal });
    await broker.connect();
    fake.gateway.sendRaw(7, [3, 5, 'Submitted']); // ORDER_STATUS cut short
    await waitFor(() => broker.diagnostics().decodeErrors.length > 0, 'the decode error');
    expect(journal.events.some((e) => e.code === 'BROKER_ERROR' && e.severity === 'critical')).toBe(true);
    // The harness fails any test that leaves a decode error behind; this one caused it on purpose.
    broker.connection.decodeErrors.splice(0);
  });
});

describe('ibkr adapter: pacing', () => {
  it('stays under 50 messages/s while qualifying and quoting a whole chain and placing a burst of orders', async () => {
    const fake = await startFake();
    try {
      const journal = memoryJournal();
      const broker = fake.broker({ clientId: 31 }, { journal });
      await broker.connect();
      const md = createIbkrMarketData({ symbols: ['NVDA'] }, { broker, clock: fake.simTimeClock() });
      const call = (await fake.calls())[2]!;
      const orders = Array.from({ length: 25 }, (_, i) =>
        broker.placeOrder(
          limitIntent(`pace-${i}`, [{ contract: call.contract, side: 'buy', ratio: 1 }], 0.05),
        ),
      );
      const chain = await md.chain('NVDA', { expiries: [fake.expiry] });
      await Promise.all(orders);
      expect(chain.rows.length).toBeGreaterThan(60);
      const sent = fake.gateway.requests(31).length;
      expect(sent).toBeGreaterThan(100);
      // A real burst went out (well above 20/s), yet never above IB's 50/s: no error 100.
      expect(fake.gateway.peakMessagesPerSecond(31)).toBeGreaterThan(20);
      expect(fake.gateway.peakMessagesPerSecond(31)).toBeLessThanOrEqual(45);
      expect(journal.events.filter((e) => e.details?.['ibCode'] === 100)).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
