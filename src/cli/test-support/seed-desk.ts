import { brokerView } from '../../broker/index.js';
import { createPaperBroker } from '../../broker/paper/index.js';
import {
  clientOrderId,
  COMBO_TICK,
  RealClock,
  roundToTick,
  tickFor,
  type ChainRow,
  type Leg,
  type OptionContract,
  type OrderIntent,
} from '../../domain/index.js';
import { openJournal } from '../../journal/index.js';
import { createSimMarket } from '../../market/sim/index.js';
import type { MarketData } from '../../market/index.js';
import { simStart } from '../../runtime/index.js';
import { journalBrokerEvents } from '../../runtime/index.js';
import { testSimStart } from '../../../test/support/sim-start.js';

/** What `seedDesk` left on the book, to assert against. */
export interface SeededDesk {
  /** NVDA put vertical bought as one combo (`seed-vertical`): long the higher strike, short the lower. */
  readonly longPut: OptionContract;
  readonly shortPut: OptionContract;
  /** One AMD call bought (`seed-amd`). */
  readonly amdCall: OptionContract;
  /** Resting opening orders (buy far below the market): `open-nvda` (a call), `open-amd` (a put). */
  readonly openingIds: readonly ['open-nvda', 'open-amd'];
  /** A resting closing order: sell the AMD call far above the market (`close-amd`). */
  readonly closingId: 'close-amd';
  /** Journaled `pending_submit`, never sent (the broker does not list it). */
  readonly pendingId: 'pending-nvda';
}

function intent(id: string, legs: Leg[], limitPrice: number, priceEffect: 'debit' | 'credit'): OrderIntent {
  return {
    clientOrderId: clientOrderId(id),
    legs,
    quantity: 1,
    orderType: 'limit',
    limitPrice,
    priceEffect,
    timeInForce: 'gtc',
    rationale: 'test setup',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
  };
}

async function rows(market: MarketData, symbol: string): Promise<{ spot: number; rows: ChainRow[] }> {
  const expiries = await market.expirations(symbol);
  const expiry = expiries.find((e) => e > expiries[0]!) ?? expiries[0]!;
  const chain = await market.chain(symbol, { expiries: [expiry] });
  const two = chain.rows.filter((r) => r.quote.bid !== null && r.quote.ask !== null && r.quote.bid > 0.2);
  return { spot: chain.underlying.ask!, rows: two };
}

const up = (p: number): number => roundToTick(p, tickFor(p), 'up');

/**
 * A desk with structures and working orders, on the pinned simulated market of `dataDir` (the
 * workspace's): filled positions, resting opening and closing orders, and a journal-only order.
 * Seeded straight at the paper broker (test setup, like `seedBook`), journaled like any other.
 */
export async function seedDesk(dataDir: string): Promise<SeededDesk> {
  const clock = new RealClock();
  const market = createSimMarket(simStart(dataDir, clock, testSimStart()), clock);
  const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
  await broker.connect();
  const journal = openJournal({ dataDir });
  const off = journalBrokerEvents(brokerView(broker), journal, clock);
  const place = async (i: OrderIntent): Promise<void> => {
    journal.recordOrderIntent(i, clock.now());
    await broker.placeOrder(i);
  };
  try {
    const nvda = await rows(market, 'NVDA');
    const puts = nvda.rows.filter((r) => r.contract.right === 'put' && r.contract.strike <= nvda.spot);
    const [low, high] = puts.slice(-2) as [ChainRow, ChainRow];
    const debit = roundToTick(high.quote.ask! - low.quote.bid! + 0.1, COMBO_TICK, 'up');
    await place(
      intent(
        'seed-vertical',
        [
          { contract: high.contract, side: 'buy', ratio: 1 },
          { contract: low.contract, side: 'sell', ratio: 1 },
        ],
        debit,
        'debit',
      ),
    );
    const amd = await rows(market, 'AMD');
    const amdCall = amd.rows.find((r) => r.contract.right === 'call' && r.contract.strike >= amd.spot)!;
    await place(
      intent(
        'seed-amd',
        [{ contract: amdCall.contract, side: 'buy', ratio: 1 }],
        up(amdCall.quote.ask! + 0.1),
        'debit',
      ),
    );
    const nvdaCall = nvda.rows.find((r) => r.contract.right === 'call' && r.contract.strike >= nvda.spot)!;
    await place(intent('open-nvda', [{ contract: nvdaCall.contract, side: 'buy', ratio: 1 }], 0.05, 'debit'));
    const amdPut = amd.rows
      .filter((r) => r.contract.right === 'put' && r.contract.strike <= amd.spot)
      .at(-1)!;
    await place(intent('open-amd', [{ contract: amdPut.contract, side: 'buy', ratio: 1 }], 0.05, 'debit'));
    await place(
      intent(
        'close-amd',
        [{ contract: amdCall.contract, side: 'sell', ratio: 1 }],
        up(amdCall.quote.ask! * 3 + 1),
        'credit',
      ),
    );
    const far = nvda.rows.find(
      (r) => r.contract.right === 'call' && r.contract.strike > nvdaCall.contract.strike,
    )!;
    journal.recordOrderIntent(
      intent('pending-nvda', [{ contract: far.contract, side: 'buy', ratio: 1 }], 0.05, 'debit'),
      clock.now(),
    );
    await broker.sync();
    const held = (await broker.positions()).filter((p) => p.quantity !== 0);
    if (held.length !== 3) throw new Error(`seedDesk: expected 3 positions, got ${JSON.stringify(held)}`);
    if ((await broker.openOrders()).length !== 3) throw new Error('seedDesk: expected 3 resting orders');
    return {
      longPut: high.contract,
      shortPut: low.contract,
      amdCall: amdCall.contract,
      openingIds: ['open-nvda', 'open-amd'],
      closingId: 'close-amd',
      pendingId: 'pending-nvda',
    };
  } finally {
    off();
    journal.close();
    await broker.disconnect();
    await market.close();
  }
}
