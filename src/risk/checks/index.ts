/**
 * The gate's checks in their fixed order. Every check runs (none short-circuits another), so a
 * rejected order carries every code that applies.
 */
import type { OrderIntent, SafetyCode } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import type { Rejection } from '../rejection.js';
import { checkAccountData } from './account-data.js';
import { checkBreakerState } from './breaker-state.js';
import { checkBuyingPower } from './buying-power.js';
import { checkDuplicateClientOrderId } from './duplicate-client-order-id.js';
import { checkDuplicateOrderWindow } from './duplicate-order-window.js';
import { checkGreeksDelta } from './greeks-delta.js';
import { checkGreeksGamma } from './greeks-gamma.js';
import { checkGreeksTheta } from './greeks-theta.js';
import { checkGreeksVega } from './greeks-vega.js';
import { checkInstrumentAllowlist } from './instrument-allowlist.js';
import { checkInstrumentExpiryWindow } from './instrument-expiry-window.js';
import { checkInstrumentInChain } from './instrument-in-chain.js';
import { checkInstrumentSecurityType } from './instrument-security-type.js';
import { checkLossConsecutive } from './loss-consecutive.js';
import { checkLossDaily } from './loss-daily.js';
import { checkLossDrawdown } from './loss-drawdown.js';
import { checkModeAccountKind } from './mode-account-kind.js';
import { checkModeLiveSwitch } from './mode-live-switch.js';
import { checkModePortKind } from './mode-port-kind.js';
import { checkOrderStructure } from './order-structure.js';
import { checkOrderType } from './order-type.js';
import { checkPriceCollar } from './price-collar.js';
import { checkPriceMinimum } from './price-minimum.js';
import { checkPricePositive } from './price-positive.js';
import { checkPriceTick } from './price-tick.js';
import { checkQuoteCrossed } from './quote-crossed.js';
import { checkQuoteHalted } from './quote-halted.js';
import { checkQuotePresent } from './quote-present.js';
import { checkQuoteStale } from './quote-stale.js';
import { checkRiskMaxLossTotal } from './risk-max-loss-total.js';
import { checkRiskMaxLossTrade } from './risk-max-loss-trade.js';
import { checkRiskNakedCall } from './risk-naked-call.js';
import { checkRiskNakedPut } from './risk-naked-put.js';
import { checkSizeConcentration } from './size-concentration.js';
import { checkSizeContracts } from './size-contracts.js';
import { checkSizeOpenOrders } from './size-open-orders.js';
import { checkSizePositionContract } from './size-position-contract.js';
import { checkSizePositionUnderlying } from './size-position-underlying.js';
import { checkSizePremium } from './size-premium.js';
import { checkThrottlePerCycle } from './throttle-per-cycle.js';
import { checkThrottlePerMinute } from './throttle-per-minute.js';
import { checkThrottleWorkingPerContract } from './throttle-working-per-contract.js';
import { checkTimeInForce } from './time-in-force.js';

/** A pure pre-trade check. */
export type CheckFn = (intent: OrderIntent, ctx: GateContext) => Rejection | null;

export interface GateCheck {
  /** Stable name, as in the check trail (`price-collar`). */
  readonly name: string;
  /** The codes it can reject with (besides the missing-data codes it shares). */
  readonly codes: readonly SafetyCode[];
  readonly run: CheckFn;
}

const check = (name: string, codes: readonly SafetyCode[], run: CheckFn): GateCheck => ({ name, codes, run });

