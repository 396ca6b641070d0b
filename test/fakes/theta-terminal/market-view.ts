/**
 * The simulated market seen as a Theta Terminal sees its data: chain snapshots per contract (NBBO
 * with exchanges and conditions, session OHLC, open interest stamped 06:30, Greeks in ThetaData's
 * units), stock snapshots, every expiration ever listed, and end-of-day reports for past sessions.
 * Past days the simulation did not run are synthesised from its IV history: a flat smile at that
 * day's 30-day ATM IV around the close, so an adapter's IV history can be checked against the sim's.
 */
import {
  addDays,
  MS_PER_YEAR,
  nyDate,
  nyToEpoch,
  weekday,
  type OptionChain,
} from '../../../src/domain/index.js';
import { MarketDataError } from '../../../src/market/index.js';
import { isTradingDay, previousTradingDay, sessionOn } from '../../../src/market/sim/calendar.js';
import type { SimMarket } from '../../../src/market/sim/index.js';
import { blackScholesPrice } from '../../../src/quant/index.js';

/** The terminal has no answer (becomes 472 NO_DATA). */
export class NoData extends Error {
  constructor(message = 'No data found for your request') {
    super(message);
  }
}

export type WireRight = 'call' | 'put';

export interface OptionSnap {
  readonly symbol: string;
  readonly expiry: string;
  readonly strike: number;
  readonly right: WireRight;
  readonly time: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly bidExchange: number;
  readonly askExchange: number;
  readonly bidCondition: number;
  readonly askCondition: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly count: number;
  readonly openInterest: number;
  readonly oiTime: number;
  /** ThetaData's Greeks: vega and rho per 1.00, theta per calendar day; iv_error 100 means no solution. */
  readonly impliedVol: number;
  readonly ivError: number;
  readonly delta: number;
  readonly theta: number;
  readonly vega: number;
  readonly rho: number;
  readonly epsilon: number;
  readonly lambda: number;
  readonly underlyingPrice: number;
  readonly underlyingTime: number;
}

export interface StockSnap {
  readonly symbol: string;
  readonly time: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly bidExchange: number;
  readonly askExchange: number;
  readonly bidCondition: number;
  readonly askCondition: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly count: number;
}

export interface EodReport {
  readonly symbol: string;
  /** Null for the stock. */
  readonly expiry: string | null;
  readonly strike: number | null;
  readonly right: WireRight | null;
  readonly created: number;
  readonly lastTrade: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly count: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly bidExchange: number;
  readonly askExchange: number;
}

const OPRA_EXCHANGES = [1, 4, 5, 6, 7, 9, 11, 22, 42, 43, 46, 47, 60, 65, 69] as const;
const STOCK_EXCHANGES = [1, 3, 7, 29, 65, 73] as const;
const NATIONAL_BBO = 50;
const REGULAR = 0;
const HALTED = 17;
const STRIKE_INCREMENTS = [0.5, 1, 2.5, 5, 10] as const;

