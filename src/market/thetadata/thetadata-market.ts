/**
 * `MarketData` over the Theta Terminal: listed expirations and strikes, whole-chain snapshots
 * (quotes, OHLC, open interest, and ThetaData's own Greeks where the tier allows) with IV and Greeks
 * recomputed by our quant, underlying quotes, the 30-day ATM IV history from EOD reports, the
 * exchange calendar and past closes.
 */
import {
  addDays,
  daysBetween,
  type Clock,
  type OptionChain,
  type UnderlyingQuote,
} from '../../domain/index.js';
import {
  MarketDataError,
  type ChainRequest,
  type IvHistoryPoint,
  type MarketClock,
  type MarketData,
} from '../index.js';
import { V2Api } from './api-v2.js';
import { V3Api } from './api-v3.js';
import { ThetaTerminalError } from './errors.js';
import { IvHistoryBook, orNull, SofrRates } from './history-book.js';
import { bracketingExpiries, liveThirtyDayIv } from './iv-history.js';
import { assembleChain, underlyingQuote } from './mappers.js';
import { marketClockAt } from './market-calendar.js';
import { expiryClose, nyDayOf } from './ny-time.js';
import { parseThetaDataOptions } from './options-schema.js';
import {
  DEFAULT_FALLBACK_RATE,
  terminalEndpoint,
  tierCovers,
  type ThetaDataMarketOptions,
  type ThetaDataTuning,
} from './options.js';
import type {
  CalendarDayRecord,
  CalendarYearRecord,
  ExpirySelector,
  OptionGreeksRecord,
  OptionOhlcRecord,
  OptionOpenInterestRecord,
  TerminalApi,
} from './terminal-api.js';
import { TerminalClient } from './terminal-client.js';

export class ThetaDataMarket implements MarketData {
  readonly source = 'thetadata';
  /** The options after validation, defaults filled in. */
  readonly options: ThetaDataMarketOptions;
  readonly client: TerminalClient;
  readonly api: TerminalApi;
  /** Per symbol: every expiration the terminal listed, as of a New York date. */
  private readonly listed = new Map<string, { readonly date: string; readonly all: readonly string[] }>();
  private readonly todays = new Map<string, CalendarDayRecord | null>();
  private readonly holidayYears = new Map<number, ReadonlyMap<string, CalendarYearRecord> | null>();
  private readonly rates: SofrRates;
  private readonly ivBook: IvHistoryBook;
  private closed = false;

  /** Throws a `ConfigError` for invalid options (the same rules as the config file's). */
  constructor(
    input: ThetaDataMarketOptions,
    private readonly clock: Clock,
    tuning: ThetaDataTuning = {},
  ) {
    const options = parseThetaDataOptions(input);
    this.options = options;
    const endpoint = terminalEndpoint(options);
    this.client = new TerminalClient(
      {
        endpoint,
        tier: options.tier,
        timeoutMs: options.timeout,
        maxRetries: options.maxRetries,
        backoffMs: tuning.backoffMs ?? 500,
        maxBackoffMs: tuning.maxBackoffMs ?? 8_000,
        format: tuning.format ?? (endpoint.version === 'v3' ? 'csv' : 'json'),
      },
      clock,
    );
    this.api = endpoint.version === 'v3' ? new V3Api(this.client, options.tier) : new V2Api(this.client);
    this.rates = new SofrRates(this.api, tuning.fallbackRate ?? DEFAULT_FALLBACK_RATE);
    this.ivBook = new IvHistoryBook(this.api, this.rates);
  }

  symbols(): readonly string[] {
    return this.options.symbols;
  }

  underlyingQuote(symbol: string): Promise<UnderlyingQuote> {
    return this.run(async () => {
      const [quotes, ohlc] = await Promise.all([
        this.api.stockQuote(symbol),
        orNull(this.api.stockOhlc(symbol)),
      ]);
      const record = quotes.find((r) => r.symbol === null || r.symbol === symbol);
      if (!record) throw await this.noQuote(symbol, `/${this.api.version}/stock/snapshot/quote`);
      const bar = ohlc?.find((r) => r.symbol === null || r.symbol === symbol);
      return underlyingQuote(symbol, record, bar, this.clock.now(), this.options.staleAfter);
    });
  }

  expirations(symbol: string): Promise<readonly string[]> {
    return this.run(async () => {
      const now = this.clock.now();
      return (await this.allExpirations(symbol)).filter((e) => expiryClose(e) > now);
    });
  }

