import { describe, expect, it } from 'vitest';
import { clientOrderId, structureKey } from '../../domain/index.js';
import type { RecentOrder } from '../gate-context.js';
import { T0, context, intent, optLeg, putCreditSpread, workingOrder } from '../test-support/fixtures.js';
import { checkDuplicateClientOrderId } from './duplicate-client-order-id.js';
import { checkDuplicateOrderWindow } from './duplicate-order-window.js';
import { checkThrottlePerCycle } from './throttle-per-cycle.js';
import { checkThrottlePerMinute } from './throttle-per-minute.js';
import { checkThrottleWorkingPerContract } from './throttle-working-per-contract.js';

const recent = (n: number, createdAt: number): RecentOrder[] =>
  Array.from({ length: n }, (_, i) => ({
    clientOrderId: clientOrderId(`r-${i}`),
    createdAt,
    cycleId: null,
    structure: `x${i}`,
    quantity: 1,
    limitPrice: 1,
    priceEffect: 'debit',
  }));
const history = (
  rows: RecentOrder[],
  extra: { clientOrderIdSeen?: boolean; ordersInCycle?: number } = {},
) => ({
  history: {
    recent: rows,
    clientOrderIdSeen: extra.clientOrderIdSeen ?? false,
    ordersInCycle: extra.ordersInCycle ?? 0,
  },
});

describe('throttles', () => {
  it('allows the 10th order in a minute and refuses the 11th', () => {
    expect(checkThrottlePerMinute(putCreditSpread(), context(history(recent(9, T0 - 1_000))))).toBeNull();
    const r = checkThrottlePerMinute(putCreditSpread(), context(history(recent(10, T0 - 1_000))));
    expect(r?.code).toBe('THROTTLE_PER_MINUTE');
    expect(r?.message).toBe('11 orders in the last minute with this one; risk.maxOrdersPerMinute is 10');
  });

  it('forgets an order exactly a minute old', () => {
    expect(checkThrottlePerMinute(putCreditSpread(), context(history(recent(10, T0 - 60_000))))).toBeNull();
  });

  it('allows the 5th order of a cycle and refuses the 6th, by the runtime count or the journal', () => {
    expect(checkThrottlePerCycle(putCreditSpread(), context({ cycleOrdersSoFar: 4 }))).toBeNull();
    expect(checkThrottlePerCycle(putCreditSpread(), context({ cycleOrdersSoFar: 5 }))?.code).toBe(
      'THROTTLE_PER_CYCLE',
    );
    expect(checkThrottlePerCycle(putCreditSpread(), context(history([], { ordersInCycle: 5 })))?.code).toBe(
      'THROTTLE_PER_CYCLE',
    );
  });

  it('allows one working order per contract and side', () => {
    const working = context({
      openOrders: [workingOrder(intent([optLeg('sell', 95, 'put')], { limitPrice: 2 }))],
    });
    const r = checkThrottleWorkingPerContract(putCreditSpread(), working);
    expect(r?.code).toBe('THROTTLE_WORKING_PER_CONTRACT');
    expect(r?.message).toMatch(/NVDA 2026-04-17 95 P sell: 1 order\(s\) already working/);
    expect(
      checkThrottleWorkingPerContract(intent([optLeg('buy', 95, 'put')], { limitPrice: 2 }), working),
    ).toBeNull();
  });

  it('refuses when the order history cannot be read', () => {
    expect(checkThrottlePerMinute(putCreditSpread(), context({ history: null }))?.code).toBe(
      'THROTTLE_PER_MINUTE',
    );
    expect(checkThrottlePerCycle(putCreditSpread(), context({ history: null }))?.code).toBe(
      'THROTTLE_PER_CYCLE',
    );
    expect(checkDuplicateClientOrderId(putCreditSpread(), context({ history: null }))?.code).toBe(
      'DUPLICATE_CLIENT_ORDER_ID',
    );
    expect(checkDuplicateOrderWindow(putCreditSpread(), context({ history: null }))?.code).toBe(
      'DUPLICATE_ORDER_WINDOW',
    );
  });
});

describe('duplicates', () => {
  it('refuses a client order id seen in the journal or working at the broker', () => {
    expect(
      checkDuplicateClientOrderId(putCreditSpread(), context(history([], { clientOrderIdSeen: true })))?.code,
    ).toBe('DUPLICATE_CLIENT_ORDER_ID');
    const i = putCreditSpread();
    expect(checkDuplicateClientOrderId(i, context({ openOrders: [workingOrder(i)] }))?.message).toMatch(
      /working at the broker/,
    );
    expect(checkDuplicateClientOrderId(i, context())).toBeNull();
  });

  it('refuses the same legs and price within the window and passes it once the window has passed', () => {
    const i = putCreditSpread({ limitPrice: 1.1 });
    const twin = (createdAt: number, limitPrice = 1.1): RecentOrder => ({
      clientOrderId: clientOrderId('earlier'),
      createdAt,
      cycleId: null,
      structure: structureKey(i.legs),
      quantity: 3,
      limitPrice,
      priceEffect: 'credit',
    });
    const r = checkDuplicateOrderWindow(i, context(history([twin(T0 - 59_999)])));
    expect(r?.code).toBe('DUPLICATE_ORDER_WINDOW');
    expect(r?.message).toMatch(/sent as earlier 59999ms ago; risk.duplicateWindow is 1m/);
    expect(checkDuplicateOrderWindow(i, context(history([twin(T0 - 60_000)])))).toBeNull();
    expect(checkDuplicateOrderWindow(i, context(history([twin(T0 - 1_000, 1.15)])))).toBeNull();
  });
});
