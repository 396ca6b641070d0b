/**
 * A `MarketData` whose quotes are set by hand, for hand-computed paper-broker cases. Time is the
 * simulated clock's; a quote's time is when it was last set, so setting it again is a refresh.
 */
import {
  contractKey,
  expiryEpochMs,
  option,
  type OptionContract,
  type QuoteFlag,
  type Right,
  type SimulatedClock,
} from '../../../domain/index.js';
import type {
  ChainRequest,
  DividendInfo,
  IvHistoryPoint,
  MarketClock,
  MarketData,
} from '../../../market/index.js';
import { MarketDataError } from '../../../market/index.js';
import type { OptionChain, UnderlyingQuote } from '../../../domain/index.js';

export interface SetQuote {
  readonly bid: number | null;
  readonly ask: number | null;
  readonly bidSize?: number;
  readonly askSize?: number;
  readonly last?: number | null;
  readonly flags?: readonly QuoteFlag[];
}

interface Stored extends Required<Omit<SetQuote, 'flags'>> {
  readonly flags: readonly QuoteFlag[];
  readonly time: number;
}

export class FixedMarket implements MarketData {
  readonly source = 'fixed';
  private readonly stocks = new Map<string, Stored>();
  private readonly options = new Map<string, { contract: OptionContract; quote: Stored }>();
  private readonly divs = new Map<string, DividendInfo[]>();
  private readonly closes = new Map<string, number>();
  /** The session close reported by the market clock (DAY orders expire there). */
  sessionClose: number;
  /** When set, the market clock fails with it (a feed outage). */
  failure: Error | null = null;

  constructor(private readonly clock: SimulatedClock) {
    this.sessionClose = clock.now() + 6 * 3_600_000;
  }

  private stored(q: SetQuote): Stored {
    return {
      bid: q.bid,
      ask: q.ask,
      bidSize: q.bidSize ?? 10,
      askSize: q.askSize ?? 10,
      last: q.last ?? null,
      flags: q.flags ?? [],
      time: this.clock.now(),
    };
  }

  setStock(symbol: string, q: SetQuote): void {
    this.stocks.set(symbol, this.stored(q));
  }

  /** Lists an option (or replaces its quote) and returns the contract. */
  setOption(symbol: string, expiry: string, strike: number, right: Right, q: SetQuote): OptionContract {
    const contract = option(symbol, expiry, strike, right);
    this.options.set(contractKey(contract), { contract, quote: this.stored(q) });
    return contract;
  }

  removeStock(symbol: string): void {
    this.stocks.delete(symbol);
  }

  setDividends(symbol: string, list: DividendInfo[]): void {
    this.divs.set(symbol, list);
  }

  setClose(symbol: string, date: string, price: number): void {
    this.closes.set(`${symbol} ${date}`, price);
  }

  symbols(): readonly string[] {
    return [...this.stocks.keys()];
  }

  underlyingQuote(symbol: string): Promise<UnderlyingQuote> {
    const q = this.stocks.get(symbol);
    if (!q) return Promise.reject(new MarketDataError('UNKNOWN_SYMBOL', `fixed: unknown symbol ${symbol}`));
    return Promise.resolve({ symbol, ...q });
  }

  expirations(symbol: string): Promise<readonly string[]> {
    const now = this.clock.now();
    const list = [...this.options.values()]
      .filter((o) => o.contract.symbol === symbol && expiryEpochMs(o.contract.expiry) > now)
      .map((o) => o.contract.expiry);
    return Promise.resolve([...new Set(list)].sort());
  }

  async strikes(symbol: string, expiry: string): Promise<readonly number[]> {
    const chain = await this.chain(symbol, { expiries: [expiry] });
    return [...new Set(chain.rows.map((r) => r.contract.strike))].sort((a, b) => a - b);
  }

  async chain(symbol: string, request: ChainRequest = {}): Promise<OptionChain> {
    const underlying = await this.underlyingQuote(symbol);
    const listed = await this.expirations(symbol);
    for (const e of request.expiries ?? []) {
      if (!listed.includes(e))
        throw new MarketDataError('UNKNOWN_EXPIRY', `fixed: ${symbol} has no expiry ${e}`);
    }
    const wanted = new Set(request.expiries ?? listed);
    const rows = [...this.options.values()]
      .filter((o) => o.contract.symbol === symbol && wanted.has(o.contract.expiry))
      .map(({ contract, quote }) => {
        const { flags, ...rest } = quote;
        return { contract, quote: rest, volume: 0, openInterest: 0, iv: null, greeks: null, flags };
      });
    return { symbol, underlying, time: this.clock.now(), rate: 0, dividendYield: 0, rows };
  }

  ivHistory(): Promise<readonly IvHistoryPoint[]> {
    return Promise.resolve([]);
  }

  marketClock(): Promise<MarketClock> {
    if (this.failure) return Promise.reject(this.failure);
    const time = this.clock.now();
    return Promise.resolve({
      time,
      isOpen: true,
      nextOpen: time,
      nextClose: this.sessionClose,
      earlyClose: false,
    });
  }

  dividends(symbol: string, fromDate: string, toDate: string): Promise<readonly DividendInfo[]> {
    return Promise.resolve(
      (this.divs.get(symbol) ?? []).filter((d) => d.exDate >= fromDate && d.exDate <= toDate),
    );
  }

  closingPrice(symbol: string, date: string): Promise<number | null> {
    return Promise.resolve(this.closes.get(`${symbol} ${date}`) ?? null);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
