/** The v3 API (`http://127.0.0.1:25503/v3`): the current one. */
import { ThetaTerminalError } from './errors.js';
import { compactDate } from './ny-time.js';
import { tierCovers, type ThetaDataTier } from './options.js';
import type {
  CalendarDayRecord,
  CalendarYearRecord,
  ExpirySelector,
  OptionEodRecord,
  OptionGreeksRecord,
  OptionOhlcRecord,
  OptionOpenInterestRecord,
  OptionQuoteRecord,
  RateRecord,
  StockEodRecord,
  StockOhlcRecord,
  StockQuoteRecord,
  TerminalApi,
  TierNeeds,
} from './terminal-api.js';
import type { TerminalCall, TerminalClient } from './terminal-client.js';
import {
  CALENDAR_DAY,
  CALENDAR_YEAR,
  EXPIRATION_LIST,
  OPTION_EOD,
  OPTION_GREEKS,
  OPTION_OHLC,
  OPTION_OPEN_INTEREST,
  OPTION_QUOTE,
  RATE_EOD,
  STOCK_EOD,
  STOCK_OHLC,
  STOCK_QUOTE,
  STRIKE_LIST,
  type ColumnSpec,
} from './wire-schemas.js';

export const V3_NEEDS: TierNeeds = {
  snapshot: { quote: 'value', ohlc: 'value', open_interest: 'value', greeks: 'standard' },
  wholeChain: 'value',
  stockSnapshot: 'value',
  optionEod: 'free',
  holidays: 'value',
};

const SNAPSHOT_PATHS = {
  quote: '/option/snapshot/quote',
  ohlc: '/option/snapshot/ohlc',
  open_interest: '/option/snapshot/open_interest',
  greeks: '/option/snapshot/greeks/first_order',
} as const;

export class V3Api implements TerminalApi {
  readonly version = 'v3';
  readonly needs = V3_NEEDS;

  constructor(
    private readonly client: TerminalClient,
    tier: ThetaDataTier,
  ) {
    this.delayedStock = !tierCovers(tier, 'standard');
  }

  /** Set once Nasdaq Basic turned out not to be in the subscription (471): ask UTP/CTA from then on. */
  private delayedStock: boolean;

  private rows<S extends ColumnSpec>(call: TerminalCall, spec: S) {
    return this.client.rows(call, spec);
  }

  async expirations(symbol: string): Promise<string[]> {
    const rows = await this.rows(
      { path: '/option/list/expirations', params: { symbol }, needsTier: 'free' },
      EXPIRATION_LIST,
    );
    return rows.map((r) => r.expiration);
  }

  async strikes(symbol: string, expiry: string): Promise<number[]> {
    const call = {
      path: '/option/list/strikes',
      params: { symbol, expiration: compactDate(expiry) },
      needsTier: 'free',
    } as const;
    return (await this.rows(call, STRIKE_LIST)).map((r) => r.strike);
  }

  private snapshotCall(
    kind: keyof typeof SNAPSHOT_PATHS,
    symbol: string,
    which: ExpirySelector,
  ): TerminalCall {
    const params: Record<string, string | number> = { symbol };
    if ('expiry' in which) params.expiration = compactDate(which.expiry);
    else {
      params.expiration = '*';
      if (which.maxDte !== undefined) params.max_dte = which.maxDte;
    }
    return { path: SNAPSHOT_PATHS[kind], params, needsTier: V3_NEEDS.snapshot[kind] };
  }

  optionQuotes(symbol: string, which: ExpirySelector): Promise<OptionQuoteRecord[]> {
    return this.rows(this.snapshotCall('quote', symbol, which), OPTION_QUOTE);
  }

  optionOhlc(symbol: string, which: ExpirySelector): Promise<OptionOhlcRecord[]> {
    return this.rows(this.snapshotCall('ohlc', symbol, which), OPTION_OHLC);
  }

  optionOpenInterest(symbol: string, which: ExpirySelector): Promise<OptionOpenInterestRecord[]> {
    return this.rows(this.snapshotCall('open_interest', symbol, which), OPTION_OPEN_INTEREST);
  }

  optionGreeks(symbol: string, which: ExpirySelector): Promise<OptionGreeksRecord[]> {
    return this.rows(this.snapshotCall('greeks', symbol, which), OPTION_GREEKS);
  }

  /**
   * Stock snapshots: Nasdaq Basic (real time, the default venue) needs standard; value accounts get the
   * 15-minute-delayed UTP/CTA feed. A 471 on Nasdaq Basic falls back to UTP/CTA for good.
   */
  private async stock<S extends ColumnSpec>(path: string, symbol: string, spec: S) {
    if (!this.delayedStock) {
      try {
        return await this.rows({ path, params: { symbol }, needsTier: 'standard' }, spec);
      } catch (error) {
        if (!(error instanceof ThetaTerminalError && error.terminalCode === 'PERMISSION')) throw error;
        this.delayedStock = true;
      }
    }
    return this.rows({ path, params: { symbol, venue: 'utp_cta' }, needsTier: 'value' }, spec);
  }

  stockQuote(symbol: string): Promise<StockQuoteRecord[]> {
    return this.stock('/stock/snapshot/quote', symbol, STOCK_QUOTE);
  }

  stockOhlc(symbol: string): Promise<StockOhlcRecord[]> {
    return this.stock('/stock/snapshot/ohlc', symbol, STOCK_OHLC);
  }

  optionEod(
    symbol: string,
    expiry: string,
    startDate: string,
    endDate: string,
    strikeRange?: number,
  ): Promise<OptionEodRecord[]> {
    const params: Record<string, string | number> = {
      symbol,
      expiration: compactDate(expiry),
      start_date: compactDate(startDate),
      end_date: compactDate(endDate),
    };
    if (strikeRange !== undefined) params.strike_range = strikeRange;
    return this.rows({ path: '/option/history/eod', params, needsTier: 'free' }, OPTION_EOD);
  }

  stockEod(symbol: string, startDate: string, endDate: string): Promise<StockEodRecord[]> {
    const params = { symbol, start_date: compactDate(startDate), end_date: compactDate(endDate) };
    return this.rows({ path: '/stock/history/eod', params, needsTier: 'free' }, STOCK_EOD);
  }

  sofr(startDate: string, endDate: string): Promise<RateRecord[] | null> {
    const params = { symbol: 'SOFR', start_date: compactDate(startDate), end_date: compactDate(endDate) };
    return this.rows({ path: '/interest_rate/history/eod', params, needsTier: 'free' }, RATE_EOD);
  }

  async calendarToday(): Promise<CalendarDayRecord | null> {
    const rows = await this.rows({ path: '/calendar/today', needsTier: 'free' }, CALENDAR_DAY);
    return rows[0] ?? null;
  }

  yearHolidays(year: number): Promise<CalendarYearRecord[] | null> {
    return this.rows(
      { path: '/calendar/year_holidays', params: { year }, needsTier: 'value' },
      CALENDAR_YEAR,
    );
  }

  mddsStatus(): Promise<string> {
    return this.client.text({ path: '/terminal/mdds/status' });
  }
}
