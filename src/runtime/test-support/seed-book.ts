import { expect } from 'vitest';
import { brokerView } from '../../broker/index.js';
import { createPaperBroker } from '../../broker/paper/index.js';
import { clientOrderId, option, RealClock, stock, type Leg, type OrderIntent } from '../../domain/index.js';
import { openJournal } from '../../journal/index.js';
import { createSimMarket } from '../../market/sim/index.js';
import { testSimStart } from '../../../test/support/sim-start.js';
import { simStart } from '../factory.js';
import { journalBrokerEvents } from '../journal-broker-events.js';

function intent(
  id: string,
  legs: Leg[],
  quantity: number,
  limitPrice: number,
  priceEffect: 'debit' | 'credit',
): OrderIntent {
  return {
    clientOrderId: clientOrderId(id),
    legs,
    quantity,
    orderType: 'limit',
    limitPrice,
    priceEffect,
    timeInForce: 'day',
    rationale: 'test setup',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
  };
}

/** A book of stock, a single option and a call vertical, bought at marketable prices. */
export async function seedBook(dataDir: string): Promise<void> {
  const clock = new RealClock();
  const market = createSimMarket(simStart(dataDir, clock, testSimStart()), clock);
  const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
  await broker.connect();
  // Journal the seed orders and fills like any other, so start-up reconciliation finds them explained.
  const journal = openJournal({ dataDir });
  const off = journalBrokerEvents(brokerView(broker), journal, clock);
  const place = async (i: OrderIntent): Promise<void> => {
    journal.recordOrderIntent(i, clock.now());
    await broker.placeOrder(i);
  };
  const expiries = await market.expirations('NVDA');
  const expiry = expiries.find((e) => e > expiries[0]!) ?? expiries[0]!;
  const chain = await market.chain('NVDA', { expiries: [expiry] });
  const spot = chain.underlying.ask!;
  const calls = chain.rows
    .filter((r) => r.contract.right === 'call' && r.contract.strike >= spot && r.quote.ask !== null)
    .slice(0, 3);
  const [a, , c] = calls;
  const lower = a!.contract;
  const upper = c!.contract;
  await place(
    intent(
      'seed-stock',
      [{ contract: stock('NVDA'), side: 'buy', ratio: 1 }],
      10,
      Math.round((spot + 1) * 100) / 100,
      'debit',
    ),
  );
  await place(
    intent(
      'seed-single',
      [{ contract: lower, side: 'buy', ratio: 1 }],
      1,
      Math.ceil((a!.quote.ask! + 0.2) * 20) / 20,
      'debit',
    ),
  );
  const net = c!.quote.bid! - a!.quote.ask!;
  await place(
    intent(
      'seed-combo',
      [
        { contract: option('NVDA', expiry, upper.strike, 'call'), side: 'buy', ratio: 1 },
        { contract: lower, side: 'sell', ratio: 1 },
      ],
      1,
      Math.round(Math.max(0.01, -net + 0.5) * 100) / 100,
      'debit',
    ),
  ).catch(() => undefined);
  await broker.sync();
  const positions = (await broker.positions()).filter((p) => p.quantity !== 0);
  expect(positions.length).toBeGreaterThanOrEqual(2);
  off();
  journal.close();
  await broker.disconnect();
  await market.close();
}
