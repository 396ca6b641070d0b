/**
 * The watchdog's road through the book's gate: a closing order during an incident. It takes the
 * gate lease at once, whoever holds it (a frozen loop must not hold a flatten back; that loop's own
 * journal write is fenced on the lease it lost), checks against fresh positions and working orders
 * that the order only reduces exposure — so it is allowed under any breaker state — journals it
 * `pending_submit`, gives the lease back, and sends it on the same send-and-record path as every
 * gated order. It skips the gate's other checks on purpose: when the book must be flattened, a
 * stale quote or a collar must not keep a position open.
 */
import { type Clock, type Order, type OrderIntent } from '../domain/index.js';
import { reducesExposure } from './analysis/exposure.js';
import { DEFAULT_BOOK_LOCK, ioClock, withBookLock } from './book-lock.js';
import { inFlight, pendingInJournal } from './gather-context.js';
import type { GateDeps } from './gate-deps.js';
import { journalDecision } from './gate-journal.js';
import type { Rejection } from './rejection.js';
import { sendAndRecord, type SendOutcome } from './send-order.js';

export interface ReducingOrderDeps extends Pick<GateDeps, 'broker' | 'journal' | 'clock'> {
  /** I/O time for the lease (default: real time). */
  readonly ioClock?: Clock;
  /** Who sends it, for the journal and other gates' refusals (default: "the watchdog flatten"). */
  readonly purpose?: string;
}

/** Send `intent` only if it reduces exposure against the book as it is now. Never throws. */
export async function placeReducingOrder(intent: OrderIntent, deps: ReducingOrderDeps): Promise<SendOutcome> {
  const { journal, broker, clock } = deps;
  const at = { time: clock.now(), clientOrderId: intent.clientOrderId, cycleId: intent.cycleId };
  const refuse = (rejection: Rejection, outcomeUnknown = false): SendOutcome => {
    journalDecision(journal, [rejection], { ...at, time: clock.now() });
    return { sent: false, rejection, outcomeUnknown };
  };
  try {
    const lock = {
      ...DEFAULT_BOOK_LOCK,
      purpose: deps.purpose ?? 'the watchdog flatten',
      preempt: true,
      clock: deps.ioClock ?? ioClock,
    };
    const judged = await withBookLock(journal, lock, async (held): Promise<Rejection | null> => {
      // Journal first, then working orders, then positions: see gather-context.ts for why.
      const pending = pendingInJournal(deps);
      const open = await broker.openOrders();
      const positions = await broker.positions();
      const working: Order[] = [...open, ...inFlight(pending, open)];
      const verdict = reducesExposure(intent, positions, working);
      if (!verdict.reduces)
        return {
          code: 'BREAKER_REDUCING_ONLY',
          message: `not sent: it would not only reduce exposure (${verdict.why})`,
        };
      let lost = false;
      journal.transaction(() => {
        if (!held.stillHeld()) {
          lost = true;
          return;
        }
        journal.recordOrderIntent(intent, clock.now());
      });
      return lost
        ? {
            code: 'GATE_LEASE_LOST',
            message: "not sent: the book's gate lease was taken while this order was checked",
          }
        : null;
    });
    // Preempting, the lock is always had; the type says it could be refused.
    if (!judged.ok) return refuse({ code: 'GATE_BUSY', message: 'not sent: the book gate could not be had' });
    if (judged.value) return refuse(judged.value);
    return await sendAndRecord(intent, deps, at);
  } catch (error) {
    return refuse({
      code: 'GATE_INTERNAL_ERROR',
      message: `the closing order failed before it was sent: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