  strikes(symbol: string, expiry: string): Promise<readonly number[]> {
    return this.run(async () => {
      await this.requireListed(symbol, [expiry]);
      const strikes = await this.api.strikes(symbol, expiry);
      return [...new Set(strikes)].sort((a, b) => a - b);
    });
  }

  chain(symbol: string, request: ChainRequest = {}): Promise<OptionChain> {
    return this.run(async () => {
      if (request.moneynessWindow !== undefined && !(request.moneynessWindow > 0)) {
        throw new MarketDataError(
          'NO_DATA',
          `thetadata: chain ${symbol}: moneynessWindow must be > 0, got ${request.moneynessWindow}`,
        );
      }
      const listed = await this.requireListed(symbol, request.expiries ?? []);
      const wanted = [...new Set(request.expiries ?? listed)].sort();
      const now = this.clock.now();
      const selectors = this.selectors(wanted, now);
      const withGreeks = tierCovers(this.options.tier, this.api.needs.snapshot.greeks);
      const [underlying, rate, parts] = await Promise.all([
        this.underlyingQuote(symbol),
        this.rates.on(nyDayOf(now)),
        Promise.all(
          selectors.map((which) =>
            Promise.all([
              this.api.optionQuotes(symbol, which),
              orNull(this.api.optionOhlc(symbol, which)),
              orNull(this.api.optionOpenInterest(symbol, which)),
              withGreeks ? orNull(this.api.optionGreeks(symbol, which)) : Promise.resolve(null),
            ]),
          ),
        ),
      ]);
      const quotes = parts.flatMap((p) => p[0]).filter((r) => r.symbol === symbol);
      if (quotes.length === 0 && wanted.length > 0) {
        throw new MarketDataError(
          'NO_DATA',
          `thetadata: no option quotes for ${symbol} (${wanted.length === 1 ? wanted[0] : `${wanted.length} expirations`}) in the terminal's snapshot; snapshots reset at midnight New York and are empty until the session opens and on weekends and holidays`,
        );
      }
      return assembleChain({
        symbol,
        underlying,
        now,
        rate,
        dividendYield: 0,
        staleAfterMs: this.options.staleAfter,
        expiries: new Set(wanted),
        ...(request.moneynessWindow === undefined ? {} : { moneynessWindow: request.moneynessWindow }),
        quotes,
        ohlc: parts.flatMap((p) => p[1] ?? ([] as OptionOhlcRecord[])),
        openInterest: parts.flatMap((p) => p[2] ?? ([] as OptionOpenInterestRecord[])),
        greeks: withGreeks ? parts.flatMap((p) => p[3] ?? ([] as OptionGreeksRecord[])) : null,
      });
    });
  }

  /** One `expiration=*` request when the tier allows it and more than one expiry is wanted; else one per expiry. */
  private selectors(wanted: readonly string[], now: number): ExpirySelector[] {
    if (wanted.length <= 1 || !tierCovers(this.options.tier, this.api.needs.wholeChain)) {
      return wanted.map((expiry) => ({ expiry }));
    }
    const last = wanted[wanted.length - 1]!;
    return [{ all: true, maxDte: Math.max(0, daysBetween(nyDayOf(now), last)) }];
  }

  ivHistory(symbol: string, days: number): Promise<readonly IvHistoryPoint[]> {
    return this.run(async () => {
      if (!Number.isInteger(days) || days < 1) {
        throw new MarketDataError(
          'NO_DATA',
          `thetadata: ivHistory ${symbol}: days must be a positive integer, got ${days}`,
        );
      }
      const now = this.clock.now();
      const today = nyDayOf(now);
      const all = await this.allExpirations(symbol);
      const points = await this.ivBook.completedDays(symbol, all, addDays(today, -days), addDays(today, -1));
      // Today from the live snapshot (none before the open, on weekends, or below the value tier).
      const { near, far } = bracketingExpiries(
        today,
        all.filter((e) => expiryClose(e) > now),
      );
      const expiries = [near, far].filter((e): e is string => e !== null);
      const chain = expiries.length === 0 ? null : await orNull(this.chain(symbol, { expiries }));
      const current = chain === null ? null : liveThirtyDayIv(chain, near, far);
      return current === null ? points : [...points, { date: today, iv: current }];
    });
  }

