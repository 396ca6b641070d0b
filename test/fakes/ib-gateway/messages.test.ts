/**
 * Every message the fake builds, fed to `@stoqey/ib`'s own decoder at server version 193: no
 * decode error (505), and the fields land where the client reads them.
 */
import { describe, expect, it } from 'vitest';
import * as M from './messages.js';
import { decodeMessages, type DecodeResult } from './oracle.js';

const opt: M.WireContract = {
  conId: 686040617,
  symbol: 'NVDA',
  secType: 'OPT',
  lastTradeDateOrContractMonth: '20261204',
  strike: 180,
  right: 'C',
  multiplier: '100',
  exchange: 'SMART',
  primaryExch: '',
  currency: 'USD',
  localSymbol: 'NVDA  261204C00180000',
  tradingClass: 'NVDA',
};
const order: M.WireOrderView = {
  orderId: 7,
  clientId: 3,
  permId: 500000001,
  contract: opt,
  comboLegs: [],
  action: 'BUY',
  totalQuantity: 2,
  orderType: 'LMT',
  lmtPrice: 1.25,
  tif: 'DAY',
  account: 'DU1234567',
  orderRef: 'c-1',
  status: 'Submitted',
  filled: 1,
  avgFillPrice: 1.2,
  lastFillPrice: 1.2,
};

/** Decodes; fails on a decode error (505) or an unknown message. */
function clean(messages: M.Message[]): DecodeResult {
  const r = decodeMessages(messages);
  expect(r.errors.filter((e) => e.code === 505 || e.code === 506)).toEqual([]);
  return r;
}

function args(r: DecodeResult, name: string): readonly unknown[] {
  const e = r.events.find((x) => x.name === name);
  if (!e) throw new Error(`no ${name} event (got ${r.events.map((x) => x.name).join(', ')})`);
  return e.args;
}

