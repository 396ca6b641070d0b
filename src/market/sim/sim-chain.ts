/** Builds a simulated option chain: listed strikes, model prices, quotes, bad data, IV and Greeks. */
import {
  contractKey,
  daysBetween,
  option,
  quoteFlags,
  STANDARD_MULTIPLIER,
  MS_PER_YEAR,
  type ChainRow,
  type OptionContract,
  type Quote,
  type QuoteFlag,
  type Right,
} from '../../domain/index.js';
import { priceChain } from '../../quant/index.js';
import { analyticsAt, analyticsMid, chainAnalytics, MIN_ANALYTICS_YEARS } from '../chain-analytics.js';
import { expiryClose, expiryKind } from './expirations.js';
import type { FaultBook } from './fault-book.js';
import { earningsVariance } from './iv-history.js';
import { makeOptionQuote } from './option-quotes.js';
import { hashInts } from './prng.js';
import { baseIncrement, strikeGrid } from './strikes.js';
import type { SimUnderlying } from './sim-underlying.js';
import { atmVol, smileVol } from './vol-model.js';

/** A quote set by hand for one contract (lab and tests): the sim shows it instead of its own. */
export interface PinnedQuote {
  readonly bid: number | null;
  readonly ask: number | null;
  readonly bidSize: number;
  readonly askSize: number;
  readonly last?: number | null;
}

export interface ChainContext {
  readonly underlying: SimUnderlying;
  readonly seed: number;
  /** Market time now. */
  readonly now: number;
  /** Its New York date, and that date's day number (computed once: time-zone arithmetic is slow). */
  readonly today: string;
  readonly dayNumber: number;
  /** The step whose prices are shown (frozen at the halt when halted). */
  readonly step: number;
  readonly quoteTime: number;
  /** Share of the current session gone, 0..1. */
  readonly sessionElapsed: number;
  readonly rate: number;
  readonly dividendYield: number;
  /** Spot used for pricing (the model's). */
  readonly spot: number;
  /** The model's price at the session's open. */
  readonly openSpot: number;
  /** Spot used for IV and Greeks (the quoted mid, as a vendor's snapshot would). */
  readonly analyticsSpot: number;
  readonly startDate: string;
  /** The session an expiry was listed at (or the first session, when listed before the start). */
  listingSession(expiry: string): number;
  readonly faults: FaultBook;
  readonly pins: ReadonlyMap<string, PinnedQuote>;
  readonly staleAfterMs: number;
  readonly halted: boolean;
}

/** Listed strikes of one expiry, ascending, minus any a missing-strikes fault hides. */
export function listedStrikes(ctx: ChainContext, expiry: string): number[] {
  const u = ctx.underlying;
  const listed = ctx.listingSession(expiry);
  const range = u.path.rangeSince(listed, ctx.step);
  const grid = strikeGrid({
    low: range.low,
    high: range.high,
    vol: u.profile.atmVol,
    expiry,
    today: ctx.today,
    startDate: ctx.startDate,
  });
  const every = ctx.faults.missingStrikesEvery(u.profile.symbol, expiry);
  return every === null ? grid : grid.filter((_, i) => i % every !== 1);
}

/** Chain rows for the given expiries, by expiry, strike, then call before put. */
export function buildRows(
  ctx: ChainContext,
  expiries: readonly string[],
  moneynessWindow?: number,
): ChainRow[] {
  const rows: ChainRow[] = [];
  for (const expiry of expiries) {
    let strikes = listedStrikes(ctx, expiry);
    if (moneynessWindow !== undefined) {
      strikes = strikes.filter((k) => Math.abs(k / ctx.analyticsSpot - 1) <= moneynessWindow + 1e-12);
    }
    buildExpiryRows(ctx, expiry, strikes, rows);
  }
  return rows;
}

