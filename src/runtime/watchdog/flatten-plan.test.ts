import { describe, expect, it } from 'vitest';
import {
  brokerOrderId,
  clientOrderId,
  option,
  stock,
  type Order,
  type Position,
} from '../../domain/index.js';
import { ordersInScope, positionsInScope } from './flatten-plan.js';

const pos = (symbol: string, quantity: number): Position => ({
  contract: stock(symbol),
  quantity,
  averagePrice: 1,
  realizedPnl: 0,
});
const order = (id: string, symbol: string): Order =>
  ({
    clientOrderId: clientOrderId(id),
    brokerOrderId: brokerOrderId(id),
    intent: { legs: [{ contract: option(symbol, '2026-04-17', 100, 'call'), side: 'buy', ratio: 1 }] },
  }) as unknown as Order;

describe('a flatten’s scope', () => {
  it('is every non-zero position and every working order without an underlying (the watchdog’s)', () => {
    const held = [pos('NVDA', 10), pos('AMD', 0), pos('AMD', -5)];
    expect(positionsInScope(held).map((p) => p.quantity)).toEqual([10, -5]);
    expect(ordersInScope([order('a', 'NVDA'), order('b', 'AMD')]).map((o) => o.clientOrderId)).toEqual([
      'a',
      'b',
    ]);
  });

  it('is only that underlying’s positions and orders with one', () => {
    expect(positionsInScope([pos('NVDA', 10), pos('AMD', -5)], 'AMD').map((p) => p.quantity)).toEqual([-5]);
    expect(ordersInScope([order('a', 'NVDA'), order('b', 'AMD')], 'AMD').map((o) => o.clientOrderId)).toEqual(
      ['b'],
    );
  });
});
