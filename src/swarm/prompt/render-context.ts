import type { ChainRow } from '../../domain/index.js';
import {
  specKey,
  type ExpirySlice,
  type InstanceContext,
  type SymbolSnapshot,
} from '../context/market-context.js';
import type { ContextSpec } from '../templates/template-schema.js';

const round = (v: number | null | undefined, digits: number): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(digits));

/** Column order of each chain row in the context. */
export const ROW_COLUMNS = [
  'strike',
  'right',
  'bid',
  'ask',
  'iv',
  'delta',
  'gamma',
  'thetaPerDay',
  'vegaPerVolPoint',
  'openInterest',
] as const;

function row(r: ChainRow): (number | string | null)[] {
  const g = r.greeks!;
  return [
    r.contract.strike,
    r.contract.right,
    round(r.quote.bid, 2),
    round(r.quote.ask, 2),
    round(r.iv, 4),
    round(g.delta, 3),
    round(g.gamma, 4),
    // Domain theta is per year (value change as time passes) and vega per 1.00 of vol; people and
    // models read them per calendar day and per vol point.
    round(g.theta / 365, 4),
    round(g.vega / 100, 4),
    r.openInterest,
  ];
}

/** One symbol of the context as JSON; rendered once per snapshot and spec, shared by instances. */
const fragmentCache = new WeakMap<SymbolSnapshot, Map<string, string>>();

function symbolFragment(s: SymbolSnapshot, slices: readonly ExpirySlice[], spec: ContextSpec): string {
  let bySpec = fragmentCache.get(s);
  if (!bySpec) fragmentCache.set(s, (bySpec = new Map<string, string>()));
  const key = specKey(spec);
  const cached = bySpec.get(key);
  if (cached !== undefined) return cached;
  const fragment = JSON.stringify({
    symbol: s.symbol,
    underlying: {
      bid: round(s.chain.underlying.bid, 2),
      ask: round(s.chain.underlying.ask, 2),
      last: round(s.chain.underlying.last, 2),
    },
    ivRank: round(s.ivRank, 1),
    ivPercentile: round(s.ivPercentile, 1),
    atmIv30d: round(s.atmIv, 4),
    riskReversal25d: round(s.riskReversal25, 4),
    putSkew25d: round(s.putSkew25, 4),
    termStructure: {
      front: s.termStructure.front
        ? { expiry: s.termStructure.front.expiry, atmIv: round(s.termStructure.front.iv, 4) }
        : null,
      back: s.termStructure.back
        ? { expiry: s.termStructure.back.expiry, atmIv: round(s.termStructure.back.iv, 4) }
        : null,
    },
    sentiment: s.sentiment,
    sentimentSource: s.sentimentSource,
    exposure: s.exposure,
    expiries: slices.map((slice) => ({ expiry: slice.expiry, dte: slice.dte, rows: slice.rows.map(row) })),
  });
  bySpec.set(key, fragment);
  return fragment;
}

const UNITS =
  'prices in dollars per share; iv as a fraction (0.35 = 35%); ivRank/ivPercentile 0-100; deltas per share; thetaPerDay and vegaPerVolPoint per share';

/**
 * The compact, per-cycle market context for one instance, as JSON: only its pool's symbols, the rows
 * its template asks for, and what the book already holds. Numbers are rounded to what matters. Each
 * symbol's part is rendered once per cycle and spec, however many instances share it.
 */
export function renderContext(ctx: InstanceContext): string {
  const head = JSON.stringify({
    asOf: new Date(ctx.time).toISOString(),
    today: ctx.today,
    units: UNITS,
    columns: ROW_COLUMNS,
  });
  const symbols = ctx.symbols
    .map(({ snapshot, slices }) => symbolFragment(snapshot, slices, ctx.spec))
    .join(',');
  return `# Market context\n\n${head.slice(0, -1)},"symbols":[${symbols}],"unavailable":${JSON.stringify(ctx.unavailable)}}`;
}
