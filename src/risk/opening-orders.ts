/**
 * Opening orders: working orders that could add to the book's exposure. `swarmdesk halt` cancels
 * them (closing orders may stay: they only take positions toward zero).
 */
import type { Order, Position } from '../domain/index.js';
import { reducesExposure } from './analysis/exposure.js';

/**
 * True when some leg of what is left of `order` does not reduce a position held now — it opens,
 * adds to or would flip one (the REDUCING breaker's test, `reducesExposure`, on the order alone).
 */
export function isOpeningOrder(order: Order, positions: readonly Position[]): boolean {
  const left = Math.max(0, order.intent.quantity - order.filledQuantity);
  if (left <= 0) return false;
  return !reducesExposure({ ...order.intent, quantity: left }, positions, []).reduces;
}
