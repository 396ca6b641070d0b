/**
 * The legacy v2 endpoints (`/v2/...`) the fake serves: `root`/`exp`, strikes in tenths of a cent,
 * `C`/`P`, `ms_of_day` + `date`, `bulk_*` chains as `{ticks, contract}`; paging is the server's job.
 */
import { MarketView, NoData, type EodReport, type OptionSnap } from './market-view.js';
import { dateValue, invalid, required, symbolParam, type Tier } from './params.js';
import { v2Time } from './wire-format.js';

export type V2Value = string | number;

/** A v2 answer before encoding: plain rows, bulk entries, or a list of scalars. */
export type V2Result =
  | {
      readonly kind: 'rows';
      readonly format: readonly string[];
      readonly rows: readonly (readonly V2Value[])[];
    }
  | {
      readonly kind: 'bulk';
      readonly format: readonly string[];
      readonly entries: readonly {
        readonly contract: Readonly<Record<string, V2Value>>;
        readonly ticks: readonly (readonly V2Value[])[];
      }[];
    }
  | { readonly kind: 'list'; readonly format: readonly string[]; readonly values: readonly V2Value[] };

export interface V2Route {
  readonly tier: Tier;
  readonly handle: (q: URLSearchParams, view: MarketView, sofrPercent: number) => Promise<V2Result | string>;
  readonly needs?: (q: URLSearchParams) => Tier;
}

const QUOTE_FORMAT = [
  'ms_of_day',
  'bid_size',
  'bid_exchange',
  'bid',
  'bid_condition',
  'ask_size',
  'ask_exchange',
  'ask',
  'ask_condition',
  'date',
];
const OHLC_FORMAT = ['ms_of_day', 'open', 'high', 'low', 'close', 'volume', 'count', 'date'];
const OI_FORMAT = ['ms_of_day', 'open_interest', 'date'];
const GREEKS_FORMAT = [
  'ms_of_day',
  'bid',
  'ask',
  'delta',
  'theta',
  'vega',
  'rho',
  'epsilon',
  'lambda',
  'implied_vol',
  'iv_error',
  'ms_of_day2',
  'underlying_price',
  'date',
];
const EOD_FORMAT = [
  'ms_of_day',
  'ms_of_day2',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'count',
  'bid_size',
  'bid_exchange',
  'bid',
  'bid_condition',
  'ask_size',
  'ask_exchange',
  'ask',
  'ask_condition',
  'date',
];

/** The v2 body of NO_DATA, as captured from a live terminal. */
export const V2_NO_DATA = ':No data for the specified timeframe & contract.';