describe('fake gateway messages decode cleanly at server version 193', () => {
  it('handshake follow-ups, errors and notices', () => {
    const r = clean([
      M.nextValidId(42),
      M.managedAccounts(['DU1', 'DU2']),
      M.currentTime(1_700_000_000),
      M.errorMessage(7, 201, 'Order rejected'),
    ]);
    expect(args(r, 'nextValidId')).toEqual([42]);
    expect(args(r, 'managedAccounts')).toEqual(['DU1,DU2']);
    expect(args(r, 'currentTime')).toEqual([1_700_000_000]);
    expect(r.errors).toEqual([{ code: 201, message: 'Order rejected', reqId: 7 }]);
    const notice = decodeMessages([M.errorMessage(-1, 2104, 'Market data farm connection is OK:usfarm')]);
    expect(notice.infos).toEqual([{ code: 2104, message: 'Market data farm connection is OK:usfarm' }]);
  });

  it('OPEN_ORDER (133 fields), single and BAG, plain and what-if; ORDER_STATUS', () => {
    expect(M.openOrder(order)).toHaveLength(133);
    const single = clean([M.openOrder(order), M.orderStatus(order), M.openOrderEnd()]);
    const [id, contract, o, state] = args(single, 'openOrder') as [
      number,
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(id).toBe(7);
    expect(contract).toMatchObject({
      conId: 686040617,
      secType: 'OPT',
      lastTradeDateOrContractMonth: '20261204',
      strike: 180,
      right: 'C',
      multiplier: 100,
      tradingClass: 'NVDA',
    });
    expect(o).toMatchObject({
      action: 'BUY',
      totalQuantity: 2,
      orderType: 'LMT',
      lmtPrice: 1.25,
      tif: 'DAY',
      account: 'DU1234567',
      orderRef: 'c-1',
      clientId: 3,
      permId: 500000001,
      whatIf: false,
    });
    expect(state).toMatchObject({ status: 'Submitted' });
    expect(args(single, 'orderStatus')).toEqual([7, 'Submitted', 1, 1, 1.2, 500000001, 0, 1.2, 3, '', 0]);
    const bag = {
      ...order,
      contract: { ...opt, secType: 'BAG' as const, conId: 28812380 },
      comboLegs: [
        { conId: 1, ratio: 1, action: 'BUY' as const, exchange: 'SMART' },
        { conId: 2, ratio: 2, action: 'SELL' as const, exchange: 'SMART' },
      ],
      lmtPrice: -0.35,
    };
    const whatIf = {
      initMarginBefore: 1,
      maintMarginBefore: 2,
      equityWithLoanBefore: 3,
      initMarginChange: 4,
      maintMarginChange: 5,
      equityWithLoanChange: 6,
      initMarginAfter: 7,
      maintMarginAfter: 8,
      equityWithLoanAfter: 9,
      commission: 1.3,
    };
    const b = clean([M.openOrder(bag, whatIf)]);
    const [, bc, bo, bs] = args(b, 'openOrder') as [
      number,
      { comboLegs: unknown[] },
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(bc.comboLegs).toHaveLength(2);
    expect(bo).toMatchObject({ lmtPrice: -0.35, whatIf: true });
    expect(bs).toMatchObject({
      initMarginChange: 4,
      maintMarginChange: 5,
      equityWithLoanAfter: 9,
      initMarginAfter: 7,
      commission: 1.3,
      commissionCurrency: 'USD',
    });
  });

  it('executions, commission reports and positions', () => {
    const ex: M.WireExecution = {
      execId: '0000e0d5.00000001.01.01',
      time: '20260310 11:15:30 US/Eastern',
      account: 'DU1',
      side: 'BOT',
      shares: 2,
      price: 1.2,
      permId: 9,
      clientId: 3,
      cumQty: 2,
      avgPrice: 1.2,
      orderRef: 'c-1',
    };
    const r = clean([
      M.execution(-1, 7, opt, ex),
      M.executionEnd(5),
      M.commissionReport(ex.execId, 1.3, null),
      M.position('DU1', opt, -3, 512.34),
      M.positionEnd(),
    ]);
    const [reqId, c, e] = args(r, 'execDetails') as [
      number,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(reqId).toBe(-1);
    expect(c).toMatchObject({ conId: 686040617, secType: 'OPT' });
    expect(e).toMatchObject({
      orderId: 7,
      execId: ex.execId,
      side: 'BOT',
      shares: 2,
      price: 1.2,
      orderRef: 'c-1',
      clientId: 3,
      permId: 9,
      time: ex.time,
    });
    expect(args(r, 'commissionReport')[0]).toMatchObject({
      execId: ex.execId,
      commission: 1.3,
      currency: 'USD',
      realizedPNL: undefined,
    });
    expect(args(r, 'position')).toEqual(['DU1', expect.objectContaining({ conId: 686040617 }), -3, 512.34]);
  });

  it('account summary, market data ticks, Greeks and snapshots', () => {
    const r = clean([
      M.accountSummary(4, 'DU1', 'NetLiquidation', '100000.00', 'USD'),
      M.accountSummaryEnd(4),
      M.marketDataType(8, 3),
      M.tickReqParams(8),
      M.tickPrice(8, 66, 1.1, 10),
      M.tickSize(8, 69, 10),
      M.tickOptionComputation(8, 83, {
        impliedVol: 0.5,
        delta: 0.4,
        optPrice: 1.15,
        gamma: 0.02,
        vega: 0.1,
        theta: -0.05,
        undPrice: 180,
      }),
      M.tickOptionComputation(9, 13, {
        impliedVol: null,
        delta: null,
        optPrice: null,
        gamma: null,
        vega: null,
        theta: null,
        undPrice: null,
      }),
      M.tickSnapshotEnd(8),
    ]);
    expect(args(r, 'accountSummary')).toEqual([4, 'DU1', 'NetLiquidation', '100000.00', 'USD']);
    expect(args(r, 'marketDataType')).toEqual([8, 3]);
    expect(args(r, 'tickPrice')).toEqual([8, 66, 1.1, false]);
    const comps = r.events.filter((e) => e.name === 'tickOptionComputation').map((e) => e.args);
    expect(comps[0]).toEqual([8, 83, 1, 0.5, 0.4, 1.15, undefined, 0.02, 0.1, -0.05, 180]);
    expect(comps[1]!.slice(3)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(args(r, 'tickSnapshotEnd')).toEqual([8]);
  });

  it('historical data (daily implied volatility)', () => {
    const r = clean([
      M.historicalData(6, '20260301 09:30:00', '20260302 16:00:00', [
        { date: '20260301', open: 0.5, high: 0.5, low: 0.5, close: 0.5 },
        { date: '20260302', open: 0.52, high: 0.52, low: 0.52, close: 0.52 },
      ]),
    ]);
    const bars = r.events.filter((e) => e.name === 'historicalData').map((e) => [e.args[1], e.args[5]]);
    expect(bars).toEqual([
      ['20260301', 0.5],
      ['20260302', 0.52],
      ['finished-20260301 09:30:00-20260302 16:00:00', -1],
    ]);
  });

  it('contract details and option parameters', () => {
    const details: M.WireContractDetails = {
      contract: opt,
      minTick: 0.01,
      underConId: 123,
      longName: 'NVDA',
      timeZoneId: 'US/Eastern',
      tradingHours: '20260310:0400-20260310:2000',
      liquidHours: '20260310:0930-20260310:1600',
    };
    const r = clean([
      M.contractData(3, details),
      M.contractDataEnd(3),
      M.secDefOptParams(4, 'SMART', 123, 'NVDA', ['20261204', '20261218'], [175, 177.5, 180]),
      M.secDefOptParamsEnd(4),
    ]);
    const [reqId, d] = args(r, 'contractDetails') as [
      number,
      { contract: Record<string, unknown>; liquidHours: string; timeZoneId: string },
    ];
    expect(reqId).toBe(3);
    expect(d.contract).toMatchObject({
      conId: 686040617,
      symbol: 'NVDA',
      secType: 'OPT',
      lastTradeDateOrContractMonth: '20261204',
      strike: 180,
      right: 'C',
      multiplier: 100,
      tradingClass: 'NVDA',
    });
    expect([d.liquidHours, d.timeZoneId]).toEqual(['20260310:0930-20260310:1600', 'US/Eastern']);
    expect(args(r, 'securityDefinitionOptionParameter')).toEqual([
      4,
      'SMART',
      123,
      'NVDA',
      100,
      ['20261204', '20261218'],
      [175, 177.5, 180],
    ]);
  });
});
