/**
 * Pure mappers from the terminal's records to our domain: quotes (zero and empty sides, halts,
 * staleness), underlying quotes, chain rows with IV and Greeks recomputed by our quant from the mid
 * (the same rules as the simulated market), and ThetaData's own IV/Greeks kept beside them in our
 * units (their vega and rho are per 1.00 already; their theta is per calendar day, ours per year).
 */
import {
  MS_PER_YEAR,
  option,
  quoteFlags,
  STANDARD_MULTIPLIER,
  type ChainRow,
  type Greeks,
  type OptionChain,
  type Quote,
  type QuoteFlag,
  type Right,
  type UnderlyingQuote,
} from '../../domain/index.js';
import { analyticsMid, MIN_ANALYTICS_YEARS, rowAnalytics } from '../chain-analytics.js';
import { expiryClose } from './ny-time.js';
import { MarketDataError } from '../index.js';
import type {
  OptionGreeksRecord,
  OptionOhlcRecord,
  OptionOpenInterestRecord,
  OptionQuoteRecord,
  StockOhlcRecord,
  StockQuoteRecord,
} from './terminal-api.js';

/** Quote conditions that mean trading is halted (HALTED, OPERATIONAL_HALT, REGULATORY_HALT, SEC_SUSPENSION, CATS_HALTED, market-wide halts). */
export const HALT_CONDITIONS: ReadonlySet<number> = new Set([17, 18, 36, 37, 40, 66, 67, 68]);

/** A vendor IV whose repricing error reaches this is "no solution" (ThetaData's sentinel is 100). */
export const VENDOR_IV_ERROR_LIMIT = 1;

export const DAYS_PER_YEAR = 365;

interface SideFields {
  readonly bid: number;
  readonly ask: number;
  readonly bid_size: number;
  readonly ask_size: number;
  readonly timestamp: number;
  readonly bid_condition: number | null;
  readonly ask_condition: number | null;
}

/**
 * A wire quote as ours. A zero bid stays 0 (a real "no bid" market, flagged `zero_bid`); a zero ask is
 * no offer at all (null, flagged `no_ask`): the terminal sends 0 with size 0 for an empty side.
 */
export function wireQuote(record: SideFields, last: number | null): Quote {
  return {
    bid: record.bid >= 0 ? record.bid : null,
    ask: record.ask > 0 ? record.ask : null,
    bidSize: record.bid_size,
    askSize: record.ask_size,
    last,
    time: record.timestamp,
  };
}

/** Our flags for a wire quote: from its numbers and age, plus `halted` from the quote conditions. */
export function wireFlags(quote: Quote, record: SideFields, now: number, staleAfterMs: number): QuoteFlag[] {
  const flags = quoteFlags(quote, now, staleAfterMs);
  const halted =
    (record.bid_condition !== null && HALT_CONDITIONS.has(record.bid_condition)) ||
    (record.ask_condition !== null && HALT_CONDITIONS.has(record.ask_condition));
  if (halted) flags.push('halted');
  return flags;
}

/** The last trade from a session OHLC: its close, when it traded. */
export function lastFromOhlc(ohlc: Pick<StockOhlcRecord, 'close' | 'volume'> | undefined): number | null {
  if (!ohlc || ohlc.close === null || !(ohlc.close > 0)) return null;
  return ohlc.volume === null || ohlc.volume > 0 ? ohlc.close : null;
}

export function underlyingQuote(
  symbol: string,
  record: StockQuoteRecord,
  ohlc: StockOhlcRecord | undefined,
  now: number,
  staleAfterMs: number,
): UnderlyingQuote {
  const quote = wireQuote(record, lastFromOhlc(ohlc));
  return { symbol, ...quote, flags: wireFlags(quote, record, now, staleAfterMs) };
}

/** ThetaData's IV and first-order Greeks in our units, or nulls where it found no solution. */
export function vendorAnalytics(record: OptionGreeksRecord | undefined): NonNullable<ChainRow['vendor']> {
  const iv = record?.implied_vol ?? null;
  const error = record?.iv_error ?? null;
  if (!record || iv === null || !(iv > 0) || (error !== null && !(Math.abs(error) < VENDOR_IV_ERROR_LIMIT))) {
    return { iv: null, greeks: null };
  }
  const greeks: { -readonly [K in keyof Greeks]?: number } = {};
  if (record.delta !== null) greeks.delta = record.delta;
  if (record.vega !== null) greeks.vega = record.vega;
  if (record.rho !== null) greeks.rho = record.rho;
  if (record.theta !== null) greeks.theta = record.theta * DAYS_PER_YEAR;
  return { iv, greeks };
}

/** A contract within one expiry as a number: strike in tenths of a cent, doubled, plus 1 for a put. */
export function strikeRightKey(strike: number, right: Right): number {
  return Math.round(strike * 1000) * 2 + (right === 'call' ? 0 : 1);
}

