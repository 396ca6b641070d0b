/**
 * Server → client messages at server version 193, field for field as `@stoqey/ib` 1.6.10's
 * `Decoder` reads them (see `shared/protocols/ib-gateway.md` §1.5). `messages.test.ts` feeds
 * every builder to the real decoder and fails on any 505.
 */
import type { Field } from './wire.js';

/** Incoming message ids (the client's `IN_MSG_ID`). */
export const IN = {
  TICK_PRICE: 1,
  TICK_SIZE: 2,
  ORDER_STATUS: 3,
  ERR_MSG: 4,
  OPEN_ORDER: 5,
  NEXT_VALID_ID: 9,
  HISTORICAL_DATA: 17,
  CONTRACT_DATA: 10,
  EXECUTION_DATA: 11,
  MANAGED_ACCTS: 15,
  TICK_OPTION_COMPUTATION: 21,
  CURRENT_TIME: 49,
  CONTRACT_DATA_END: 52,
  OPEN_ORDER_END: 53,
  EXECUTION_DATA_END: 55,
  TICK_SNAPSHOT_END: 57,
  MARKET_DATA_TYPE: 58,
  COMMISSION_REPORT: 59,
  POSITION: 61,
  POSITION_END: 62,
  ACCOUNT_SUMMARY: 63,
  ACCOUNT_SUMMARY_END: 64,
  SECURITY_DEFINITION_OPTION_PARAMETER: 75,
  SECURITY_DEFINITION_OPTION_PARAMETER_END: 76,
  TICK_REQ_PARAMS: 81,
} as const;

/** A contract as it travels on the wire. `right` is `C`, `P` or empty. */
export interface WireContract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: 'STK' | 'OPT' | 'BAG';
  /** `YYYYMMDD`, empty for stock and combos. */
  readonly lastTradeDateOrContractMonth: string;
  readonly strike: number;
  readonly right: 'C' | 'P' | '';
  /** Empty for stock. */
  readonly multiplier: string;
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
}

export interface WireComboLeg {
  readonly conId: number;
  readonly ratio: number;
  readonly action: 'BUY' | 'SELL';
  readonly exchange: string;
}

/** What the fake holds of an order, as OPEN_ORDER and ORDER_STATUS report it. */
export interface WireOrderView {
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly contract: WireContract;
  readonly comboLegs: readonly WireComboLeg[];
  readonly action: 'BUY' | 'SELL';
  readonly totalQuantity: number;
  readonly orderType: string;
  readonly lmtPrice: number | undefined;
  readonly tif: string;
  readonly account: string;
  readonly orderRef: string;
  readonly status: string;
  readonly filled: number;
  readonly avgFillPrice: number;
  readonly lastFillPrice: number;
}

export interface WhatIfFigures {
  readonly initMarginBefore: number;
  readonly maintMarginBefore: number;
  readonly equityWithLoanBefore: number;
  readonly initMarginChange: number;
  readonly maintMarginChange: number;
  readonly equityWithLoanChange: number;
  readonly initMarginAfter: number;
  readonly maintMarginAfter: number;
  readonly equityWithLoanAfter: number;
  readonly commission: number;
}

export type Message = readonly Field[];

export const nextValidId = (orderId: number): Message => [IN.NEXT_VALID_ID, 1, orderId];
export const managedAccounts = (accounts: readonly string[]): Message => [
  IN.MANAGED_ACCTS,
  1,
  accounts.join(','),
];
export const currentTime = (epochSeconds: number): Message => [IN.CURRENT_TIME, 1, epochSeconds];

/** An error or notice; `id` -1 reaches the client as `info`, anything else as `error`. */
export const errorMessage = (id: number, code: number, text: string): Message => [
  IN.ERR_MSG,
  2,
  id,
  code,
  text,
  '',
];

export function orderStatus(o: WireOrderView): Message {
  return [
    IN.ORDER_STATUS,
    o.orderId,
    o.status,
    o.filled,
    o.totalQuantity - o.filled,
    o.avgFillPrice,
    o.permId,
    0,
    o.lastFillPrice,
    o.clientId,
    '',
    0,
  ];
}

function contractFields(c: WireContract): Field[] {
  return [
    c.conId,
    c.symbol,
    c.secType,
    c.lastTradeDateOrContractMonth,
    c.strike,
    c.right,
    c.multiplier,
    c.exchange,
    c.currency,
    c.localSymbol,
    c.tradingClass,
  ];
}

const blank = (n: number): Field[] => Array.from({ length: n }, () => '');

