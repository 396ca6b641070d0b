import { contractKey, type ChainRow, type OptionChain, type Position } from '../../domain/index.js';
import type { IvHistoryPoint } from '../../market/index.js';
import type { ContextSpec } from '../templates/template-schema.js';
import {
  atmIv,
  chainExpiries,
  daysToExpiry,
  expiryNear,
  pickExpiries,
  putSkew25,
  riskReversal25,
} from './chain-analytics.js';

export type Sentiment = 'bullish' | 'neutral' | 'bearish' | 'unknown';

/** IV rank and percentile in percent (0-100); null when the history is too short to say. */
export interface IvStats {
  readonly rank: number | null;
  readonly percentile: number | null;
}

/** Computes IV rank/percentile from history and the current IV (quant's, injected: swarm does no math of its own here). */
export type IvStatsFn = (history: readonly IvHistoryPoint[], currentIv: number) => IvStats;

/** What the book holds on one underlying. */
export interface SymbolExposure {
  readonly positions: readonly { readonly contract: string; readonly quantity: number }[];
  /** Net delta in shares (options: quantity × delta × multiplier), null when a held option has no Greeks. */
  readonly netDeltaShares: number | null;
}

/** One underlying as seen this cycle, shared by every instance that has it in its pool. */
export interface SymbolSnapshot {
  readonly symbol: string;
  readonly chain: OptionChain;
  /** Listed expirations in the chain, ascending. */
  readonly expiries: readonly string[];
  /** Rows with IV and Greeks by expiry, by strike then right: computed once, sliced per instance. */
  readonly rowsByExpiry: ReadonlyMap<string, readonly ChainRow[]>;
  /** `YYYY-MM-DD` in New York at the snapshot. */
  readonly today: string;
  /** About 30-day at-the-money IV. */
  readonly atmIv: number | null;
  readonly ivRank: number | null;
  readonly ivPercentile: number | null;
  /** 25-delta call IV minus 25-delta put IV, about 30 days out. */
  readonly riskReversal25: number | null;
  /** 25-delta put IV minus ATM IV, about 30 days out. */
  readonly putSkew25: number | null;
  readonly termStructure: {
    readonly front: { readonly expiry: string; readonly iv: number | null } | null;
    readonly back: { readonly expiry: string; readonly iv: number | null } | null;
  };
  readonly sentiment: Sentiment;
  /** `input` when given by the caller, `risk_reversal_25d` when read from the skew, `none` otherwise. */
  readonly sentimentSource: 'input' | 'risk_reversal_25d' | 'none';
  readonly exposure: SymbolExposure;
}

/** A symbol whose data could not be had this cycle. */
export interface SymbolUnavailable {
  readonly symbol: string;
  readonly error: string;
}

/** Everything the swarm saw this cycle, by symbol. */
export interface MarketSnapshot {
  readonly time: number;
  readonly today: string;
  readonly symbols: ReadonlyMap<string, SymbolSnapshot | SymbolUnavailable>;
}

export function isAvailable(s: SymbolSnapshot | SymbolUnavailable): s is SymbolSnapshot {
  return 'chain' in s;
}

/** The rows of one expiry an instance is shown. */
export interface ExpirySlice {
  readonly expiry: string;
  readonly dte: number;
  readonly rows: readonly ChainRow[];
}

/** One instance's view: its pool's symbols, each with the slices its template asks for. */
export interface InstanceContext {
  readonly time: number;
  readonly today: string;
  /** What the template asked to see (the slices follow from it). */
  readonly spec: ContextSpec;
  readonly symbols: readonly { readonly snapshot: SymbolSnapshot; readonly slices: readonly ExpirySlice[] }[];
  readonly unavailable: readonly SymbolUnavailable[];
}

/** Sentiment read from the 25-delta risk reversal: steep put skew is fear, call skew is greed. */
export function sentimentFromRiskReversal(rr: number | null): Sentiment {
  if (rr === null) return 'unknown';
  if (rr <= -0.06) return 'bearish';
  if (rr >= 0) return 'bullish';
  return 'neutral';
}

