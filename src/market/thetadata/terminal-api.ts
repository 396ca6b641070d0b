/**
 * The terminal's data as the adapter asks for it, one method per endpoint, returning decoded wire
 * records (strikes in dollars, our rights, dates `YYYY-MM-DD`, times epoch ms UTC). Two
 * implementations: `api-v3.ts` (current) and `api-v2.ts` (legacy terminals, behind `apiVersion`).
 */
import type { Decoded } from './decode.js';
import type { ThetaDataTier } from './options.js';
import type {
  CALENDAR_DAY,
  CALENDAR_YEAR,
  OPTION_EOD,
  OPTION_GREEKS,
  OPTION_OHLC,
  OPTION_OPEN_INTEREST,
  OPTION_QUOTE,
  RATE_EOD,
  STOCK_EOD,
  STOCK_OHLC,
  STOCK_QUOTE,
} from './wire-schemas.js';

export type OptionQuoteRecord = Decoded<typeof OPTION_QUOTE>;
export type OptionOhlcRecord = Decoded<typeof OPTION_OHLC>;
export type OptionOpenInterestRecord = Decoded<typeof OPTION_OPEN_INTEREST>;
export type OptionGreeksRecord = Decoded<typeof OPTION_GREEKS>;
export type OptionEodRecord = Decoded<typeof OPTION_EOD>;
export type StockQuoteRecord = Decoded<typeof STOCK_QUOTE>;
export type StockOhlcRecord = Decoded<typeof STOCK_OHLC>;
export type StockEodRecord = Decoded<typeof STOCK_EOD>;
export type RateRecord = Decoded<typeof RATE_EOD>;
export type CalendarDayRecord = Decoded<typeof CALENDAR_DAY>;
export type CalendarYearRecord = Decoded<typeof CALENDAR_YEAR>;

/** Which expirations a chain snapshot covers: one, or every listed one up to `maxDte` days out. */
export type ExpirySelector = { readonly expiry: string } | { readonly all: true; readonly maxDte?: number };

export type SnapshotKind = 'quote' | 'ohlc' | 'open_interest' | 'greeks';

/** The least subscription each piece of data needs (v3 spec `x-min-subscription`; v2 tier badges). */
export interface TierNeeds {
  readonly snapshot: Readonly<Record<SnapshotKind, ThetaDataTier>>;
  /** Every expiration in one snapshot request (`expiration=*`; v2 `exp=0`). */
  readonly wholeChain: ThetaDataTier;
  readonly stockSnapshot: ThetaDataTier;
  readonly optionEod: ThetaDataTier;
  readonly holidays: ThetaDataTier;
}

export interface TerminalApi {
  readonly version: 'v2' | 'v3';
  readonly needs: TierNeeds;
  /** Every expiration the terminal knows for the symbol (past ones too), as listed. */
  expirations(symbol: string): Promise<string[]>;
  strikes(symbol: string, expiry: string): Promise<number[]>;
  optionQuotes(symbol: string, which: ExpirySelector): Promise<OptionQuoteRecord[]>;
  optionOhlc(symbol: string, which: ExpirySelector): Promise<OptionOhlcRecord[]>;
  optionOpenInterest(symbol: string, which: ExpirySelector): Promise<OptionOpenInterestRecord[]>;
  optionGreeks(symbol: string, which: ExpirySelector): Promise<OptionGreeksRecord[]>;
  stockQuote(symbol: string): Promise<StockQuoteRecord[]>;
  stockOhlc(symbol: string): Promise<StockOhlcRecord[]>;
  /** EOD reports of one expiration's contracts over a date range, optionally `strikeRange` strikes each side of spot. */
  optionEod(
    symbol: string,
    expiry: string,
    startDate: string,
    endDate: string,
    strikeRange?: number,
  ): Promise<OptionEodRecord[]>;
  stockEod(symbol: string, startDate: string, endDate: string): Promise<StockEodRecord[]>;
  /** SOFR prints in a date range, percent; null when this API has no rate endpoint. */
  sofr(startDate: string, endDate: string): Promise<RateRecord[] | null>;
  /** Today's schedule; null when this API has no calendar. */
  calendarToday(): Promise<CalendarDayRecord | null>;
  /** A year's closures and early closes; null when this API has no calendar. */
  yearHolidays(year: number): Promise<CalendarYearRecord[] | null>;
  /** `CONNECTED`, `UNVERIFIED`, `DISCONNECTED` or `ERROR`. */
  mddsStatus(): Promise<string>;
}
