/**
 * `MarketData` over IB: underlying and option quotes from market-data snapshots (delayed, type 3,
 * by default: it needs no subscription), listed expirations from `reqSecDefOptParams`, an
 * expiry's strikes from one partial `reqContractDetails`, the market clock from the underlying's
 * liquid hours. IV and Greeks come from our quant at the mid; IB's model Greeks are kept as the
 * vendor's. It rides on an `IbkrBroker`'s connection (its client id, pacing and reconnects).
 */
import { SecType, type Contract as IbContract, type ContractDetails } from '@stoqey/ib';
import {
  Semaphore,
  addDays,
  nyDate,
  quoteFlags,
  stock,
  yearsToExpiry,
  type ChainRow,
  type Clock,
  type OptionChain,
  type OptionContract,
  type Quote,
  type UnderlyingQuote,
} from '../../../domain/index.js';
import {
  MarketDataError,
  type ChainRequest,
  type IvHistoryPoint,
  type MarketClock,
  type MarketData,
} from '../../../market/index.js';
import { BrokerError } from '../../errors.js';
import type { IbkrBroker } from '../ibkr-broker.js';
import { MARKET_DATA_TYPES } from '../options.js';
import { fromIbContract, qualifiedIbContract, toIbExpiry } from '../wire/contracts.js';
import { analyticsMid, rowAnalytics, vendorGreeks } from './analytics.js';
import {
  ibkrMarketDataOptionsSchema,
  type IbkrMarketDataOptions,
  type ParsedIbkrMarketDataOptions,
} from './options.js';
import { SnapshotRequests, type TickSnapshot } from './snapshot.js';
import { clockFromSessions, parseTradingHours } from './trading-hours.js';

/** At most `limit` tasks at once. */
export interface IbkrMarketDataDeps {
  /** The broker whose connection the data rides on (connect it first). */
  readonly broker: IbkrBroker;
  readonly clock: Clock;
}

export class IbkrMarketData implements MarketData {
  readonly source = 'ibkr';
  readonly options: ParsedIbkrMarketDataOptions;
  private readonly snapshots: SnapshotRequests;
  private readonly limiter: Semaphore;
  private readonly listings = new Map<string, Promise<OptionContract[]>>();
  private readonly hours = new Map<string, Promise<ContractDetails>>();
  private readonly ivCache = new Map<string, Promise<{ date: string; close: number }[]>>();
  private typeSent = false;
  private closed = false;

  constructor(
    options: IbkrMarketDataOptions,
    private readonly deps: IbkrMarketDataDeps,
  ) {
    this.options = ibkrMarketDataOptionsSchema.parse(options);
    this.snapshots = new SnapshotRequests(deps.broker.requests, deps.broker.connection);
    this.limiter = new Semaphore(this.options.maxConcurrentSnapshots);
    // 1101 and reconnects lose the market-data type: ask again before the next request.
    deps.broker.onResubscribe(() => (this.typeSent = false));
  }