function hash(...parts: number[]): number {
  let h = 2166136261;
  for (const p of parts) {
    h ^= Math.floor(p * 1000) | 0;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

function pick<T>(list: readonly T[], h: number): T {
  return list[h % list.length]!;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The listed strike increment for a price (about 0.8 % of it, as the sim lists). */
export function strikeIncrement(price: number): number {
  return STRIKE_INCREMENTS.find((inc) => inc >= price * 0.008) ?? 10;
}

/** Trading days in [from, to], ascending. */
export function tradingDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isTradingDay(d)) out.push(d);
  return out;
}

export class MarketView {
  private readonly chains = new Map<string, Promise<OptionChain>>();
  private readonly ivByDate = new Map<string, Map<string, number>>();
  private readonly startDate: string;

  /**
   * @param liveShiftMs added to snapshot timestamps (quotes, OHLC, open interest, Greeks): lets a
   *   stand-alone terminal replay an always-open simulation as if it were live now. Zero in tests.
   */
  constructor(
    readonly market: SimMarket,
    private readonly liveShiftMs: () => number = () => 0,
  ) {
    this.startDate = nyDate(market.now());
  }

  now(): number {
    return this.market.now();
  }

  clearCache(): void {
    this.chains.clear();
  }

  today(): string {
    return nyDate(this.now());
  }

  /** True once today's session has opened (the snapshot cache resets at midnight New York). */
  snapshotsAvailable(): boolean {
    const now = this.now();
    const session = sessionOn(nyDate(now));
    return session !== null && now >= session.open;
  }

  /** True when the day's EOD report exists (generated at 17:15 New York). */
  eodAvailable(date: string): boolean {
    const today = this.today();
    return date < today || (date === today && this.now() >= nyToEpoch(date, 17, 15));
  }

  symbols(): readonly string[] {
    return this.market.symbols();
  }

  knows(symbol: string): boolean {
    return this.market.symbols().includes(symbol);
  }

  private requireSymbol(symbol: string): void {
    if (!this.knows(symbol)) throw new NoData();
  }

  /** Every expiration ever listed (past Fridays back a year and a bit, holiday-adjusted) and those listed now. */
  async allExpirations(symbol: string): Promise<string[]> {
    this.requireSymbol(symbol);
    const listed = await this.market.expirations(symbol);
    const today = this.today();
    const out = new Set(listed);
    let friday = addDays(today, -((weekday(today) - 5 + 7) % 7));
    for (let i = 0; i < 60; i++, friday = addDays(friday, -7)) {
      const e = isTradingDay(friday) ? friday : previousTradingDay(friday);
      if (e <= today) out.add(e);
    }
    return [...out].sort();
  }

  async listedExpirations(symbol: string): Promise<readonly string[]> {
    this.requireSymbol(symbol);
    return this.market.expirations(symbol);
  }

  async strikes(symbol: string, expiry: string): Promise<readonly number[]> {
    const listed = await this.listedExpirations(symbol);
    if (!listed.includes(expiry)) throw new NoData();
    return this.market.strikes(symbol, expiry);
  }

  private chain(symbol: string, expiries: readonly string[]): Promise<OptionChain> {
    const key = `${symbol}|${this.now()}|${expiries.join(',')}`;
    let chain = this.chains.get(key);
    if (!chain) {
      if (this.chains.size > 16) this.chains.clear();
      chain = this.market.chain(symbol, { expiries });
      this.chains.set(key, chain);
    }
    return chain;
  }

  /** The chain snapshot of some expirations (all listed when null), per contract. */
  async optionSnapshots(symbol: string, expiries: readonly string[] | null): Promise<OptionSnap[]> {
    this.requireSymbol(symbol);
    if (!this.snapshotsAvailable()) throw new NoData();
    const listed = await this.market.expirations(symbol);
    const wanted = (expiries ?? listed).filter((e) => listed.includes(e));
    if (wanted.length === 0) throw new NoData();
    const chain = await this.chain(symbol, wanted);
    const u = chain.underlying;
    const spot = u.bid !== null && u.ask !== null ? (u.bid + u.ask) / 2 : (u.last ?? 0);
    const shift = this.liveShiftMs();
    const oiTime = nyToEpoch(nyDate(chain.time + shift), 6, 30, 0, 125);
    const yearsOf = new Map<string, number>();
    return chain.rows.map((row): OptionSnap => {
      const c = row.contract;
      const q = row.quote;
      const h = hash(c.strike, c.right === 'call' ? 1 : 2, Number(c.expiry.replace(/-/g, '')));
      const halted = row.flags.includes('halted');
      const bid = q.bid ?? 0;
      const ask = q.ask ?? 0;
      const last = q.last ?? 0;
      let years = yearsOf.get(c.expiry);
      if (years === undefined) {
        years = Math.max((nyToEpoch(c.expiry, 16) - chain.time) / MS_PER_YEAR, 1 / (365 * 24));
        yearsOf.set(c.expiry, years);
      }
      const g = row.greeks;
      const noSolution = row.iv === null || g === null;
      const mid = (bid + ask) / 2;
      return {
        symbol,
        expiry: c.expiry,
        strike: c.strike,
        right: c.right,
        time: q.time + shift,
        bid,
        ask,
        bidSize: q.bidSize,
        askSize: q.askSize,
        bidExchange: pick(OPRA_EXCHANGES, h),
        askExchange: pick(OPRA_EXCHANGES, h >>> 4),
        bidCondition: halted ? HALTED : NATIONAL_BBO,
        askCondition: halted ? HALTED : NATIONAL_BBO,
        open: row.volume > 0 ? round(last * 1.02, 2) : 0,
        high: row.volume > 0 ? round(last * 1.05, 2) : 0,
        low: row.volume > 0 ? round(last * 0.97, 2) : 0,
        close: row.volume > 0 ? last : 0,
        volume: row.volume,
        count: row.volume > 0 ? Math.max(1, Math.round(row.volume / 3)) : 0,
        openInterest: row.openInterest,
        oiTime,
        impliedVol: noSolution ? (bid === 0 && ask === 0 ? 0.25 : 0) : row.iv,
        ivError: noSolution ? 100 : round(((h % 7) - 3) * 1e-4, 4),
        delta: noSolution ? 0 : g.delta,
        theta: noSolution ? 0 : g.theta / 365,
        vega: noSolution ? 0 : g.vega,
        rho: noSolution ? 0 : g.rho,
        epsilon: noSolution ? 0 : -years * spot * g.delta,
        lambda: noSolution || mid <= 0 ? 0 : (g.delta * spot) / mid,
        underlyingPrice: spot,
        underlyingTime: u.time + shift,
      };
    });
  }

  async stockSnapshot(symbol: string): Promise<StockSnap> {
    this.requireSymbol(symbol);
    if (!this.snapshotsAvailable()) throw new NoData();
    const u = await this.market.underlyingQuote(symbol);
    const h = hash(u.bid ?? 0, u.ask ?? 0);
    const last = u.last ?? ((u.bid ?? 0) + (u.ask ?? 0)) / 2;
    const halted = u.flags.includes('halted');
    return {
      symbol,
      time: u.time + this.liveShiftMs(),
      bid: u.bid ?? 0,
      ask: u.ask ?? 0,
      bidSize: u.bidSize,
      askSize: u.askSize,
      bidExchange: pick(STOCK_EXCHANGES, h),
      askExchange: pick(STOCK_EXCHANGES, h >>> 3),
      bidCondition: halted ? HALTED : REGULAR,
      askCondition: halted ? HALTED : REGULAR,
      open: round(last * 0.995, 4),
      high: round(last * 1.01, 4),
      low: round(last * 0.99, 4),
      close: last,
      volume: 1_000_000 + (h % 100_000),
      count: 10_000 + (h % 1_000),
    };
  }

  /** The 30-day ATM IV the sim recorded for a date (its IV history), else the name's long-run level. */
  async ivOn(symbol: string, date: string): Promise<number> {
    let byDate = this.ivByDate.get(symbol);
    if (!byDate || (!byDate.has(date) && date >= this.startDate)) {
      const history = await this.market.ivHistory(symbol, 3650);
      byDate = new Map(history.map((p) => [p.date, p.iv] as const));
      this.ivByDate.set(symbol, byDate);
    }
    return byDate.get(date) ?? this.market.profile(symbol).atmVol;
  }

  /** The stock's close on a past session: the sim's close since it started, its start price before. */
  async closeOn(symbol: string, date: string): Promise<number> {
    if (date >= this.startDate) {
      const close = await this.market.closingPrice(symbol, date);
      if (close !== null) return close;
    }
    return this.market.profile(symbol).price;
  }

  async stockEod(symbol: string, from: string, to: string): Promise<EodReport[]> {
    this.requireSymbol(symbol);
    const out: EodReport[] = [];
    for (const date of tradingDays(from, to)) {
      if (!this.eodAvailable(date)) continue;
      const close = await this.closeOn(symbol, date);
      const h = hash(close, Number(date.replace(/-/g, '')));
      out.push({
        symbol,
        expiry: null,
        strike: null,
        right: null,
        created: nyToEpoch(date, 17, 15, 2, h % 1000),
        lastTrade: nyToEpoch(date, 15, 59, 59, h % 997),
        open: round(close * 0.996, 4),
        high: round(close * 1.012, 4),
        low: round(close * 0.988, 4),
        close: round(close, 4),
        volume: 2_000_000 + (h % 500_000),
        count: 20_000 + (h % 5_000),
        bid: round(close - 0.01, 2),
        ask: round(close + 0.01, 2),
        bidSize: 100 * (1 + (h % 9)),
        askSize: 100 * (1 + ((h >>> 4) % 9)),
        bidExchange: pick(STOCK_EXCHANGES, h),
        askExchange: pick(STOCK_EXCHANGES, h >>> 5),
      });
    }
    return out;
  }

  /**
   * EOD reports of one expiration's contracts (or of every expiration live that day) over a date
   * range: priced on a flat smile at the day's IV around its close, with a one-cent-wide-ish spread.
   */
  async optionEod(
    symbol: string,
    expiry: string | null,
    from: string,
    to: string,
    strikeRange: number | null,
    rate: number,
  ): Promise<EodReport[]> {
    this.requireSymbol(symbol);
    const out: EodReport[] = [];
    const all = await this.allExpirations(symbol);
    for (const date of tradingDays(from, to)) {
      if (!this.eodAvailable(date)) continue;
      const spot = await this.closeOn(symbol, date);
      const vol = await this.ivOn(symbol, date);
      const expiries = expiry === null ? all.filter((e) => e >= date && e <= addDays(date, 60)) : [expiry];
      for (const e of expiries) {
        if (e < date) continue;
        const years = (nyToEpoch(e, 16) - nyToEpoch(date, 16)) / MS_PER_YEAR;
        if (!(years > 0)) continue;
        const inc = strikeIncrement(spot);
        const atm = Math.round(spot / inc);
        const n = strikeRange ?? Math.floor((spot * 0.3) / inc);
        for (let k = atm - n; k <= atm + n; k++) {
          const strike = round(k * inc, 3);
          if (strike <= 0) continue;
          for (const right of ['call', 'put'] as const) {
            const theo = blackScholesPrice({
              spot,
              strike,
              timeYears: years,
              rate,
              dividendYield: 0,
              volatility: vol,
              right,
            });
            const half = 0.01 + 0.004 * theo;
            const bid = Math.max(0, Math.floor((theo - half) * 100 + 1e-9) / 100);
            const ask = Math.max(0.01, Math.ceil((theo + half) * 100 - 1e-9) / 100);
            const h = hash(
              strike,
              right === 'call' ? 1 : 2,
              Number(date.replace(/-/g, '')),
              Number(e.replace(/-/g, '')),
            );
            const traded = theo > 0.05 && h % 5 !== 0;
            const close = traded ? round(theo, 2) : 0;
            out.push({
              symbol,
              expiry: e,
              strike,
              right,
              created: nyToEpoch(date, 17, 15, 1, h % 1000),
              lastTrade: nyToEpoch(date, 15, 30 + (h % 29), h % 60, h % 1000),
              open: traded ? round(theo * 1.01, 2) : 0,
              high: traded ? round(theo * 1.04, 2) : 0,
              low: traded ? round(theo * 0.96, 2) : 0,
              close,
              volume: traded ? 1 + (h % 400) : 0,
              count: traded ? 1 + (h % 40) : 0,
              bid,
              ask,
              bidSize: bid > 0 ? 1 + (h % 90) : 0,
              askSize: 1 + ((h >>> 7) % 90),
              bidExchange: pick(OPRA_EXCHANGES, h),
              askExchange: pick(OPRA_EXCHANGES, h >>> 6),
            });
          }
        }
      }
    }
    return out;
  }
}

/** True for what the terminal answers with NO_DATA: nothing there, or the sim's unknown symbol or expiry. */
export function isNoData(error: unknown): boolean {
  return (
    error instanceof NoData ||
    (error instanceof MarketDataError &&
      (error.reason === 'UNKNOWN_SYMBOL' || error.reason === 'UNKNOWN_EXPIRY'))
  );
}

/** Re-throws an error, as NO_DATA when the terminal would answer that. */
export function asNoData(error: unknown): never {
  if (isNoData(error)) throw error instanceof NoData ? error : new NoData();
  throw error;
}
