/**
 * The held book with figures: each position and each structure with its mark, unrealised P&L,
 * Greeks and days to expiry, and the Greeks per underlying against the gate's limits. Money in
 * dollars: P&L = (mark − average price) × quantity × multiplier.
 */
import { contractKey, multiplierOf, type Contract, type Position } from '../../domain/index.js';
import type { RiskLimits } from '../../risk/index.js';
import type { ContractMark, Greeks4 } from './marks.js';
import type { Structure } from './structures.js';

export interface PositionView {
  readonly contract: Contract;
  readonly key: string;
  /** Signed contracts (shares for stock). */
  readonly quantity: number;
  /** Dollars per share. */
  readonly averagePrice: number;
  readonly multiplier: number;
  /** Dollars realised on this contract so far. */
  readonly realizedPnl: number;
  /** Dollars per share. */
  readonly mark: number | null;
  /** Dollars: mark × quantity × multiplier. */
  readonly marketValue: number | null;
  readonly unrealizedPnl: number | null;
  /** Of the whole quantity. */
  readonly greeks: Greeks4 | null;
  readonly daysToExpiry: number | null;
  readonly problem: string | null;
}

export interface StructureView {
  readonly label: string;
  readonly underlying: string;
  readonly openedBy: string | null;
  /** Each leg's slice of its position, figures for that slice. */
  readonly legs: readonly PositionView[];
  readonly unrealizedPnl: number | null;
  readonly greeks: Greeks4 | null;
  /** The nearest expiry's; null for stock only. */
  readonly daysToExpiry: number | null;
}

export const GREEK_KEYS = ['delta', 'gamma', 'vega', 'theta'] as const;

export interface UnderlyingGreeks {
  readonly symbol: string;
  /** Net Greeks of the positions held (working orders not included); null when one is missing. */
  readonly greeks: Greeks4 | null;
  readonly missing: string | null;
  /** Greeks whose |value| is beyond the limit. */
  readonly over: readonly (typeof GREEK_KEYS)[number][];
}

function scale(g: Greeks4, by: number): Greeks4 {
  return { delta: g.delta * by, gamma: g.gamma * by, vega: g.vega * by, theta: g.theta * by };
}

/** Σ of Greeks, or null when any is missing. */
export function sumGreeks(all: readonly (Greeks4 | null)[]): Greeks4 | null {
  let sum: Greeks4 = { delta: 0, gamma: 0, vega: 0, theta: 0 };
  for (const g of all) {
    if (!g) return null;
    sum = {
      delta: sum.delta + g.delta,
      gamma: sum.gamma + g.gamma,
      vega: sum.vega + g.vega,
      theta: sum.theta + g.theta,
    };
  }
  return sum;
}

/** A position (or a slice of one, `quantity`) with its figures. */
export function positionView(
  position: Position,
  quantity: number,
  mark: ContractMark | undefined,
): PositionView {
  const m = multiplierOf(position.contract);
  const price = mark?.mark ?? null;
  return {
    contract: position.contract,
    key: contractKey(position.contract),
    quantity,
    averagePrice: position.averagePrice,
    multiplier: m,
    realizedPnl: position.realizedPnl,
    mark: price,
    marketValue: price === null ? null : price * quantity * m,
    unrealizedPnl: price === null ? null : (price - position.averagePrice) * quantity * m,
    greeks: mark?.greeks ? scale(mark.greeks, quantity) : null,
    daysToExpiry: mark?.daysToExpiry ?? null,
    problem: mark?.problem ?? null,
  };
}

/** A structure with its legs' figures summed. */
export function structureView(s: Structure, marks: ReadonlyMap<string, ContractMark>): StructureView {
  const legs = s.legs.map((l) =>
    positionView(l.position, l.quantity, marks.get(contractKey(l.position.contract))),
  );
  const pnl = legs.map((l) => l.unrealizedPnl);
  const days = legs.flatMap((l) => (l.daysToExpiry === null ? [] : [l.daysToExpiry]));
  return {
    label: s.label,
    underlying: s.underlying,
    openedBy: s.openedBy,
    legs,
    unrealizedPnl: pnl.some((p) => p === null) ? null : pnl.reduce<number>((a, b) => a + b!, 0),
    greeks: sumGreeks(legs.map((l) => l.greeks)),
    daysToExpiry: days.length === 0 ? null : Math.min(...days),
  };
}

/** Net Greeks per underlying of the positions, each against the gate's per-underlying limits. */
export function greeksByUnderlying(
  positions: readonly PositionView[],
  limits: Pick<RiskLimits, 'maxNetDelta' | 'maxNetGamma' | 'maxNetVega' | 'maxNetTheta'>,
): UnderlyingGreeks[] {
  const bound: Greeks4 = {
    delta: limits.maxNetDelta,
    gamma: limits.maxNetGamma,
    vega: limits.maxNetVega,
    theta: limits.maxNetTheta,
  };
  return [...new Set(positions.map((p) => p.contract.symbol))].sort().map((symbol) => {
    const mine = positions.filter((p) => p.contract.symbol === symbol);
    const greeks = sumGreeks(mine.map((p) => p.greeks));
    const missing = greeks ? null : (mine.find((p) => !p.greeks)?.problem ?? 'Greeks unavailable');
    const over = greeks ? GREEK_KEYS.filter((k) => Math.abs(greeks[k]) > bound[k]) : [];
    return { symbol, greeks, missing, over };
  });
}
