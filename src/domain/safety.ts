import type { ClientOrderId } from './ids.js';

export type Severity = 'info' | 'warning' | 'critical';

/**
 * Stable, machine-readable codes for safety events. Add codes; never rename one
 * (journals, dashboards and alerts key on them).
 */
export const SAFETY_CODES = [
  // circuit breaker and trading state
  'BREAKER_TRIPPED',
  'BREAKER_RESET',
  'BREAKER_HALTED',
  'BREAKER_REDUCING_ONLY',
  // mode and environment
  'MODE_LIVE_NOT_ENABLED',
  'MODE_ACCOUNT_MISMATCH',
  // instrument
  'INSTRUMENT_NOT_ALLOWED',
  'INSTRUMENT_SECURITY_TYPE',
  'INSTRUMENT_EXPIRY_WINDOW',
  'INSTRUMENT_UNKNOWN_CONTRACT',
  // order type / tif
  'ORDER_TYPE_NOT_ALLOWED',
  'TIME_IN_FORCE_NOT_ALLOWED',
  'ORDER_MALFORMED',
  // price
  'PRICE_NOT_POSITIVE',
  'PRICE_OFF_TICK',
  'PRICE_BELOW_MINIMUM',
  'QUOTE_MISSING',
  'QUOTE_CROSSED',
  'QUOTE_STALE',
  'PRICE_OUTSIDE_COLLAR',
  // size
  'SIZE_CONTRACTS_PER_ORDER',
  'SIZE_PREMIUM_PER_ORDER',
  'SIZE_OPEN_ORDERS',
  'SIZE_POSITION_PER_CONTRACT',
  'SIZE_POSITION_PER_UNDERLYING',
  'SIZE_CONCENTRATION',
  // defined risk
  'RISK_NAKED_SHORT_CALL',
  'RISK_NAKED_SHORT_PUT',
  'RISK_MAX_LOSS_PER_TRADE',
  'RISK_MAX_LOSS_TOTAL',
  'RISK_UNDEFINED',
  // greeks
  'GREEKS_DELTA',
  'GREEKS_GAMMA',
  'GREEKS_VEGA',
  'GREEKS_THETA',
  // buying power
  'BUYING_POWER_INSUFFICIENT',
  'ACCOUNT_DATA_MISSING',
  // loss limits
  'LOSS_DAILY',
  'LOSS_DRAWDOWN',
  'LOSS_CONSECUTIVE',
  // throttles and duplicates
  'THROTTLE_PER_MINUTE',
  'THROTTLE_PER_CYCLE',
  'THROTTLE_WORKING_PER_CONTRACT',
  'DUPLICATE_CLIENT_ORDER_ID',
  'DUPLICATE_ORDER_WINDOW',
  // broker
  'BROKER_REJECTED',
  'BROKER_DISCONNECTED',
  'BROKER_ERROR',
  // runtime and watchdog
  'HEARTBEAT_STALE',
  'MAIN_PROCESS_GONE',
  'WATCHDOG_DIED',
  'WATCHDOG_RESTARTED',
  'PANIC_CLOSE_STARTED',
  'PANIC_CLOSE_ORDER',
  'PANIC_CLOSE_DONE',
  'PANIC_CLOSE_INCOMPLETE',
  'CANCEL_ALL',
  'RECONCILE_MISMATCH',
  'CYCLE_FAILED',
  'LLM_BUDGET_EXHAUSTED',
  'SIGNAL_REFUSED',
  // execution gate (added with the gate, issue 5)
  'ORDER_STRUCTURE_UNSUPPORTED',
  'QUOTE_HALTED',
  'GREEKS_UNAVAILABLE',
  'MODE_ACCOUNT_UNKNOWN',
  'GATE_INTERNAL_ERROR',
  'JOURNAL_WRITE_FAILED',
  // broker adapters (added with the IB adapter, issue 8)
  /** The IB adapter is connected again (after a drop or a 1100) and has reconciled. */
  'BROKER_RECONNECTED',
  // one gate and one loop per book, across processes (issue 12)
  /** Another gate on this book held it past the wait: the order is refused, never judged unserialised. */
  'GATE_BUSY',
  /** The gate's lease expired or was taken while judging (a frozen holder): nothing was journaled or sent. */
  'GATE_LEASE_LOST',
  /** A gate took over the lease of a holder that died or froze; working orders it journaled count as working. */
  'GATE_LEASE_RECOVERED',
  /** The main loop lost its lease on the book (it froze past the lease and another took over): it stops. */
  'LOOP_LEASE_LOST',
  // the watchdog outlives the loop (issue 13)
  /** `run`'s output went away (its terminal or pipe reader died) while it was trading: it exits, the watchdog acts. */
  'RUN_OUTPUT_CLOSED',
  /**
   * Reconciliation found something expected and explained it, with nothing to fix (severity
   * `info`): an order swarmdesk placed from another client id (the watchdog's, a manual command's)
   * or before a restart, taken into the broker adapter's book; never a reason to halt.
   */
  'RECONCILE_NOTE',
  // the operator in control of orders (issue 13)
  /** A person cancelled a working order (`swarmdesk cancel <id>`, or `halt` cancelling an opening order). */
  'CANCEL_ORDER',
] as const;

export type SafetyCode = (typeof SAFETY_CODES)[number];

export function isSafetyCode(value: unknown): value is SafetyCode {
  return typeof value === 'string' && (SAFETY_CODES as readonly string[]).includes(value);
}

export interface SafetyEvent {
  readonly time: number;
  readonly severity: Severity;
  readonly code: SafetyCode;
  readonly message: string;
  readonly clientOrderId?: ClientOrderId | null;
  readonly cycleId?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}
