/** The v3 endpoints the fake serves (`/v3/...`), each with its parameters, tier and columns. */
import { addDays, daysBetween, nyDate, nyToEpoch } from '../../../src/domain/index.js';
import { isEarlyClose, isTradingDay, sessionOn } from '../../../src/market/sim/calendar.js';
import {
  asNoData,
  isNoData,
  MarketView,
  NoData,
  tradingDays,
  type EodReport,
  type OptionSnap,
} from './market-view.js';
import {
  dateParam,
  expirationParam,
  intParam,
  invalid,
  oneOf,
  rightParam,
  strikeParam,
  symbolParam,
  timeParam,
  type Tier,
} from './params.js';
import { columns, type Cell, type Table } from './wire-format.js';

export interface RouteContext {
  readonly view: MarketView;
  readonly tier: Tier;
  /** SOFR to report, percent. */
  readonly sofrPercent: number;
  /** The calendar says every day is open all day (a stand-alone replay of an always-open sim). */
  readonly alwaysOpen: boolean;
}

export interface Route {
  readonly tier: Tier;
  /** Answers with a table (encoded per `format`) or, for status endpoints, plain text. */
  readonly handle: (q: URLSearchParams, ctx: RouteContext) => Promise<Table | string>;
  /** Extra tier checks that depend on the parameters (e.g. the stock venue). */
  readonly needs?: (q: URLSearchParams) => Tier;
}

const CONTRACT = 'symbol,expiration:date,strike:strike,right:right';
const QUOTE =
  'bid_size:int,bid_exchange:int,bid:price2,bid_condition:int,ask_size:int,ask_exchange:int,ask:price2,ask_condition:int';

const OPTION_QUOTE = columns(`timestamp:stamp,${CONTRACT},${QUOTE}`);
const OPTION_OHLC = columns(
  `timestamp:stamp,${CONTRACT},open:price2,high:price2,low:price2,close:price2,volume:int,count:int`,
);
const OPTION_OI = columns(`timestamp:stamp,${CONTRACT},open_interest:int`);
const OPTION_GREEKS = columns(
  `${CONTRACT},timestamp:stamp,bid:price2,ask:price2,delta:decimal,theta:decimal,vega:decimal,rho:decimal,epsilon:decimal,lambda:decimal,implied_vol:decimal,iv_error:decimal,underlying_timestamp:stamp,underlying_price:price4`,
);
const OPTION_EOD = columns(
  `${CONTRACT},created:stamp,last_trade:stamp,open:price2,high:price2,low:price2,close:price2,volume:int,count:int,${QUOTE}`,
);
const STOCK_QUOTE = columns(
  'timestamp:stamp,symbol,bid_size:int,bid_exchange:int,bid:price4,bid_condition:int,ask_size:int,ask_exchange:int,ask:price4,ask_condition:int',
);
const STOCK_OHLC = columns(
  'timestamp:stamp,symbol,open:price4,high:price4,low:price4,close:price4,volume:int,count:int',
);
const STOCK_EOD = columns(
  'created:stamp,last_trade:stamp,open:price4,high:price4,low:price4,close:price4,volume:int,count:int,bid_size:int,bid_exchange:int,bid:price4,bid_condition:int,ask_size:int,ask_exchange:int,ask:price4,ask_condition:int',
);

function contractCells(s: {
  symbol: string;
  expiry: string | null;
  strike: number | null;
  right: string | null;
}): Cell[] {
  return [s.symbol, s.expiry, s.strike, s.right];
}

/** Applies the chain filters every option snapshot takes. */
async function snapshots(q: URLSearchParams, view: MarketView): Promise<OptionSnap[]> {
  const symbol = symbolParam(q);
  const expiration = expirationParam(q, true);
  const strike = strikeParam(q);
  const right = rightParam(q);
  const maxDte = intParam(q, 'max_dte', 0);
  const strikeRange = intParam(q, 'strike_range', 1);
  const minTime = timeParam(q, 'min_time');
  let rows = await view.optionSnapshots(symbol, expiration === null ? null : [expiration]).catch(asNoData);
  const today = view.today();
  if (maxDte !== null) rows = rows.filter((r) => daysBetween(today, r.expiry) <= maxDte);
  if (strike !== null) rows = rows.filter((r) => Math.abs(r.strike - strike) < 1e-6);
  if (right !== null) rows = rows.filter((r) => r.right === right);
  if (strikeRange !== null) {
    const keep = new Set<string>();
    for (const e of new Set(rows.map((r) => r.expiry))) {
      const ofExpiry = rows.filter((r) => r.expiry === e);
      const spot = ofExpiry[0]!.underlyingPrice;
      const strikes = [...new Set(ofExpiry.map((r) => r.strike))].sort((a, b) => a - b);
      let atm = 0;
      strikes.forEach((k, i) => {
        if (Math.abs(k - spot) < Math.abs(strikes[atm]! - spot)) atm = i;
      });
      for (const k of strikes.slice(Math.max(0, atm - strikeRange), atm + strikeRange + 1))
        keep.add(`${e}|${k}`);
    }
    rows = rows.filter((r) => keep.has(`${r.expiry}|${r.strike}`));
  }
  if (minTime !== null) rows = rows.filter((r) => r.time - nyToEpoch(nyDate(r.time), 0) >= minTime);
  if (rows.length === 0) throw new NoData();
  return rows;
}

