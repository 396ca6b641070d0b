/**
 * Client → server requests at server version 193, parsed field for field as `@stoqey/ib`
 * 1.6.10's `Encoder` writes them (`shared/protocols/ib-gateway.md` §1.6). PLACE_ORDER is walked
 * section by section, conditional sections included, so `whatIf` and the tail are found wherever
 * they fall; anything left over is a protocol error the fake reports.
 */

/** Outgoing message ids (the client's `OUT_MSG_ID`). */
export const OUT = {
  REQ_MKT_DATA: 1,
  CANCEL_MKT_DATA: 2,
  PLACE_ORDER: 3,
  CANCEL_ORDER: 4,
  REQ_OPEN_ORDERS: 5,
  REQ_EXECUTIONS: 7,
  REQ_IDS: 8,
  REQ_CONTRACT_DATA: 9,
  REQ_HISTORICAL_DATA: 20,
  REQ_ALL_OPEN_ORDERS: 16,
  REQ_MANAGED_ACCTS: 17,
  REQ_CURRENT_TIME: 49,
  REQ_GLOBAL_CANCEL: 58,
  REQ_MARKET_DATA_TYPE: 59,
  REQ_POSITIONS: 61,
  REQ_ACCOUNT_SUMMARY: 62,
  CANCEL_ACCOUNT_SUMMARY: 63,
  CANCEL_POSITIONS: 64,
  START_API: 71,
  REQ_SEC_DEF_OPT_PARAMS: 78,
} as const;

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** Reads fields in order; every read past the end is a protocol error. */
export class FieldCursor {
  private index = 1;
  constructor(private readonly fields: readonly string[]) {}

  str(): string {
    if (this.index >= this.fields.length) {
      throw new ProtocolError(`message ${this.fields[0]}: ran out of fields at index ${this.index}`);
    }
    return this.fields[this.index++]!;
  }
  int(): number {
    const s = this.str();
    return s === '' ? 0 : Number.parseInt(s, 10);
  }
  /** A number, or undefined for an empty field. */
  num(): number | undefined {
    const s = this.str();
    return s === '' ? undefined : Number(s);
  }
  bool(): boolean {
    const s = this.str();
    return s !== '' && s !== '0';
  }
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.str();
  }
  get position(): number {
    return this.index;
  }
  /** Fails when fields are left unread. */
  end(what: string): void {
    if (this.index !== this.fields.length) {
      throw new ProtocolError(
        `${what}: ${this.fields.length - this.index} field(s) left unread at index ${this.index}`,
      );
    }
  }
}

/** A contract as a request carries it. */
export interface RequestContract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly lastTradeDateOrContractMonth: string;
  readonly strike: number | undefined;
  readonly right: string;
  readonly multiplier: string;
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
}

export interface RequestComboLeg {
  readonly conId: number;
  readonly ratio: number;
  readonly action: string;
  readonly exchange: string;
}

export interface PlaceOrderRequest {
  readonly orderId: number;
  readonly contract: RequestContract;
  readonly comboLegs: readonly RequestComboLeg[];
  readonly action: string;
  readonly totalQuantity: number | undefined;
  readonly orderType: string;
  readonly lmtPrice: number | undefined;
  readonly auxPrice: number | undefined;
  readonly tif: string;
  readonly account: string;
  readonly orderRef: string;
  /** `''` when the client left it unset: such an order would never be transmitted. */
  readonly transmit: string;
  readonly parentId: number;
  readonly whatIf: boolean;
  readonly conditions: number;
  readonly algoStrategy: string;
}

function readContract(c: FieldCursor, withPrimary: boolean): RequestContract {
  const conId = c.int();
  const symbol = c.str();
  const secType = c.str();
  const lastTradeDateOrContractMonth = c.str();
  const strike = c.num();
  const right = c.str();
  const multiplier = c.str();
  const exchange = c.str();
  const primaryExch = withPrimary ? c.str() : '';
  const currency = c.str();
  const localSymbol = c.str();
  const tradingClass = c.str();
  return {
    conId,
    symbol,
    secType,
    lastTradeDateOrContractMonth,
    strike,
    right,
    multiplier,
    exchange,
    primaryExch,
    currency,
    localSymbol,
    tradingClass,
  };
}

