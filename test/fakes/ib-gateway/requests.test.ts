/**
 * The fake's request parsers against what `@stoqey/ib`'s own encoder writes at server version
 * 193: each parser must consume the message exactly (the walker throws on leftovers or shortfalls).
 */
import { describe, expect, it } from 'vitest';
import { encodeRequest } from './oracle.js';
import * as R from './requests.js';

const opt = {
  conId: 5,
  symbol: 'NVDA',
  secType: 'OPT',
  lastTradeDateOrContractMonth: '20261204',
  strike: 180,
  right: 'C',
  multiplier: 100,
  exchange: 'SMART',
  currency: 'USD',
  tradingClass: 'NVDA',
};
const bag = {
  symbol: 'NVDA',
  secType: 'BAG',
  exchange: 'SMART',
  currency: 'USD',
  comboLegs: [
    { conId: 1, ratio: 1, action: 'BUY', exchange: 'SMART' },
    { conId: 2, ratio: 2, action: 'SELL', exchange: 'SMART' },
  ],
};

describe('fake gateway request parsers match the client encoder', () => {
  it('PLACE_ORDER: single, with transmit, orderRef and account', () => {
    const tokens = encodeRequest('placeOrder', 7, opt, {
      action: 'BUY',
      totalQuantity: 2,
      orderType: 'LMT',
      lmtPrice: 1.25,
      transmit: true,
      orderRef: 'x',
      account: 'DU1',
      tif: 'GTC',
    });
    expect(tokens).toHaveLength(118);
    expect(R.parsePlaceOrder(tokens)).toMatchObject({
      orderId: 7,
      action: 'BUY',
      totalQuantity: 2,
      orderType: 'LMT',
      lmtPrice: 1.25,
      transmit: '1',
      orderRef: 'x',
      account: 'DU1',
      tif: 'GTC',
      whatIf: false,
      comboLegs: [],
    });
  });

  it('PLACE_ORDER: what-if, and an order without transmit', () => {
    expect(
      R.parsePlaceOrder(
        encodeRequest('placeOrder', 8, opt, {
          action: 'SELL',
          totalQuantity: 1,
          orderType: 'LMT',
          lmtPrice: 2,
          transmit: true,
          whatIf: true,
        }),
      ).whatIf,
    ).toBe(true);
    expect(
      R.parsePlaceOrder(
        encodeRequest('placeOrder', 8, opt, {
          action: 'SELL',
          totalQuantity: 1,
          orderType: 'LMT',
          lmtPrice: 2,
        }),
      ).transmit,
    ).toBe('');
  });

  it('PLACE_ORDER: a BAG with legs and a negative net price, and the conditional sections', () => {
    const parsed = R.parsePlaceOrder(
      encodeRequest('placeOrder', 9, bag, {
        action: 'BUY',
        totalQuantity: 3,
        orderType: 'LMT',
        lmtPrice: -0.35,
        transmit: true,
        orderRef: 'y',
        whatIf: true,
        algoStrategy: 'Adaptive',
        algoParams: [{ tag: 'adaptivePriority', value: 'Normal' }],
        hedgeType: 'D',
        hedgeParam: '0.5',
        deltaNeutralOrderType: 'MKT',
        orderComboLegs: [{ price: 1 }, { price: 2 }],
        smartComboRoutingParams: [{ tag: 'NonGuaranteed', value: '1' }],
      }),
    );
    expect(parsed).toMatchObject({
      orderId: 9,
      lmtPrice: -0.35,
      totalQuantity: 3,
      whatIf: true,
      algoStrategy: 'Adaptive',
    });
    expect(parsed.comboLegs).toEqual([
      { conId: 1, ratio: 1, action: 'BUY', exchange: 'SMART' },
      { conId: 2, ratio: 2, action: 'SELL', exchange: 'SMART' },
    ]);
  });

  it('the other requests', () => {
    expect(R.parseMarketData(encodeRequest('reqMktData', 3, opt, '100,101', true, false))).toMatchObject({
      reqId: 3,
      genericTicks: '100,101',
      snapshot: true,
      contract: { conId: 5 },
    });
    expect(R.parseMarketData(encodeRequest('reqMktData', 4, bag, '', false, false))).toMatchObject({
      reqId: 4,
      snapshot: false,
    });
    expect(R.parseContractDetails(encodeRequest('reqContractDetails', 4, opt))).toMatchObject({
      reqId: 4,
      contract: { symbol: 'NVDA', strike: 180 },
    });
    expect(
      R.parseContractDetails(
        encodeRequest('reqContractDetails', 4, {
          symbol: 'NVDA',
          secType: 'OPT',
          lastTradeDateOrContractMonth: '20261204',
        }),
      ).contract.strike,
    ).toBeUndefined();
    expect(
      R.parseCancelOrder(
        encodeRequest('cancelOrder', 4, {
          manualOrderCancelTime: undefined,
          extOperator: '',
          manualOrderIndicator: undefined,
        }),
      ),
    ).toEqual({ orderId: 4 });
    expect(R.parseExecutions(encodeRequest('reqExecutions', 5, { clientId: '0' }))).toEqual({
      reqId: 5,
      clientId: 0,
      account: '',
      time: '',
      symbol: '',
      secType: '',
      exchange: '',
      side: '',
    });
    expect(
      R.parseExecutions(
        encodeRequest('reqExecutions', 8, {
          clientId: '999',
          acctCode: 'DU1234567',
          time: '20260310-15:00:00',
          symbol: 'NVDA',
          secType: 'OPT',
          exchange: 'CBOE',
          side: 'SELL',
        }),
      ),
    ).toEqual({
      reqId: 8,
      clientId: 999,
      account: 'DU1234567',
      time: '20260310-15:00:00',
      symbol: 'NVDA',
      secType: 'OPT',
      exchange: 'CBOE',
      side: 'SELL',
    });
    expect(R.parseSecDefOptParams(encodeRequest('reqSecDefOptParams', 6, 'NVDA', '', 'STK', 123))).toEqual({
      reqId: 6,
      symbol: 'NVDA',
      futFopExchange: '',
      secType: 'STK',
      conId: 123,
    });
    expect(
      R.parseAccountSummary(encodeRequest('reqAccountSummary', 7, 'All', 'NetLiquidation,$LEDGER:USD')),
    ).toEqual({ reqId: 7, group: 'All', tags: ['NetLiquidation', '$LEDGER:USD'] });
    expect(R.parseVersionAndInt(encodeRequest('reqMarketDataType', 3))).toBe(3);
    expect(
      R.parseHistoricalData(
        encodeRequest(
          'reqHistoricalData',
          9,
          { symbol: 'NVDA', secType: 'STK', exchange: 'SMART', currency: 'USD' },
          '',
          '30 D',
          '1 day',
          'OPTION_IMPLIED_VOLATILITY',
          1,
          1,
          false,
        ),
      ),
    ).toMatchObject({
      reqId: 9,
      duration: '30 D',
      barSize: '1 day',
      whatToShow: 'OPTION_IMPLIED_VOLATILITY',
      contract: { symbol: 'NVDA', secType: 'STK' },
    });
    expect(encodeRequest('reqGlobalCancel', { extOperator: '', manualOrderIndicator: undefined })).toEqual([
      '58',
      '',
      '2147483647',
    ]);
  });

  it('reports a message with fields left over or missing', () => {
    const tokens = encodeRequest('placeOrder', 7, opt, {
      action: 'BUY',
      totalQuantity: 2,
      orderType: 'LMT',
      lmtPrice: 1.25,
      transmit: true,
    });
    expect(() => R.parsePlaceOrder([...tokens, 'extra'])).toThrow(R.ProtocolError);
    expect(() => R.parsePlaceOrder(tokens.slice(0, 60))).toThrow(R.ProtocolError);
  });
});