function exposureOf(symbol: string, chain: OptionChain, positions: readonly Position[]): SymbolExposure {
  const held = positions.filter((p) => p.contract.symbol === symbol && p.quantity !== 0);
  let delta: number | null = 0;
  for (const p of held) {
    if (p.contract.kind === 'stock') {
      if (delta !== null) delta += p.quantity;
      continue;
    }
    const c = p.contract;
    const row = chain.rows.find(
      (r) =>
        r.contract.expiry === c.expiry &&
        r.contract.right === c.right &&
        Math.abs(r.contract.strike - c.strike) < 1e-9,
    );
    delta = row?.greeks && delta !== null ? delta + p.quantity * row.greeks.delta * c.multiplier : null;
  }
  return {
    positions: held.map((p) => ({ contract: contractKey(p.contract), quantity: p.quantity })),
    netDeltaShares: delta === null ? null : Math.round(delta * 100) / 100,
  };
}

export interface SnapshotInputs {
  readonly chain: OptionChain;
  readonly ivHistory: readonly IvHistoryPoint[];
  readonly today: string;
  readonly positions: readonly Position[];
  readonly ivStats?: IvStatsFn | undefined;
  readonly sentiment?: Exclude<Sentiment, 'unknown'> | undefined;
}

/** The expiries the snapshot reads: ~30 days (ATM IV, skew), the front (~7 days) and the back (~60). */
export function anchorExpiries(
  expiries: readonly string[],
  today: string,
): { thirty: string | null; front: string | null; back: string | null } {
  const front = expiryNear(expiries, today, 7, 3);
  const back = expiryNear(
    expiries.filter((e) => e !== front),
    today,
    60,
    front ? daysToExpiry(front, today) + 14 : 21,
  );
  return { thirty: expiryNear(expiries, today, 30, 7), front, back };
}

/**
 * Of the listed expirations, only those this cycle will read: the anchors and each spec's slices.
 * Fetching just these keeps chain requests small (a weekly-listing underlying has dozens).
 */
export function expiriesNeeded(
  listed: readonly string[],
  today: string,
  specs: readonly ContextSpec[],
): string[] {
  const sorted = [...listed].sort();
  const { thirty, front, back } = anchorExpiries(sorted, today);
  const needed = new Set([thirty, front, back].filter((e): e is string => e !== null));
  for (const spec of specs)
    for (const e of pickExpiries(sorted, today, spec.dte, spec.maxExpiries)) needed.add(e);
  return [...needed].sort();
}

/** Derives a symbol's snapshot (ATM IV, IV rank, skew, term structure, sentiment, exposure) from its chain. */
export function buildSymbolSnapshot(inputs: SnapshotInputs): SymbolSnapshot {
  const { chain, today } = inputs;
  const expiries = chainExpiries(chain);
  const rowsByExpiry = new Map<string, ChainRow[]>(expiries.map((e) => [e, []]));
  for (const row of chain.rows) {
    if (row.iv !== null && row.greeks !== null) rowsByExpiry.get(row.contract.expiry)!.push(row);
  }
  for (const rows of rowsByExpiry.values()) {
    rows.sort(
      (a, b) => a.contract.strike - b.contract.strike || a.contract.right.localeCompare(b.contract.right),
    );
  }
  const rowsOf = (expiry: string | null): ChainRow[] => (expiry ? (rowsByExpiry.get(expiry) ?? []) : []);
  const { thirty, front, back: backCandidate } = anchorExpiries(expiries, today);
  const rows30 = rowsOf(thirty);
  const current = atmIv(rows30);
  const stats =
    current !== null && inputs.ivStats
      ? inputs.ivStats(inputs.ivHistory, current)
      : { rank: null, percentile: null };
  const rr = riskReversal25(rows30);
  const sentiment = inputs.sentiment ?? sentimentFromRiskReversal(rr);
  return {
    symbol: chain.symbol,
    chain,
    expiries,
    rowsByExpiry,
    today,
    atmIv: current,
    ivRank: stats.rank,
    ivPercentile: stats.percentile,
    riskReversal25: rr,
    putSkew25: putSkew25(rows30),
    termStructure: {
      front: front ? { expiry: front, iv: atmIv(rowsOf(front)) } : null,
      back: backCandidate ? { expiry: backCandidate, iv: atmIv(rowsOf(backCandidate)) } : null,
    },
    sentiment,
    sentimentSource: inputs.sentiment ? 'input' : sentiment === 'unknown' ? 'none' : 'risk_reversal_25d',
    exposure: exposureOf(chain.symbol, chain, inputs.positions),
  };
}

