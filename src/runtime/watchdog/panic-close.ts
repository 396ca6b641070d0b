import {
  contractKey,
  type Clock,
  type OrderIntent,
  type Position,
  type SafetyCode,
  type Severity,
} from '../../domain/index.js';
import type { Broker } from '../../broker/index.js';
import type { Journal } from '../../journal/index.js';
import type { MarketData } from '../../market/index.js';
import { placeReducingOrder } from '../../risk/index.js';
import { closingOrderId, planClosingOrders } from './closing-orders.js';
import { closingPrice } from './closing-price.js';
import { cancelWorking } from './cancel-working.js';
import { describeClosingLegs, positionsInScope } from './flatten-plan.js';

export interface PanicCloseOptions {
  readonly attempts: number;
  /** Fraction of the mid by which each retry's limit is made more aggressive. */
  readonly collarStep: number;
  readonly retryDelayMs: number;
  readonly reason: string;
  /**
   * Only this underlying's positions, and only the working orders with a leg on it (a person's
   * `swarmdesk flatten --underlying`). The watchdog leaves it unset: the whole book.
   */
  readonly underlying?: string;
  /** Who flattens: the watchdog (default) or a person at the CLI; named in the events and the orders. */
  readonly actor?: 'watchdog' | 'person';
}

export interface PanicCloseReport {
  readonly flat: boolean;
  readonly attempts: number;
  readonly ordersSent: number;
  readonly remaining: readonly Position[];
}

interface Deps {
  readonly broker: Broker;
  readonly marketData: MarketData;
  readonly journal: Journal;
  readonly clock: Clock;
}

/**
 * Close every position (or one underlying's, `options.underlying`) for real: cancel all working orders, then send closing orders (verticals
 * as combos, short legs first) at marketable limits that widen on each attempt, until flat or out
 * of attempts. Every step is a safety event. It only ever reduces exposure: an order that would
 * open or flip a position is never sent.
 */
export async function panicCloseAllPositions(
  deps: Deps,
  options: PanicCloseOptions,
): Promise<PanicCloseReport> {
  const { broker, journal, clock } = deps;
  const runTime = clock.now();
  const event = (
    severity: Severity,
    code: SafetyCode,
    message: string,
    extra: Record<string, unknown> = {},
    id?: string,
  ): void => {
    journal.logSafetyEvent({
      time: clock.now(),
      severity,
      code,
      message,
      clientOrderId: id ?? null,
      details: extra,
    });
  };
  const person = options.actor === 'person';
  const scope = options.underlying;
  const by = person ? { actor: 'person', ...(scope === undefined ? {} : { underlying: scope }) } : {};
  event(
    'critical',
    'PANIC_CLOSE_STARTED',
    person
      ? `flattening ${scope ?? 'the book'} by a person: ${options.reason}`
      : `flattening the book: ${options.reason}`,
    by,
  );
  await cancelEverything(deps, event, scope);

  let sent = 0;
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    const positions = positionsInScope(await broker.positions(), scope);
    if (positions.length === 0) {
      event(
        'critical',
        'PANIC_CLOSE_DONE',
        `${scope ?? 'book'} is flat after ${attempt} attempt(s), ${sent} closing order(s)`,
      );
      return { flat: true, attempts: attempt, ordersSent: sent, remaining: [] };
    }
    const plans = planClosingOrders(positions);
    for (const [index, plan] of plans.entries()) {
      const id = closingOrderId(runTime, attempt, index, person ? 'fl' : 'wd');
      const what = describeClosingLegs(plan);
      let price;
      try {
        price = await closingPrice(deps.marketData, plan.legs, attempt, options.collarStep);
      } catch (e) {
        event('critical', 'PANIC_CLOSE_INCOMPLETE', `cannot price ${what}: ${(e as Error).message}`, {}, id);
        continue;
      }
      if (!price) {
        event(
          'critical',
          'PANIC_CLOSE_INCOMPLETE',
          `no ask to buy back ${what}; retrying next attempt`,
          {},
          id,
        );
        continue;
      }
      const intent: OrderIntent = {
        clientOrderId: id,
        legs: plan.legs,
        quantity: plan.quantity,
        orderType: 'limit',
        limitPrice: price.limitPrice,
        priceEffect: price.priceEffect,
        timeInForce: 'day',
        rationale: `${person ? 'manual' : 'watchdog'} flatten: ${options.reason}`,
        instanceIds: [],
        cycleId: null,
        origin: person ? 'manual' : 'watchdog',
      };
      // Through the book's gate: checked against the book as it is now, journaled, then sent.
      const outcome = await placeReducingOrder(
        intent,
        person ? { ...deps, purpose: 'swarmdesk flatten' } : deps,
      );
      if (outcome.sent) {
        sent++;
        event(
          'critical',
          'PANIC_CLOSE_ORDER',
          `attempt ${attempt + 1}: ${what} @ ${price.limitPrice.toFixed(2)} ${price.priceEffect}`,
          { attempt, netMid: price.netMid, status: outcome.order.status },
          id,
        );
      } else {
        event(
          'critical',
          'PANIC_CLOSE_INCOMPLETE',
          `${what} not closed: ${outcome.rejection.message}`,
          { attempt, code: outcome.rejection.code, outcomeUnknown: outcome.outcomeUnknown },
          id,
        );
      }
    }
    await clock.sleep(options.retryDelayMs);
    await cancelEverything(deps, event, scope);
  }
  const remaining = positionsInScope(await broker.positions(), scope);
  if (remaining.length === 0) {
    event(
      'critical',
      'PANIC_CLOSE_DONE',
      `${scope ?? 'book'} is flat after ${options.attempts} attempt(s), ${sent} closing order(s)`,
    );
    return { flat: true, attempts: options.attempts, ordersSent: sent, remaining };
  }
  event(
    'critical',
    'PANIC_CLOSE_INCOMPLETE',
    `still holding ${remaining.length} position(s) after ${options.attempts} attempts: ${remaining.map((p) => `${p.quantity} ${contractKey(p.contract)}`).join(', ')}`,
  );
  return { flat: false, attempts: options.attempts, ordersSent: sent, remaining };
}

/** Cancel the working orders in scope: every one (cancelAll), or one underlying's, one by one. */
async function cancelEverything(
  deps: Deps,
  event: (severity: Severity, code: SafetyCode, message: string, extra?: Record<string, unknown>) => void,
  underlying: string | undefined,
): Promise<void> {
  const open = await cancelWorking(deps.broker, underlying);
  if (open.length === 0) return;
  event(
    'critical',
    'CANCEL_ALL',
    `cancelled ${open.length} working order(s)${underlying === undefined ? '' : ` on ${underlying}`}`,
    { clientOrderIds: open.map((o) => o.clientOrderId) },
  );
}