/** OPEN_ORDER: 133 fields for a plain order, 8 more per combo leg; `whatIf` fills the margin block. */
export function openOrder(o: WireOrderView, whatIf?: WhatIfFigures): Message {
  const legs: Field[] = [o.comboLegs.length];
  for (const leg of o.comboLegs) legs.push(leg.conId, leg.ratio, leg.action, leg.exchange, 0, 0, '', -1);
  const w = whatIf;
  const margin: Field[] = w
    ? [
        ...[w.initMarginBefore, w.maintMarginBefore, w.equityWithLoanBefore],
        ...[w.initMarginChange, w.maintMarginChange, w.equityWithLoanChange],
        ...[w.initMarginAfter, w.maintMarginAfter, w.equityWithLoanAfter],
        ...[w.commission, w.commission, w.commission, 'USD', ''],
      ]
    : blank(14);
  return [
    IN.OPEN_ORDER,
    o.orderId, // 1
    ...contractFields(o.contract), // 2-12
    ...[o.action, o.totalQuantity, o.orderType, o.lmtPrice, '', o.tif, ''], // 13-19: action … ocaGroup
    ...[o.account, 'O', 0, o.orderRef, o.clientId, o.permId], // 20-25: account … permId
    ...[0, 0, '', ''], // 26-29: outsideRth, hidden, discretionaryAmt, goodAfterTime
    ...blank(5), // 30-34: sharesAllocation, faGroup, faMethod, faPercentage, modelCode
    ...blank(4), // 35-38: goodTillDate, rule80A, percentOffset, settlingFirm
    ...[0, '', -1, 0], // 39-42: shortSaleSlot, designatedLocation, exemptCode, auctionStrategy
    ...blank(5), // 43-47: startingPrice, stockRefPrice, delta, stockRangeLower/Upper
    ...['', 0, 0, 0, '', 0, 0, 0, ''], // 48-56: displaySize … nbboPriceCap
    ...[0, 0, '', 0, '', ''], // 57-62: parentId, triggerMethod, volatility, volatilityType, deltaNeutral…
    ...[0, 0, '', '', '', ''], // 63-68: continuousUpdate … basisPointsType
    o.comboLegs.length > 0 ? o.comboLegs.map((l) => `${l.conId}|${l.ratio}`).join(',') : '', // 69
    ...legs, // 70
    0, // 71: orderComboLegs
    0, // 72: smartComboRoutingParams
    ...blank(4), // 73-76: scale fields, hedgeType
    ...[0, '', '', 0, 0, ''], // 77-82: optOutSmartRouting … algoStrategy
    0, // 83: solicited
    whatIf ? 1 : 0, // 84
    o.status, // 85
    ...margin, // 86-99
    ...[0, 0, 0], // 100-102: randomizeSize, randomizePrice, nConditions
    ...blank(7), // 103-109: adjusted order fields
    0, // 110: adjustableTrailingUnit
    ...blank(4), // 111-114: softDollarTier, cashQty
    ...[0, 0, 0, 0], // 115-118
    ...['', '', 0], // 119-121: duration, postToAts, autoCancelParent
    ...blank(5), // 122-126: minTradeQty … midOffsetAtHalf
    ...['', 0, '', 0], // 127-130: customerAccount … includeOvernight
    ...['', ''], // 131-132: extOperator, manualOrderIndicator
  ];
}

export const openOrderEnd = (): Message => [53, 1];

export interface WireExecution {
  readonly execId: string;
  /** `YYYYMMDD HH:mm:ss US/Eastern`, as TWS prints it. */
  readonly time: string;
  readonly account: string;
  readonly side: 'BOT' | 'SLD';
  readonly shares: number;
  readonly price: number;
  readonly permId: number;
  readonly clientId: number;
  readonly cumQty: number;
  readonly avgPrice: number;
  readonly orderRef: string;
}

/** Where the fake's executions take place: options on CBOE, the rest on ISLAND. */
export function executionVenue(c: WireContract): string {
  return c.secType === 'OPT' ? 'CBOE' : 'ISLAND';
}

/** EXECUTION_DATA, 32 fields; `reqId` -1 for a live fill, the request's id for `reqExecutions`. */
export function execution(reqId: number, orderId: number, c: WireContract, e: WireExecution): Message {
  return [
    IN.EXECUTION_DATA,
    reqId,
    orderId,
    ...contractFields(c),
    e.execId,
    e.time,
    e.account,
    executionVenue(c),
    e.side,
    e.shares,
    e.price,
    e.permId,
    e.clientId,
    0,
    e.cumQty,
    e.avgPrice,
    e.orderRef,
    '',
    '',
    '',
    2,
    0,
  ];
}

export const executionEnd = (reqId: number): Message => [IN.EXECUTION_DATA_END, 1, reqId];

/** Commission of one execution; `realizedPnl` null for an opening trade (sent as Double.MAX). */
export function commissionReport(execId: string, commission: number, realizedPnl: number | null): Message {
  const max = '1.7976931348623157E308';
  return [IN.COMMISSION_REPORT, 1, execId, commission, 'USD', realizedPnl ?? max, max, ''];
}

/** POSITION; `avgCost` is per contract, multiplier included, as IB reports it. */
export function position(account: string, c: WireContract, quantity: number, avgCost: number): Message {
  return [
    IN.POSITION,
    3,
    account,
    c.conId,
    c.symbol,
    c.secType,
    c.lastTradeDateOrContractMonth,
    c.strike,
    c.right,
    c.multiplier,
    c.exchange,
    c.currency,
    c.localSymbol,
    c.tradingClass,
    quantity,
    avgCost,
  ];
}

