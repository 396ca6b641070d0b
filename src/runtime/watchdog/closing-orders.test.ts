import { describe, expect, it } from 'vitest';
import { option, stock, type Position } from '../../domain/index.js';
import { onlyReducesExposure, planClosingOrders } from './closing-orders.js';

const pos = (contract: Position['contract'], quantity: number): Position => ({
  contract,
  quantity,
  averagePrice: 1,
  realizedPnl: 0,
});
const p100 = option('AMD', '2026-12-18', 100, 'put');
const p95 = option('AMD', '2026-12-18', 95, 'put');
const c150 = option('NVDA', '2026-12-18', 150, 'call');

describe('planClosingOrders', () => {
  it('closes a vertical as one combo and the rest leg by leg, buying back shorts first', () => {
    const plans = planClosingOrders([pos(p95, 3), pos(p100, -2), pos(stock('JPM'), 50), pos(c150, 1)]);
    expect(plans[0]).toEqual({
      legs: [
        { contract: p100, side: 'buy', ratio: 1 },
        { contract: p95, side: 'sell', ratio: 1 },
      ],
      quantity: 2,
      buysBackShort: true,
    });
    const rest = plans
      .slice(1)
      .map((p) => ({ legs: p.legs.map((l) => `${l.side} ${l.contract.symbol}`), q: p.quantity }));
    expect(rest).toEqual(
      expect.arrayContaining([
        { legs: ['sell JPM'], q: 50 },
        { legs: ['sell AMD'], q: 1 },
        { legs: ['sell NVDA'], q: 1 },
      ]),
    );
    expect(plans).toHaveLength(4);
  });

  it('closes a short stock by buying it back first', () => {
    const plans = planClosingOrders([pos(c150, 2), pos(stock('TSLA'), -10)]);
    expect(plans[0]!.legs[0]).toMatchObject({ side: 'buy', contract: { symbol: 'TSLA' } });
  });

  it('plans nothing for a flat book', () => {
    expect(planClosingOrders([pos(c150, 0)])).toEqual([]);
  });

  it('every planned order only reduces exposure, and together they flatten the book', () => {
    const book = [pos(p95, 3), pos(p100, -5), pos(c150, -1), pos(stock('JPM'), 7)];
    const plans = planClosingOrders(book);
    const net = new Map(book.map((p) => [JSON.stringify(p.contract), p.quantity]));
    for (const plan of plans) {
      expect(onlyReducesExposure(plan, book)).toBe(true);
      for (const leg of plan.legs) {
        const k = JSON.stringify(leg.contract);
        net.set(k, net.get(k)! + (leg.side === 'buy' ? 1 : -1) * leg.ratio * plan.quantity);
      }
    }
    expect([...net.values()].every((q) => q === 0)).toBe(true);
  });
});

describe('onlyReducesExposure', () => {
  it('refuses orders that open, add to or flip a position', () => {
    const book = [pos(c150, -2)];
    expect(
      onlyReducesExposure({ legs: [{ contract: c150, side: 'buy', ratio: 1 }], quantity: 2 }, book),
    ).toBe(true);
    expect(
      onlyReducesExposure({ legs: [{ contract: c150, side: 'buy', ratio: 1 }], quantity: 3 }, book),
    ).toBe(false);
    expect(
      onlyReducesExposure({ legs: [{ contract: c150, side: 'sell', ratio: 1 }], quantity: 1 }, book),
    ).toBe(false);
    expect(
      onlyReducesExposure({ legs: [{ contract: p95, side: 'sell', ratio: 1 }], quantity: 1 }, book),
    ).toBe(false);
  });
});
