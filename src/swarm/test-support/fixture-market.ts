/**
 * Hand-built option chains for the swarm's tests and bench: Black-Scholes prices on a simple smile,
 * IV and Greeks on every row, a MarketData implementation over them. Not a market model: just
 * enough structure (skew, term structure, IV history) for screens and parsing to be exercised.
 */
import {
  addDays,
  nyDate,
  type ChainRow,
  type Clock,
  type OptionChain,
  type Right,
  type UnderlyingQuote,
} from '../../domain/index.js';
import type { ChainRequest, IvHistoryPoint, MarketClock, MarketData } from '../../market/index.js';
import { MarketDataError } from '../../market/index.js';
import type { IvStatsFn } from '../context/market-context.js';

export interface FixtureSymbol {
  readonly symbol: string;
  readonly spot: number;
  /** ATM IV about 30 days out. */
  readonly atmIv: number;
  /** IV added per unit of -ln(K/S) (positive: put skew). */
  readonly skew?: number;
  /** IV change per year of extra maturity beyond 30 days (negative: inverted term structure). */
  readonly termSlope?: number;
  /** Extra IV on the nearest expiry only (an event). */
  readonly frontBump?: number;
  /** Where today's ATM IV sits in its one-year range, 0-100 (drives the IV history). */
  readonly ivRank?: number;
  readonly strikeStep?: number;
}

const DAY_OFFSETS = [7, 14, 21, 28, 35, 45, 60, 90];

function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
const cdf = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));
const pdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

function bs(spot: number, strike: number, t: number, iv: number, right: Right) {
  const sq = iv * Math.sqrt(t);
  const d1 = (Math.log(spot / strike) + 0.5 * iv * iv * t) / sq;
  const d2 = d1 - sq;
  const call = spot * cdf(d1) - strike * cdf(d2);
  const price = right === 'call' ? call : call - spot + strike;
  const delta = right === 'call' ? cdf(d1) : cdf(d1) - 1;
  const gamma = pdf(d1) / (spot * sq);
  const vega = spot * pdf(d1) * Math.sqrt(t);
  // Value change per year as time passes (zero rates): negative, an option decays.
  const theta = -(spot * pdf(d1) * iv) / (2 * Math.sqrt(t));
  return { price, delta, gamma, vega, theta };
}

/** IV of a strike and maturity on the fixture's smile. */
function ivAt(s: FixtureSymbol, strike: number, days: number, front: boolean): number {
  const m = Math.log(strike / s.spot);
  const base = s.atmIv + (s.termSlope ?? 0) * ((days - 30) / 365) + (front ? (s.frontBump ?? 0) : 0);
  return Math.max(0.05, base - (s.skew ?? 0.1) * m + 0.3 * m * m);
}

/** A chain for one symbol at `now`: eight expiries, strikes ±30 % of spot, two-sided quotes. */
export function fixtureChain(s: FixtureSymbol, now: number): OptionChain {
  const today = nyDate(now);
  const step = s.strikeStep ?? (s.spot >= 200 ? 5 : s.spot >= 50 ? 2.5 : 1);
  const rows: ChainRow[] = [];
  DAY_OFFSETS.forEach((days, i) => {
    const expiry = addDays(today, days);
    const t = days / 365;
    for (let k = Math.ceil((s.spot * 0.7) / step) * step; k <= s.spot * 1.3; k += step) {
      const strike = Math.round(k * 100) / 100;
      for (const right of ['call', 'put'] as const) {
        const iv = ivAt(s, strike, days, i === 0);
        const g = bs(s.spot, strike, t, iv, right);
        if (g.price < 0.02) continue;
        const half = Math.max(0.01, 0.02 * g.price + 0.01);
        const bid = Math.max(0.01, Math.round((g.price - half) * 100) / 100);
        const ask = Math.round((g.price + half) * 100) / 100;
        rows.push({
          contract: { kind: 'option', symbol: s.symbol, expiry, strike, right, multiplier: 100 },
          quote: { bid, ask, bidSize: 10, askSize: 10, last: null, time: now },
          volume: 100,
          openInterest: 1000,
          iv,
          greeks: { delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, rho: 0 },
          flags: [],
        });
      }
    }
  });
  const underlying: UnderlyingQuote = {
    symbol: s.symbol,
    bid: s.spot - 0.01,
    ask: s.spot + 0.01,
    bidSize: 100,
    askSize: 100,
    last: s.spot,
    time: now,
    flags: [],
  };
  return { symbol: s.symbol, underlying, time: now, rate: 0, dividendYield: 0, rows };
}

/** One year of ATM IV history that puts today's IV at the symbol's `ivRank` of its range. */
export function fixtureIvHistory(s: FixtureSymbol, now: number): IvHistoryPoint[] {
  const rank = (s.ivRank ?? 50) / 100;
  const lo = s.atmIv * 0.6;
  const hi = rank > 0 ? lo + (s.atmIv - lo) / rank : s.atmIv * 1.6;
  const today = nyDate(now);
  return Array.from({ length: 252 }, (_, i) => ({
    date: addDays(today, i - 252),
    iv: i === 0 ? lo : i === 1 ? Math.max(hi, s.atmIv) : lo + ((hi - lo) * ((i * 37) % 100)) / 100,
  }));
}

