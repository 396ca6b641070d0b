/**
 * What a flatten would send, before it sends it: the positions in scope (the whole book, or one
 * underlying's), their closing orders (`planClosingOrders`: combos as combos, shorts first) and each
 * order's marketable limit for an attempt (`closingPrice`). Shared by the flatten itself and
 * `swarmdesk flatten --dry-run`, so the plan shown is the plan sent.
 */
import { contractKey, type Order, type Position } from '../../domain/index.js';
import type { MarketData } from '../../market/index.js';
import { planClosingOrders, type ClosingPlan } from './closing-orders.js';
import { closingPrice, type ClosingPrice } from './closing-price.js';

/** Non-zero positions a flatten closes: all of them, or only `underlying`'s. */
export function positionsInScope(positions: readonly Position[], underlying?: string): Position[] {
  return positions.filter(
    (p) => p.quantity !== 0 && (underlying === undefined || p.contract.symbol === underlying),
  );
}

/** Working orders a flatten cancels first: all of them, or those with a leg on `underlying`. */
export function ordersInScope(orders: readonly Order[], underlying?: string): Order[] {
  return orders.filter(
    (o) => underlying === undefined || o.intent.legs.some((l) => l.contract.symbol === underlying),
  );
}

/** A closing order with its limit for one attempt, or why it has none. */
export interface PricedClosingOrder extends ClosingPlan {
  readonly price: ClosingPrice | null;
  /** Why there is no price (no ask to buy back against, the market unreachable), else null. */
  readonly problem: string | null;
}

/** `side quantity contract` of each leg, joined: how events and the CLI name a closing order. */
export function describeClosingLegs(plan: ClosingPlan): string {
  return plan.legs.map((l) => `${l.side} ${l.ratio * plan.quantity} ${contractKey(l.contract)}`).join(' / ');
}

/** The closing orders for `positions`, each priced for `attempt` (0: at the touch). */
export async function priceClosingPlan(
  marketData: MarketData,
  positions: readonly Position[],
  attempt: number,
  collarStep: number,
): Promise<PricedClosingOrder[]> {
  const out: PricedClosingOrder[] = [];
  for (const plan of planClosingOrders(positions)) {
    try {
      const price = await closingPrice(marketData, plan.legs, attempt, collarStep);
      out.push({ ...plan, price, problem: price ? null : 'no ask to buy back against' });
    } catch (e) {
      out.push({ ...plan, price: null, problem: `cannot price: ${(e as Error).message}` });
    }
  }
  return out;
}
