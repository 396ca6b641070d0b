import { describe, expect, it } from 'vitest';
import {
  IllegalOrderTransitionError,
  ORDER_STATUS_TRANSITIONS,
  canTransition,
  isTerminal,
  statusPath,
  signedNetPrice,
  transitionOrder,
  type OrderStatus,
} from './order.js';

const ALL = Object.keys(ORDER_STATUS_TRANSITIONS) as OrderStatus[];

describe('order status transitions', () => {
  it('allows exactly the moves in the table and throws a typed error for every other pair', () => {
    let legal = 0;
    let illegal = 0;
    for (const from of ALL) {
      for (const to of ALL) {
        if (ORDER_STATUS_TRANSITIONS[from].includes(to)) {
          expect(transitionOrder(from, to)).toBe(to);
          legal++;
        } else {
          expect(() => transitionOrder(from, to, 'abc')).toThrow(IllegalOrderTransitionError);
          illegal++;
        }
      }
    }
    expect(legal + illegal).toBe(ALL.length * ALL.length);
    expect(illegal).toBeGreaterThan(legal);
  });

  it('never leaves a terminal state', () => {
    for (const from of ALL.filter(isTerminal)) {
      for (const to of ALL) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('names both states and the allowed moves in the error', () => {
    expect(() => transitionOrder('filled', 'working', 'o-1')).toThrow(/o-1.*filled -> working.*terminal/);
  });

  it('signs the net price by its effect', () => {
    expect(signedNetPrice({ limitPrice: 1.2, priceEffect: 'debit' })).toBe(1.2);
    expect(signedNetPrice({ limitPrice: 1.2, priceEffect: 'credit' })).toBe(-1.2);
    expect(signedNetPrice({ limitPrice: null, priceEffect: 'credit' })).toBeNull();
  });
});

describe('statusPath', () => {
  it('moves directly when legal, through submitted when an acknowledgement was missed, and refuses the impossible', () => {
    expect(statusPath('working', 'filled')).toEqual(['filled']);
    expect(statusPath('pending_submit', 'cancel_pending')).toEqual(['submitted', 'cancel_pending']);
    expect(statusPath('partially_filled', 'partially_filled')).toEqual(['partially_filled']);
    expect(statusPath('filled', 'working')).toBeNull();
  });
});