/** IV rank (position in the range) and percentile (share of days below), 0-100: a test stand-in for quant's. */
export const fixtureIvStats: IvStatsFn = (history, current) => {
  const ivs = history.map((p) => p.iv);
  if (ivs.length < 20) return { rank: null, percentile: null };
  const lo = Math.min(...ivs);
  const hi = Math.max(...ivs);
  return {
    rank: hi > lo ? Math.min(100, Math.max(0, ((current - lo) / (hi - lo)) * 100)) : null,
    percentile: (ivs.filter((v) => v < current).length / ivs.length) * 100,
  };
};

/** A MarketData over fixture symbols; `fail` makes a symbol's calls throw. */
export class FixtureMarket implements MarketData {
  readonly source = 'fixture';
  calls = 0;
  readonly chainRequests: { symbol: string; expiries: readonly string[] | undefined }[] = [];
  private readonly bySymbol: Map<string, FixtureSymbol>;

  constructor(
    symbols: readonly FixtureSymbol[],
    private readonly clock: Clock,
    private readonly fail: ReadonlySet<string> = new Set(),
  ) {
    this.bySymbol = new Map(symbols.map((s) => [s.symbol, s]));
  }

  private get(symbol: string): FixtureSymbol {
    this.calls++;
    const s = this.bySymbol.get(symbol);
    if (!s || this.fail.has(symbol))
      throw new MarketDataError('UNKNOWN_SYMBOL', `fixture: no data for ${symbol}`);
    return s;
  }

  underlyingQuote(symbol: string): Promise<UnderlyingQuote> {
    return Promise.resolve().then(() => fixtureChain(this.get(symbol), this.clock.now()).underlying);
  }
  expirations(symbol: string): Promise<readonly string[]> {
    return Promise.resolve().then(() => {
      this.get(symbol);
      return DAY_OFFSETS.map((d) => addDays(nyDate(this.clock.now()), d));
    });
  }
  strikes(symbol: string, expiry: string): Promise<readonly number[]> {
    return Promise.resolve().then(() => [
      ...new Set(
        fixtureChain(this.get(symbol), this.clock.now())
          .rows.filter((r) => r.contract.expiry === expiry)
          .map((r) => r.contract.strike),
      ),
    ]);
  }
  chain(symbol: string, request?: ChainRequest): Promise<OptionChain> {
    this.chainRequests.push({ symbol, expiries: request?.expiries });
    return Promise.resolve().then(() => {
      const chain = fixtureChain(this.get(symbol), this.clock.now());
      const keep = request?.expiries ? new Set(request.expiries) : null;
      return keep ? { ...chain, rows: chain.rows.filter((r) => keep.has(r.contract.expiry)) } : chain;
    });
  }
  ivHistory(symbol: string): Promise<readonly IvHistoryPoint[]> {
    return Promise.resolve().then(() => fixtureIvHistory(this.get(symbol), this.clock.now()));
  }
  marketClock(): Promise<MarketClock> {
    const now = this.clock.now();
    return Promise.resolve({
      time: now,
      isOpen: true,
      nextOpen: now,
      nextClose: now + 3_600_000,
      earlyClose: false,
    });
  }
  symbols(): readonly string[] {
    return [...this.bySymbol.keys()];
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A fixed instant: Tuesday 2026-11-24, 10:30 New York. */
export const FIXTURE_NOW = Date.UTC(2026, 10, 24, 15, 30);

/** Symbols with characters the four screens react to. */
export const FIXTURE_SYMBOLS: readonly FixtureSymbol[] = [
  { symbol: 'NVDA', spot: 180, atmIv: 0.55, ivRank: 90, skew: 0.08 },
  { symbol: 'AMD', spot: 150, atmIv: 0.5, ivRank: 85, skew: 0.08 },
  { symbol: 'TSLA', spot: 400, atmIv: 0.6, ivRank: 60, skew: 0.05 },
  { symbol: 'JPM', spot: 300, atmIv: 0.25, ivRank: 95, skew: 0.1 },
  { symbol: 'GS', spot: 800, atmIv: 0.28, ivRank: 92, skew: 0.1 },
  { symbol: 'BAC', spot: 50, atmIv: 0.27, ivRank: 88, skew: 0.1 },
  { symbol: 'SPY', spot: 670, atmIv: 0.16, ivRank: 30, skew: 0.35 },
  { symbol: 'QQQ', spot: 600, atmIv: 0.2, ivRank: 35, skew: 0.3 },
  { symbol: 'IWM', spot: 240, atmIv: 0.22, ivRank: 55, skew: 0.2 },
  { symbol: 'AAPL', spot: 270, atmIv: 0.3, ivRank: 20, skew: -0.05, frontBump: 0.15 },
  { symbol: 'MSFT', spot: 500, atmIv: 0.26, ivRank: 25, skew: 0.05, frontBump: 0.12 },
  { symbol: 'AMZN', spot: 230, atmIv: 0.35, ivRank: 40, skew: 0.06, frontBump: 0.1 },
  { symbol: 'GOOGL', spot: 300, atmIv: 0.32, ivRank: 45, skew: 0.06 },
  { symbol: 'META', spot: 650, atmIv: 0.38, ivRank: 50, skew: 0.06, frontBump: 0.14 },
  { symbol: 'AVGO', spot: 350, atmIv: 0.45, ivRank: 70, skew: 0.06, frontBump: 0.1 },
  { symbol: 'XOM', spot: 115, atmIv: 0.24, ivRank: 82, skew: 0.1 },
  { symbol: 'CVX', spot: 155, atmIv: 0.25, ivRank: 84, skew: 0.1 },
];
