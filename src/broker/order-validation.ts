/**
 * What every broker refuses before looking at the market: malformed orders and off-tick prices.
 * Shared by the paper and IB adapters, so both refuse exactly the same orders.
 */
import {
  COMBO_TICK,
  commonMultiplier,
  contractKey,
  isOnTick,
  isValidExpiry,
  isValidSymbol,
  NON_PENNY_TICKS,
  PENNY_PROGRAM_TICKS,
  STOCK_TICK,
  tickFor,
  type OrderIntent,
} from '../domain/index.js';
import { BrokerError } from './errors.js';

export interface ValidationOptions {
  readonly allowMarketOrders: boolean;
  readonly optionTicks: 'penny_program' | 'non_penny';
  /** Names the broker in messages, e.g. `paper broker`. */
  readonly brokerName?: string;
}

/** IB takes up to this many legs in a BAG for options on one underlying; the paper broker the same. */
const MAX_LEGS = 6;

/** The first reason to refuse the order, or null when it is well formed. */
export function validateIntent(intent: OrderIntent, options: ValidationOptions): BrokerError | null {
  const id = intent.clientOrderId;
  const invalid = (message: string): BrokerError =>
    new BrokerError('INVALID_ORDER', `order ${id}: ${message}`);
  if (intent.legs.length === 0 || intent.legs.length > MAX_LEGS) {
    return invalid(`an order needs 1 to ${MAX_LEGS} legs, got ${intent.legs.length}`);
  }
  if (!Number.isInteger(intent.quantity) || intent.quantity <= 0) {
    return invalid(`quantity must be a whole number > 0, got ${intent.quantity}`);
  }
  for (const leg of intent.legs) {
    const c = leg.contract;
    const validOption = c.kind !== 'option' || (isValidExpiry(c.expiry) && c.strike > 0 && c.multiplier > 0);
    if (!isValidSymbol(c.symbol) || !validOption) {
      return new BrokerError('UNKNOWN_CONTRACT', `order ${id}: unknown contract ${contractKey(c)}`);
    }
    if (!Number.isInteger(leg.ratio) || leg.ratio <= 0) {
      return invalid(`leg ${contractKey(c)}: ratio must be a whole number > 0, got ${leg.ratio}`);
    }
  }
  const symbols = new Set(intent.legs.map((l) => l.contract.symbol));
  if (symbols.size > 1)
    return invalid(`a combo's legs must share one underlying, got ${[...symbols].join(', ')}`);
  const keys = intent.legs.map((l) => contractKey(l.contract));
  if (new Set(keys).size !== keys.length) return invalid('the same contract appears in two legs');
  if (commonMultiplier(intent.legs) === null)
    return invalid(
      `stock and option legs in one combo are not supported by the ${options.brokerName ?? 'broker'}`,
    );
  if (intent.legs.length === 1 && intent.legs[0]!.ratio !== 1) {
    return invalid(`a single-leg order has ratio 1 (size it with quantity), got ${intent.legs[0]!.ratio}`);
  }
  if (intent.orderType === 'market') {
    return options.allowMarketOrders
      ? null
      : invalid(
          `market orders are not allowed (${options.brokerName ?? 'broker'} option allowMarketOrders is false)`,
        );
  }
  const limit = intent.limitPrice;
  if (limit === null || !Number.isFinite(limit) || limit < 0)
    return invalid(`a limit order needs a limit price >= 0, got ${limit}`);
  const single = intent.legs.length === 1 ? intent.legs[0]! : null;
  if (single) {
    if (limit <= 0) return invalid(`limit price must be > 0 for a single leg, got ${limit}`);
    const expected = single.side === 'buy' ? 'debit' : 'credit';
    if (intent.priceEffect !== expected)
      return invalid(`a single ${single.side} is a ${expected}, got ${intent.priceEffect}`);
  }
  const tick = !single
    ? COMBO_TICK
    : single.contract.kind === 'stock'
      ? STOCK_TICK
      : tickFor(limit, options.optionTicks === 'penny_program' ? PENNY_PROGRAM_TICKS : NON_PENNY_TICKS);
  if (!isOnTick(limit, tick)) {
    return new BrokerError(
      'OFF_TICK',
      `order ${id}: limit price ${limit} is off the tick grid: ${single ? contractKey(single.contract) : 'a combo'} trades in steps of $${tick} at that price`,
    );
  }
  return null;
}

/** What makes two intents the same order (not their rationale or provenance). */
export function economics(intent: OrderIntent): string {
  return JSON.stringify([
    intent.legs.map((l) => [
      contractKey(l.contract),
      l.contract.kind === 'option' ? l.contract.multiplier : 1,
      l.side,
      l.ratio,
    ]),
    intent.quantity,
    intent.orderType,
    intent.limitPrice === null ? null : Math.round(intent.limitPrice * 1e6) / 1e6,
    intent.priceEffect,
    intent.timeInForce,
  ]);
}
