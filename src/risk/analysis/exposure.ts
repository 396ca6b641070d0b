/**
 * "Reduces absolute exposure" (what a REDUCING breaker lets through): every leg closes part or all
 * of a position held in that very contract — the opposite side of a non-zero position — and the leg
 * plus every working order on the same contract and side together never exceed that position, so
 * no combination of fills can open or flip anything.
 */
import {
  contractKey,
  legQuantities,
  type Order,
  type OrderIntent,
  type Position,
} from '../../domain/index.js';
import { remainingUnits } from './book.js';

export type ExposureVerdict = { readonly reduces: true } | { readonly reduces: false; readonly why: string };

export function reducesExposure(
  intent: OrderIntent,
  positions: readonly Position[],
  openOrders: readonly Order[],
): ExposureVerdict {
  const held = new Map<string, number>();
  for (const p of positions)
    held.set(contractKey(p.contract), (held.get(contractKey(p.contract)) ?? 0) + p.quantity);
  const working = new Map<string, number>();
  for (const o of openOrders) {
    for (const l of legQuantities(o.intent.legs, remainingUnits(o))) {
      const key = contractKey(l.contract);
      if (l.quantity !== 0)
        working.set(
          `${key}|${Math.sign(l.quantity)}`,
          (working.get(`${key}|${Math.sign(l.quantity)}`) ?? 0) + l.quantity,
        );
    }
  }
  for (const l of legQuantities(intent.legs, intent.quantity)) {
    const key = contractKey(l.contract);
    const position = held.get(key) ?? 0;
    if (position === 0) return { reduces: false, why: `${key}: nothing held, so the leg opens a position` };
    if (Math.sign(position) === Math.sign(l.quantity)) {
      return {
        reduces: false,
        why: `${key}: the leg adds to a ${position > 0 ? 'long' : 'short'} position of ${Math.abs(position)}`,
      };
    }
    const sameWay = working.get(`${key}|${Math.sign(l.quantity)}`) ?? 0;
    const total = Math.abs(l.quantity) + Math.abs(sameWay);
    if (total > Math.abs(position)) {
      return {
        reduces: false,
        why: `${key}: the leg (${Math.abs(l.quantity)}) and working orders the same way (${Math.abs(sameWay)}) would close ${total} of a position of ${Math.abs(position)}`,
      };
    }
  }
  return { reduces: true };
}
