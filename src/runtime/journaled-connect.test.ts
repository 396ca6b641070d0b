import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrokerEvents, BrokerView } from '../broker/index.js';
import { brokerOrderId, clientOrderId, SimulatedClock, stock, type Fill } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { connectJournaled } from './journaled-connect.js';

const fill: Fill = {
  fillId: 'x-1',
  clientOrderId: clientOrderId('wd-1'),
  brokerOrderId: brokerOrderId('3@999'),
  legIndex: 0,
  contract: stock('NVDA'),
  side: 'sell',
  quantity: 10,
  price: 180,
  commission: 1,
  time: 5,
};

/** A broker whose connect reconciles: it announces a fill it read back, then connects (or fails). */
function reconcilingBroker(fails: boolean): BrokerView & { listeners: () => number } {
  const fills = new Set<BrokerEvents['fill']>();
  return {
    on: (event: string, l: BrokerEvents['fill']) => {
      if (event !== 'fill') return () => undefined;
      fills.add(l);
      return () => fills.delete(l);
    },
    connect: () => {
      for (const l of fills) l(fill);
      return fails ? Promise.reject(new Error('refused')) : Promise.resolve();
    },
    listeners: () => fills.size,
  } as unknown as BrokerView & { listeners: () => number };
}

describe('connectJournaled', () => {
  it('journals what the broker announces while it connects, and unwires when asked', async () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-connect-')) });
    const broker = reconcilingBroker(false);
    const off = await connectJournaled(broker, { journal, clock: new SimulatedClock(1) });
    expect(journal.queryTrades().map((t) => t.clientOrderId)).toEqual(['wd-1']);
    expect(broker.listeners()).toBe(1);
    off();
    expect(broker.listeners()).toBe(0);
    journal.close();
  });

  it('leaves nothing wired when the connect fails, and journals nothing without a journal', async () => {
    const journal = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-connect-')) });
    const failing = reconcilingBroker(true);
    await expect(connectJournaled(failing, { journal, clock: new SimulatedClock(1) })).rejects.toThrow(
      'refused',
    );
    expect(failing.listeners()).toBe(0);
    const unjournaled = reconcilingBroker(false);
    await connectJournaled(unjournaled, { clock: new SimulatedClock(1) });
    expect(unjournaled.listeners()).toBe(0);
    journal.close();
  });
});
