import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerConnectionStatus } from '../broker.js';
import { BrokerError } from '../errors.js';
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

describe('ibkr adapter: restarts, drops and reconnects', () => {
  let fake: FakeSetup;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(async () => {
    await fake.close();
  });

  async function restingBuy(id: string) {
    const call = (await fake.calls())[2]!;
    return limitIntent(id, [{ contract: call.contract, side: 'buy', ratio: 1 }], 0.5);
  }

  it('a restarted process finds its open order by orderRef and never sends it twice', async () => {
    const first = fake.broker();
    await first.connect();
    const intent = await restingBuy('restart-1');
    const placed = await first.placeOrder(intent);
    expect(placed.status).toBe('working');
    await first.disconnect(); // the process dies; the order lives on at IB

    const second = fake.broker();
    await second.connect();
    expect(second.diagnostics().lastReconcile?.adopted).toEqual(['restart-1']);
    const again = await second.placeOrder(intent);
    expect(again.brokerOrderId).toBe(placed.brokerOrderId);
    expect(again.status).toBe('working');
    expect((await second.openOrders()).filter((o) => o.clientOrderId === 'restart-1')).toHaveLength(1);
    expect(fake.gateway.orders.filter((o) => o.orderRef === 'restart-1')).toHaveLength(1);
    // The next new order gets an id above the adopted one.
    const next = await second.placeOrder(await restingBuy('restart-2'));
    expect(Number(next.brokerOrderId.split('@')[0])).toBeGreaterThan(
      Number(placed.brokerOrderId.split('@')[0]),
    );
  });

  it('survives the daily Gateway restart: same client id, next-id rollback ignored, no id reused, no duplicate', async () => {
    const statuses: BrokerConnectionStatus[] = [];
    const journal = memoryJournal();
    const broker = fake.broker({}, { journal });
    broker.on('status', (s) => statuses.push(s));
    await broker.connect();
    const a = await broker.placeOrder(await restingBuy('daily-a'));
    const b = await broker.placeOrder(await restingBuy('daily-b'));

    const restart = fake.gateway.restart({ downMs: 300, nextValidId: 1 });
    await waitFor(() => broker.connectionStatus() === 'reconnecting', 'the broker to notice the drop');
    // While the Gateway is down: refused at once, with a typed error; nothing is queued.
    const down = await refusal(broker.placeOrder(await restingBuy('daily-during')));
    expect(down.reason).toBe('NOT_CONNECTED');
    await restart;
    await waitFor(() => broker.connectionStatus() === 'connected', 'the broker to reconnect and reconcile');

    const c = await broker.placeOrder(await restingBuy('daily-c'));
    const idOf = (o: { brokerOrderId: string }): number => Number(o.brokerOrderId.split('@')[0]);
    expect(idOf(c)).toBeGreaterThan(Math.max(idOf(a), idOf(b)));
    expect(fake.gateway.reusedOrderIds).toEqual([]);
    expect((await broker.orderByClientId(a.clientOrderId))?.status).toBe('working');
    expect((await broker.placeOrder(await restingBuy('daily-a'))).brokerOrderId).toBe(a.brokerOrderId);
    expect(fake.gateway.orders.map((o) => o.orderRef).sort()).toEqual(['daily-a', 'daily-b', 'daily-c']);
    // Every session used the fixed client id.
    expect(new Set(fake.gateway.requests().map((r) => r.clientId))).toEqual(new Set([7]));
    expect(statuses).toEqual(expect.arrayContaining(['connected', 'reconnecting']));
    expect(statuses[statuses.length - 1]).toBe('connected');
    expect(journal.events.map((e) => e.code)).toEqual(
      expect.arrayContaining(['BROKER_DISCONNECTED', 'BROKER_RECONNECTED']),
    );
  });

  it('refuses an order while the connection is down and never sends it later (not queued)', async () => {
    const broker = fake.broker();
    await broker.connect();
    fake.gateway.dropConnections();
    await waitFor(() => broker.connectionStatus() !== 'connected', 'the broker to notice the drop');
    const refused = await refusal(broker.placeOrder(await restingBuy('dropped-1')));
    expect(refused.reason).toBe('NOT_CONNECTED');
    expect(refused.retryable).toBe(true);
    await waitFor(() => broker.connectionStatus() === 'connected', 'the broker to reconnect');
    await new Promise((r) => setTimeout(r, 150));
    await fake.gateway.idle();
    expect(fake.gateway.requests().filter((r) => r.id === 3)).toHaveLength(0);
    expect(fake.gateway.orders).toHaveLength(0);
    // The same id can be placed now: the refusal was not stored.
    const placed = await broker.placeOrder(await restingBuy('dropped-1'));
    expect(placed.status).toBe('working');
    expect(fake.gateway.orders).toHaveLength(1);
  });

  it('an order in flight when the connection drops fails NOT_CONNECTED, is reconciled on reconnect, and a retry does not double it', async () => {
    const broker = fake.broker();
    await broker.connect();
    fake.gateway.delayAcknowledgements(250);
    const intent = await restingBuy('inflight-1');
    const pending = refusal(broker.placeOrder(intent));
    await waitFor(() => fake.gateway.requests(7).some((r) => r.id === 3), 'the order to reach the fake');
    fake.gateway.dropConnections();
    expect((await pending).reason).toBe('NOT_CONNECTED');
    await waitFor(() => fake.gateway.orders.length === 1, 'the fake to accept the delayed order');
    fake.gateway.delayAcknowledgements(0);
    await waitFor(() => broker.connectionStatus() === 'connected', 'the broker to reconnect');
    // Not at IB when the reconcile ran? Then it stays pending (never ended as "never reached IB")
    // until IB's word arrives on the new connection.
    await waitFor(
      async () => (await broker.orderByClientId(intent.clientOrderId))?.status === 'working',
      'the order to show as working',
    );
    const retry = await broker.placeOrder(intent);
    expect(retry.status).toBe('working');
    expect(fake.gateway.orders.filter((o) => o.orderRef === 'inflight-1')).toHaveLength(1);
  });

  it('an order lost with the connection stays pending through the reconnect, then ends as never having reached IB', async () => {
    const journal = memoryJournal();
    const broker = fake.broker({ ackTimeout: 300 }, { journal });
    await broker.connect();
    fake.gateway.loseNextOrders(1);
    const intent = await restingBuy('lost-1');
    expect((await refusal(broker.placeOrder(intent))).reason).toBe('NOT_CONNECTED');
    await waitFor(() => broker.connectionStatus() === 'connected', 'the broker to reconnect');
    expect(broker.diagnostics().lastReconcile?.unresolved).toEqual(['lost-1']);
    expect((await broker.orderByClientId(intent.clientOrderId))?.status).toBe('pending_submit');
    await waitFor(
      async () => (await broker.orderByClientId(intent.clientOrderId))?.status === 'rejected',
      'the lost order to be settled',
    );
    // Never re-sent: the same id comes back refused; a new id trades.
    expect((await refusal(broker.placeOrder(intent))).reason).toBe('REJECTED');
    expect(fake.gateway.orders).toHaveLength(0);
    expect(journal.events.some((e) => e.code === 'RECONCILE_MISMATCH' && e.clientOrderId === 'lost-1')).toBe(
      true,
    );
  });

  it('waits out a client id still held after a drop (326) with backoff, then reconnects with the same id', async () => {
    const journal = memoryJournal();
    const broker = fake.broker({ clientIdInUseDelay: 300 }, { journal });
    await broker.connect();
    fake.gateway.holdClientId(7);
    fake.gateway.dropConnections();
    await waitFor(
      () => journal.events.some((e) => e.code === 'BROKER_ERROR' && e.details?.['ibCode'] === 326),
      'a 326 on reconnect',
    );
    await new Promise((r) => setTimeout(r, 400));
    const attempts = fake.gateway.requests().filter((r) => r.id === 71).length;
    // One START_API to connect, then a retry at most every 300 ms: no hot loop.
    expect(attempts).toBeLessThanOrEqual(4);
    fake.gateway.releaseClientId(7);
    await waitFor(
      () => broker.connectionStatus() === 'connected',
      'the broker to reconnect once the id is free',
      3_000,
    );
    expect(fake.gateway.connectedClients()).toEqual([7]);
  });

  it('refuses to connect with a client id in use (326) with CLIENT_ID_IN_USE, after waiting it out as configured', async () => {
    fake.gateway.holdClientId(7);
    const journal = memoryJournal();
    const broker = fake.broker({ clientIdInUseRetries: 1, clientIdInUseDelay: 150 }, { journal });
    const error = await refusal(broker.connect());
    expect(error.reason).toBe('CLIENT_ID_IN_USE');
    expect(error.brokerCode).toBe(326);
    // The message names whose id it is, so the operator knows what to stop or change.
    expect(error.message).toMatch(/client id 7 \(broker\.clientId, the trading loop\) is already in use/);
    expect(broker.connectionStatus()).toBe('disconnected');
    expect(fake.gateway.requests().filter((r) => r.id === 71)).toHaveLength(2);
    expect(journal.events.filter((e) => e.code === 'BROKER_ERROR').map((e) => e.severity)).toEqual([
      'warning',
      'critical',
    ]);
  });

  it('waits out a 326 on the first connect and connects once the id is released', async () => {
    fake.gateway.holdClientId(7);
    const broker = fake.broker({ clientIdInUseRetries: 3, clientIdInUseDelay: 200 });
    setTimeout(() => fake.gateway.releaseClientId(7), 250);
    await broker.connect();
    expect(broker.connectionStatus()).toBe('connected');
    expect(fake.gateway.connectedClients()).toEqual([7]);
  });

  it('stops orders on 1100, resumes after 1102, and resubscribes after 1101', async () => {
    const broker = fake.broker();
    let resubscribed = 0;
    broker.onResubscribe(() => resubscribed++);
    await broker.connect();
    fake.gateway.notify(1100);
    await waitFor(() => broker.connectionStatus() === 'reconnecting', 'the broker to see 1100');
    expect((await refusal(broker.placeOrder(await restingBuy('conn-1')))).reason).toBe('NOT_CONNECTED');
    fake.gateway.notify(1102);
    await waitFor(() => broker.connectionStatus() === 'connected', 'the broker to resume after 1102');
    expect(resubscribed).toBe(0);
    expect((await broker.placeOrder(await restingBuy('conn-2'))).status).toBe('working');
    fake.gateway.notify(1100);
    await waitFor(() => broker.connectionStatus() === 'reconnecting', 'the broker to see 1100 again');
    fake.gateway.notify(1101);
    await waitFor(
      () => broker.connectionStatus() === 'connected' && resubscribed > 0,
      'a resubscribe after 1101',
    );
    expect(fake.gateway.orders.map((o) => o.orderRef)).toEqual(['conn-2']);
  });

  it('detects a half-open connection by its silent heartbeat and reconnects', async () => {
    const broker = fake.broker({ heartbeatInterval: 100, heartbeatTimeout: 150 });
    await broker.connect();
    fake.gateway.freezeConnection(7);
    await waitFor(
      () => broker.connectionStatus() === 'reconnecting',
      'the silent connection to count as lost',
    );
    await waitFor(() => broker.connectionStatus() === 'connected', 'a fresh connection');
    expect(fake.gateway.connectedClients().filter((id) => id === 7).length).toBeGreaterThanOrEqual(1);
    expect((await broker.placeOrder(await restingBuy('heartbeat-1'))).status).toBe('working');
  });

  it('reconnects the socket when IB stays unreachable (1100) with no 1101/1102', async () => {
    const broker = fake.broker({ degradedReconnectAfter: 200 });
    await broker.connect();
    const sessionsBefore = fake.gateway.requests().filter((r) => r.id === 71).length;
    fake.gateway.notify(1100);
    await waitFor(
      () => fake.gateway.requests().filter((r) => r.id === 71).length > sessionsBefore,
      'a new session',
    );
    await waitFor(() => broker.connectionStatus() === 'connected', 'the broker to be back');
    expect((await broker.placeOrder(await restingBuy('degraded-1'))).status).toBe('working');
  });

  it('waits for a delayed acknowledgement, and past the deadline keeps the order instead of sending it again', async () => {
    const broker = fake.broker({ ackTimeout: 400 });
    await broker.connect();
    fake.gateway.delayAcknowledgements(150);
    const started = Date.now();
    const slow = await broker.placeOrder(await restingBuy('ack-1'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(slow.status).toBe('working');

    fake.gateway.delayAcknowledgements(900);
    const late = await restingBuy('ack-2');
    const timedOut = await refusal(broker.placeOrder(late));
    expect(timedOut.reason).toBe('TIMEOUT');
    expect((await broker.orderByClientId(late.clientOrderId))?.status).toBe('pending_submit');
    await waitFor(
      async () => (await broker.orderByClientId(late.clientOrderId))?.status === 'working',
      'the late acknowledgement',
    );
    expect((await broker.placeOrder(late)).status).toBe('working');
    expect(fake.gateway.orders.filter((o) => o.orderRef === 'ack-2')).toHaveLength(1);
  });
});
