/** Circuit breaker states: all trading, only risk-reducing orders, nothing. */
export type BreakerState = 'ACTIVE' | 'REDUCING' | 'HALTED';
export const BREAKER_STATES: readonly BreakerState[] = ['ACTIVE', 'REDUCING', 'HALTED'];

/** Who moved the breaker. Only a `person` may move it back to ACTIVE. */
export type BreakerActor = 'person' | 'gate' | 'watchdog' | 'loss_limit' | 'runtime';

export interface BreakerChange {
  readonly state: BreakerState;
  readonly previous: BreakerState;
  readonly actor: BreakerActor;
  readonly reason: string;
  readonly time: number;
}

/** How restrictive a state is: a machine may only move the breaker to an equal or stricter state. */
export function breakerSeverity(state: BreakerState): number {
  return BREAKER_STATES.indexOf(state);
}

export function isBreakerState(value: unknown): value is BreakerState {
  return typeof value === 'string' && (BREAKER_STATES as readonly string[]).includes(value);
}