/** PLACE_ORDER (no version field at sv ≥ 145). */
export function parsePlaceOrder(fields: readonly string[]): PlaceOrderRequest {
  const c = new FieldCursor(fields);
  const orderId = c.int();
  const contract = readContract(c, true);
  c.skip(2); // secIdType, secId
  const action = c.str();
  const totalQuantity = c.num();
  const orderType = c.str();
  const lmtPrice = c.num();
  const auxPrice = c.num();
  const tif = c.str();
  c.str(); // ocaGroup
  const account = c.str();
  c.skip(2); // openClose, origin
  const orderRef = c.str();
  const transmit = c.str();
  const parentId = c.int();
  c.skip(5); // blockOrder, sweepToFill, displaySize, triggerMethod, outsideRth
  c.str(); // hidden
  const comboLegs: RequestComboLeg[] = [];
  if (contract.secType === 'BAG') {
    const n = c.int();
    for (let i = 0; i < n; i++) {
      const conId = c.int();
      const ratio = c.int();
      const legAction = c.str();
      const exchange = c.str();
      c.skip(4); // openClose, shortSaleSlot, designatedLocation, exemptCode
      comboLegs.push({ conId, ratio, action: legAction, exchange });
    }
    c.skip(c.int()); // orderComboLegs prices
    c.skip(2 * c.int()); // smartComboRoutingParams
  }
  c.str(); // sharesAllocation
  c.skip(3); // discretionaryAmt, goodAfterTime, goodTillDate
  c.skip(3); // faGroup, faMethod, faPercentage
  c.str(); // modelCode
  c.skip(3); // shortSaleSlot, designatedLocation, exemptCode
  c.skip(15); // ocaType … stockRangeUpper
  c.str(); // overridePercentageConstraints
  c.skip(2); // volatility, volatilityType
  const deltaNeutralOrderType = c.str();
  c.str(); // deltaNeutralAuxPrice
  if (deltaNeutralOrderType !== '') c.skip(8);
  c.skip(2); // continuousUpdate, referencePriceType
  c.skip(2); // trailStopPrice, trailingPercent
  c.skip(2); // scaleInitLevelSize, scaleSubsLevelSize
  const scalePriceIncrement = c.str();
  if (scalePriceIncrement !== '') c.skip(7);
  c.skip(3); // scaleTable, activeStartTime, activeStopTime
  const hedgeType = c.str();
  if (hedgeType !== '') c.str();
  c.str(); // optOutSmartRouting
  c.skip(2); // clearingAccount, clearingIntent
  c.str(); // notHeld
  if (c.bool()) c.skip(3); // deltaNeutralContract
  const algoStrategy = c.str();
  if (algoStrategy !== '') c.skip(2 * c.int());
  c.str(); // algoId
  const whatIf = c.bool();
  c.str(); // orderMiscOptions
  c.str(); // solicited
  c.skip(2); // randomizeSize, randomizePrice
  if (orderType === 'PEG BENCH') c.skip(5);
  const conditions = c.int();
  if (conditions > 0) throw new ProtocolError('PLACE_ORDER: order conditions are not supported by the fake');
  c.skip(7); // adjusted order fields
  c.str(); // extOperator
  c.skip(2); // softDollarTier
  c.str(); // cashQty
  c.skip(4); // mifid2
  c.skip(4); // dontUseAutoPriceForHedge, isOmsContainer, discretionaryUpToLimitPrice, usePriceMgmtAlgo
  c.skip(3); // duration, postToAts, autoCancelParent
  c.skip(2); // advancedErrorOverride, manualOrderTime
  if (contract.exchange === 'IBKRATS') c.str();
  if (orderType === 'PEG BEST') throw new ProtocolError('PLACE_ORDER: PEG BEST is not supported by the fake');
  if (orderType === 'PEG MID') c.skip(2);
  c.skip(2); // customerAccount, professionalCustomer
  c.str(); // includeOvernight
  c.str(); // manualOrderIndicator
  c.end('PLACE_ORDER');
  return {
    orderId,
    contract,
    comboLegs,
    action,
    totalQuantity,
    orderType,
    lmtPrice,
    auxPrice,
    tif,
    account,
    orderRef,
    transmit,
    parentId,
    whatIf,
    conditions,
    algoStrategy,
  };
}

export interface ContractDetailsRequest {
  readonly reqId: number;
  readonly contract: RequestContract;
}

/** REQ_CONTRACT_DATA: version, reqId, contract (with primaryExch), includeExpired, secIdType, secId, issuerId. */
export function parseContractDetails(fields: readonly string[]): ContractDetailsRequest {
  const c = new FieldCursor(fields);
  c.str(); // version
  const reqId = c.int();
  const contract = readContract(c, true);
  c.skip(4);
  c.end('REQ_CONTRACT_DATA');
  return { reqId, contract };
}

export interface MarketDataRequest {
  readonly reqId: number;
  readonly contract: RequestContract;
  readonly genericTicks: string;
  readonly snapshot: boolean;
}

