import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { BrokerError } from '../broker/index.js';
import { clientOrderId, option, type OrderIntent, type Side } from '../domain/index.js';
import { GATE_LEASE } from './book-lock.js';
import { placeReducingOrder } from './place-reducing-order.js';
import { monthlyExpiry, override, simGate, type SimGate } from './test-support/gate-setup.js';

const open: SimGate[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});

let seq = 0;
/** A book holding one NVDA call a little out of the money, bought at the ask; and a way to trade it. */
async function holdingOneCall(): Promise<{
  g: SimGate;
  trade: (side: Side, quantity: number) => Promise<OrderIntent>;
}> {
  const g = await simGate();
  open.push(g);
  const expiry = await monthlyExpiry(g.market);
  const chain = await g.market.chain('NVDA', { expiries: [expiry] });
  const spot = (chain.underlying.bid! + chain.underlying.ask!) / 2;
  const row = chain.rows.find(
    (r) => r.contract.right === 'call' && r.contract.strike > spot * 1.03 && r.quote.bid! > 0,
  )!;
  const contract = option('NVDA', expiry, row.contract.strike, 'call');
  const trade = async (side: Side, quantity: number): Promise<OrderIntent> => {
    const quote = (await g.market.chain('NVDA', { expiries: [expiry] })).rows.find(
      (r) => r.contract.strike === contract.strike && r.contract.right === 'call',
    )!.quote;
    return {
      clientOrderId: clientOrderId(`r-${++seq}`),
      legs: [{ contract, side, ratio: 1 }],
      quantity,
      orderType: 'limit',
      limitPrice: side === 'buy' ? quote.ask! : quote.bid!,
      priceEffect: side === 'buy' ? 'debit' : 'credit',
      timeInForce: 'day',
      rationale: 'test',
      instanceIds: [],
      cycleId: null,
      origin: 'watchdog',
    };
  };
  const bought = await g.broker.placeOrder(await trade('buy', 1));
  expect(bought.status).toBe('filled');
  return { g, trade };
}

describe('placeReducingOrder: the watchdog road through the book gate', () => {
  it('journals a closing order before it sends it, and sends it', async () => {
    const { g, trade } = await holdingOneCall();
    const close = await trade('sell', 1);
    let journaledFirst: string | null = null;
    const broker = override(g.broker, {
      placeOrder: (i: OrderIntent) => {
        journaledFirst = g.journal.getOrder(i.clientOrderId)?.status ?? null;
        return g.broker.placeOrder(i);
      },
    });
    const r = await placeReducingOrder(close, { ...g.deps, broker });
    expect(r.sent).toBe(true);
    expect(journaledFirst).toBe('pending_submit');
    expect(await g.broker.positions()).toEqual([]);
  });

  it('refuses, journaled and unsent, an order that would close more than is held', async () => {
    const { g, trade } = await holdingOneCall();
    const tooMuch = await trade('sell', 2);
    const r = await placeReducingOrder(tooMuch, g.deps);
    expect(r).toMatchObject({ sent: false, rejection: { code: 'BREAKER_REDUCING_ONLY' } });
    expect(g.journal.getOrder(tooMuch.clientOrderId)).toBeNull();
    expect(g.journal.querySafetyEvents({ code: 'BREAKER_REDUCING_ONLY' })).toHaveLength(1);
    expect((await g.broker.positions())[0]?.quantity).toBe(1);
  });

  it('does not wait for a gate that holds the book (a frozen loop): it takes the lease', async () => {
    const { g, trade } = await holdingOneCall();
    g.journal.leases.take(
      GATE_LEASE,
      { holder: 'frozen-loop', pid: process.pid, host: hostname(), purpose: 'the run loop' },
      { now: Date.now(), ttlMs: 600_000 },
    );
    const r = await placeReducingOrder(await trade('sell', 1), g.deps);
    expect(r.sent).toBe(true);
    expect(g.journal.leases.current(GATE_LEASE)).toBeNull();
  });

  it('leaves an order whose send timed out pending_submit with the outcome unknown, as the gate does', async () => {
    const { g, trade } = await holdingOneCall();
    const close = await trade('sell', 1);
    const broker = override(g.broker, {
      placeOrder: () => Promise.reject(new BrokerError('TIMEOUT', 'no acknowledgement within 5000 ms')),
    });
    const r = await placeReducingOrder(close, { ...g.deps, broker });
    expect(r).toMatchObject({ sent: false, outcomeUnknown: true, rejection: { code: 'BROKER_ERROR' } });
    expect(g.journal.getOrder(close.clientOrderId)?.status).toBe('pending_submit');
  });
});
