import {
  clientOrderId,
  sameContract,
  sideSign,
  type Leg,
  type OptionContract,
  type OrderIntent,
  type Position,
} from '../../domain/index.js';

/** A closing order before it is priced: the legs and units that take positions to zero. */
export interface ClosingPlan {
  readonly legs: readonly Leg[];
  readonly quantity: number;
  /** Orders that buy back shorts go first: closing a long leg first would leave a naked short. */
  readonly buysBackShort: boolean;
}

function groupKey(c: OptionContract): string {
  return `${c.symbol}|${c.expiry}|${c.right}|${c.multiplier}`;
}

/**
 * Closing orders for a book: verticals (a short and a long of the same underlying, expiry and
 * right) are closed as one combo so no naked leg is ever left; everything else leg by leg.
 * Pure: the same positions always give the same plan.
 */
export function planClosingOrders(positions: readonly Position[]): ClosingPlan[] {
  const plans: ClosingPlan[] = [];
  const groups = new Map<string, { contract: OptionContract; quantity: number }[]>();
  for (const p of positions) {
    if (p.quantity === 0) continue;
    if (p.contract.kind === 'option') {
      const key = groupKey(p.contract);
      const list = groups.get(key) ?? [];
      list.push({ contract: p.contract, quantity: p.quantity });
      groups.set(key, list);
    } else {
      plans.push({
        legs: [{ contract: p.contract, side: p.quantity > 0 ? 'sell' : 'buy', ratio: 1 }],
        quantity: Math.abs(p.quantity),
        buysBackShort: p.quantity < 0,
      });
    }
  }
  for (const list of groups.values()) {
    list.sort((a, b) => a.contract.strike - b.contract.strike);
    const shorts = list.filter((x) => x.quantity < 0);
    const longs = list.filter((x) => x.quantity > 0);
    for (const s of shorts) {
      for (const l of longs) {
        const n = Math.min(-s.quantity, l.quantity);
        if (n <= 0) continue;
        plans.push({
          legs: [
            { contract: s.contract, side: 'buy', ratio: 1 },
            { contract: l.contract, side: 'sell', ratio: 1 },
          ],
          quantity: n,
          buysBackShort: true,
        });
        s.quantity += n;
        l.quantity -= n;
      }
    }
    for (const x of list) {
      if (x.quantity === 0) continue;
      plans.push({
        legs: [{ contract: x.contract, side: x.quantity > 0 ? 'sell' : 'buy', ratio: 1 }],
        quantity: Math.abs(x.quantity),
        buysBackShort: x.quantity < 0,
      });
    }
  }
  return plans.sort((a, b) => Number(b.buysBackShort) - Number(a.buysBackShort));
}

/** True when every leg of `intent` takes an existing position toward zero without crossing it. */
export function onlyReducesExposure(
  intent: Pick<OrderIntent, 'legs' | 'quantity'>,
  positions: readonly Position[],
): boolean {
  return intent.legs.every((leg) => {
    const held = positions.find((p) => p.quantity !== 0 && sameContract(p.contract, leg.contract));
    if (!held) return false;
    const change = sideSign(leg.side) * leg.ratio * intent.quantity;
    return Math.sign(change) === -Math.sign(held.quantity) && Math.abs(change) <= Math.abs(held.quantity);
  });
}

/**
 * A closing order's client id: unique per flatten run, attempt and plan; `prefix` says whose
 * (`wd` the watchdog's, `fl` a person's `swarmdesk flatten`).
 */
export function closingOrderId(
  runTime: number,
  attempt: number,
  index: number,
  prefix: 'wd' | 'fl' = 'wd',
): ReturnType<typeof clientOrderId> {
  return clientOrderId(`${prefix}-${runTime.toString(36)}-${attempt}-${index}`);
}
