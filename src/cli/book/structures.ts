/**
 * Positions grouped into the structures a person traded: the legs of one spread together. Each
 * multi-leg order that filled (newest first) claims as many units of its structure as the book
 * still holds, leg by leg the same way round; what no order claims is grouped by underlying and
 * expiry (stock by underlying). Pure.
 */
import {
  contractKey,
  sideSign,
  type ClientOrderId,
  type Contract,
  type Leg,
  type Position,
} from '../../domain/index.js';

/** A slice of a position that belongs to one structure. */
export interface StructureLeg {
  readonly position: Position;
  /** Signed contracts (or shares) of the position in this structure. */
  readonly quantity: number;
}

export interface Structure {
  /** `NVDA 2026-04-17`, `NVDA stock`, or the opening order's legs. */
  readonly label: string;
  readonly underlying: string;
  /** The order whose fills opened it, when one explains it. */
  readonly openedBy: ClientOrderId | null;
  readonly legs: readonly StructureLeg[];
}

/** A filled multi-leg order as grouping needs it. */
export interface OpeningFill {
  readonly clientOrderId: ClientOrderId;
  readonly legs: readonly Leg[];
  /** Units of the structure filled. */
  readonly filledQuantity: number;
}

function expiryOf(c: Contract): string {
  return c.kind === 'option' ? c.expiry : 'stock';
}

/** Group `positions`; `fills` newest first (a book is likelier to still hold what it opened last). */
export function groupStructures(positions: readonly Position[], fills: readonly OpeningFill[]): Structure[] {
  const left = new Map<string, { position: Position; quantity: number }>();
  for (const p of positions)
    if (p.quantity !== 0) left.set(contractKey(p.contract), { position: p, quantity: p.quantity });
  const out: Structure[] = [];
  for (const fill of fills) {
    if (fill.legs.length < 2) continue;
    let units = fill.filledQuantity;
    for (const leg of fill.legs) {
      const held = left.get(contractKey(leg.contract));
      const way = sideSign(leg.side);
      if (!held || Math.sign(held.quantity) !== way) units = 0;
      else units = Math.min(units, Math.floor(Math.abs(held.quantity) / leg.ratio));
    }
    if (units <= 0) continue;
    const legs = fill.legs.map((leg) => {
      const held = left.get(contractKey(leg.contract))!;
      const quantity = sideSign(leg.side) * leg.ratio * units;
      held.quantity -= quantity;
      return { position: held.position, quantity };
    });
    out.push({
      label: fill.legs
        .map((l) => `${l.side === 'buy' ? '+' : '-'}${l.ratio * units} ${contractKey(l.contract)}`)
        .join(' / '),
      underlying: fill.legs[0]!.contract.symbol,
      openedBy: fill.clientOrderId,
      legs,
    });
  }
  const rest = new Map<string, StructureLeg[]>();
  for (const { position, quantity } of left.values()) {
    if (quantity === 0) continue;
    const key = `${position.contract.symbol} ${expiryOf(position.contract)}`;
    rest.set(key, [...(rest.get(key) ?? []), { position, quantity }]);
  }
  for (const [label, legs] of rest)
    out.push({ label, underlying: legs[0]!.position.contract.symbol, openedBy: null, legs });
  const firstExpiry = (s: Structure): string =>
    s.legs.map((l) => expiryOf(l.position.contract)).sort()[0] ?? '';
  return out.sort(
    (a, b) => a.underlying.localeCompare(b.underlying) || firstExpiry(a).localeCompare(firstExpiry(b)),
  );
}
