/**
 * Sending an accepted order: the intent and its check trail go into the journal first
 * (`pending_submit`, the last step under the book's gate lease), then to the broker (the lease
 * given back: a broker call must not hold the book), then the broker's answer into the journal.
 */
import { BrokerError } from '../broker/index.js';
import { brokerOrderId, type Order, type OrderIntent, type SafetyCode } from '../domain/index.js';
import { JournalError, type Journal } from '../journal/index.js';
import type { GateEvaluation } from './evaluate-gate.js';
import type { FetchErrors } from './gather-context.js';
import type { GateDeps } from './gate-deps.js';
import { journalDecision, journalFailure, type DecisionStamp } from './gate-journal.js';
import { rejectedResult, type GateResult } from './gate-result.js';
import type { Rejection } from './rejection.js';

/** Broker refusals that are final: the order is certainly not working. */
const DEFINITE_BROKER_REFUSALS = new Set([
  'NOT_CONNECTED',
  'REJECTED',
  'UNKNOWN_CONTRACT',
  'OFF_TICK',
  'INSUFFICIENT_BUYING_POWER',
  'INVALID_ORDER',
  'CLIENT_ID_IN_USE',
  'ACCOUNT_MISMATCH',
]);

/** An accepted order, journaled `pending_submit`, ready to go to the broker. */
export interface JournaledOrder {
  readonly intent: OrderIntent;
  readonly evaluation: GateEvaluation;
  readonly now: number;
  readonly errors: FetchErrors;
}

class LeaseLost extends Error {}

/**
 * Write the accepted intent with its check trail (`pending_submit`), fenced on still holding the
 * book's gate lease: a holder that froze past its lease writes nothing, so it can never send.
 * Returns the rejection instead when the write is refused.
 */
export function journalAccepted(
  order: JournaledOrder,
  deps: GateDeps,
  stillHeld: () => boolean,
): GateResult | null {
  const { intent, evaluation, now, errors } = order;
  const { journal } = deps;
  const at = { time: now, clientOrderId: intent.clientOrderId, cycleId: intent.cycleId };
  const parts = { dryRun: false, trail: evaluation.trail, metrics: evaluation.metrics, fetchErrors: errors };
  try {
    journal.transaction(() => {
      if (!stillHeld()) throw new LeaseLost();
      journal.recordOrderIntent(intent, now, { trail: evaluation.trail, metrics: evaluation.metrics });
    });
    return null;
  } catch (error) {
    const rejection: Rejection =
      error instanceof LeaseLost
        ? {
            code: 'GATE_LEASE_LOST',
            message:
              "the book's gate lease expired or was taken while this order was judged (the process stalled); it is neither journaled nor sent — judge it again",
          }
        : error instanceof JournalError && error.reason === 'DUPLICATE'
          ? { code: 'DUPLICATE_CLIENT_ORDER_ID', message: error.message }
          : journalFailure(
              `the order could not be journaled before sending (${error instanceof Error ? error.message : String(error)})`,
            );
    journalDecision(journal, [rejection], at);
    return rejectedResult(intent.clientOrderId, [rejection], parts);
  }
}

/** Send a journaled order, record what the broker said. Refusals and failures come back as rejected results, never thrown. */
export async function sendJournaled(journaled: JournaledOrder, deps: GateDeps): Promise<GateResult> {
  const { intent, evaluation, now, errors } = journaled;
  const parts = { dryRun: false, trail: evaluation.trail, metrics: evaluation.metrics, fetchErrors: errors };
  const sent = await sendAndRecord(intent, deps, {
    time: now,
    clientOrderId: intent.clientOrderId,
    cycleId: intent.cycleId,
  });
  if (!sent.sent)
    return rejectedResult(intent.clientOrderId, [sent.rejection], {
      ...parts,
      outcomeUnknown: sent.outcomeUnknown,
    });
  return {
    accepted: true,
    dryRun: false,
    clientOrderId: intent.clientOrderId,
    brokerOrderId: brokerOrderId(sent.order.brokerOrderId),
    order: sent.order,
    trail: evaluation.trail,
    metrics: evaluation.metrics,
  };
}

export type SendOutcome =
  | { readonly sent: true; readonly order: Order }
  | { readonly sent: false; readonly rejection: Rejection; readonly outcomeUnknown: boolean };

/**
 * The one send-and-record path of every order that leaves for the broker (the gate's and the
 * watchdog's): the intent is already journaled `pending_submit`. A definite broker refusal marks it
 * rejected; a timeout or unexpected failure leaves it `pending_submit` with the outcome unknown
 * (the broker may have it) for reconciliation — never guessed. Never throws.
 */
export async function sendAndRecord(
  intent: OrderIntent,
  deps: Pick<GateDeps, 'journal' | 'broker' | 'clock'>,
  at: DecisionStamp,
): Promise<SendOutcome> {
  const { journal, broker, clock } = deps;
  let order: Order;
  try {
    order = await broker.placeOrder(intent);
  } catch (error) {
    const time = clock.now();
    if (error instanceof BrokerError && DEFINITE_BROKER_REFUSALS.has(error.reason)) {
      const code: SafetyCode = error.reason === 'NOT_CONNECTED' ? 'BROKER_DISCONNECTED' : 'BROKER_REJECTED';
      const rejection: Rejection = {
        code,
        message: `the broker refused the order: ${error.message}`,
        details: { reason: error.reason, brokerCode: error.brokerCode ?? null },
      };
      tryUpdate(journal, intent, { status: 'rejected', time, reason: error.message });
      journalDecision(journal, [rejection], { ...at, time });
      return { sent: false, rejection, outcomeUnknown: false };
    }
    const rejection: Rejection = {
      code: 'BROKER_ERROR',
      message: `sending the order failed and its outcome is unknown (${error instanceof Error ? error.message : String(error)}); it stays pending_submit until reconciliation resolves it`,
    };
    journalDecision(journal, [rejection], { ...at, time });
    return { sent: false, rejection, outcomeUnknown: true };
  }

  const time = clock.now();
  if (order.status === 'rejected') {
    const rejection: Rejection = {
      code: 'BROKER_REJECTED',
      message: `the broker rejected the order${order.reason ? `: ${order.reason}` : ''}`,
      details: { brokerOrderId: order.brokerOrderId },
    };
    tryUpdate(journal, intent, {
      status: 'rejected',
      time,
      brokerOrderId: order.brokerOrderId,
      reason: order.reason,
    });
    journalDecision(journal, [rejection], { ...at, time });
    return { sent: false, rejection, outcomeUnknown: false };
  }
  if (order.status !== 'pending_submit') {
    const ok = tryUpdate(journal, intent, {
      status: order.status,
      time,
      brokerOrderId: order.brokerOrderId,
      filledQuantity: order.filledQuantity,
    });
    if (!ok) {
      journalDecision(
        journal,
        [
          {
            code: 'RECONCILE_MISMATCH',
            message: `the broker reports ${order.status} for a just-sent order; the journal keeps pending_submit until reconciliation`,
          },
        ],
        { ...at, time },
      );
    }
  }
  return { sent: true, order };
}

function tryUpdate(
  journal: Journal,
  intent: OrderIntent,
  update: Parameters<Journal['updateOrderStatus']>[1],
): boolean {
  try {
    journal.updateOrderStatus(intent.clientOrderId, update);
    return true;
  } catch {
    return false;
  }
}
