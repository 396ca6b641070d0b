/**
 * Orders at the fake "IB": acceptance checks (contract, tick, buying power, scripted rejections),
 * the paper broker's fill simulator (marketable limits at the touch, resting ones at their limit
 * once the market crosses, combos as a package at net), executions, commissions, cancels and
 * what-if previews. Messages go out through an `ExchangeOutbox`; sessions decide who hears them.
 */
import { matchOrder, type LegQuote } from '../../../src/broker/paper/matching.js';
import {
  COMBO_TICK,
  isOnTick,
  nyWallTime,
  sideSign,
  STOCK_TICK,
  tickFor,
  type Contract,
  type Leg,
} from '../../../src/domain/index.js';
import type { FakeAccount } from './account.js';
import { bagContract, wireContract, type Instruments } from './instruments.js';
import type { FakeMarket } from './market.js';
import * as M from './messages.js';
import type { PlaceOrderRequest } from './requests.js';
import { figuresAfter, intentOf, whatIfAnswer, type OrderDraft } from './pricing.js';

export type FakeOrderStatus = 'PreSubmitted' | 'Submitted' | 'Filled' | 'Cancelled' | 'Inactive';

export interface FakeOrder {
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly orderRef: string;
  readonly contract: M.WireContract;
  readonly comboLegs: readonly M.WireComboLeg[];
  readonly action: 'BUY' | 'SELL';
  /** Legs as they trade when the order fills (a SELL combo reverses every leg). */
  readonly legs: readonly Leg[];
  readonly orderType: 'LMT' | 'MKT';
  quantity: number;
  /** IB's price: per share for a single leg, net per combo unit (negative = credit) for a BAG. */
  lmtPrice: number | undefined;
  readonly tif: string;
  readonly transmitted: boolean;
  status: FakeOrderStatus;
  filled: number;
  avgFillPrice: number;
  lastFillPrice: number;
  lastFillQuoteTime: number | null;
}

export interface FakeExecution {
  readonly execId: string;
  readonly orderId: number;
  readonly clientId: number;
  readonly contract: M.WireContract;
  readonly wire: M.WireExecution;
  readonly commission: number;
  readonly realizedPnl: number | null;
  readonly time: number;
}

/** A scripted refusal: the next matching orders get `code` (201 by default) and `message`. */
export interface RejectionRule {
  readonly code: number;
  readonly message: string;
  remaining: number;
  readonly match: (req: PlaceOrderRequest) => boolean;
  /** A warning (399): the order is accepted after it. */
  readonly warnOnly: boolean;
}

export interface ExchangeOutbox {
  toClient(clientId: number, message: M.Message): void;
  positionsChanged(contracts: readonly Contract[]): void;
}

const LIVE: readonly FakeOrderStatus[] = ['PreSubmitted', 'Submitted'];