function nested(cols: ReturnType<typeof columns>, rows: Cell[][]): Table {
  return { columns: cols, rows, nested: true };
}

function flat(cols: ReturnType<typeof columns>, rows: Cell[][]): Table {
  return { columns: cols, rows, nested: false };
}

function eodRange(q: URLSearchParams): { from: string; to: string } {
  const from = dateParam(q, 'start_date');
  const to = dateParam(q, 'end_date');
  if (from > to) throw invalid(`start_date ${from} is after end_date ${to}`);
  return { from, to };
}

function eodCells(r: EodReport): Cell[] {
  return [
    r.created,
    r.lastTrade,
    r.open,
    r.high,
    r.low,
    r.close,
    r.volume,
    r.count,
    r.bidSize,
    r.bidExchange,
    r.bid,
    50,
    r.askSize,
    r.askExchange,
    r.ask,
    50,
  ];
}

function daySchedule(date: string): Cell[] {
  if (!isTradingDay(date)) {
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return [dow === 0 || dow === 6 ? 'weekend' : 'full_close', null, null];
  }
  return isEarlyClose(date) ? ['early_close', '09:30:00', '13:00:00'] : ['open', '09:30:00', '16:00:00'];
}

/** Stock venue: Nasdaq Basic (default) is real time and needs standard; UTP/CTA (15-min delayed) is value. */
function venueTier(q: URLSearchParams): Tier {
  return oneOf(q, 'venue', ['nqb', 'utp_cta'] as const, 'nqb') === 'nqb' ? 'standard' : 'value';
}

