import { brokerView, type BrokerView } from '../broker/index.js';
import type { GateDeps } from './gate-deps.js';
import type { GateResult } from './gate-result.js';
import { placeOrderWithGuard, type PlaceOrderOptions } from './place-order-with-guard.js';

/**
 * What the Commander and the runtime hold: a function that sends orders through the gate, and a
 * broker handle that cannot send orders at all (no `placeOrder` on the object at run time).
 */
export interface OrderGate {
  readonly placeOrderWithGuard: (intent: unknown, options?: PlaceOrderOptions) => Promise<GateResult>;
  readonly broker: BrokerView;
}

/** Close over the deps; the full `Broker` stays inside. */
export function createOrderGate(deps: GateDeps): OrderGate {
  return Object.freeze({
    placeOrderWithGuard: (intent: unknown, options?: PlaceOrderOptions) =>
      placeOrderWithGuard(intent, deps, options),
    broker: brokerView(deps.broker),
  });
}