/** At most `max` of `rows`, spread evenly (by index, so by strike), both ends kept. */
function spread<T>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return [...rows];
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(Math.round((i * (rows.length - 1)) / (max - 1)));
  return [...picked].sort((a, b) => a - b).map((i) => rows[i]!);
}

/**
 * The slices of one symbol a template asks for: expiries in its DTE range, rows in its delta band,
 * at most `maxRowsPerRight` calls and as many puts per expiry.
 */
export function sliceChain(snapshot: SymbolSnapshot, spec: ContextSpec): ExpirySlice[] {
  const expiries = pickExpiries(snapshot.expiries, snapshot.today, spec.dte, spec.maxExpiries);
  return expiries.map((expiry) => {
    const inBand = (snapshot.rowsByExpiry.get(expiry) ?? []).filter((r) => {
      const d = Math.abs(r.greeks!.delta);
      return d >= spec.deltas[0] && d <= spec.deltas[1];
    });
    const calls = spread(
      inBand.filter((r) => r.contract.right === 'call'),
      spec.maxRowsPerRight,
    );
    const puts = spread(
      inBand.filter((r) => r.contract.right === 'put'),
      spec.maxRowsPerRight,
    );
    return {
      expiry,
      dte: daysToExpiry(expiry, snapshot.today),
      rows: [...calls, ...puts].sort(
        (a, b) => a.contract.strike - b.contract.strike || a.contract.right.localeCompare(b.contract.right),
      ),
    };
  });
}

/** One instance's context: only the symbols in its pool. */
/** Slices already cut this cycle, per snapshot and spec: instances that share a symbol share its slices. */
const sliceCache = new WeakMap<SymbolSnapshot, Map<string, ExpirySlice[]>>();

/** A stable key for a context spec. */
export function specKey(spec: ContextSpec): string {
  return `${spec.dte.join('-')}|${spec.deltas.join('-')}|${spec.maxExpiries}|${spec.maxRowsPerRight}`;
}

function cachedSlices(snapshot: SymbolSnapshot, spec: ContextSpec): ExpirySlice[] {
  let bySpec = sliceCache.get(snapshot);
  if (!bySpec) sliceCache.set(snapshot, (bySpec = new Map<string, ExpirySlice[]>()));
  const key = specKey(spec);
  let slices = bySpec.get(key);
  if (!slices) bySpec.set(key, (slices = sliceChain(snapshot, spec)));
  return slices;
}

export function buildInstanceContext(
  market: MarketSnapshot,
  pool: readonly string[],
  spec: ContextSpec,
): InstanceContext {
  const symbols: InstanceContext['symbols'][number][] = [];
  const unavailable: SymbolUnavailable[] = [];
  for (const symbol of pool) {
    const s = market.symbols.get(symbol);
    if (!s) unavailable.push({ symbol, error: 'not fetched' });
    else if (!isAvailable(s)) unavailable.push(s);
    else symbols.push({ snapshot: s, slices: cachedSlices(s, spec) });
  }
  return { time: market.time, today: market.today, spec, symbols, unavailable };
}
