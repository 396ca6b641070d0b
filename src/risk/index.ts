/**
 * The execution gate: every order through hard, fail-closed pre-trade checks; the circuit breaker;
 * the manual-order parser for `swarmdesk order`.
 */
export { placeOrderWithGuard, type PlaceOrderOptions } from './place-order-with-guard.js';
export { createOrderGate, type OrderGate } from './create-gate.js';
export {
  replayGate,
  recordContext,
  restoreContext,
  type GateReplay,
  type CheckDifference,
} from './replay-gate.js';
export { placeReducingOrder, type ReducingOrderDeps } from './place-reducing-order.js';
export { isOpeningOrder } from './opening-orders.js';
export type { SendOutcome } from './send-order.js';
export {
  withBookLock,
  describeLease,
  holderGone,
  ioClock,
  GATE_LEASE,
  DEFAULT_BOOK_LOCK,
  type BookLockOptions,
  type HeldLock,
  type LockOutcome,
} from './book-lock.js';
export {
  evaluateGate,
  gateMetrics,
  type GateEvaluation,
  type GateMetrics,
  type TrailEntry,
} from './evaluate-gate.js';
export { gatherGateContext, type FetchErrors } from './gather-context.js';
export type { GateResult, GateAccepted, GateRejected } from './gate-result.js';
export { gateResultJson, formatGateResult } from './gate-result.js';
export type { GateDeps, BrokerConnection, CycleInfo } from './gate-deps.js';
export { portKind } from './gate-deps.js';
export type {
  GateContext,
  MarketSlice,
  ModeState,
  OrderHistory,
  RecentOrder,
  PnlState,
} from './gate-context.js';
export type { RiskLimits } from './limits.js';
export type { Rejection } from './rejection.js';
export {
  GATE_CHECKS,
  collarAllowance,
  tickOf,
  crossedLossLimits,
  type GateCheck,
  type CheckFn,
  type LossLimitCode,
} from './checks/index.js';
export { maxLossOf, uncoveredShortPuts, type Book, type Holding, type MaxLoss } from './analysis/payoff.js';
export type { NetGreeks } from './analysis/greeks.js';
export { capitalAtRisk, underlyingCapitalAtRisk, type CapitalAtRisk } from './analysis/capital-at-risk.js';
export {
  triggerCircuitBreaker,
  resumeTrading,
  currentBreakerState,
  haltTrading,
  type BreakerTrip,
  type HaltResult,
} from './breaker/index.js';
export { readPnlState, lastResumeTime } from './pnl/pnl-state.js';
export { closedResults, consecutiveLosses, type TradeRow, type ClosedResult } from './pnl/closed-trades.js';
export {
  parseManualOrder,
  type ManualOrderInput,
  type ManualOrderIssue,
  type ManualOrderResult,
} from './manual-order/parse-manual-order.js';
