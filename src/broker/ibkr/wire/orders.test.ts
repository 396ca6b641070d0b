import { describe, expect, it } from 'vitest';
import { clientOrderId, option, stock, type Leg, type OrderIntent } from '../../../domain/index.js';
import { fromIbOrder, fromIbStatus, signedFillPrice, toIbOrder } from './orders.js';

const lo = option('NVDA', '2026-12-18', 180, 'call');
const hi = option('NVDA', '2026-12-18', 185, 'call');
const CON = new Map([
  [101, lo],
  [102, hi],
]);

function intent(
  legs: Leg[],
  limitPrice: number | null,
  priceEffect: 'debit' | 'credit',
  quantity = 2,
): OrderIntent {
  return {
    clientOrderId: clientOrderId('wire-1'),
    legs,
    quantity,
    orderType: limitPrice === null ? 'market' : 'limit',
    limitPrice,
    priceEffect,
    timeInForce: 'gtc',
    rationale: '',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
  };
}

describe('orders on the wire', () => {
  it('sends a single option as SMART/USD with multiplier, trading class, conId, orderRef and transmit', () => {
    const { contract, order } = toIbOrder(
      intent([{ contract: lo, side: 'buy', ratio: 1 }], 5.1, 'debit'),
      [{ conId: 101, tradingClass: 'NVDA' }],
      'DU1',
    );
    expect(contract).toEqual({
      conId: 101,
      symbol: 'NVDA',
      secType: 'OPT',
      lastTradeDateOrContractMonth: '20261218',
      strike: 180,
      right: 'C',
      multiplier: 100,
      exchange: 'SMART',
      currency: 'USD',
      tradingClass: 'NVDA',
    });
    // A plain object: the expiry survives a JSON clone (the library's Option class loses it).
    expect(JSON.parse(JSON.stringify(contract))).toEqual(contract);
    expect(order).toMatchObject({
      action: 'BUY',
      orderType: 'LMT',
      lmtPrice: 5.1,
      totalQuantity: 2,
      tif: 'GTC',
      account: 'DU1',
      orderRef: 'wire-1',
      transmit: true,
    });
    expect(order.whatIf).toBeUndefined();
  });

  it('sells a single leg at a positive price', () => {
    const { order } = toIbOrder(
      intent([{ contract: lo, side: 'sell', ratio: 1 }], 2.35, 'credit'),
      [{ conId: 101 }],
      'DU1',
    );
    expect(order).toMatchObject({ action: 'SELL', lmtPrice: 2.35 });
  });

  it('sends a debit combo as a BAG BUY at a positive net price', () => {
    const legs: Leg[] = [
      { contract: lo, side: 'buy', ratio: 1 },
      { contract: hi, side: 'sell', ratio: 1 },
    ];
    const { contract, order } = toIbOrder(
      intent(legs, 1.75, 'debit'),
      [{ conId: 101 }, { conId: 102 }],
      'DU1',
    );
    expect(contract).toMatchObject({ symbol: 'NVDA', secType: 'BAG', exchange: 'SMART', currency: 'USD' });
    expect(contract.comboLegs).toEqual([
      { conId: 101, ratio: 1, action: 'BUY', exchange: 'SMART' },
      { conId: 102, ratio: 1, action: 'SELL', exchange: 'SMART' },
    ]);
    expect(order).toMatchObject({ action: 'BUY', lmtPrice: 1.75, transmit: true, orderRef: 'wire-1' });
  });

  it('sends a credit combo as a BAG BUY at a negative net price', () => {
    const legs: Leg[] = [
      { contract: lo, side: 'sell', ratio: 1 },
      { contract: hi, side: 'buy', ratio: 2 },
    ];
    const { contract, order } = toIbOrder(
      intent(legs, 0.4, 'credit'),
      [{ conId: 101 }, { conId: 102 }],
      'DU1',
    );
    expect(order.action).toBe('BUY');
    expect(order.lmtPrice).toBe(-0.4);
    expect(contract.comboLegs?.map((l) => [l.action, l.ratio])).toEqual([
      ['SELL', 1],
      ['BUY', 2],
    ]);
  });

  it('marks a what-if and leaves the price off a market order', () => {
    const { order } = toIbOrder(
      intent([{ contract: lo, side: 'buy', ratio: 1 }], null, 'debit'),
      [{ conId: 101 }],
      'DU1',
      true,
    );
    expect(order).toMatchObject({ orderType: 'MKT', whatIf: true });
    expect('lmtPrice' in order).toBe(false);
  });

  it('reads orders back: combos both ways, a SELL BAG reversed, singles', () => {
    const id = clientOrderId('back-1');
    const legOf = (conId: number) => CON.get(conId) ?? null;
    const bag = {
      symbol: 'NVDA',
      secType: 'BAG',
      comboLegs: [
        { conId: 101, ratio: 1, action: 'BUY' },
        { conId: 102, ratio: 1, action: 'SELL' },
      ],
    } as never;
    const credit = fromIbOrder(
      null,
      bag,
      { action: 'BUY', lmtPrice: -0.4, orderType: 'LMT', totalQuantity: 3, tif: 'DAY' } as never,
      legOf,
      id,
    )!;
    expect(credit).toMatchObject({
      quantity: 3,
      limitPrice: 0.4,
      priceEffect: 'credit',
      timeInForce: 'day',
      origin: 'reconcile',
    });
    expect(credit.legs.map((l) => l.side)).toEqual(['buy', 'sell']);
    const sold = fromIbOrder(
      null,
      bag,
      { action: 'SELL', lmtPrice: 1.2, orderType: 'LMT', totalQuantity: 1, tif: 'GTC' } as never,
      legOf,
      id,
    )!;
    expect(sold.legs.map((l) => l.side)).toEqual(['sell', 'buy']);
    expect(sold).toMatchObject({ limitPrice: 1.2, priceEffect: 'credit', timeInForce: 'gtc' });
    const single = fromIbOrder(
      stock('NVDA'),
      { secType: 'STK' } as never,
      { action: 'SELL', lmtPrice: 180.5, orderType: 'LMT', totalQuantity: 100 } as never,
      legOf,
      id,
    )!;
    expect(single).toMatchObject({ limitPrice: 180.5, priceEffect: 'credit', quantity: 100 });
    expect(
      fromIbOrder(
        null,
        { ...(bag as object), comboLegs: [{ conId: 999, ratio: 1, action: 'BUY' }] } as never,
        { action: 'BUY' } as never,
        legOf,
        id,
      ),
    ).toBeNull();
  });

  it('round-trips what it sends', () => {
    const legs: Leg[] = [
      { contract: lo, side: 'sell', ratio: 1 },
      { contract: hi, side: 'buy', ratio: 1 },
    ];
    const sent = intent(legs, 0.55, 'credit');
    const { contract, order } = toIbOrder(sent, [{ conId: 101 }, { conId: 102 }], 'DU1');
    const back = fromIbOrder(null, contract, order, (c) => CON.get(c) ?? null, sent.clientOrderId)!;
    expect([back.legs, back.quantity, back.limitPrice, back.priceEffect, back.timeInForce]).toEqual([
      sent.legs,
      2,
      0.55,
      'credit',
      'gtc',
    ]);
  });

  it('maps IB statuses, with fill progress deciding partial and full', () => {
    expect(fromIbStatus('PendingSubmit', 0, 5)).toBe('pending_submit');
    expect(fromIbStatus('ApiPending', 0, 5)).toBe('pending_submit');
    expect(fromIbStatus('PreSubmitted', 0, 5)).toBe('submitted');
    expect(fromIbStatus('Submitted', 0, 5)).toBe('working');
    expect(fromIbStatus('Submitted', 2, 5)).toBe('partially_filled');
    expect(fromIbStatus('Submitted', 5, 5)).toBe('filled');
    expect(fromIbStatus('PendingCancel', 0, 5)).toBe('cancel_pending');
    expect(fromIbStatus('Cancelled', 2, 5)).toBe('cancelled');
    expect(fromIbStatus('ApiCancelled', 0, 5)).toBe('cancelled');
    expect(fromIbStatus('Filled', 5, 5)).toBe('filled');
    expect(fromIbStatus('Inactive', 0, 5)).toBe('rejected');
    expect(fromIbStatus('Unknown', 0, 5)).toBeNull();
  });

  it('signs average prices like signedNetPrice', () => {
    expect(signedFillPrice('BUY', 1.25)).toBe(1.25);
    expect(signedFillPrice('SELL', 1.25)).toBe(-1.25);
    expect(signedFillPrice('BUY', -0.4)).toBe(-0.4);
  });
});
