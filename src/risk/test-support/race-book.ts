/**
 * The book a gate race fires at, as the parent test sees it: a temp data dir with the simulated
 * market's pinned start written first (so every process on it sees the same market), the paper
 * broker and the journal on it, and a reading of what the book holds after a trial.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPaperBroker, type PaperBroker } from '../../broker/paper/index.js';
import { brokerOrderId, isTerminal, RealClock, type Order, type Position } from '../../domain/index.js';
import { openJournal, type Journal, type StoredOrder } from '../../journal/index.js';
import { createSimMarket, type SimMarket } from '../../market/sim/index.js';
import { simStart } from '../../runtime/factory.js';
import { testSimStart } from '../../../test/support/sim-start.js';

export interface RaceBook {
  readonly dataDir: string;
  readonly clock: RealClock;
  readonly market: SimMarket;
  readonly broker: PaperBroker;
  readonly journal: Journal;
  close(): Promise<void>;
}

/** A fresh book in `dataDir` (default: a new temp dir), pinned to the test sim start. */
export async function openRaceBook(
  dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-race-')),
): Promise<RaceBook> {
  const clock = new RealClock();
  const market = createSimMarket(simStart(dataDir, clock, testSimStart()), clock);
  const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
  await broker.connect();
  const journal = openJournal({ dataDir });
  return {
    dataDir,
    clock,
    market,
    broker,
    journal,
    async close() {
      await broker.disconnect();
      journal.close();
      await market.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What the book holds, read from the broker and the journal. */
export interface BookState {
  readonly positions: readonly Position[];
  /**
   * Orders that may still fill: working at the broker, plus any the journal holds as
   * `pending_submit` that the broker does not know (sent, outcome unknown).
   */
  readonly working: readonly Order[];
  readonly journalOrders: readonly StoredOrder[];
  /** The broker's record of every order in the journal (null: the broker never had it). */
  readonly brokerOrders: ReadonlyMap<string, Order | null>;
}

export async function readBook(book: RaceBook): Promise<BookState> {
  const journalOrders = book.journal.listOrders({ limit: 10_000 });
  const brokerOrders = new Map<string, Order | null>();
  for (const o of journalOrders)
    brokerOrders.set(o.clientOrderId, await book.broker.orderByClientId(o.clientOrderId));
  const open = (await book.broker.openOrders()).filter((o) => !isTerminal(o.status));
  const known = new Set(open.map((o) => o.clientOrderId as string));
  const unsent: Order[] = journalOrders
    .filter(
      (o) =>
        o.status === 'pending_submit' && !known.has(o.clientOrderId) && !brokerOrders.get(o.clientOrderId),
    )
    .map((o) => ({
      clientOrderId: o.clientOrderId,
      brokerOrderId: brokerOrderId('never-acknowledged'),
      intent: o.intent,
      status: 'pending_submit',
      filledQuantity: 0,
      averageFillPrice: null,
      submittedAt: o.createdAt,
      updatedAt: o.updatedAt,
    }));
  return {
    positions: (await book.broker.positions()).filter((p) => p.quantity !== 0),
    working: [...open, ...unsent],
    journalOrders,
    brokerOrders,
  };
}
