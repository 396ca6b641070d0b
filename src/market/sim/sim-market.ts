/**
 * The embedded default market: seeded, deterministic, driven by an injected clock. Implements the
 * `MarketData` port, plus lab and test tools: bad data on demand, pinned quotes, market time.
 */
import {
  addDays,
  contractKey,
  nyDate,
  nyToEpoch,
  quoteFlags,
  type Clock,
  type Contract,
  type OptionChain,
  type QuoteFlag,
  type UnderlyingQuote,
} from '../../domain/index.js';
import { analyticsMid } from '../chain-analytics.js';
import { MarketDataError } from '../errors.js';
import type { ChainRequest, DividendInfo, IvHistoryPoint, MarketClock, MarketData } from '../market-data.js';
import { dividendsBetween } from './corporate-events.js';
import { expiryKind, LISTING_WINDOW_DAYS, listedExpirations } from './expirations.js';
import { FaultBook } from './fault-book.js';
import { MarketTime } from './market-time.js';
import {
  simMarketOptionsSchema,
  type ParsedSimMarketOptions,
  type ParsedSimFault,
  type SimFault,
  type SimMarketOptions,
} from './options.js';
import { seed32 } from './prng.js';
import { profileFor, type UnderlyingProfile } from './profiles.js';
import { buildRows, listedStrikes, type ChainContext, type PinnedQuote } from './sim-chain.js';
import { dayNumber, SimUnderlying } from './sim-underlying.js';
import { dividendYield } from './vol-model.js';

export class SimMarket implements MarketData {
  readonly source = 'sim';
  readonly options: ParsedSimMarketOptions;
  private readonly time: MarketTime;
  private readonly seed: number;
  private readonly underlyings = new Map<string, SimUnderlying>();
  private readonly faultBook = new FaultBook();
  private readonly pins = new Map<string, PinnedQuote>();
  private readonly startDate: string;
  private readonly listings = new Map<string, number>();
  private closed = false;

  constructor(options: SimMarketOptions, clock: Clock) {
    this.options = simMarketOptionsSchema.parse(options);
    const startMarket =
      this.options.startTime === undefined ? clock.now() : Date.parse(this.options.startTime);
    const clockAnchor =
      this.options.clockAnchor === undefined ? startMarket : Date.parse(this.options.clockAnchor);
    this.time = new MarketTime(clock, {
      calendar: this.options.calendar,
      speed: this.options.speed,
      startMarket,
      clockAnchor,
      stepMs: this.options.stepMs,
    });
    this.seed = seed32(this.options.seed);
    this.startDate = this.time.timeline.anchor.date;
    for (const symbol of this.options.symbols) {
      this.underlyings.set(
        symbol,
        new SimUnderlying(profileFor(symbol), this.seed, this.time.timeline, this.options.ivHistoryDays),
      );
    }
    const now = this.now();
    for (const fault of this.options.badData) this.faultBook.add(fault, now);
  }

  /** Market time now, epoch ms (runs on its own in `always_open`; use it as the market's "now"). */
  now(): number {
    return this.time.now();
  }

  symbols(): readonly string[] {
    return this.options.symbols;
  }

  /** The character of a simulated underlying. */
  profile(symbol: string): UnderlyingProfile {
    return this.underlying(symbol).profile;
  }

  underlyingQuote(symbol: string): Promise<UnderlyingQuote> {
    return this.run(() => {
      const u = this.underlying(symbol);
      const now = this.now();
      const view = this.view(u, now);
      const pin = this.pins.get(symbol);
      const own = u.stockQuote(view.step, view.quoteTime);
      const quote = this.faultBook.applyToUnderlying(
        symbol,
        pin ? { ...pin, last: pin.last ?? null, time: view.quoteTime } : own,
        now,
      );
      const flags: QuoteFlag[] = quoteFlags(quote, now, this.options.staleAfterMs);
      if (view.halted) flags.push('halted');
      return { symbol, ...quote, flags };
    });
  }

  expirations(symbol: string): Promise<readonly string[]> {
    return this.run(() => {
      this.underlying(symbol);
      return listedExpirations(this.now());
    });
  }

  strikes(symbol: string, expiry: string): Promise<readonly number[]> {
    return this.run(() => {
      const u = this.underlying(symbol);
      const now = this.now();
      this.requireExpiry(symbol, expiry, now);
      return listedStrikes(this.context(u, now, 0), expiry);
    });
  }

  async chain(symbol: string, request: ChainRequest = {}): Promise<OptionChain> {
    const underlying = await this.underlyingQuote(symbol);
    return this.run(() => {
      const u = this.underlying(symbol);
      const now = this.now();
      const listed = listedExpirations(now);
      const expiries = request.expiries ?? listed;
      for (const e of expiries) this.requireExpiry(symbol, e, now, listed);
      if (request.moneynessWindow !== undefined && !(request.moneynessWindow > 0)) {
        throw new MarketDataError(
          'NO_DATA',
          `chain ${symbol}: moneynessWindow must be > 0, got ${request.moneynessWindow}`,
        );
      }
      const ctx = this.context(u, now, analyticsMid(underlying) ?? underlying.last ?? 0);
      const rows = buildRows(ctx, [...new Set(expiries)].sort(), request.moneynessWindow);
      return {
        symbol,
        underlying,
        time: now,
        rate: this.options.rate,
        dividendYield: ctx.dividendYield,
        rows,
      };
    });
  }

