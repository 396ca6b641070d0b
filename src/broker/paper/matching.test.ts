import { describe, expect, it } from 'vitest';
import { clientOrderId, option, type Leg, type OrderIntent } from '../../domain/index.js';
import { allocateLegPrices, matchOrder, naturalNetPrice, type LegQuote } from './matching.js';

const c100 = option('XYZ', '2026-04-17', 100, 'call');
const c105 = option('XYZ', '2026-04-17', 105, 'call');

function q(
  bid: number | null,
  ask: number | null,
  sizes = 10,
  time = 1,
  flags: LegQuote['flags'] = [],
): LegQuote {
  return { bid, ask, bidSize: sizes, askSize: sizes, last: null, time, flags };
}

function intent(legs: Leg[], limitPrice: number | null, extra: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientOrderId: clientOrderId('m-1'),
    legs,
    quantity: 5,
    orderType: 'limit',
    limitPrice,
    priceEffect: 'debit',
    timeInForce: 'gtc',
    rationale: '',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
    ...extra,
  };
}

const arriving = (i: OrderIntent) => ({
  intent: i,
  filledQuantity: 0,
  lastFillQuoteTime: null,
  arriving: true,
});
const resting = (i: OrderIntent, filled = 0, last: number | null = null) => ({
  intent: i,
  filledQuantity: filled,
  lastFillQuoteTime: last,
  arriving: false,
});

describe('fill simulator', () => {
  const buyCall = [{ contract: c100, side: 'buy', ratio: 1 }] satisfies Leg[];

  it('takes the touch on arrival when marketable, up to the displayed size', () => {
    expect(matchOrder(arriving(intent(buyCall, 2.2)), [q(2.0, 2.1, 3)])).toEqual({
      quantity: 3,
      netPrice: 2.1,
      legPrices: [2.1],
      quoteTime: 1,
    });
  });

  it('does not fill a limit the market has not reached', () => {
    expect(matchOrder(arriving(intent(buyCall, 2.05)), [q(2.0, 2.1)])).toBeNull();
  });

  it('fills a resting order at its limit once the market crosses it', () => {
    expect(matchOrder(resting(intent(buyCall, 2.05)), [q(1.9, 2.0)])).toMatchObject({
      quantity: 5,
      netPrice: 2.05,
      legPrices: [2.05],
    });
  });

  it('takes the displayed size once per quote update', () => {
    const i = intent(buyCall, 2.1);
    expect(matchOrder(resting(i, 2, 1), [q(2.0, 2.1, 10, 1)])).toBeNull();
    expect(matchOrder(resting(i, 2, 1), [q(2.0, 2.1, 10, 2)])).toMatchObject({ quantity: 3 });
  });

  it('will not trade against a halted or crossed quote, or a missing side', () => {
    const i = intent(buyCall, 5);
    expect(matchOrder(arriving(i), [q(2.0, 2.1, 10, 1, ['halted'])])).toBeNull();
    expect(matchOrder(arriving(i), [q(2.2, 2.1, 10, 1, ['crossed'])])).toBeNull();
    expect(matchOrder(arriving(i), [q(2.0, null)])).toBeNull();
  });

  it('prices a combo at its natural net and sizes it by the thinnest leg', () => {
    const vertical = intent(
      [
        { contract: c100, side: 'buy', ratio: 1 },
        { contract: c105, side: 'sell', ratio: 2 },
      ],
      0.5,
    );
    const quotes = [q(2.0, 2.1, 10), q(0.8, 0.9, 7)];
    expect(naturalNetPrice(vertical, quotes)).toBeCloseTo(0.5, 12);
    expect(matchOrder(arriving(vertical), quotes)).toMatchObject({ quantity: 3, legPrices: [2.1, 0.8] });
  });

  it('fills market orders in full at the touch', () => {
    const market = intent(buyCall, null, { orderType: 'market', quantity: 50 });
    expect(matchOrder(arriving(market), [q(2.0, 2.1, 1)])).toMatchObject({ quantity: 50, netPrice: 2.1 });
  });

  it('spreads a package price over the legs per contract, never taking a sell below zero', () => {
    const legs = intent(
      [
        { contract: c100, side: 'buy', ratio: 1 },
        { contract: c105, side: 'sell', ratio: 1 },
      ],
      1.2,
    );
    expect(allocateLegPrices(legs, [2.0, 0.85], 0.05)).toEqual([2.025, 0.825]);
    expect(allocateLegPrices(legs, [2.0, 0.01], 0.1)).toEqual([2.09, 0]);
  });
});
