import type { BreakerActor, BreakerChange, BreakerState } from '../../domain/index.js';
import type { BreakerStatus, Journal } from '../../journal/index.js';

export interface BreakerTrip {
  /** REDUCING or HALTED. Returning to ACTIVE is `resumeTrading`, a person's act. */
  readonly state: Exclude<BreakerState, 'ACTIVE'>;
  readonly reason: string;
  readonly actor: BreakerActor;
  readonly time: number;
}

/**
 * `trigger_circuit_breaker`: move the breaker to REDUCING or HALTED and journal a BREAKER_TRIPPED
 * event, in one transaction. Machines (gate, loss limits, watchdog, runtime) can only tighten it:
 * a trip to a state no stricter than the current one records nothing and returns null. It lives in
 * the journal, so it survives restarts.
 */
export function triggerCircuitBreaker(journal: Journal, trip: BreakerTrip): BreakerChange | null {
  if ((trip.state as BreakerState) === 'ACTIVE') {
    throw new TypeError('triggerCircuitBreaker cannot set ACTIVE; a person resumes with resumeTrading');
  }
  return journal.transaction(() => {
    const change = journal.setBreaker({
      state: trip.state,
      actor: trip.actor,
      reason: trip.reason,
      time: trip.time,
    });
    if (change) {
      journal.logSafetyEvent({
        time: trip.time,
        severity: 'critical',
        code: 'BREAKER_TRIPPED',
        message: `breaker ${change.previous} -> ${change.state} by ${trip.actor}: ${trip.reason}`,
        details: { previous: change.previous, state: change.state, actor: trip.actor },
      });
    }
    return change;
  });
}

/** A person returns the breaker to ACTIVE (`swarmdesk resume`), journaled as BREAKER_RESET. */
export function resumeTrading(
  journal: Journal,
  resume: { readonly reason: string; readonly time: number },
): BreakerChange | null {
  return journal.transaction(() => {
    const change = journal.setBreaker({
      state: 'ACTIVE',
      actor: 'person',
      reason: resume.reason,
      time: resume.time,
    });
    if (change) {
      journal.logSafetyEvent({
        time: resume.time,
        severity: 'warning',
        code: 'BREAKER_RESET',
        message: `breaker ${change.previous} -> ACTIVE by a person: ${resume.reason}`,
        details: { previous: change.previous },
      });
    }
    return change;
  });
}

/** The breaker as the journal holds it now (ACTIVE when it was never moved). */
export function currentBreakerState(journal: Journal): BreakerStatus {
  return journal.breakerStatus();
}
