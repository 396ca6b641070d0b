export {
  triggerCircuitBreaker,
  resumeTrading,
  currentBreakerState,
  type BreakerTrip,
} from './trigger-circuit-breaker.js';
export { haltTrading, type HaltResult } from './halt-trading.js';