/** REQ_MKT_DATA (version 11). */
export function parseMarketData(fields: readonly string[]): MarketDataRequest {
  const c = new FieldCursor(fields);
  c.str(); // version
  const reqId = c.int();
  const contract = readContract(c, true);
  if (contract.secType === 'BAG') c.skip(4 * c.int());
  if (c.bool()) c.skip(3);
  const genericTicks = c.str();
  const snapshot = c.bool();
  c.str(); // regulatorySnapshot
  c.str(); // mktDataOptions
  c.end('REQ_MKT_DATA');
  return { reqId, contract, genericTicks, snapshot };
}

export interface HistoricalDataRequest {
  readonly reqId: number;
  readonly contract: RequestContract;
  readonly endDateTime: string;
  readonly barSize: string;
  readonly duration: string;
  readonly whatToShow: string;
}

/** REQ_HISTORICAL_DATA (no version at sv ≥ 124): contract, includeExpired, end, bar size, duration, RTH, what, format, [legs], keepUpToDate, chart options. */
export function parseHistoricalData(fields: readonly string[]): HistoricalDataRequest {
  const c = new FieldCursor(fields);
  const reqId = c.int();
  const contract = readContract(c, true);
  c.str(); // includeExpired
  const endDateTime = c.str();
  const barSize = c.str();
  const duration = c.str();
  c.str(); // useRTH
  const whatToShow = c.str();
  c.str(); // formatDate
  if (contract.secType === 'BAG') c.skip(4 * c.int());
  c.str(); // keepUpToDate
  c.str(); // chartOptions
  c.end('REQ_HISTORICAL_DATA');
  return { reqId, contract, endDateTime, barSize, duration, whatToShow };
}

export interface SecDefOptParamsRequest {
  readonly reqId: number;
  readonly symbol: string;
  readonly futFopExchange: string;
  readonly secType: string;
  readonly conId: number;
}

export function parseSecDefOptParams(fields: readonly string[]): SecDefOptParamsRequest {
  const c = new FieldCursor(fields);
  const reqId = c.int();
  const symbol = c.str();
  const futFopExchange = c.str();
  const secType = c.str();
  const conId = c.int();
  c.end('REQ_SEC_DEF_OPT_PARAMS');
  return { reqId, symbol, futFopExchange, secType, conId };
}

/** REQ_EXECUTIONS and its execution filter: an empty field (client id 0) filters nothing. */
export interface ExecutionsRequest {
  readonly reqId: number;
  readonly clientId: number;
  readonly account: string;
  /** `yyyymmdd-hh:mm:ss` (UTC) or `yyyymmdd hh:mm:ss [zone]` (TWS's time zone when none). */
  readonly time: string;
  readonly symbol: string;
  readonly secType: string;
  readonly exchange: string;
  /** The order action, `BUY` or `SELL`. */
  readonly side: string;
}

/** REQ_EXECUTIONS: version, reqId, clientId, acctCode, time, symbol, secType, exchange, side. */
export function parseExecutions(fields: readonly string[]): ExecutionsRequest {
  const c = new FieldCursor(fields);
  c.str();
  const reqId = c.int();
  const clientId = c.int();
  const account = c.str();
  const time = c.str();
  const symbol = c.str();
  const secType = c.str();
  const exchange = c.str();
  const side = c.str();
  c.end('REQ_EXECUTIONS');
  return { reqId, clientId, account, time, symbol, secType, exchange, side };
}

/** CANCEL_ORDER (no version at sv ≥ 192): orderId, manualOrderCancelTime, extOperator, manualOrderIndicator. */
export function parseCancelOrder(fields: readonly string[]): { orderId: number } {
  const c = new FieldCursor(fields);
  const orderId = c.int();
  c.skip(3);
  c.end('CANCEL_ORDER');
  return { orderId };
}

export function parseAccountSummary(fields: readonly string[]): {
  reqId: number;
  group: string;
  tags: string[];
} {
  const c = new FieldCursor(fields);
  c.str();
  const reqId = c.int();
  const group = c.str();
  const tags = c
    .str()
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  c.end('REQ_ACCOUNT_SUMMARY');
  return { reqId, group, tags };
}

/** START_API: version, clientId, optional capabilities. */
export function parseStartApi(fields: readonly string[]): { clientId: number } {
  const c = new FieldCursor(fields);
  c.str();
  const clientId = c.int();
  return { clientId };
}

/** `version, value` requests (REQ_MARKET_DATA_TYPE, CANCEL_MKT_DATA, CANCEL_ACCOUNT_SUMMARY, REQ_IDS). */
export function parseVersionAndInt(fields: readonly string[]): number {
  const c = new FieldCursor(fields);
  c.str();
  return c.int();
}
