import { describe, expect, it } from 'vitest';
import {
  brokerOrderId,
  clientOrderId,
  option,
  type Leg,
  type Order,
  type Position,
} from '../domain/index.js';
import { isOpeningOrder } from './index.js';

const C100 = option('XYZ', '2026-04-17', 100, 'call');
const C105 = option('XYZ', '2026-04-17', 105, 'call');
const held: Position[] = [{ contract: C100, quantity: 2, averagePrice: 2, realizedPnl: 0 }];
function working(legs: Leg[], quantity: number, filledQuantity = 0): Order {
  return {
    clientOrderId: clientOrderId('o-1'),
    brokerOrderId: brokerOrderId('1'),
    intent: {
      clientOrderId: clientOrderId('o-1'),
      legs,
      quantity,
      orderType: 'limit',
      limitPrice: 1,
      priceEffect: 'credit',
      timeInForce: 'day',
      rationale: '',
      instanceIds: [],
      cycleId: null,
      origin: 'manual',
    },
    status: 'working',
    filledQuantity,
    averageFillPrice: null,
    submittedAt: 0,
    updatedAt: 0,
  };
}

describe('isOpeningOrder', () => {
  it('is false when every leg only takes a held position toward zero', () => {
    expect(isOpeningOrder(working([{ contract: C100, side: 'sell', ratio: 1 }], 2), held)).toBe(false);
  });

  it('is true when a leg opens, adds to or would flip a position', () => {
    expect(isOpeningOrder(working([{ contract: C105, side: 'buy', ratio: 1 }], 1), held)).toBe(true);
    expect(isOpeningOrder(working([{ contract: C100, side: 'buy', ratio: 1 }], 1), held)).toBe(true);
    expect(isOpeningOrder(working([{ contract: C100, side: 'sell', ratio: 1 }], 3), held)).toBe(true);
    // A vertical that closes the long call but sells a call the book does not hold: opening.
    const vertical: Leg[] = [
      { contract: C100, side: 'sell', ratio: 1 },
      { contract: C105, side: 'sell', ratio: 1 },
    ];
    expect(isOpeningOrder(working(vertical, 1), held)).toBe(true);
  });

  it('judges only what is left: a partly filled order’s remainder', () => {
    expect(isOpeningOrder(working([{ contract: C100, side: 'sell', ratio: 1 }], 3, 1), held)).toBe(false);
  });
});