/** Records of one endpoint by expiry, then strike and right: how the endpoints' rows are matched. */
class ByContract<T extends { expiration: string; strike: number; right: Right }> {
  private readonly byExpiry = new Map<string, Map<number, T>>();

  constructor(records: readonly T[]) {
    for (const r of records) {
      let inner = this.byExpiry.get(r.expiration);
      if (!inner) this.byExpiry.set(r.expiration, (inner = new Map<number, T>()));
      inner.set(strikeRightKey(r.strike, r.right), r);
    }
  }

  get(expiry: string, key: number): T | undefined {
    return this.byExpiry.get(expiry)?.get(key);
  }
}

const NO_ANALYTICS = { iv: null, greeks: null } as const;

export interface ChainInputs {
  readonly symbol: string;
  readonly underlying: UnderlyingQuote;
  /** Snapshot time, epoch ms: ages quotes and dates time to expiry. */
  readonly now: number;
  readonly rate: number;
  readonly dividendYield: number;
  readonly staleAfterMs: number;
  /** Keep only these expirations (all in the records when null). */
  readonly expiries: ReadonlySet<string> | null;
  readonly moneynessWindow?: number;
  readonly quotes: readonly OptionQuoteRecord[];
  readonly ohlc: readonly OptionOhlcRecord[];
  readonly openInterest: readonly OptionOpenInterestRecord[];
  /** ThetaData's own Greeks; null when not asked (tier) — rows then carry no `vendor`. */
  readonly greeks: readonly OptionGreeksRecord[] | null;
}

/**
 * The chain, by expiry, strike, then call before put. The contracts are those quoted; OHLC, open
 * interest and vendor Greeks are matched to them. IV and Greeks come from our quant at the quoted
 * underlying mid (or last), as the simulated market computes them.
 */
export function assembleChain(input: ChainInputs): OptionChain {
  const { now, rate, dividendYield: q, staleAfterMs } = input;
  const spot = analyticsMid(input.underlying) ?? input.underlying.last;
  if (input.moneynessWindow !== undefined && (spot === null || !(spot > 0))) {
    throw new MarketDataError(
      'NO_DATA',
      `thetadata: chain ${input.symbol}: no underlying price to apply moneynessWindow ${input.moneynessWindow} to`,
    );
  }
  const ohlc = new ByContract(input.ohlc);
  const oi = new ByContract(input.openInterest);
  const greeks = input.greeks === null ? null : new ByContract(input.greeks);
  const years = new Map<string, number>();
  const seen = new Set<string>();
  const rows: ChainRow[] = [];
  for (const r of input.quotes) {
    if (input.expiries !== null && !input.expiries.has(r.expiration)) continue;
    if (
      input.moneynessWindow !== undefined &&
      !(Math.abs(r.strike / spot! - 1) <= input.moneynessWindow + 1e-12)
    ) {
      continue;
    }
    const key = strikeRightKey(r.strike, r.right);
    const id = `${r.expiration}|${key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    let t = years.get(r.expiration);
    if (t === undefined) {
      t = Math.max((expiryClose(r.expiration) - now) / MS_PER_YEAR, MIN_ANALYTICS_YEARS);
      years.set(r.expiration, t);
    }
    const o = ohlc.get(r.expiration, key);
    const quote = wireQuote(r, lastFromOhlc(o));
    const mid = analyticsMid(quote);
    const analytics =
      spot === null
        ? NO_ANALYTICS
        : rowAnalytics({ spot, rate, dividendYield: q, timeYears: t, strike: r.strike, right: r.right, mid });
    const contract = option(input.symbol, r.expiration, r.strike, r.right, STANDARD_MULTIPLIER);
    const volume = o?.volume ?? 0;
    const openInterest = oi.get(r.expiration, key)?.open_interest ?? 0;
    const flags = wireFlags(quote, r, now, staleAfterMs);
    rows.push(
      greeks === null
        ? { contract, quote, volume, openInterest, iv: analytics.iv, greeks: analytics.greeks, flags }
        : {
            contract,
            quote,
            volume,
            openInterest,
            iv: analytics.iv,
            greeks: analytics.greeks,
            flags,
            vendor: vendorAnalytics(greeks.get(r.expiration, key)),
          },
    );
  }
  rows.sort(
    (a, b) =>
      (a.contract.expiry < b.contract.expiry ? -1 : a.contract.expiry > b.contract.expiry ? 1 : 0) ||
      a.contract.strike - b.contract.strike ||
      (a.contract.right === b.contract.right ? 0 : a.contract.right === 'call' ? -1 : 1),
  );
  return { symbol: input.symbol, underlying: input.underlying, time: now, rate, dividendYield: q, rows };
}
