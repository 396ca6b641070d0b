/** Where the adapter records safety events: the journal, when the factory is given one. */
import type { ClientOrderId, SafetyCode, SafetyEvent, Severity } from '../../domain/index.js';

/** The part of the journal the adapter uses (`Journal.logSafetyEvent`). */
export interface SafetyLog {
  logSafetyEvent(event: SafetyEvent): unknown;
}

export type RecordEvent = (
  severity: Severity,
  code: SafetyCode,
  message: string,
  extra?: { clientOrderId?: ClientOrderId; details?: Record<string, unknown> },
) => void;

/** A recorder that stamps events with `now()`; a journal that fails is reported, not allowed to break trading. */
export function eventRecorder(journal: SafetyLog | undefined, now: () => number): RecordEvent {
  return (severity, code, message, extra = {}) => {
    if (!journal) return;
    try {
      journal.logSafetyEvent({
        time: now(),
        severity,
        code,
        message,
        ...(extra.clientOrderId === undefined ? {} : { clientOrderId: extra.clientOrderId }),
        ...(extra.details === undefined ? {} : { details: extra.details }),
      });
    } catch (error) {
      process.emitWarning(`ibkr: could not journal ${code}: ${(error as Error).message}`);
    }
  };
}
