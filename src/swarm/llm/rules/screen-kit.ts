import type { ChainRow, Right, Side } from '../../../domain/index.js';
import { nearestDelta } from '../../context/chain-analytics.js';
import type {
  ExpirySlice,
  InstanceContext,
  Sentiment,
  SymbolSnapshot,
} from '../../context/market-context.js';
import type { TemplateParameters } from '../../templates/template-schema.js';

/** A signal in the output contract's JSON shape: what a screen proposes (judged like any model's). */
export interface ContractSignal {
  readonly underlying: string;
  readonly strategy: string;
  readonly action: 'open';
  readonly view: 'bullish' | 'bearish' | 'neutral';
  readonly legs: readonly { right: Right; strike: number; expiry: string; side: Side; ratio: number }[];
  readonly limitPrice: number;
  readonly priceEffect: 'debit' | 'credit';
  readonly confidence: number;
  readonly thesis: string;
  readonly horizonDays: number;
}

/** A deterministic screen: parameters and context in, proposals out. No I/O, no randomness. */
export type RulesScreen = (parameters: TemplateParameters, context: InstanceContext) => ContractSignal[];

export function num(p: TemplateParameters, name: string, fallback: number): number {
  const v = p[name];
  return typeof v === 'number' ? v : fallback;
}

export function str(p: TemplateParameters, name: string, fallback: string): string {
  const v = p[name];
  return typeof v === 'string' ? v : fallback;
}

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Whether a sentiment filter lets a trade of `view` through, given the symbol's sentiment (unknown reads as neutral). */
export function sentimentAllows(filter: string, sentiment: Sentiment): boolean {
  const s = sentiment === 'unknown' ? 'neutral' : sentiment;
  switch (filter) {
    case 'neutral_or_better':
      return s !== 'bearish';
    case 'neutral_or_worse':
      return s !== 'bullish';
    case 'bullish_only':
      return s === 'bullish';
    case 'bearish_only':
      return s === 'bearish';
    default:
      return true;
  }
}

/** The slice whose days to expiry is nearest `targetDte`. */
export function sliceNear(slices: readonly ExpirySlice[], targetDte: number): ExpirySlice | null {
  let best: ExpirySlice | null = null;
  for (const s of slices) if (!best || Math.abs(s.dte - targetDte) < Math.abs(best.dte - targetDte)) best = s;
  return best;
}

function twoSided(row: ChainRow): boolean {
  return (
    row.quote.bid !== null && row.quote.ask !== null && row.quote.ask >= row.quote.bid && row.quote.ask > 0
  );
}

/** The most aggressive short: the row of `right` whose |delta| is largest without exceeding `cap`. */
export function shortStrike(rows: readonly ChainRow[], right: Right, cap: number): ChainRow | null {
  let best: ChainRow | null = null;
  for (const row of rows) {
    if (row.contract.right !== right || !row.greeks || !twoSided(row)) continue;
    const d = Math.abs(row.greeks.delta);
    if (d <= cap && d >= 0.03 && (!best || d > Math.abs(best.greeks!.delta))) best = row;
  }
  return best;
}

/** The row nearest a delta, two-sided only. */
export function deltaRow(rows: readonly ChainRow[], right: Right, target: number): ChainRow | null {
  return nearestDelta(rows.filter(twoSided), right, target);
}

/** The protective wing: the nearest listed strike at least `width` further out of the money. */
export function wing(snapshot: SymbolSnapshot, short: ChainRow, width: number): ChainRow | null {
  const { right, strike, expiry } = short.contract;
  const candidates = (snapshot.rowsByExpiry.get(expiry) ?? [])
    .filter((r) => r.contract.right === right && twoSided(r))
    .filter((r) =>
      right === 'put'
        ? r.contract.strike <= strike - width + 1e-9
        : r.contract.strike >= strike + width - 1e-9,
    )
    .sort((a, b) =>
      right === 'put' ? b.contract.strike - a.contract.strike : a.contract.strike - b.contract.strike,
    );
  return candidates[0] ?? null;
}

/** Wing width in dollars: a fraction of spot, at least one dollar. */
export function wingWidth(snapshot: SymbolSnapshot, fraction: number): number {
  const spot =
    snapshot.chain.underlying.last ??
    ((snapshot.chain.underlying.bid ?? 0) + (snapshot.chain.underlying.ask ?? 0)) / 2;
  return Math.max(1, Math.round(spot * fraction));
}

const mid = (row: ChainRow): number => (row.quote.bid! + row.quote.ask!) / 2;

/** Net mid (+ debit) and net delta per share of a structure. */
export function structureFigures(legs: readonly { row: ChainRow; side: Side }[]): {
  netMid: number;
  netDelta: number;
} {
  let netMid = 0;
  let netDelta = 0;
  for (const { row, side } of legs) {
    const sign = side === 'buy' ? 1 : -1;
    netMid += sign * mid(row);
    netDelta += sign * (row.greeks?.delta ?? 0);
  }
  return { netMid, netDelta };
}

/** Builds a contract signal from legs, pricing it at the net mid (to the cent). */
export function proposal(args: {
  underlying: string;
  strategy: string;
  view: ContractSignal['view'];
  legs: readonly { row: ChainRow; side: Side }[];
  confidence: number;
  thesis: string;
  horizonDays: number;
}): ContractSignal | null {
  const { netMid } = structureFigures(args.legs);
  const limit = Math.round(Math.abs(netMid) * 100) / 100;
  if (!(limit > 0)) return null;
  return {
    underlying: args.underlying,
    strategy: args.strategy,
    action: 'open',
    view: args.view,
    legs: args.legs.map(({ row, side }) => ({
      right: row.contract.right,
      strike: row.contract.strike,
      expiry: row.contract.expiry,
      side,
      ratio: 1,
    })),
    limitPrice: limit,
    priceEffect: netMid >= 0 ? 'debit' : 'credit',
    confidence: Math.round(clamp(args.confidence, 0, 1) * 1000) / 1000,
    thesis: `rules: ${args.thesis}`,
    horizonDays: Math.max(1, Math.round(args.horizonDays)),
  };
}

/** Formats a fraction as vol points: 0.052 → "5.2 pts". */
export const volPts = (v: number): string => `${(v * 100).toFixed(1)} pts`;