/** Every check, in the order the gate runs them. */
export const GATE_CHECKS: readonly GateCheck[] = Object.freeze([
  // 1. circuit breaker
  check('breaker-state', ['BREAKER_HALTED', 'BREAKER_REDUCING_ONLY'], checkBreakerState),
  // 2. mode
  check('mode-live-switch', ['MODE_LIVE_NOT_ENABLED'], checkModeLiveSwitch),
  check('mode-account-kind', ['MODE_ACCOUNT_UNKNOWN', 'MODE_ACCOUNT_MISMATCH'], checkModeAccountKind),
  check('mode-port-kind', ['MODE_ACCOUNT_MISMATCH'], checkModePortKind),
  check('account-data', ['ACCOUNT_DATA_MISSING'], checkAccountData),
  // 3. instrument
  check('order-structure', ['ORDER_STRUCTURE_UNSUPPORTED'], checkOrderStructure),
  check('instrument-allowlist', ['INSTRUMENT_NOT_ALLOWED'], checkInstrumentAllowlist),
  check('instrument-security-type', ['INSTRUMENT_SECURITY_TYPE'], checkInstrumentSecurityType),
  check('instrument-expiry-window', ['INSTRUMENT_EXPIRY_WINDOW'], checkInstrumentExpiryWindow),
  check('instrument-in-chain', ['INSTRUMENT_UNKNOWN_CONTRACT'], checkInstrumentInChain),
  // 4. order type and time in force
  check('order-type', ['ORDER_TYPE_NOT_ALLOWED'], checkOrderType),
  check('time-in-force', ['TIME_IN_FORCE_NOT_ALLOWED'], checkTimeInForce),
  // 5. price
  check('price-positive', ['PRICE_NOT_POSITIVE'], checkPricePositive),
  check('price-tick', ['PRICE_OFF_TICK'], checkPriceTick),
  check('price-minimum', ['PRICE_BELOW_MINIMUM'], checkPriceMinimum),
  check('quote-present', ['QUOTE_MISSING'], checkQuotePresent),
  check('quote-halted', ['QUOTE_HALTED'], checkQuoteHalted),
  check('quote-crossed', ['QUOTE_CROSSED'], checkQuoteCrossed),
  check('quote-stale', ['QUOTE_STALE'], checkQuoteStale),
  check('price-collar', ['PRICE_OUTSIDE_COLLAR'], checkPriceCollar),
  // 6. size
  check('size-contracts', ['SIZE_CONTRACTS_PER_ORDER'], checkSizeContracts),
  check('size-premium', ['SIZE_PREMIUM_PER_ORDER'], checkSizePremium),
  check('size-open-orders', ['SIZE_OPEN_ORDERS'], checkSizeOpenOrders),
  check('size-position-contract', ['SIZE_POSITION_PER_CONTRACT'], checkSizePositionContract),
  check('size-position-underlying', ['SIZE_POSITION_PER_UNDERLYING'], checkSizePositionUnderlying),
  check('size-concentration', ['SIZE_CONCENTRATION'], checkSizeConcentration),
  // 7. defined risk
  check('risk-naked-call', ['RISK_NAKED_SHORT_CALL', 'RISK_UNDEFINED'], checkRiskNakedCall),
  check('risk-naked-put', ['RISK_NAKED_SHORT_PUT'], checkRiskNakedPut),
  check('risk-max-loss-trade', ['RISK_MAX_LOSS_PER_TRADE'], checkRiskMaxLossTrade),
  check('risk-max-loss-total', ['RISK_MAX_LOSS_TOTAL'], checkRiskMaxLossTotal),
  // 8. portfolio greeks after the order
  check('greeks-delta', ['GREEKS_DELTA', 'GREEKS_UNAVAILABLE'], checkGreeksDelta),
  check('greeks-gamma', ['GREEKS_GAMMA', 'GREEKS_UNAVAILABLE'], checkGreeksGamma),
  check('greeks-vega', ['GREEKS_VEGA', 'GREEKS_UNAVAILABLE'], checkGreeksVega),
  check('greeks-theta', ['GREEKS_THETA', 'GREEKS_UNAVAILABLE'], checkGreeksTheta),
  // 9. buying power
  check('buying-power', ['BUYING_POWER_INSUFFICIENT'], checkBuyingPower),
  // 10. loss limits
  check('loss-daily', ['LOSS_DAILY'], checkLossDaily),
  check('loss-drawdown', ['LOSS_DRAWDOWN'], checkLossDrawdown),
  check('loss-consecutive', ['LOSS_CONSECUTIVE'], checkLossConsecutive),
  // 11. throttles and duplicates
  check('throttle-per-minute', ['THROTTLE_PER_MINUTE'], checkThrottlePerMinute),
  check('throttle-per-cycle', ['THROTTLE_PER_CYCLE'], checkThrottlePerCycle),
  check('throttle-working-per-contract', ['THROTTLE_WORKING_PER_CONTRACT'], checkThrottleWorkingPerContract),
  check('duplicate-client-order-id', ['DUPLICATE_CLIENT_ORDER_ID'], checkDuplicateClientOrderId),
  check('duplicate-order-window', ['DUPLICATE_ORDER_WINDOW'], checkDuplicateOrderWindow),
]);

export { collarAllowance } from './price-collar.js';
export { tickOf } from './price-tick.js';
export { crossedLossLimits, type LossLimitCode } from './loss-limit.js';
export { buyingPowerAfter } from './buying-power.js';