/** `YYYYMMDD HH:mm:ss US/Eastern`, as TWS stamps executions. */
export function twsTime(epochMs: number): string {
  const w = nyWallTime(epochMs);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${w.year}${p(w.month)}${p(w.day)} ${p(w.hour)}:${p(w.minute)}:${p(w.second)} US/Eastern`;
}

export class FakeExchange {
  readonly orders: FakeOrder[] = [];
  readonly executions: FakeExecution[] = [];
  readonly rejections: RejectionRule[] = [];
  /** Orders sent with `transmit` unset: held, never worked (what IB does with them). */
  readonly untransmitted: number[] = [];
  /** Set false to accept orders whatever the margin. */
  marginCheck = true;
  private nextPermId = 500_000_001;
  private nextExec = 1;
  private sweeping = false;

  constructor(
    private readonly account: FakeAccount,
    private readonly market: FakeMarket,
    private readonly instruments: Instruments,
    private readonly outbox: ExchangeOutbox,
    private readonly now: () => number,
  ) {}

  find(clientId: number, orderId: number): FakeOrder | undefined {
    return this.orders.find((o) => o.clientId === clientId && o.orderId === orderId);
  }

  live(): FakeOrder[] {
    return this.orders.filter((o) => LIVE.includes(o.status));
  }

  view(o: FakeOrder): M.WireOrderView {
    return {
      orderId: o.orderId,
      clientId: o.clientId,
      permId: o.permId,
      contract: o.contract,
      comboLegs: o.comboLegs,
      action: o.action,
      totalQuantity: o.quantity,
      orderType: o.orderType,
      lmtPrice: o.lmtPrice,
      tif: o.tif,
      account: this.account.accountId,
      orderRef: o.orderRef,
      status: o.status,
      filled: o.filled,
      avgFillPrice: o.avgFillPrice,
      lastFillPrice: o.lastFillPrice,
    };
  }

  /** Resolves what a request names into legs; an error code and text when it names nothing. */
  private async legsOf(
    req: PlaceOrderRequest,
  ): Promise<{ legs: Leg[]; contract: M.WireContract } | { code: number; text: string }> {
    const noDef = { code: 200, text: 'No security definition has been found for the request' };
    if (req.contract.secType === 'BAG') {
      if (req.comboLegs.length < 2)
        return { code: 321, text: "Error validating request.-'bW' : cause - a combo needs 2 or more legs" };
      const legs: Leg[] = [];
      for (const l of req.comboLegs) {
        const c = this.instruments.byId(l.conId);
        if (!c || !(await this.market.isListed(c))) return noDef;
        if (c.symbol !== req.contract.symbol) {
          return {
            code: 321,
            text: `Error validating request.-'bW' : cause - leg ${l.conId} is not on ${req.contract.symbol}`,
          };
        }
        if (l.ratio < 1 || (l.action !== 'BUY' && l.action !== 'SELL'))
          return { code: 321, text: "Error validating request.-'bW' : cause - invalid combo leg" };
        const side = (l.action === 'BUY') === (req.action === 'BUY') ? 'buy' : 'sell';
        legs.push({ contract: c, side, ratio: l.ratio });
      }
      return { legs, contract: bagContract(req.contract.symbol) };
    }
    const c = this.instruments.candidate(req.contract);
    if (!c || !(await this.market.isListed(c))) return noDef;
    this.instruments.remember(c);
    return {
      legs: [{ contract: c, side: req.action === 'BUY' ? 'buy' : 'sell', ratio: 1 }],
      contract: wireContract(c),
    };
  }

  /** The matching engine's view of an order: legs as traded, limit signed + debit / − credit. */
  private tickProblem(req: PlaceOrderRequest, legs: readonly Leg[]): string | null {
    if (req.orderType !== 'LMT' || req.lmtPrice === undefined) return null;
    const price = Math.abs(req.lmtPrice);
    const only = legs.length === 1 ? legs[0]! : null;
    const tick = !only ? COMBO_TICK : only.contract.kind === 'stock' ? STOCK_TICK : tickFor(price);
    if (only && req.lmtPrice < 0) return 'a single-leg limit price cannot be negative';
    return isOnTick(price, tick)
      ? null
      : `The price does not conform to the minimum price variation for this contract (${tick}).`;
  }

  /** A new order (or a modification of a live one with the same id). Returns nothing; replies go out. */
  async place(clientId: number, req: PlaceOrderRequest): Promise<void> {
    const reply = (m: M.Message): void => this.outbox.toClient(clientId, m);
    const existing = this.find(clientId, req.orderId);
    const resolved = await this.legsOf(req);
    if ('code' in resolved) return reply(M.errorMessage(req.orderId, resolved.code, resolved.text));
    if (existing) return this.modify(existing, req, resolved.contract, reply);
    const quantity = req.totalQuantity ?? 0;
    if (!(quantity > 0) || !Number.isInteger(quantity)) {
      return reply(
        M.errorMessage(
          req.orderId,
          321,
          `Error validating request.-'bO' : cause - invalid order quantity ${String(req.totalQuantity)}`,
        ),
      );
    }
    if (req.orderType !== 'LMT' && req.orderType !== 'MKT') {
      return reply(M.errorMessage(req.orderId, 387, `Unsupported order type ${req.orderType}`));
    }
    if (req.orderType === 'LMT' && req.lmtPrice === undefined) {
      return reply(
        M.errorMessage(
          req.orderId,
          321,
          "Error validating request.-'bO' : cause - a limit order needs a limit price",
        ),
      );
    }
    if (req.account !== '' && req.account !== this.account.accountId) {
      return reply(
        M.errorMessage(
          req.orderId,
          321,
          `Error validating request.-'bO' : cause - account ${req.account} is not managed by this login`,
        ),
      );
    }
    const offTick = this.tickProblem(req, resolved.legs);
    if (offTick) return reply(M.errorMessage(req.orderId, 110, offTick));
    const draft: OrderDraft = {
      legs: resolved.legs,
      quantity,
      orderType: req.orderType,
      lmtPrice: req.lmtPrice,
      action: req.action === 'SELL' ? ('SELL' as const) : ('BUY' as const),
      contract: resolved.contract,
    };
    if (req.whatIf) {
      const view: M.WireOrderView = {
        ...this.view({
          orderId: req.orderId,
          clientId: 0,
          permId: 0,
          orderRef: req.orderRef,
          contract: draft.contract,
          comboLegs: wireLegs(req),
          action: draft.action,
          legs: draft.legs,
          orderType: draft.orderType,
          quantity,
          lmtPrice: draft.lmtPrice,
          tif: req.tif || 'DAY',
          transmitted: false,
          status: 'PreSubmitted',
          filled: 0,
          avgFillPrice: 0,
          lastFillPrice: 0,
          lastFillQuoteTime: null,
        }),
      };
      const answer = await whatIfAnswer(this.account, this.market, draft, view);
      reply(M.openOrder(answer.view, answer.figures));
      return;
    }

    const rule = this.rejections.find((r) => r.remaining > 0 && r.match(req));
    if (rule) {
      rule.remaining--;
      reply(M.errorMessage(req.orderId, rule.code, rule.message));
      if (!rule.warnOnly) return;
    }
    if (this.marginCheck) {
      const f = await figuresAfter(this.account, this.market, draft);
      if (f.after.InitMarginReq > f.after.EquityWithLoanValue + 1e-6) {
        const text = `Order rejected - reason:YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE [${f.after.EquityWithLoanValue.toFixed(2)} USD] MUST EXCEED THE INITIAL MARGIN [${f.after.InitMarginReq.toFixed(2)} USD]`;
        reply(M.errorMessage(req.orderId, 201, text));
        return;
      }
    }
    const order: FakeOrder = {
      orderId: req.orderId,
      clientId,
      permId: this.nextPermId++,
      orderRef: req.orderRef,
      contract: resolved.contract,
      comboLegs: wireLegs(req),
      action: draft.action,
      legs: resolved.legs,
      orderType: draft.orderType,
      quantity,
      lmtPrice: req.lmtPrice,
      tif: req.tif || 'DAY',
      transmitted: req.transmit === '1',
      status: req.transmit === '1' ? 'Submitted' : 'PreSubmitted',
      filled: 0,
      avgFillPrice: 0,
      lastFillPrice: 0,
      lastFillQuoteTime: null,
    };
    this.orders.push(order);
    if (!order.transmitted) this.untransmitted.push(order.orderId);
    reply(M.openOrder(this.view(order)));
    reply(M.orderStatus(this.view(order)));
    if (order.transmitted) await this.tryFill(order, true);
  }

  private async modify(
    o: FakeOrder,
    req: PlaceOrderRequest,
    contract: M.WireContract,
    reply: (m: M.Message) => void,
  ): Promise<void> {
    if (!LIVE.includes(o.status)) {
      return reply(
        M.errorMessage(
          req.orderId,
          o.status === 'Filled' ? 104 : 103,
          o.status === 'Filled' ? 'Cannot modify a filled order.' : 'Duplicate order id',
        ),
      );
    }
    if (contract.conId !== o.contract.conId || req.action !== o.action) {
      return reply(M.errorMessage(req.orderId, 105, 'Order being modified does not match original order.'));
    }
    o.lmtPrice = req.lmtPrice;
    if (req.totalQuantity !== undefined && req.totalQuantity >= o.filled) o.quantity = req.totalQuantity;
    reply(M.openOrder(this.view(o)));
    reply(M.orderStatus(this.view(o)));
    await this.tryFill(o, true);
  }

  /** Checks every live order against the market (resting orders fill at their limit). */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const o of this.live()) if (o.transmitted) await this.tryFill(o, false);
    } finally {
      this.sweeping = false;
    }
  }

  private async tryFill(o: FakeOrder, arriving: boolean): Promise<void> {
    if (!LIVE.includes(o.status) || !o.transmitted) return;
    let quotes: LegQuote[];
    try {
      quotes = await Promise.all(o.legs.map((l) => this.market.quote(l.contract)));
    } catch {
      return;
    }
    if (!LIVE.includes(o.status)) return;
    const result = matchOrder(
      {
        intent: intentOf(o),
        filledQuantity: o.filled,
        lastFillQuoteTime: o.lastFillQuoteTime,
        arriving,
      },
      quotes,
    );
    if (!result) return;
    this.fill(o, result.quantity, result.netPrice, result.legPrices, result.quoteTime);
  }

  private fill(
    o: FakeOrder,
    units: number,
    netSigned: number,
    legPrices: readonly number[],
    quoteTime: number,
  ): void {
    const time = this.now();
    const filledBefore = o.filled;
    o.filled += units;
    o.lastFillQuoteTime = quoteTime;
    const ibNet =
      o.contract.secType === 'BAG' ? (o.action === 'BUY' ? netSigned : -netSigned) : legPrices[0]!;
    o.avgFillPrice = round6((o.avgFillPrice * filledBefore + ibNet * units) / o.filled);
    o.lastFillPrice = round6(ibNet);
    if (o.filled >= o.quantity) o.status = 'Filled';
    const commission = this.account.commissionFor(o.legs, filledBefore, o.filled);
    this.account.charge(commission, time, `commission order ${o.orderId}`);
    const reply = (m: M.Message): void => this.outbox.toClient(o.clientId, m);
    const totalContracts = o.legs.reduce((s, l) => s + l.ratio, 0);
    const reports: M.Message[] = [];
    let commissionLeft = commission;
    o.legs.forEach((leg, i) => {
      const shares = leg.ratio * units;
      const price = legPrices[i]!;
      const realized = this.account.trade(leg.contract, sideSign(leg.side) * shares, price, time);
      const part =
        i === o.legs.length - 1
          ? commissionLeft
          : Math.round((commission * leg.ratio * 100) / totalContracts) / 100;
      commissionLeft = Math.round((commissionLeft - part) * 100) / 100;
      const wire = wireContract(leg.contract);
      const cum = leg.ratio * o.filled;
      const ex: M.WireExecution = {
        execId: this.execId(),
        time: twsTime(time),
        account: this.account.accountId,
        side: leg.side === 'buy' ? 'BOT' : 'SLD',
        shares,
        price,
        permId: o.permId,
        clientId: o.clientId,
        cumQty: cum,
        avgPrice: price,
        orderRef: o.orderRef,
      };
      this.executions.push({
        execId: ex.execId,
        orderId: o.orderId,
        clientId: o.clientId,
        contract: wire,
        wire: ex,
        commission: part,
        realizedPnl: realized === 0 ? null : realized,
        time,
      });
      reply(M.execution(-1, o.orderId, wire, ex));
      reports.push(M.commissionReport(ex.execId, part, realized === 0 ? null : realized));
    });
    if (o.contract.secType === 'BAG') {
      // IB also reports the package itself; clients must not book it as a position.
      const ex: M.WireExecution = {
        execId: this.execId(),
        time: twsTime(time),
        account: this.account.accountId,
        side: o.action === 'BUY' ? 'BOT' : 'SLD',
        shares: units,
        price: ibNet,
        permId: o.permId,
        clientId: o.clientId,
        cumQty: o.filled,
        avgPrice: o.avgFillPrice,
        orderRef: o.orderRef,
      };
      reply(M.execution(-1, o.orderId, o.contract, ex));
    }
    reply(M.orderStatus(this.view(o)));
    if (o.status === 'Filled') reply(M.openOrder(this.view(o)));
    for (const r of reports) reply(r);
    this.outbox.positionsChanged(o.legs.map((l) => l.contract));
  }

  private execId(): string {
    return `0000e0d5.${(this.nextExec++).toString(16).padStart(8, '0')}.01.01`;
  }

  /** CANCEL_ORDER from `clientId`: only its own orders (IB's rule). */
  cancel(clientId: number, orderId: number): void {
    const reply = (m: M.Message): void => this.outbox.toClient(clientId, m);
    const o = this.find(clientId, orderId);
    if (!o)
      return reply(
        M.errorMessage(orderId, 10147, `OrderId ${orderId} that needs to be cancelled is not found.`),
      );
    if (!LIVE.includes(o.status)) {
      return reply(
        M.errorMessage(
          orderId,
          10148,
          `OrderId ${orderId} that needs to be cancelled cannot be cancelled, state: ${o.status}.`,
        ),
      );
    }
    this.cancelled(o);
  }

  /** REQ_GLOBAL_CANCEL: every live order of the account, whoever placed it. */
  cancelAll(): void {
    for (const o of this.live()) this.cancelled(o);
  }

  private cancelled(o: FakeOrder): void {
    o.status = 'Cancelled';
    this.outbox.toClient(o.clientId, M.orderStatus(this.view(o)));
    this.outbox.toClient(o.clientId, M.errorMessage(o.orderId, 202, 'Order Canceled - reason:'));
  }
}

/** A BAG request's legs as OPEN_ORDER echoes them. */
function wireLegs(req: PlaceOrderRequest): M.WireComboLeg[] {
  if (req.contract.secType !== 'BAG') return [];
  return req.comboLegs.map((l) => ({
    conId: l.conId,
    ratio: l.ratio,
    action: l.action === 'SELL' ? 'SELL' : 'BUY',
    exchange: l.exchange || 'SMART',
  }));
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