export const V3_ROUTES: Readonly<Record<string, Route>> = {
  '/option/list/symbols': {
    tier: 'free',
    handle: (_q, { view }) =>
      Promise.resolve(
        flat(
          columns('symbol'),
          view.symbols().map((s) => [s]),
        ),
      ),
  },
  '/stock/list/symbols': {
    tier: 'free',
    handle: (_q, { view }) =>
      Promise.resolve(
        flat(
          columns('symbol'),
          view.symbols().map((s) => [s]),
        ),
      ),
  },
  '/option/list/expirations': {
    tier: 'free',
    async handle(q, { view }) {
      const symbol = symbolParam(q);
      const list = await view.allExpirations(symbol).catch(asNoData);
      return flat(
        columns('symbol,expiration:date'),
        list.map((e) => [symbol, e]),
      );
    },
  },
  '/option/list/strikes': {
    tier: 'free',
    async handle(q, { view }) {
      const symbol = symbolParam(q);
      const expiration = expirationParam(q, false)!;
      const strikes = await view.strikes(symbol, expiration).catch(asNoData);
      // The terminal lists strikes unsorted: pairs swapped here so a client must sort.
      const shuffled = strikes.map(
        (_, i) => strikes[i % 2 === 0 ? Math.min(i + 1, strikes.length - 1) : i - 1]!,
      );
      return flat(
        columns('symbol,strike:strike'),
        shuffled.map((k) => [symbol, k]),
      );
    },
  },
  '/option/snapshot/quote': {
    tier: 'value',
    async handle(q, { view }) {
      const rows = await snapshots(q, view);
      return nested(
        OPTION_QUOTE,
        rows.map((r) => [
          r.time,
          ...contractCells(r),
          r.bidSize,
          r.bidExchange,
          r.bid,
          r.bidCondition,
          r.askSize,
          r.askExchange,
          r.ask,
          r.askCondition,
        ]),
      );
    },
  },
  '/option/snapshot/ohlc': {
    tier: 'value',
    async handle(q, { view }) {
      const rows = await snapshots(q, view);
      return nested(
        OPTION_OHLC,
        rows.map((r) => [r.time, ...contractCells(r), r.open, r.high, r.low, r.close, r.volume, r.count]),
      );
    },
  },
  '/option/snapshot/open_interest': {
    tier: 'value',
    async handle(q, { view }) {
      const rows = await snapshots(q, view);
      return nested(
        OPTION_OI,
        rows.map((r) => [r.oiTime, ...contractCells(r), r.openInterest]),
      );
    },
  },
  '/option/snapshot/greeks/first_order': {
    tier: 'standard',
    async handle(q, { view }) {
      const rows = await snapshots(q, view);
      return nested(
        OPTION_GREEKS,
        rows.map((r) => [
          ...contractCells(r),
          r.time,
          r.bid,
          r.ask,
          r.delta,
          r.theta,
          r.vega,
          r.rho,
          r.epsilon,
          r.lambda,
          r.impliedVol,
          r.ivError,
          r.underlyingTime,
          r.underlyingPrice,
        ]),
      );
    },
  },
  '/option/history/eod': {
    tier: 'free',
    async handle(q, { view, sofrPercent }) {
      const symbol = symbolParam(q);
      const expiration = expirationParam(q, true);
      const { from, to } = eodRange(q);
      if (expiration === null && from !== to)
        throw invalid('expiration=* takes one day at a time (start_date = end_date)');
      const strike = strikeParam(q);
      const right = rightParam(q);
      const strikeRange = intParam(q, 'strike_range', 1);
      let rows = await view
        .optionEod(symbol, expiration, from, to, strikeRange, sofrPercent / 100)
        .catch(asNoData);
      if (strike !== null) rows = rows.filter((r) => Math.abs(r.strike! - strike) < 1e-6);
      if (right !== null) rows = rows.filter((r) => r.right === right);
      if (rows.length === 0) throw new NoData();
      return nested(
        OPTION_EOD,
        rows.map((r) => [...contractCells(r), ...eodCells(r)]),
      );
    },
  },
  '/stock/snapshot/quote': {
    tier: 'value',
    needs: venueTier,
    async handle(q, { view }) {
      const rows: Cell[][] = [];
      for (const symbol of symbolList(q)) {
        const s = await view.stockSnapshot(symbol).catch(skipUnknown);
        if (s)
          rows.push([
            s.time,
            s.symbol,
            s.bidSize,
            s.bidExchange,
            s.bid,
            s.bidCondition,
            s.askSize,
            s.askExchange,
            s.ask,
            s.askCondition,
          ]);
      }
      if (rows.length === 0) throw new NoData();
      return flat(STOCK_QUOTE, rows);
    },
  },
  '/stock/snapshot/ohlc': {
    tier: 'value',
    needs: venueTier,
    async handle(q, { view }) {
      const rows: Cell[][] = [];
      for (const symbol of symbolList(q)) {
        const s = await view.stockSnapshot(symbol).catch(skipUnknown);
        if (s) rows.push([s.time, s.symbol, s.open, s.high, s.low, s.close, s.volume, s.count]);
      }
      if (rows.length === 0) throw new NoData();
      return flat(STOCK_OHLC, rows);
    },
  },
  '/stock/history/eod': {
    tier: 'free',
    async handle(q, { view }) {
      const symbol = symbolParam(q);
      const { from, to } = eodRange(q);
      const rows = await view.stockEod(symbol, from, to).catch(asNoData);
      if (rows.length === 0) throw new NoData();
      return flat(STOCK_EOD, rows.map(eodCells));
    },
  },
  '/interest_rate/history/eod': {
    tier: 'free',
    handle(q, { sofrPercent }) {
      const symbol = symbolParam(q);
      if (symbol !== 'SOFR' && !symbol.startsWith('TREASURY')) throw new NoData();
      const { from, to } = eodRange(q);
      const rows = tradingDays(from, to).map((d): Cell[] => [d, sofrPercent]);
      if (rows.length === 0) throw new NoData();
      return Promise.resolve(flat(columns('created:date,rate:price4'), rows));
    },
  },
  '/calendar/today': {
    tier: 'free',
    handle: (_q, { view, alwaysOpen }) =>
      Promise.resolve(
        flat(columns('type,open,close'), [
          alwaysOpen ? ['open', '00:00:00', '23:59:59'] : daySchedule(view.today()),
        ]),
      ),
  },
  '/calendar/on_date': {
    tier: 'value',
    handle: (q) => Promise.resolve(flat(columns('type,open,close'), [daySchedule(dateParam(q, 'date'))])),
  },
  '/calendar/year_holidays': {
    tier: 'value',
    handle(q) {
      const year = intParam(q, 'year', 2000);
      if (year === null) throw invalid("missing required parameter 'year'");
      const rows: Cell[][] = [];
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
        const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
        if (dow === 0 || dow === 6) continue;
        if (!isTradingDay(d)) rows.push([d, 'full_close', null, null]);
        else if (sessionOn(d)?.earlyClose) rows.push([d, 'early_close', '09:30:00', '13:00:00']);
      }
      return Promise.resolve(flat(columns('date:date,type,open,close'), rows));
    },
  },
};

/** A symbol the terminal has nothing for is left out of a multi-symbol answer. */
function skipUnknown(error: unknown): null {
  if (isNoData(error)) return null;
  throw error;
}

/** `symbol` as one symbol or a comma list. */
function symbolList(q: URLSearchParams): string[] {
  const raw = q.get('symbol');
  if (raw === null || raw.trim() === '') throw invalid("missing required parameter 'symbol'");
  return raw.split(',').map((s) => {
    const p = new URLSearchParams({ symbol: s });
    return symbolParam(p);
  });
}
