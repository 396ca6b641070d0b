import type { BreakerChange, BreakerState } from '../../domain/index.js';
import type { BreakerStatus, Journal } from '../../journal/index.js';
import { triggerCircuitBreaker } from './trigger-circuit-breaker.js';

export interface HaltResult {
  /** The change recorded; null when the breaker was already that strict or stricter (nothing changed). */
  readonly change: BreakerChange | null;
  /** The breaker after the call. */
  readonly status: BreakerStatus;
}

/**
 * A person stops trading (`swarmdesk halt`): HALTED, or REDUCING. Like every move but a resume, it
 * only tightens — a halt to REDUCING while HALTED records nothing and reports the stricter state
 * kept. A change is journaled with its BREAKER_TRIPPED event in one transaction.
 */
export function haltTrading(
  journal: Journal,
  halt: { readonly state: Exclude<BreakerState, 'ACTIVE'>; readonly reason: string; readonly time: number },
): HaltResult {
  return journal.transaction(() => {
    const change = triggerCircuitBreaker(journal, { ...halt, actor: 'person' });
    return { change, status: journal.breakerStatus() };
  });
}