export const positionEnd = (): Message => [IN.POSITION_END, 1];

export const accountSummary = (
  reqId: number,
  account: string,
  tag: string,
  value: string,
  currency: string,
): Message => [IN.ACCOUNT_SUMMARY, 1, reqId, account, tag, value, currency];
export const accountSummaryEnd = (reqId: number): Message => [IN.ACCOUNT_SUMMARY_END, 1, reqId];

/** TICK_PRICE (version 3); the client also emits a size tick for ask/last (never for bid). */
export const tickPrice = (tickerId: number, tickType: number, price: number, size: number): Message => [
  IN.TICK_PRICE,
  3,
  tickerId,
  tickType,
  price,
  size,
  0,
];
export const tickSize = (tickerId: number, tickType: number, size: number): Message => [
  IN.TICK_SIZE,
  1,
  tickerId,
  tickType,
  size,
];

export interface OptionComputation {
  readonly impliedVol: number | null;
  readonly delta: number | null;
  readonly optPrice: number | null;
  readonly gamma: number | null;
  readonly vega: number | null;
  readonly theta: number | null;
  readonly undPrice: number | null;
}

/** TICK_OPTION_COMPUTATION (no version field at sv ≥ 156); nulls become IB's "not computed". */
export function tickOptionComputation(tickerId: number, tickType: number, g: OptionComputation): Message {
  return [
    IN.TICK_OPTION_COMPUTATION,
    tickerId,
    tickType,
    1,
    g.impliedVol ?? -1,
    g.delta ?? -2,
    g.optPrice ?? -1,
    -1,
    g.gamma ?? -2,
    g.vega ?? -2,
    g.theta ?? -2,
    g.undPrice ?? -1,
  ];
}

export const tickSnapshotEnd = (reqId: number): Message => [IN.TICK_SNAPSHOT_END, 1, reqId];
export const marketDataType = (reqId: number, type: number): Message => [IN.MARKET_DATA_TYPE, 1, reqId, type];
export const tickReqParams = (tickerId: number): Message => [IN.TICK_REQ_PARAMS, tickerId, 0.01, 'SMART', 3];

export interface WireContractDetails {
  readonly contract: WireContract;
  readonly minTick: number;
  readonly underConId: number;
  readonly longName: string;
  readonly timeZoneId: string;
  readonly tradingHours: string;
  readonly liquidHours: string;
}

/** CONTRACT_DATA, 42 fields (no secId list, no ineligibility reasons). */
export function contractData(reqId: number, d: WireContractDetails): Message {
  const c = d.contract;
  const isOption = c.secType === 'OPT';
  return [
    IN.CONTRACT_DATA,
    reqId,
    c.symbol,
    c.secType,
    c.lastTradeDateOrContractMonth,
    c.lastTradeDateOrContractMonth,
    c.strike,
    c.right,
    c.exchange,
    c.currency,
    c.localSymbol,
    c.tradingClass,
    c.tradingClass,
    c.conId,
    d.minTick,
    c.multiplier,
    'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,COND,DAY,GTC,IOC,LMT,MKT,WHATIF',
    'SMART,CBOE,ISE,ARCA,NASDAQ',
    1,
    d.underConId,
    d.longName,
    c.primaryExch,
    isOption ? c.lastTradeDateOrContractMonth.slice(0, 6) : '',
    '',
    '',
    '',
    d.timeZoneId,
    d.tradingHours,
    d.liquidHours,
    '',
    '',
    0,
    0,
    isOption ? c.symbol : '',
    isOption ? 'STK' : '',
    '26',
    isOption ? c.lastTradeDateOrContractMonth : '',
    isOption ? '' : 'COMMON',
    1,
    1,
    1,
    0,
  ];
}

export const contractDataEnd = (reqId: number): Message => [IN.CONTRACT_DATA_END, 1, reqId];

export function secDefOptParams(
  reqId: number,
  exchange: string,
  underlyingConId: number,
  tradingClass: string,
  expirations: readonly string[],
  strikes: readonly number[],
): Message {
  return [
    IN.SECURITY_DEFINITION_OPTION_PARAMETER,
    reqId,
    exchange,
    underlyingConId,
    tradingClass,
    '100',
    expirations.length,
    ...expirations,
    strikes.length,
    ...strikes,
  ];
}

/** One daily bar of HISTORICAL_DATA: `date` as `YYYYMMDD`. */
export interface WireBar {
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** HISTORICAL_DATA (no version field at sv ≥ 124): reqId, start, end, count, then 8 fields per bar. */
export function historicalData(reqId: number, start: string, end: string, bars: readonly WireBar[]): Message {
  const fields: Field[] = [IN.HISTORICAL_DATA, reqId, start, end, bars.length];
  for (const b of bars) fields.push(b.date, b.open, b.high, b.low, b.close, -1, -1, 0);
  return fields;
}

export const secDefOptParamsEnd = (reqId: number): Message => [
  IN.SECURITY_DEFINITION_OPTION_PARAMETER_END,
  reqId,
];