  symbols(): readonly string[] {
    return this.options.symbols;
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private ready(): void {
    if (this.closed)
      throw new MarketDataError('UNAVAILABLE', 'ibkr market data: closed (close() was called)');
    const connection = this.deps.broker.connection;
    if (!connection.canSend())
      throw new MarketDataError('UNAVAILABLE', `ibkr market data: not connected (${connection.state})`, {
        retryable: true,
      });
    if (!this.typeSent) {
      connection.api().reqMarketDataType(MARKET_DATA_TYPES[this.options.marketDataType]);
      this.typeSent = true;
    }
  }

  /** A qualified underlying; UNKNOWN_SYMBOL when IB lists none. */
  private async underlyingContract(symbol: string): Promise<{ ib: IbContract; details: ContractDetails }> {
    this.ready();
    try {
      const r = await this.deps.broker.resolver.resolve(stock(symbol));
      return { ib: qualifiedIbContract(r.contract, r.conId), details: r.details };
    } catch (error) {
      if (error instanceof BrokerError && error.reason === 'UNKNOWN_CONTRACT') {
        throw new MarketDataError('UNKNOWN_SYMBOL', `ibkr: IB lists no stock "${symbol}" (SMART, USD)`, {
          cause: error,
        });
      }
      throw asMarketDataError(error, `quote ${symbol}`);
    }
  }

  private async snapshot(contract: IbContract, what: string): Promise<TickSnapshot> {
    try {
      return await this.limiter.run(() => this.snapshots.snapshot(contract, this.options.snapshotTimeout));
    } catch (error) {
      throw asMarketDataError(error, what);
    }
  }

  /** Quote time: on arrival, moved back by IB's delay when the data is delayed. */
  private quoteTime(snap: TickSnapshot): number {
    const now = this.deps.clock.now();
    return snap.marketDataType >= 3 ? now - this.options.delayedQuoteAge : now;
  }

  async underlyingQuote(symbol: string): Promise<UnderlyingQuote> {
    const { ib } = await this.underlyingContract(symbol);
    const snap = await this.snapshot(ib, `quote ${symbol}`);
    const quote: Quote = {
      bid: snap.bid,
      ask: snap.ask,
      bidSize: snap.bidSize,
      askSize: snap.askSize,
      last: snap.last ?? snap.close,
      time: this.quoteTime(snap),
    };
    return { symbol, ...quote, flags: quoteFlags(quote, this.deps.clock.now(), this.options.staleAfter) };
  }

  async expirations(symbol: string): Promise<readonly string[]> {
    await this.underlyingContract(symbol);
    let params;
    try {
      params = await this.deps.broker.resolver.optionParams(symbol);
    } catch (error) {
      throw asMarketDataError(error, `expirations of ${symbol}`);
    }
    const row =
      params.find((p) => p.exchange === 'SMART' && p.tradingClass === symbol) ??
      params.find((p) => p.exchange === 'SMART') ??
      params[0];
    if (!row) throw new MarketDataError('NO_DATA', `ibkr: IB lists no options on ${symbol}`);
    const today = nyDate(this.deps.clock.now());
    const out = new Set<string>();
    for (const e of row.expirations) {
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(e);
      if (m && `${m[1]}-${m[2]}-${m[3]}` >= today) out.add(`${m[1]}-${m[2]}-${m[3]}`);
    }
    return [...out].sort();
  }

  /** Every listed option of one expiry (both rights), from one partial contract-details request. */
  private listed(symbol: string, expiry: string): Promise<OptionContract[]> {
    const key = `${symbol} ${expiry}`;
    const hit = this.listings.get(key);
    if (hit) return hit;
    const request = this.deps.broker.requests
      .contractDetails({
        symbol,
        secType: SecType.OPT,
        lastTradeDateOrContractMonth: toIbExpiry(expiry),
        exchange: 'SMART',
        currency: 'USD',
        tradingClass: symbol,
      })
      .then((list) => {
        const out: OptionContract[] = [];
        for (const d of list) {
          if (!d.contract) continue;
          const c = fromIbContract(d.contract);
          if (c?.kind !== 'option' || c.expiry !== expiry) continue;
          this.deps.broker.resolver.learn(d.contract);
          out.push(c);
        }
        return out.sort(
          (a, b) => a.strike - b.strike || (a.right === b.right ? 0 : a.right === 'call' ? -1 : 1),
        );
      });
    this.listings.set(key, request);
    request.catch(() => this.listings.delete(key));
    return request;
  }

  private async requireExpiry(symbol: string, expiry: string): Promise<void> {
    const listed = await this.expirations(symbol);
    if (!listed.includes(expiry)) {
      throw new MarketDataError(
        'UNKNOWN_EXPIRY',
        `ibkr: ${symbol} has no expiry ${expiry} listed (listed: ${listed[0] ?? '-'} … ${listed[listed.length - 1] ?? '-'})`,
      );
    }
  }

  async strikes(symbol: string, expiry: string): Promise<readonly number[]> {
    await this.requireExpiry(symbol, expiry);
    let contracts;
    try {
      contracts = await this.listed(symbol, expiry);
    } catch (error) {
      throw asMarketDataError(error, `strikes of ${symbol} ${expiry}`);
    }
    return [...new Set(contracts.map((c) => c.strike))].sort((a, b) => a - b);
  }

  async chain(symbol: string, request: ChainRequest = {}): Promise<OptionChain> {
    const underlying = await this.underlyingQuote(symbol);
    const all = await this.expirations(symbol);
    const expiries = [...new Set(request.expiries ?? all)].sort();
    for (const e of expiries) await this.requireExpiry(symbol, e);
    if (request.moneynessWindow !== undefined && !(request.moneynessWindow > 0)) {
      throw new MarketDataError(
        'NO_DATA',
        `chain ${symbol}: moneynessWindow must be > 0, got ${request.moneynessWindow}`,
      );
    }
    const spot = analyticsMid(underlying) ?? underlying.last;
    const now = this.deps.clock.now();
    const contracts: OptionContract[] = [];
    for (const e of expiries) {
      let listed;
      try {
        listed = await this.listed(symbol, e);
      } catch (error) {
        throw asMarketDataError(error, `chain ${symbol} ${e}`);
      }
      for (const c of listed) {
        if (
          request.moneynessWindow !== undefined &&
          spot !== null &&
          Math.abs(c.strike / spot - 1) > request.moneynessWindow
        )
          continue;
        contracts.push(c);
      }
    }
    const rows = await Promise.all(contracts.map((c) => this.row(c, spot, now)));
    return {
      symbol,
      underlying,
      time: now,
      rate: this.options.rate,
      dividendYield: this.options.dividendYield,
      rows,
    };
  }

  private async row(contract: OptionContract, spot: number | null, now: number): Promise<ChainRow> {
    const resolved = await this.deps.broker.resolver.resolve(contract).catch((error: unknown) => {
      throw asMarketDataError(error, `quote ${contract.symbol} ${contract.expiry} ${contract.strike}`);
    });
    const snap = await this.snapshot(
      qualifiedIbContract(contract, resolved.conId, resolved.tradingClass),
      `quote ${contract.symbol} ${contract.expiry}`,
    );
    const quote: Quote = {
      bid: snap.bid,
      ask: snap.ask,
      bidSize: snap.bidSize,
      askSize: snap.askSize,
      last: snap.last,
      time: this.quoteTime(snap),
    };
    const mid = analyticsMid(quote);
    const analytics = rowAnalytics({
      spot,
      rate: this.options.rate,
      dividendYield: this.options.dividendYield,
      timeYears: yearsToExpiry(contract.expiry, now),
      contract,
      mid,
    });
    return {
      contract,
      quote,
      volume: snap.volume,
      // Open interest needs a streaming request (generic tick 101), not a snapshot.
      openInterest: 0,
      iv: analytics.iv,
      greeks: analytics.greeks,
      flags: quoteFlags(quote, now, this.options.staleAfter),
      vendor: vendorGreeks(snap.model),
    };
  }

  /**
   * Daily implied volatility of the underlying (IB's OPTION_IMPLIED_VOLATILITY bars: IB's own
   * 30-day figure), oldest first, the last `days` calendar days. Cached per symbol, day and
   * span: IB refuses identical historical requests within 15 s (error 162).
   */
  async ivHistory(symbol: string, days: number): Promise<readonly IvHistoryPoint[]> {
    const { ib } = await this.underlyingContract(symbol);
    if (!Number.isInteger(days) || days < 1) {
      throw new MarketDataError(
        'NO_DATA',
        `ivHistory ${symbol}: days must be a positive integer, got ${days}`,
      );
    }
    const today = nyDate(this.deps.clock.now());
    const key = `${symbol} ${today} ${days}`;
    let request = this.ivCache.get(key);
    if (!request) {
      const duration = days <= 365 ? `${days} D` : `${Math.ceil(days / 365)} Y`;
      request = this.deps.broker.requests
        .historicalDaily(ib, duration, 'OPTION_IMPLIED_VOLATILITY')
        .catch((error: unknown) => {
          this.ivCache.delete(key);
          throw asMarketDataError(error, `IV history of ${symbol}`);
        });
      this.ivCache.set(key, request);
    }
    const from = addDays(today, -days);
    const out = new Map<string, number>();
    for (const bar of await request) {
      const m = /^(\d{4})(\d{2})(\d{2})/.exec(bar.date);
      if (!m || !(bar.close > 0)) continue;
      const date = `${m[1]}-${m[2]}-${m[3]}`;
      if (date >= from && date <= today) out.set(date, bar.close);
    }
    return [...out.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([date, iv]) => ({ date, iv }));
  }

  async marketClock(): Promise<MarketClock> {
    const now = this.deps.clock.now();
    const details = await this.todaysHours(this.options.symbols[0]!, nyDate(now));
    const clock = clockFromSessions(parseTradingHours(details.liquidHours ?? ''), now);
    if (!clock)
      throw new MarketDataError(
        'NO_DATA',
        `ibkr: no trading session listed after ${new Date(now).toISOString()} for ${this.options.symbols[0]}`,
      );
    return clock;
  }

  /** The underlying's contract details of one New York day (its liquid hours list the week ahead). */
  private todaysHours(symbol: string, date: string): Promise<ContractDetails> {
    const key = `${symbol} ${date}`;
    const hit = this.hours.get(key);
    if (hit) return hit;
    this.ready();
    const request = this.deps.broker.requests
      .contractDetails({ symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' })
      .then((list) => {
        const d = list[0];
        if (!d) throw new MarketDataError('UNKNOWN_SYMBOL', `ibkr: IB lists no stock "${symbol}"`);
        return d;
      })
      .catch((error: unknown) => {
        this.hours.delete(key);
        throw asMarketDataError(error, `trading hours of ${symbol}`);
      });
    this.hours.set(key, request);
    return request;
  }
}

/** A broker-side failure as the market-data port's error. */
export function asMarketDataError(error: unknown, what: string): MarketDataError {
  if (error instanceof MarketDataError) return error;
  if (error instanceof BrokerError) {
    const code = error.brokerCode;
    if (code === 354 || code === 10197 || code === 10089 || code === 10168) {
      return new MarketDataError('PERMISSION', `ibkr: ${what}: ${error.message}`, { cause: error });
    }
    if (error.reason === 'UNKNOWN_CONTRACT')
      return new MarketDataError('NO_DATA', `ibkr: ${what}: ${error.message}`, { cause: error });
    if (error.reason === 'TIMEOUT')
      return new MarketDataError('TIMEOUT', `ibkr: ${what}: ${error.message}`, {
        cause: error,
        retryable: true,
      });
    if (error.reason === 'NOT_CONNECTED')
      return new MarketDataError('UNAVAILABLE', `ibkr: ${what}: ${error.message}`, {
        cause: error,
        retryable: true,
      });
    return new MarketDataError('BAD_RESPONSE', `ibkr: ${what}: ${error.message}`, { cause: error });
  }
  return new MarketDataError('BAD_RESPONSE', `ibkr: ${what}: ${(error as Error).message}`, { cause: error });
}
