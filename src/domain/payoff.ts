import type { Leg } from './combo.js';
import { sideSign } from './contract.js';

/** Value at expiry of one unit of a structure, dollars per share, before the premium paid or received. */
export function payoffAtExpiry(legs: readonly Leg[], spot: number): number {
  let value = 0;
  for (const leg of legs) {
    const c = leg.contract;
    const intrinsic =
      c.kind === 'stock'
        ? spot
        : c.right === 'call'
          ? Math.max(0, spot - c.strike)
          : Math.max(0, c.strike - spot);
    value += sideSign(leg.side) * leg.ratio * intrinsic;
  }
  return value;
}

/** Slope of the payoff as spot → ∞ (per share of spot): calls and stock contribute, puts do not. */
function slopeAtInfinity(legs: readonly Leg[]): number {
  return legs.reduce(
    (s, l) =>
      s + (l.contract.kind === 'stock' || l.contract.right === 'call' ? sideSign(l.side) * l.ratio : 0),
    0,
  );
}

export interface StructureProfile {
  /** Worst P&L at expiry per unit, dollars per share, as a positive number; Infinity when unbounded. */
  readonly maxLoss: number;
  /** Best P&L at expiry per unit, dollars per share; Infinity when unbounded. */
  readonly maxProfit: number;
  /** Spots where the P&L at expiry crosses zero, ascending. */
  readonly breakevens: readonly number[];
  /** Spot intervals [low, high) where the P&L at expiry is positive (high may be Infinity). */
  readonly profitIntervals: readonly (readonly [number, number])[];
}

/**
 * P&L profile at expiry of one unit held to expiry, from the legs alone. `signedNetPrice` is the net
 * per unit: + paid (debit), − received (credit). Exact for piecewise-linear payoffs: it looks at
 * every strike (the kinks), at zero, and at the slope beyond the highest strike.
 */
export function structureProfile(legs: readonly Leg[], signedNetPrice: number): StructureProfile {
  const strikes = [
    ...new Set(legs.flatMap((l) => (l.contract.kind === 'option' ? [l.contract.strike] : []))),
  ].sort((a, b) => a - b);
  const kinks = [0, ...strikes.filter((k) => k > 0)];
  const pnl = (s: number): number => payoffAtExpiry(legs, s) - signedNetPrice;
  const values = kinks.map(pnl);
  const slope = slopeAtInfinity(legs);
  const minKink = Math.min(...values);
  const maxKink = Math.max(...values);
  const maxLoss = slope < 0 ? Infinity : Math.max(0, -minKink);
  const maxProfit = slope > 0 ? Infinity : Math.max(0, maxKink);

  const breakevens: number[] = [];
  for (let i = 0; i + 1 < kinks.length; i++) {
    const [a, b, va, vb] = [kinks[i]!, kinks[i + 1]!, values[i]!, values[i + 1]!];
    if (va === 0) breakevens.push(a);
    else if (va * vb < 0) breakevens.push(a + ((b - a) * -va) / (vb - va));
  }
  const last = kinks[kinks.length - 1]!;
  const vLast = values[values.length - 1]!;
  if (vLast === 0 && kinks.length > 1) breakevens.push(last);
  else if (slope !== 0 && vLast * slope < 0) breakevens.push(last - vLast / slope);

  const points = [0, ...breakevens.filter((b) => b > 0), Infinity];
  const profitIntervals: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const lo = points[i]!;
    const hi = points[i + 1]!;
    const probe = hi === Infinity ? lo + Math.max(1, lo) : (lo + hi) / 2;
    if (pnl(probe) > 0) profitIntervals.push([lo, hi]);
  }
  return { maxLoss, maxProfit, breakevens, profitIntervals };
}