function buildExpiryRows(
  ctx: ChainContext,
  expiry: string,
  strikes: readonly number[],
  out: ChainRow[],
): void {
  const { underlying: u, now, rate, dividendYield: q, spot } = ctx;
  const profile = u.profile;
  const close = expiryClose(expiry);
  const years = Math.max((close - now) / MS_PER_YEAR, MIN_ANALYTICS_YEARS);
  const daysToExpiry = years * 365;
  const earningsVar = earningsVariance(profile, now, close);
  const atm = atmVol(profile, u.path.volAt(ctx.step), years, earningsVar);
  const forward = spot * Math.exp((rate - q) * years);
  const kind = expiryKind(expiry);
  const isMonthly = kind !== null && kind !== 'weekly';
  const roundEvery = baseIncrement(spot) * 10;
  const expiryDay = Math.round(close / 86_400_000);
  const today = ctx.dayNumber;
  const sqrtT = Math.sqrt(years);
  const discountedSpot = spot * Math.exp(-q * years);
  const discount = Math.exp(-rate * years);
  // Whole days, so the scale (and with it open interest) holds for the day.
  const openScale = profile.atmVol * Math.sqrt(Math.max(daysBetween(ctx.today, expiry), 1) / 365);

  // Rows 2i (call) and 2i + 1 (put) for strike i, priced and solved as whole arrays.
  const n = strikes.length * 2;
  const strikeArr = new Float64Array(n);
  const timeArr = new Float64Array(n).fill(years);
  const isCall = new Uint8Array(n);
  const vols = new Float64Array(n);
  for (let i = 0; i < strikes.length; i++) {
    const k = strikes[i]!;
    const vol = smileVol(profile, atm, forward, k, years);
    strikeArr[2 * i] = strikeArr[2 * i + 1] = k;
    vols[2 * i] = vols[2 * i + 1] = vol;
    isCall[2 * i] = 1;
  }
  const theo = priceChain(
    { spot, rate, dividendYield: q },
    { strikes: strikeArr, timeYears: timeArr, isCall },
    vols,
  );

  const contracts: OptionContract[] = new Array<OptionContract>(n);
  const made: { quote: Quote; volume: number; openInterest: number }[] = new Array<{
    quote: Quote;
    volume: number;
    openInterest: number;
  }>(n);
  const mids = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const strike = strikeArr[j]!;
    const right: Right = isCall[j] === 1 ? 'call' : 'put';
    const moneyness = Math.log(strike / forward) / (atm * sqrtT);
    const contract = option(profile.symbol, expiry, strike, right, STANDARD_MULTIPLIER);
    const raw = makeOptionQuote({
      profile,
      contractHash: hashInts(
        ctx.seed,
        u.symbolHash,
        expiryDay,
        Math.round(strike * 1000),
        right === 'call' ? 1 : 2,
      ),
      step: ctx.step,
      dayNumber: today,
      quoteTime: ctx.quoteTime,
      sessionElapsed: ctx.sessionElapsed,
      theo: theo[j]!,
      floor: Math.max(
        0,
        right === 'call' ? discountedSpot - strike * discount : strike * discount - discountedSpot,
      ),
      moneyness,
      openMoneyness: Math.log(strike / ctx.openSpot) / openScale,
      daysToExpiry,
      isMonthly,
      isRoundStrike: Math.abs(strike / roundEvery - Math.round(strike / roundEvery)) < 1e-9,
    });
    const quote = finalQuote(ctx, contract, raw.quote);
    contracts[j] = contract;
    made[j] = { quote, volume: raw.volume, openInterest: raw.openInterest };
    mids[j] = analyticsMid(quote) ?? NaN;
  }
  const analytics = chainAnalytics({
    spot: ctx.analyticsSpot,
    rate,
    dividendYield: q,
    strikes: strikeArr,
    timeYears: timeArr,
    isCall,
    mids,
  });
  for (let j = 0; j < n; j++) {
    const { quote, volume, openInterest } = made[j]!;
    const flags: QuoteFlag[] = quoteFlags(quote, now, ctx.staleAfterMs);
    if (ctx.halted) flags.push('halted');
    out.push({ contract: contracts[j]!, quote, volume, openInterest, ...analyticsAt(analytics, j), flags });
  }
}

function finalQuote(ctx: ChainContext, contract: OptionContract, quote: Quote): Quote {
  const pin = ctx.pins.get(contractKey(contract));
  const base: Quote = pin ? { ...pin, last: pin.last ?? null, time: ctx.quoteTime } : quote;
  return ctx.faults.applyToOption(contract, base, ctx.now);
}
