/**
 * The legacy v2 API (`http://127.0.0.1:25510/v2`), for terminals that still run it: `root`/`exp`
 * parameters, strikes in tenths of a cent, `C`/`P`, `date` + `ms_of_day` times, `bulk_*` chain
 * endpoints, header/row-array JSON and pagination (followed by the client). Bodies are renamed to
 * v3's columns and units on arrival, so one set of decoders serves both versions.
 */
import { compactDate } from './ny-time.js';
import type {
  ExpirySelector,
  OptionEodRecord,
  OptionGreeksRecord,
  OptionOhlcRecord,
  OptionOpenInterestRecord,
  OptionQuoteRecord,
  StockEodRecord,
  StockOhlcRecord,
  StockQuoteRecord,
  TerminalApi,
  TierNeeds,
} from './terminal-api.js';
import type { TerminalCall, TerminalClient } from './terminal-client.js';
import {
  EXPIRATION_LIST,
  OPTION_EOD,
  OPTION_GREEKS,
  OPTION_OHLC,
  OPTION_OPEN_INTEREST,
  OPTION_QUOTE,
  STOCK_EOD,
  STOCK_OHLC,
  STOCK_QUOTE,
  STRIKE_LIST,
  type ColumnSpec,
} from './wire-schemas.js';
import { withColumns, type ColumnReader, type WireTable } from './wire-table.js';

export const V2_NEEDS: TierNeeds = {
  snapshot: { quote: 'standard', ohlc: 'standard', open_interest: 'standard', greeks: 'standard' },
  wholeChain: 'pro',
  stockSnapshot: 'value',
  optionEod: 'value',
  holidays: 'pro',
};

const BULK_PATHS = {
  quote: '/bulk_snapshot/option/quote',
  ohlc: '/bulk_snapshot/option/ohlc',
  open_interest: '/bulk_snapshot/option/open_interest',
  greeks: '/bulk_snapshot/option/greeks',
} as const;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** v2 `date` (YYYYMMDD) + `ms_of_day` → a v3-style New York stamp; the raw pair when unreadable. */
export function v2Stamp(date: unknown, msOfDay: unknown): unknown {
  const d = typeof date === 'number' ? String(date) : typeof date === 'string' ? date.trim() : '';
  const ms = typeof msOfDay === 'number' ? msOfDay : typeof msOfDay === 'string' ? Number(msOfDay) : NaN;
  if (!/^\d{8}$/.test(d) || !Number.isInteger(ms) || ms < 0 || ms >= 86_400_000)
    return `${String(date)} ${String(msOfDay)}`;
  const time = `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${time}`;
}

/** Tenths of a cent → dollars; the raw value when it is not a number (the decoder then says so). */
function thousandths(v: unknown): unknown {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n / 1000 : v;
}

function stampOf(table: WireTable, msColumn: string): ColumnReader | null {
  const date = table.column('date');
  const ms = table.column(msColumn);
  return date && ms ? (row) => v2Stamp(date(row), ms(row)) : null;
}

/** v2 columns and units → v3's. */
export function v2ToV3(table: WireTable): WireTable {
  const strike = table.column('strike');
  const iv = table.column('implied_vol') ?? table.column('implied_volatility');
  const stamp = stampOf(table, 'ms_of_day');
  return withColumns(table, {
    symbol: table.column('root'),
    strike: strike ? (row) => thousandths(strike(row)) : null,
    expiration: table.column('expiration') ?? table.column('date'),
    timestamp: stamp,
    created: stamp,
    implied_vol: iv,
  });
}

export class V2Api implements TerminalApi {
  readonly version = 'v2';
  readonly needs = V2_NEEDS;

  constructor(private readonly client: TerminalClient) {}

  private rows<S extends ColumnSpec>(call: TerminalCall, spec: S) {
    return this.client.rows(call, spec, v2ToV3);
  }

  async expirations(symbol: string): Promise<string[]> {
    const call = { path: '/list/expirations', params: { root: symbol }, needsTier: 'free' } as const;
    const view = (t: WireTable) => withColumns(t, { expiration: t.column('date') ?? t.column('value') });
    return (await this.client.rows(call, EXPIRATION_LIST, view)).map((r) => r.expiration);
  }

  async strikes(symbol: string, expiry: string): Promise<number[]> {
    const call = {
      path: '/list/strikes',
      params: { root: symbol, exp: compactDate(expiry) },
      needsTier: 'free',
    } as const;
    const view = (t: WireTable) => {
      const raw = t.column('strike') ?? t.column('value');
      return withColumns(t, { strike: raw ? (row) => thousandths(raw(row)) : null });
    };
    return (await this.client.rows(call, STRIKE_LIST, view)).map((r) => r.strike);
  }

  private bulkCall(kind: keyof typeof BULK_PATHS, symbol: string, which: ExpirySelector): TerminalCall {
    const exp = 'expiry' in which ? compactDate(which.expiry) : '0';
    return {
      path: BULK_PATHS[kind],
      params: { root: symbol, exp },
      needsTier: 'expiry' in which ? 'standard' : 'pro',
    };
  }

  optionQuotes(symbol: string, which: ExpirySelector): Promise<OptionQuoteRecord[]> {
    return this.rows(this.bulkCall('quote', symbol, which), OPTION_QUOTE);
  }

  optionOhlc(symbol: string, which: ExpirySelector): Promise<OptionOhlcRecord[]> {
    return this.rows(this.bulkCall('ohlc', symbol, which), OPTION_OHLC);
  }

  optionOpenInterest(symbol: string, which: ExpirySelector): Promise<OptionOpenInterestRecord[]> {
    return this.rows(this.bulkCall('open_interest', symbol, which), OPTION_OPEN_INTEREST);
  }

  optionGreeks(symbol: string, which: ExpirySelector): Promise<OptionGreeksRecord[]> {
    return this.rows(this.bulkCall('greeks', symbol, which), OPTION_GREEKS);
  }

  stockQuote(symbol: string): Promise<StockQuoteRecord[]> {
    return this.rows(
      { path: '/snapshot/stock/quote', params: { root: symbol }, needsTier: 'value' },
      STOCK_QUOTE,
    );
  }

  stockOhlc(symbol: string): Promise<StockOhlcRecord[]> {
    return this.rows(
      { path: '/snapshot/stock/ohlc', params: { root: symbol }, needsTier: 'value' },
      STOCK_OHLC,
    );
  }

  optionEod(symbol: string, expiry: string, startDate: string, endDate: string): Promise<OptionEodRecord[]> {
    const params = {
      root: symbol,
      exp: compactDate(expiry),
      start_date: compactDate(startDate),
      end_date: compactDate(endDate),
    };
    return this.rows({ path: '/bulk_hist/option/eod', params, needsTier: 'value' }, OPTION_EOD);
  }

  stockEod(symbol: string, startDate: string, endDate: string): Promise<StockEodRecord[]> {
    const params = { root: symbol, start_date: compactDate(startDate), end_date: compactDate(endDate) };
    return this.rows({ path: '/hist/stock/eod', params, needsTier: 'free' }, STOCK_EOD);
  }

  /** v2 has no rate endpoint. */
  sofr(): Promise<null> {
    return Promise.resolve(null);
  }

  /** v2 has no calendar endpoints. */
  calendarToday(): Promise<null> {
    return Promise.resolve(null);
  }

  yearHolidays(): Promise<null> {
    return Promise.resolve(null);
  }

  mddsStatus(): Promise<string> {
    return this.client.text({ path: '/system/mdds/status' });
  }
}
