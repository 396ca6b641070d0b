import type { OrderIntent } from '../domain/index.js';

/** The gate's verdict as the runtime records it. */
export type GateOutcome =
  | {
      readonly accepted: true;
      readonly clientOrderId: string;
      readonly brokerOrderId: string | null;
      readonly status: string;
    }
  | {
      readonly accepted: false;
      readonly clientOrderId: string;
      readonly codes: readonly string[];
      readonly messages: readonly string[];
    };

/** The only road from an intent to a broker: the execution gate, for real or as a dry run. */
export interface OrderGate {
  submit(intent: OrderIntent, cycle: { id: string; ordersSoFar: number }): Promise<GateOutcome>;
  dryRun(intent: OrderIntent, cycle: { id: string; ordersSoFar: number }): Promise<GateOutcome>;
}
