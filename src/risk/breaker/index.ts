export {
  triggerCircuitBreaker,
  resumeTrading,
  currentBreakerState,
  type BreakerTrip,
} from './trigger-circuit-breaker.js';