  marketClock(): Promise<MarketClock> {
    return this.run(async () => {
      const now = this.clock.now();
      const date = nyDayOf(now);
      if (!this.todays.has(date)) this.todays.set(date, await orNull(this.api.calendarToday()));
      const year = Number(date.slice(0, 4));
      const holidays = new Map<string, CalendarYearRecord>();
      let haveHolidays = true;
      for (const y of [year, year + 1]) {
        const list = await this.holidaysOf(y);
        if (list === null) haveHolidays = false;
        else for (const [d, r] of list) holidays.set(d, r);
      }
      return marketClockAt(now, this.todays.get(date) ?? null, haveHolidays ? holidays : null);
    });
  }

  private async holidaysOf(year: number): Promise<ReadonlyMap<string, CalendarYearRecord> | null> {
    if (this.holidayYears.has(year)) return this.holidayYears.get(year)!;
    let list: ReadonlyMap<string, CalendarYearRecord> | null = null;
    if (tierCovers(this.options.tier, this.api.needs.holidays)) {
      const rows = await orNull(this.api.yearHolidays(year));
      list = rows === null ? null : new Map(rows.map((r) => [r.date, r] as const));
    }
    this.holidayYears.set(year, list);
    return list;
  }

  /** What the terminal says about its upstream: `CONNECTED`, `UNVERIFIED`, `DISCONNECTED` or `ERROR`. */
  terminalStatus(): Promise<string> {
    return this.run(() => this.api.mddsStatus());
  }

  closingPrice(symbol: string, date: string): Promise<number | null> {
    return this.run(async () => {
      const rows = await this.api.stockEod(symbol, date, date);
      const latest = rows
        .filter((r) => nyDayOf(r.created) === date && r.close !== null && r.close > 0)
        .sort((a, b) => b.created - a.created);
      return latest[0]?.close ?? null;
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.client.close();
    return Promise.resolve();
  }

  /** Every expiration listed for the symbol (past ones included), once per New York day. */
  private async allExpirations(symbol: string): Promise<readonly string[]> {
    const today = nyDayOf(this.clock.now());
    const cached = this.listed.get(symbol);
    if (cached && cached.date === today) return cached.all;
    const all = [...new Set(await this.api.expirations(symbol))].sort();
    if (all.length === 0) {
      throw new MarketDataError(
        'UNKNOWN_SYMBOL',
        `thetadata: ThetaData lists no option expirations for "${symbol}" (/${this.api.version}/option/list/expirations); check the symbol (index options have their own roots, e.g. SPXW)`,
      );
    }
    this.listed.set(symbol, { date: today, all });
    return all;
  }

  /** The symbol's unexpired expirations, after checking each of `expiries` is among them. */
  private async requireListed(symbol: string, expiries: readonly string[]): Promise<readonly string[]> {
    const now = this.clock.now();
    const listed = (await this.allExpirations(symbol)).filter((e) => expiryClose(e) > now);
    for (const e of expiries) {
      if (!listed.includes(e)) {
        throw new MarketDataError(
          'UNKNOWN_EXPIRY',
          `thetadata: ${symbol} has no expiry ${e} listed on ${nyDayOf(now)} (listed: ${listed[0] ?? '-'} … ${listed[listed.length - 1] ?? '-'})`,
        );
      }
    }
    return listed;
  }

  /** No stock quote: an unknown symbol, or a known one before today's first quote. */
  private async noQuote(symbol: string, endpoint: string): Promise<MarketDataError> {
    let listed = true;
    try {
      await this.allExpirations(symbol);
    } catch (error) {
      if (!(error instanceof MarketDataError && error.reason === 'UNKNOWN_SYMBOL')) throw error;
      listed = false;
    }
    if (!listed) {
      return new MarketDataError(
        'UNKNOWN_SYMBOL',
        `thetadata: no quote for "${symbol}" (${endpoint}) and no options listed for it; check the symbol`,
      );
    }
    return new MarketDataError(
      'NO_DATA',
      `thetadata: no quote for ${symbol} yet today (${endpoint}); the terminal's snapshots reset at midnight New York and are empty on weekends and holidays`,
    );
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed)
      throw new MarketDataError(
        'UNAVAILABLE',
        'thetadata: the market data source was closed (close() was called)',
      );
    try {
      return await work();
    } catch (error) {
      if (this.closed && error instanceof ThetaTerminalError && error.terminalCode === 'CONNECTION_LOST') {
        throw new MarketDataError(
          'UNAVAILABLE',
          'thetadata: the market data source was closed (close() was called)',
          { cause: error },
        );
      }
      throw error;
    }
  }
}