/** The terminal prints Greeks with four decimals. */
function four(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function intDate(date: string): number {
  return Number(date.replace(/-/g, ''));
}

function tenthsOfCent(strike: number): number {
  return Math.round(strike * 1000);
}

function contractOf(r: {
  symbol: string;
  expiry: string | null;
  strike: number | null;
  right: string | null;
}): Record<string, V2Value> {
  return {
    root: r.symbol,
    expiration: intDate(r.expiry!),
    strike: tenthsOfCent(r.strike!),
    right: r.right === 'call' ? 'C' : 'P',
  };
}

function expParam(q: URLSearchParams): string | null {
  const raw = required(q, 'exp');
  if (raw === '0') return null;
  return dateValue(raw, 'exp');
}

async function bulkSnapshots(q: URLSearchParams, view: MarketView): Promise<OptionSnap[]> {
  const root = symbolParam(q, 'root');
  const exp = expParam(q);
  try {
    return await view.optionSnapshots(root, exp === null ? null : [exp]);
  } catch {
    throw new NoData(V2_NO_DATA);
  }
}

function bulk(
  format: readonly string[],
  rows: readonly OptionSnap[],
  tick: (r: OptionSnap) => V2Value[],
): V2Result {
  return { kind: 'bulk', format, entries: rows.map((r) => ({ contract: contractOf(r), ticks: [tick(r)] })) };
}

function eodTick(r: EodReport): V2Value[] {
  const [ms, date] = v2Time(r.created);
  const [ms2] = v2Time(r.lastTrade);
  return [
    ms,
    ms2,
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
    date,
  ];
}

function range(q: URLSearchParams): { from: string; to: string } {
  const from = dateValue(required(q, 'start_date'), 'start_date');
  const to = dateValue(required(q, 'end_date'), 'end_date');
  if (from > to) throw invalid(`start_date ${from} is after end_date ${to}`);
  return { from, to };
}

export const V2_ROUTES: Readonly<Record<string, V2Route>> = {
  '/list/roots/option': {
    tier: 'free',
    handle: (_q, view) => Promise.resolve({ kind: 'list', format: ['root'], values: [...view.symbols()] }),
  },
  '/list/expirations': {
    tier: 'free',
    async handle(q, view) {
      const root = symbolParam(q, 'root');
      const list = await view.allExpirations(root).catch(() => {
        throw new NoData(V2_NO_DATA);
      });
      return { kind: 'list', format: ['date'], values: list.map(intDate) };
    },
  },
  '/list/strikes': {
    tier: 'free',
    async handle(q, view) {
      const root = symbolParam(q, 'root');
      const exp = dateValue(required(q, 'exp'), 'exp');
      const strikes = await view.strikes(root, exp).catch(() => {
        throw new NoData(V2_NO_DATA);
      });
      return { kind: 'list', format: ['strike'], values: strikes.map(tenthsOfCent) };
    },
  },
  '/bulk_snapshot/option/quote': {
    tier: 'standard',
    needs: (q) => (q.get('exp') === '0' ? 'pro' : 'standard'),
    async handle(q, view) {
      const rows = await bulkSnapshots(q, view);
      return bulk(QUOTE_FORMAT, rows, (r) => {
        const [ms, date] = v2Time(r.time);
        return [
          ms,
          r.bidSize,
          r.bidExchange,
          r.bid,
          r.bidCondition,
          r.askSize,
          r.askExchange,
          r.ask,
          r.askCondition,
          date,
        ];
      });
    },
  },
  '/bulk_snapshot/option/ohlc': {
    tier: 'standard',
    needs: (q) => (q.get('exp') === '0' ? 'pro' : 'standard'),
    async handle(q, view) {
      const rows = await bulkSnapshots(q, view);
      return bulk(OHLC_FORMAT, rows, (r) => {
        const [ms, date] = v2Time(r.time);
        return [ms, r.open, r.high, r.low, r.close, r.volume, r.count, date];
      });
    },
  },
  '/bulk_snapshot/option/open_interest': {
    tier: 'standard',
    needs: (q) => (q.get('exp') === '0' ? 'pro' : 'standard'),
    async handle(q, view) {
      const rows = await bulkSnapshots(q, view);
      return bulk(OI_FORMAT, rows, (r) => {
        const [ms, date] = v2Time(r.oiTime);
        return [ms, r.openInterest, date];
      });
    },
  },
  '/bulk_snapshot/option/greeks': {
    tier: 'standard',
    needs: (q) => (q.get('exp') === '0' ? 'pro' : 'standard'),
    async handle(q, view) {
      const rows = await bulkSnapshots(q, view);
      return bulk(GREEKS_FORMAT, rows, (r) => {
        const [ms, date] = v2Time(r.time);
        const [ms2] = v2Time(r.underlyingTime);
        const greeks = [r.delta, r.theta, r.vega, r.rho, r.epsilon, r.lambda, r.impliedVol, r.ivError].map(
          four,
        );
        return [ms, r.bid, r.ask, ...greeks, ms2, r.underlyingPrice, date];
      });
    },
  },
  '/snapshot/stock/quote': {
    tier: 'value',
    async handle(q, view) {
      const root = symbolParam(q, 'root');
      const s = await view.stockSnapshot(root).catch(() => {
        throw new NoData(V2_NO_DATA);
      });
      const [ms, date] = v2Time(s.time);
      return {
        kind: 'rows',
        format: QUOTE_FORMAT,
        rows: [
          [
            ms,
            s.bidSize,
            s.bidExchange,
            s.bid,
            s.bidCondition,
            s.askSize,
            s.askExchange,
            s.ask,
            s.askCondition,
            date,
          ],
        ],
      };
    },
  },
  '/snapshot/stock/ohlc': {
    tier: 'value',
    async handle(q, view) {
      const root = symbolParam(q, 'root');
      const s = await view.stockSnapshot(root).catch(() => {
        throw new NoData(V2_NO_DATA);
      });
      const [ms, date] = v2Time(s.time);
      return {
        kind: 'rows',
        format: OHLC_FORMAT,
        rows: [[ms, s.open, s.high, s.low, s.close, s.volume, s.count, date]],
      };
    },
  },
  '/bulk_hist/option/eod': {
    tier: 'value',
    async handle(q, view, sofrPercent) {
      const root = symbolParam(q, 'root');
      const exp = expParam(q);
      const { from, to } = range(q);
      if (exp === null && from !== to) throw invalid('exp=0 takes one day at a time');
      const rows = await view.optionEod(root, exp, from, to, null, sofrPercent / 100).catch(() => {
        throw new NoData(V2_NO_DATA);
      });
      if (rows.length === 0) throw new NoData(V2_NO_DATA);
      return { kind: 'bulk', format: EOD_FORMAT, entries: groupByContract(rows) };
    },
  },
  '/hist/stock/eod': {
    tier: 'free',
    async handle(q, view) {
      const root = symbolParam(q, 'root');
      const { from, to } = range(q);
      const rows = await view.stockEod(root, from, to).catch(() => {
        throw new NoData(V2_NO_DATA);
      });
      if (rows.length === 0) throw new NoData(V2_NO_DATA);
      return { kind: 'rows', format: EOD_FORMAT, rows: rows.map(eodTick) };
    },
  },
};

function groupByContract(rows: readonly EodReport[]) {
  const map = new Map<string, { contract: Record<string, V2Value>; ticks: V2Value[][] }>();
  for (const r of rows) {
    const key = `${r.expiry}|${r.strike}|${r.right}`;
    let e = map.get(key);
    if (!e) {
      e = { contract: contractOf(r), ticks: [] };
      map.set(key, e);
    }
    e.ticks.push(eodTick(r));
  }
  return [...map.values()];
}
