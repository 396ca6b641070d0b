/**
 * One pass of the paper broker: fetch what the book needs from the market, then in one write
 * transaction settle due events (expiry, assignment, dividends), end expired orders and fill
 * resting ones. Every public call starts with a pass, so the book is always up to market time.
 */
import { contractKey, expiryEpochMs, nyDate, type OrderIntent } from '../../domain/index.js';
import type { DividendInfo, MarketClock, MarketData } from '../../market/index.js';
import type { Book } from './book.js';
import { matchOrder, type LegQuote } from './matching.js';
import type { ParsedPaperBrokerOptions } from './options.js';
import { applyMatch, endOrder, type FlowContext } from './order-flow.js';
import { QuoteSnapshot } from './quote-snapshot.js';
import type { OrderRecord } from './records.js';
import { settle } from './settlement.js';
import type { PaperStore } from './store.js';

export interface Pass {
  readonly clock: MarketClock;
  /** Quotes loaded for the pass (positions and working orders); load more as needed. */
  readonly snapshot: QuoteSnapshot;
}

export async function runPass(
  store: PaperStore,
  md: MarketData,
  options: ParsedPaperBrokerOptions,
): Promise<Pass> {
  const clock = await md.marketClock();
  const now = clock.time;
  const current = store.loadBook();
  const working = store.openOrders();
  const snapshot = new QuoteSnapshot(md);
  await snapshot.load([
    ...current.openPositions().map((p) => p.contract),
    ...working.flatMap((o) => o.intent.legs.map((l) => l.contract)),
  ]);
  const closes = await closingPrices(md, current, now, snapshot);
  const dividends = await dividendsFor(md, current, store.eventsDoneTo(), now);

  store.transaction(() => {
    const book = store.loadBook();
    const doneTo = store.eventsDoneTo();
    const settledTo = settle(book, {
      now,
      doneTo,
      expiryHandling: options.expiryHandling,
      earlyAssignment: options.earlyAssignment,
      closingPrice: (symbol, date) => closes.get(`${symbol} ${date}`) ?? null,
      dividends: (symbol) => dividends.get(symbol) ?? [],
      spot: (symbol) => snapshot.spot(symbol),
      mark: (c) => snapshot.mark(c),
    });
    if (settledTo > doneTo) store.setEventsDoneTo(settledTo);
    const flow: FlowContext = { store, book, now, schedule: options };
    for (const record of store.openOrders()) advanceOrder(flow, record, snapshot);
    store.saveBook(book);
  });
  return { clock, snapshot };
}

/** A working order's turn: it expires (contract or DAY), or fills if the market crosses it. */
function advanceOrder(flow: FlowContext, record: OrderRecord, snapshot: QuoteSnapshot): void {
  const expired = record.intent.legs.find(
    (l) => l.contract.kind === 'option' && expiryEpochMs(l.contract.expiry) <= flow.now,
  );
  if (expired) {
    endOrder(flow, record, 'expired', `${contractKey(expired.contract)} expired`);
    return;
  }
  if (record.expiresAt !== null && record.expiresAt <= flow.now) {
    endOrder(flow, record, 'expired', 'DAY order: the session closed');
    return;
  }
  const quotes = legQuotes(record.intent, snapshot);
  if (!quotes) return;
  const match = matchOrder({ ...record, arriving: false }, quotes);
  if (match) applyMatch(flow, record, match);
}

/** The loaded quotes of an order's legs, or null when any is missing. */
export function legQuotes(intent: OrderIntent, snapshot: QuoteSnapshot): LegQuote[] | null {
  const quotes = intent.legs.map((l) => snapshot.get(l.contract));
  return quotes.every((q): q is LegQuote => q !== null) ? quotes : null;
}

/** Underlying closes for option positions that have reached expiry (the current price when the source has none). */
async function closingPrices(
  md: MarketData,
  book: Book,
  now: number,
  snapshot: QuoteSnapshot,
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  for (const p of book.openPositions()) {
    const c = p.contract;
    if (c.kind !== 'option' || expiryEpochMs(c.expiry) > now) continue;
    const key = `${c.symbol} ${c.expiry}`;
    if (out.has(key)) continue;
    const close = md.closingPrice ? await md.closingPrice(c.symbol, c.expiry) : null;
    if (close === null) await snapshot.load([{ kind: 'stock', symbol: c.symbol }]);
    out.set(key, close ?? snapshot.spot(c.symbol));
  }
  return out;
}

/** Dividends since events were last done, for symbols where they matter (stock, short calls). */
async function dividendsFor(
  md: MarketData,
  book: Book,
  doneTo: number,
  now: number,
): Promise<Map<string, readonly DividendInfo[]>> {
  const out = new Map<string, readonly DividendInfo[]>();
  if (!md.dividends || now <= doneTo) return out;
  const symbols = new Set(
    book
      .openPositions()
      .filter((p) => p.contract.kind === 'stock' || (p.contract.right === 'call' && p.quantity < 0))
      .map((p) => p.contract.symbol),
  );
  for (const symbol of symbols) out.set(symbol, await md.dividends(symbol, nyDate(doneTo), nyDate(now)));
  return out;
}
