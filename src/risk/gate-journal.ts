/** Writing the gate's decisions to the journal: safety events, one per code, with the breaker trip. */
import type { BreakerState, ClientOrderId, SafetyCode, Severity } from '../domain/index.js';
import type { Journal } from '../journal/index.js';
import { triggerCircuitBreaker } from './breaker/index.js';
import type { Rejection } from './rejection.js';

const CRITICAL: ReadonlySet<SafetyCode> = new Set([
  'BREAKER_HALTED',
  'MODE_LIVE_NOT_ENABLED',
  'MODE_ACCOUNT_MISMATCH',
  'MODE_ACCOUNT_UNKNOWN',
  'LOSS_DAILY',
  'LOSS_DRAWDOWN',
  'LOSS_CONSECUTIVE',
  'GATE_INTERNAL_ERROR',
  'JOURNAL_WRITE_FAILED',
  'BROKER_ERROR',
]);

/** How loud a gate rejection is: the mode, breaker, loss-limit and plumbing codes are critical. */
export function severityOf(code: SafetyCode): Severity {
  return CRITICAL.has(code) ? 'critical' : 'warning';
}

export interface DecisionStamp {
  readonly time: number;
  readonly clientOrderId: ClientOrderId | null;
  readonly cycleId: string | null;
  /** Merged into every event's details (e.g. what could not be fetched). */
  readonly extra?: Record<string, unknown>;
}

/** A loss-limit trip to journal with the decision. */
export interface LossLimitTrip {
  readonly state: Exclude<BreakerState, 'ACTIVE'>;
  readonly reason: string;
}

/**
 * Journal rejections as safety events (one per code) and, when given, the loss-limit breaker trip —
 * all in one transaction. Returns false when the journal refused (nothing of it landed).
 */
export function journalDecision(
  journal: Journal,
  rejections: readonly Rejection[],
  at: DecisionStamp,
  trip?: LossLimitTrip,
): boolean {
  try {
    journal.transaction(() => {
      if (trip) triggerCircuitBreaker(journal, { ...trip, actor: 'loss_limit', time: at.time });
      for (const r of rejections) {
        journal.logSafetyEvent({
          time: at.time,
          severity: severityOf(r.code),
          code: r.code,
          message: r.message,
          clientOrderId: at.clientOrderId,
          cycleId: at.cycleId,
          details: { ...r.details, ...at.extra },
        });
      }
    });
    return true;
  } catch {
    return false;
  }
}

/** The rejection added when the journal cannot record: nothing is sent without a record. */
export function journalFailure(what: string): Rejection {
  return { code: 'JOURNAL_WRITE_FAILED', message: `${what}; nothing is sent without a journal record` };
}
