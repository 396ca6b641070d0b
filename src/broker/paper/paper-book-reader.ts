/**
 * The paper book for a reader: positions, working orders and account figures as the book file
 * holds them, valued at the market's current quotes. It never runs a pass — matching resting
 * orders, expiries and assignments are the work of the process that holds the book (the loop, the
 * watchdog, `swarmdesk order`) — so reading writes nothing.
 */
import {
  nyDate,
  nyToEpoch,
  type AccountSummary,
  type Clock,
  type Order,
  type Position,
} from '../../domain/index.js';
import type { MarketData } from '../../market/index.js';
import type { BrokerReader } from '../broker.js';
import { BrokerError } from '../errors.js';
import { summaryOf } from './account.js';
import { Book } from './book.js';
import {
  paperBrokerOptionsSchema,
  type PaperBrokerOptions,
  type ParsedPaperBrokerOptions,
} from './options.js';
import { QuoteSnapshot } from './quote-snapshot.js';
import { toOrder } from './records.js';
import { PaperStore } from './store.js';

export interface PaperBookReaderDeps {
  readonly dataDir: string;
  /** Null when there is none to read (the simulated market never started): a book with positions cannot be valued. */
  readonly marketData: MarketData | null;
  readonly clock: Clock;
}

export class PaperBookReader implements BrokerReader {
  readonly name = 'paper';
  private readonly options: ParsedPaperBrokerOptions;

  private constructor(
    options: PaperBrokerOptions,
    private readonly store: PaperStore | null,
    private readonly deps: PaperBookReaderDeps,
  ) {
    this.options = paperBrokerOptionsSchema.parse(options);
  }

  /** Open `<dataDir>/paper-broker.db` read-only; a data dir with no book reads as a new, empty one. */
  static open(options: PaperBrokerOptions, deps: PaperBookReaderDeps): PaperBookReader {
    return new PaperBookReader(options, PaperStore.openReadOnly(deps.dataDir), deps);
  }

  private book(): Book {
    return this.store?.loadBook() ?? new Book(this.options.startingCash, []);
  }

  positions(): Promise<readonly Position[]> {
    return Promise.resolve(this.book().openPositions());
  }

  openOrders(): Promise<readonly Order[]> {
    return Promise.resolve((this.store?.openOrders() ?? []).map(toOrder));
  }

  async accountSummary(): Promise<AccountSummary> {
    const book = this.book();
    const held = book.openPositions();
    const md = this.deps.marketData;
    if (!md && held.length > 0)
      throw new BrokerError(
        'NOT_CONNECTED',
        `paper broker: no market data to value the ${held.length} position(s) of the book in ${this.deps.dataDir}`,
      );
    const time = md ? (await md.marketClock()).time : this.deps.clock.now();
    const prices = md ? new QuoteSnapshot(md) : { mark: () => null, spot: () => null };
    if (prices instanceof QuoteSnapshot) await prices.load(held.map((p) => p.contract));
    const accountId = this.store?.accountId() ?? this.options.accountId;
    const realizedToday = this.store?.realizedSince(nyToEpoch(nyDate(time), 0)) ?? 0;
    return summaryOf({ book, prices, accountType: this.options.accountType }, accountId, realizedToday, time);
  }

  close(): Promise<void> {
    this.store?.close();
    return Promise.resolve();
  }
}
