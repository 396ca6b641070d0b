/**
 * An order at the fake as the paper fill simulator sees it (legs as traded, net limit signed
 * + debit / − credit), and the account before and after it fills in full: the buying-power
 * check on placement and the what-if answer both come from here.
 */
import {
  multiplierOf,
  sideSign,
  type Leg,
  type OrderIntent,
  type Position,
} from '../../../src/domain/index.js';
import type { FakeAccount, SummaryFigures } from './account.js';
import type { FakeMarket } from './market.js';
import type * as M from './messages.js';

/** What pricing needs of an order. */
export interface OrderDraft {
  readonly legs: readonly Leg[];
  readonly quantity: number;
  readonly orderType: 'LMT' | 'MKT';
  /** IB's price: per share for a single leg, net per unit for a BAG (negative = credit). */
  readonly lmtPrice: number | undefined;
  readonly action: 'BUY' | 'SELL';
  readonly contract: M.WireContract;
}

/** The net limit signed like ours: a single SELL's price is a credit; a BAG BUY's price carries its sign. */
export function signedLimit(o: Pick<OrderDraft, 'lmtPrice' | 'action'>): number {
  if (o.lmtPrice === undefined) return 0;
  return o.action === 'BUY' ? o.lmtPrice : -o.lmtPrice;
}

export function intentOf(o: OrderDraft): OrderIntent {
  const signed = signedLimit(o);
  return {
    clientOrderId: 'fake' as OrderIntent['clientOrderId'],
    legs: o.legs,
    quantity: o.quantity,
    orderType: o.orderType === 'MKT' ? 'market' : 'limit',
    limitPrice: Math.abs(signed),
    priceEffect: signed >= 0 ? 'debit' : 'credit',
    timeInForce: 'day',
    rationale: '',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
  };
}

/** Account figures now and after the order fills in full at its limit (at the touch for a market order). */
export async function figuresAfter(
  account: FakeAccount,
  market: FakeMarket,
  draft: OrderDraft,
): Promise<{ before: SummaryFigures; after: SummaryFigures }> {
  let perUnit = signedLimit(draft);
  if (draft.orderType === 'MKT') {
    const quotes = await Promise.all(draft.legs.map((l) => market.quote(l.contract)));
    perUnit = draft.legs.reduce(
      (s, l, i) =>
        s + sideSign(l.side) * l.ratio * ((l.side === 'buy' ? quotes[i]!.ask : quotes[i]!.bid) ?? 0),
      0,
    );
  }
  const extra: Position[] = draft.legs.map((l) => ({
    contract: l.contract,
    quantity: sideSign(l.side) * l.ratio * draft.quantity,
    averagePrice: 0,
    realizedPnl: 0,
  }));
  const premium = perUnit * draft.quantity * multiplierOf(draft.legs[0]!.contract);
  const before = await account.figures(market);
  const after = await account.figures(market, extra, -premium);
  return { before, after };
}

/** The OPEN_ORDER a what-if gets back: no order is created; margin and commission filled in. */
export async function whatIfAnswer(
  account: FakeAccount,
  market: FakeMarket,
  draft: OrderDraft,
  view: M.WireOrderView,
): Promise<{ view: M.WireOrderView; figures: M.WhatIfFigures }> {
  const f = await figuresAfter(account, market, draft);
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  return {
    view,
    figures: {
      initMarginBefore: f.before.InitMarginReq,
      maintMarginBefore: f.before.MaintMarginReq,
      equityWithLoanBefore: f.before.EquityWithLoanValue,
      initMarginChange: r2(f.after.InitMarginReq - f.before.InitMarginReq),
      maintMarginChange: r2(f.after.MaintMarginReq - f.before.MaintMarginReq),
      equityWithLoanChange: r2(f.after.EquityWithLoanValue - f.before.EquityWithLoanValue),
      initMarginAfter: f.after.InitMarginReq,
      maintMarginAfter: f.after.MaintMarginReq,
      equityWithLoanAfter: r2(f.after.EquityWithLoanValue),
      commission: account.commissionFor(draft.legs, 0, draft.quantity),
    },
  };
}
