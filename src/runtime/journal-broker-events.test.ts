import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrokerEvents, BrokerView } from '../broker/index.js';
import {
  brokerOrderId,
  clientOrderId,
  option,
  SimulatedClock,
  type Fill,
  type Order,
  type OrderIntent,
} from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { journalBrokerEvents } from './journal-broker-events.js';

/** Only `on` is used: the events a broker emits, fired by the test. */
function emitter() {
  const listeners: { order: BrokerEvents['order'][]; fill: BrokerEvents['fill'][] } = { order: [], fill: [] };
  const view = {
    on: (event: 'order' | 'fill', l: never) => {
      listeners[event].push(l);
      return () => undefined;
    },
  } as unknown as BrokerView;
  return {
    view,
    order: (o: Order) => listeners.order.forEach((l) => l(o)),
    fill: (f: Fill) => listeners.fill.forEach((l) => l(f)),
  };
}

const intent: OrderIntent = {
  clientOrderId: clientOrderId('o-1'),
  legs: [{ contract: option('NVDA', '2026-12-18', 150, 'call'), side: 'buy', ratio: 1 }],
  quantity: 5,
  orderType: 'limit',
  limitPrice: 2,
  priceEffect: 'debit',
  timeInForce: 'day',
  rationale: '',
  instanceIds: [],
  cycleId: null,
  origin: 'manual',
};

const order = (status: Order['status'], filledQuantity: number): Order => ({
  clientOrderId: intent.clientOrderId,
  brokerOrderId: brokerOrderId(7),
  intent,
  status,
  filledQuantity,
  averageFillPrice: null,
  submittedAt: 0,
  updatedAt: 0,
});

describe('journalBrokerEvents', () => {
  it('follows the broker through the status table, records each growing partial fill, and journals an impossible move', () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-events-')) });
    const e = emitter();
    journal.recordOrderIntent(intent, 0);
    journalBrokerEvents(e.view, journal, new SimulatedClock(1));
    e.order(order('partially_filled', 2));
    e.order(order('partially_filled', 4));
    expect(journal.getOrder(intent.clientOrderId)).toMatchObject({
      status: 'partially_filled',
      filledQuantity: 4,
      brokerOrderId: '7',
    });
    e.order(order('filled', 5));
    e.order(order('working', 5));
    expect(journal.getOrder(intent.clientOrderId)).toMatchObject({ status: 'filled', filledQuantity: 5 });
    expect(journal.querySafetyEvents({ code: 'BROKER_ERROR' })[0]!.message).toMatch(
      /filled -> working.*journal kept at filled/,
    );
    journal.close();
  });

  it("books a fill under the journaled order's leg, whatever leg number the broker gave it, once", () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-events-')) });
    const e = emitter();
    const put = option('NVDA', '2026-12-18', 140, 'put');
    const spread: OrderIntent = {
      ...intent,
      clientOrderId: clientOrderId('o-2'),
      legs: [intent.legs[0]!, { contract: put, side: 'sell', ratio: 1 }],
    };
    journal.recordOrderIntent(spread, 0);
    journalBrokerEvents(e.view, journal, new SimulatedClock(1));
    // A broker that knew the order only from its executions numbered the put leg 0.
    const fill: Fill = {
      fillId: 'x-1',
      clientOrderId: spread.clientOrderId,
      brokerOrderId: brokerOrderId('9@999'),
      legIndex: 0,
      contract: put,
      side: 'sell',
      quantity: 5,
      price: 1.1,
      commission: 0.65,
      time: 2,
    };
    e.fill(fill);
    e.fill(fill);
    expect(journal.fillsForOrder(spread.clientOrderId)).toEqual([
      { fillId: 'x-1', quantity: 5, price: 1.1, legIndex: 1 },
    ]);
    expect(journal.queryTrades()).toHaveLength(1);
    journal.close();
  });
});
