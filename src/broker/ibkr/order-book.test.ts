import { describe, expect, it } from 'vitest';
import { clientOrderId, option, SimulatedClock, type Fill, type Order } from '../../domain/index.js';
import { OrderBook, type TrackedOrder } from './order-book.js';
import { limitIntent } from './test-support/fake-harness.js';

const call = option('NVDA', '2026-12-18', 180, 'call');

function setup(commissionWaitMs = 1000) {
  const clock = new SimulatedClock(0);
  const orders: Order[] = [];
  const fills: Fill[] = [];
  const book = new OrderBook(clock, commissionWaitMs, {
    order: (o) => orders.push(o),
    fill: (f) => fills.push(f),
  });
  const t: TrackedOrder = {
    clientOrderId: clientOrderId('ob-1'),
    intent: limitIntent('ob-1', [{ contract: call, side: 'buy', ratio: 1 }], 1, { quantity: 5 }),
    ownerClientId: 7,
    ibOrderId: 11,
    permId: null,
    status: 'pending_submit',
    filledQuantity: 0,
    averageFillPrice: null,
    submittedAt: 0,
    updatedAt: 0,
    foreign: false,
    ibAction: 'BUY',
  };
  book.add(t);
  return { clock, book, t, orders, fills };
}

function fill(id: string, time = 0): Fill {
  return {
    fillId: id,
    clientOrderId: clientOrderId('ob-1'),
    brokerOrderId: '11@7' as Fill['brokerOrderId'],
    legIndex: 0,
    contract: call,
    side: 'buy',
    quantity: 1,
    price: 1,
    commission: 0,
    time,
  };
}

describe('order book', () => {
  it('finds orders by client order id, IB id and perm id', () => {
    const { book, t } = setup();
    book.link(t, 11, 900);
    expect(book.byIbId(7, 11)).toBe(t);
    expect(book.byIbId(8, 11)).toBeUndefined();
    expect(book.byPermId(900)).toBe(t);
    expect(book.toOrder(t).brokerOrderId).toBe('11@7');
  });

  it('moves only along the transition table, ignores repeats, and grows partial fills', () => {
    const { book, t, orders } = setup();
    expect(book.update(t, 'working')).toBe(true);
    expect(book.update(t, 'working')).toBe(false);
    expect(book.update(t, 'submitted')).toBe(false);
    expect(book.update(t, 'partially_filled', { filled: 2, average: 1.1 })).toBe(true);
    expect(book.update(t, 'partially_filled', { filled: 2 })).toBe(false);
    expect(book.update(t, 'partially_filled', { filled: 3, average: 1.05 })).toBe(true);
    expect(book.update(t, 'filled', { filled: 5, average: 1.02 })).toBe(true);
    expect(book.update(t, 'cancelled')).toBe(false);
    expect(orders.map((o) => [o.status, o.filledQuantity])).toEqual([
      ['working', 0],
      ['partially_filled', 2],
      ['partially_filled', 3],
      ['filled', 5],
    ]);
    expect(t.averageFillPrice).toBe(1.02);
  });

  it('ends a working order that IB rejects as cancelled (the table has no working → rejected)', () => {
    const { book, t } = setup();
    book.update(t, 'partially_filled', { filled: 1 });
    book.reject(t, 'REJECTED', 'late reject', 201);
    expect(t.status).toBe('cancelled');
    expect(t.reason).toBe('late reject');
  });

  it('announces a fill once its commission arrives, or after the wait without it', async () => {
    const { book, clock, fills } = setup(500);
    book.addFill(fill('e1'), true);
    book.addFill(fill('e1'), true);
    expect(fills).toEqual([]);
    const listed = book.fills(0);
    book.commission('e1', 0.65, null);
    expect((await listed).map((f) => f.commission)).toEqual([0.65]);
    expect(fills.map((f) => f.commission)).toEqual([0.65]);

    book.commission('e2', 0.7, 12.5); // before its execution
    book.addFill(fill('e2'), true);
    expect(fills.at(-1)?.commission).toBe(0.7);
    expect(book.realized('NVDA 2026-12-18 180 C')).toBe(12.5);

    book.addFill(fill('e3'), true);
    clock.advance(500);
    expect(fills.at(-1)).toMatchObject({ fillId: 'e3', commission: 0 });
    book.commission('e3', 0.65, null);
    expect((await book.fills(0)).find((f) => f.fillId === 'e3')?.commission).toBe(0.65);
  });
});
