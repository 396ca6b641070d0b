export {
  sendHeartbeat,
  readHeartbeat,
  checkHeartbeat,
  processAlive,
  HEARTBEAT_FILE,
  type Heartbeat,
  type HeartbeatVerdict,
} from './heartbeat.js';
export { tradingCycle, type CycleDeps, type CycleReport, type CyclePhase } from './trading-cycle.js';
export { runLoop, type LoopOptions, type LoopResult, type LoopDeps } from './run-loop.js';
export { claimLoop, LoopAlreadyRunningError, LOOP_LEASE, type LoopLease } from './loop-lease.js';
export {
  judgeLoop,
  readLeases,
  type LoopState,
  type LoopView,
  type LeaseView,
  type WatchdogView,
} from './loop-state.js';
export { reconcileWithBroker, type ReconcileReport } from './reconcile.js';
export { WatchdogSupervisor, WATCHDOG_LOG_FILE, type WatchdogCommand } from './watchdog-supervisor.js';
export {
  claimWatchdog,
  activeWatchdog,
  WatchdogAlreadyRunningError,
  WATCHDOG_LEASE,
  type WatchdogLease,
} from './watchdog-lease.js';
export {
  monitorLoop,
  type WatchdogDeps,
  type WatchdogSettings,
  type WatchdogHandle,
  type WatchdogCheck,
} from './watchdog/monitor-loop.js';
export {
  panicCloseAllPositions,
  type PanicCloseOptions,
  type PanicCloseReport,
} from './watchdog/panic-close.js';
export { planClosingOrders, onlyReducesExposure } from './watchdog/closing-orders.js';
export {
  priceClosingPlan,
  positionsInScope,
  ordersInScope,
  describeClosingLegs,
  type PricedClosingOrder,
} from './watchdog/flatten-plan.js';
export { openServices, ivStatsFromQuant, type Services, type OpenServicesOptions } from './services.js';
export {
  createMarketData,
  createBroker,
  simStart,
  existingSimStart,
  SIM_START_FILE,
  type SimStart,
  createSimMarketWith,
  createSteppedPaperBroker,
  openMarketAndBroker,
  FactoryError,
} from './factory.js';
export { openReadOnlyBook, type ReadOnlyBook } from './factory-readers.js';
export { createCommander, commanderSelection, LlmSetupError } from './commander-factory.js';
export { journalBrokerEvents } from './journal-broker-events.js';
export { connectJournaled } from './journaled-connect.js';
export { runDemo, type DemoOptions, type DemoSummary } from './demo.js';
export { runWatchdog, type WatchdogProcessOptions } from './watchdog/watchdog-process.js';
export { describeCycle } from './describe-cycle.js';
export { replayDecision, type ReplayResult } from './replay.js';
export { cancelWorking } from './watchdog/cancel-working.js';