  ivHistory(symbol: string, days: number): Promise<readonly IvHistoryPoint[]> {
    return this.run(() => {
      const u = this.underlying(symbol);
      if (!Number.isInteger(days) || days < 1) {
        throw new MarketDataError(
          'NO_DATA',
          `ivHistory ${symbol}: days must be a positive integer, got ${days}`,
        );
      }
      const now = this.now();
      return u.ivHistory(addDays(nyDate(now), -days), this.time.timeline.stepAt(now));
    });
  }

  marketClock(): Promise<MarketClock> {
    return this.run(() => this.time.marketClock(this.now()));
  }

  dividends(symbol: string, fromDate: string, toDate: string): Promise<readonly DividendInfo[]> {
    return this.run(() => {
      const u = this.underlying(symbol);
      const from = Date.parse(`${fromDate}T00:00:00Z`);
      const to = Date.parse(`${toDate}T23:59:59Z`) + 86_400_000;
      return dividendsBetween(u.profile, from, to)
        .filter((d) => d.exDate >= fromDate && d.exDate <= toDate)
        .map((d) => ({ exDate: d.exDate, amount: d.amount }));
    });
  }

  closingPrice(symbol: string, date: string): Promise<number | null> {
    return this.run(() => this.underlying(symbol).closingPrice(date, this.now()));
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  /** Switches bad data on (see `simFaultSchema`); returns an id for `clearFault`. */
  injectFault(fault: SimFault): number {
    this.underlying(fault.symbol);
    return this.faultBook.add(fault, this.now());
  }

  clearFault(id: number): boolean {
    return this.faultBook.remove(id);
  }

  /** The bad data switched on now. */
  faults(): readonly ParsedSimFault[] {
    return this.faultBook.list();
  }

  /** Switches off all bad data, or one symbol's. */
  clearFaults(symbol?: string): void {
    this.faultBook.clear(symbol);
  }

  /**
   * Shows a hand-set quote for a contract (an option, or the stock) until unpinned: for tests and
   * the lab, e.g. to make the market cross a resting order. The model moves on underneath.
   */
  pinQuote(contract: Contract, quote: PinnedQuote): void {
    this.underlying(contract.symbol);
    this.pins.set(contractKey(contract), quote);
  }

  unpinQuote(contract: Contract): void {
    this.pins.delete(contractKey(contract));
  }

  private underlying(symbol: string): SimUnderlying {
    const u = this.underlyings.get(symbol);
    if (!u) {
      throw new MarketDataError(
        'UNKNOWN_SYMBOL',
        `sim: unknown symbol "${symbol}"; this market simulates ${this.options.symbols.join(', ')}`,
      );
    }
    return u;
  }

  private requireExpiry(symbol: string, expiry: string, now: number, listed = listedExpirations(now)): void {
    if (!listed.includes(expiry)) {
      throw new MarketDataError(
        'UNKNOWN_EXPIRY',
        `sim: ${symbol} has no expiry ${expiry} listed on ${nyDate(now)} (listed: ${listed[0] ?? '-'} … ${listed[listed.length - 1] ?? '-'})`,
      );
    }
  }

  /** Which step's prices show and when they were quoted: frozen at the halt while halted. */
  private view(u: SimUnderlying, now: number): { step: number; quoteTime: number; halted: boolean } {
    const haltedAt = this.faultBook.haltedSince(u.profile.symbol);
    const at = haltedAt === null ? now : Math.min(haltedAt, now);
    return {
      step: this.time.timeline.stepAt(at),
      quoteTime: this.time.quoteTime(at),
      halted: haltedAt !== null,
    };
  }

  private context(u: SimUnderlying, now: number, quotedSpot: number): ChainContext {
    const view = this.view(u, now);
    const spot = u.path.priceAt(view.step);
    const timeline = this.time.timeline;
    const session = timeline.session(timeline.sessionIndexAt(now));
    return {
      underlying: u,
      seed: this.seed,
      now,
      today: nyDate(now),
      dayNumber: dayNumber(now),
      step: view.step,
      quoteTime: view.quoteTime,
      sessionElapsed: Math.min(1, Math.max(0, (now - session.open) / (session.close - session.open))),
      rate: this.options.rate,
      dividendYield: dividendYield(u.profile, spot),
      spot,
      openSpot: u.path.priceAt(timeline.firstStepOf(timeline.sessionIndexAt(now))),
      analyticsSpot: quotedSpot > 0 ? quotedSpot : spot,
      startDate: this.startDate,
      listingSession: (expiry) => this.listingSession(expiry),
      faults: this.faultBook,
      pins: this.pins,
      staleAfterMs: this.options.staleAfterMs,
      halted: view.halted,
    };
  }

  /** The session an expiry was listed at (by its kind's listing window); 0 when before the start. */
  private listingSession(expiry: string): number {
    let session = this.listings.get(expiry);
    if (session === undefined) {
      const listed = addDays(expiry, -LISTING_WINDOW_DAYS[expiryKind(expiry) ?? 'weekly']);
      session = listed <= this.startDate ? 0 : this.time.timeline.sessionIndexAt(nyToEpoch(listed, 9, 30));
      this.listings.set(expiry, session);
    }
    return session;
  }

  /** Runs synchronous work as a promise; a closed market refuses. */
  private run<T>(work: () => T): Promise<T> {
    if (this.closed)
      return Promise.reject(
        new MarketDataError('UNAVAILABLE', 'sim: the market was closed (close() was called)'),
      );
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
