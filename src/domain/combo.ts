import { contractKey, multiplierOf, sideSign, type Contract, type Side } from './contract.js';

/** One leg of an order: what, which way, and how many per unit of the order. */
export interface Leg {
  readonly contract: Contract;
  readonly side: Side;
  /** Contracts of this leg per unit of the order (1 for a vertical, 2 for the wings of a 1x2). */
  readonly ratio: number;
}

/** Signed contracts of each leg for `quantity` units: +buy, -sell. */
export function legQuantities(
  legs: readonly Leg[],
  quantity: number,
): { contract: Contract; quantity: number }[] {
  return legs.map((leg) => ({ contract: leg.contract, quantity: sideSign(leg.side) * leg.ratio * quantity }));
}

/** A canonical description of a structure, independent of leg order: used for dedupe and duplicates. */
export function structureKey(legs: readonly Leg[]): string {
  return legs
    .map((leg) => `${leg.side === 'buy' ? '+' : '-'}${leg.ratio}x${contractKey(leg.contract)}`)
    .sort()
    .join(' / ');
}

export function isMultiLeg(legs: readonly Leg[]): boolean {
  return legs.length > 1;
}

/** Total contracts across legs for `quantity` units (what commissions and size limits count). */
export function totalContracts(legs: readonly Leg[], quantity: number): number {
  return legs.reduce((sum, leg) => sum + leg.ratio * quantity, 0);
}

/** The common multiplier of the legs, or null when they differ (a mixed stock/option combo). */
export function commonMultiplier(legs: readonly Leg[]): number | null {
  const first = legs[0];
  if (!first) return null;
  const m = multiplierOf(first.contract);
  return legs.every((leg) => multiplierOf(leg.contract) === m) ? m : null;
}
