/**
 * The scripted paper account: cash and positions (the paper broker's `Book`, so averages and
 * realised P&L follow the same rules), IBKR's fixed commissions, and the account-summary figures
 * IB reports, with Reg-T margin from the paper broker's margin model.
 */
import { Book, type PositionRecord } from '../../../src/broker/paper/book.js';
import { incrementalCommission, type CommissionSchedule } from '../../../src/broker/paper/commission.js';
import { marginRequirement } from '../../../src/broker/paper/margin.js';
import { multiplierOf, type Contract, type Leg, type Position } from '../../../src/domain/index.js';
import type { FakeMarket } from './market.js';

export interface StartingPosition {
  readonly contract: Contract;
  /** Signed contracts (or shares). */
  readonly quantity: number;
  /** Dollars per share. */
  readonly averagePrice: number;
}

export const IBKR_FIXED: CommissionSchedule = {
  commissionPerContract: 0.65,
  commissionPerShare: 0.005,
  minimumCommission: 1,
};

export interface SummaryFigures {
  readonly NetLiquidation: number;
  readonly TotalCashValue: number;
  readonly EquityWithLoanValue: number;
  readonly InitMarginReq: number;
  readonly MaintMarginReq: number;
  readonly AvailableFunds: number;
  readonly ExcessLiquidity: number;
  readonly BuyingPower: number;
  readonly RealizedPnL: number;
  readonly UnrealizedPnL: number;
}

export class FakeAccount {
  readonly book: Book;
  /** Realised P&L booked today (commissions excluded), dollars. */
  private realizedToday = 0;
  private commissionsToday = 0;

  constructor(
    readonly accountId: string,
    startingCash: number,
    positions: readonly StartingPosition[],
    readonly schedule: CommissionSchedule = IBKR_FIXED,
  ) {
    const records: PositionRecord[] = positions.map((p) => ({
      contract: p.contract,
      quantity: p.quantity,
      averagePrice: p.averagePrice,
      realizedPnl: 0,
    }));
    this.book = new Book(startingCash, records);
  }

  positions(): Position[] {
    return this.book.openPositions();
  }

  /** Every position record ever held (closed ones at zero: IB reports a closed position once as 0). */
  records(): PositionRecord[] {
    return [...this.book.positions.values()];
  }

  /** Books one leg execution; returns the realised P&L it produced. */
  trade(contract: Contract, signedQuantity: number, price: number, time: number): number {
    const realized = this.book.trade(contract, signedQuantity, price, time);
    this.realizedToday += realized;
    return realized;
  }

  /** The commission an order's fill adds (IBKR fixed, per order, minimum once). */
  commissionFor(legs: readonly Leg[], filledBefore: number, filledAfter: number): number {
    return incrementalCommission(this.schedule, legs, filledBefore, filledAfter);
  }

  charge(amount: number, time: number, note: string): void {
    this.book.charge(amount, time, note);
    this.commissionsToday += amount;
  }

  /** IB's account figures now, or after hypothetical `extra` positions and a cash change (a what-if). */
  async figures(market: FakeMarket, extra: readonly Position[] = [], cashDelta = 0): Promise<SummaryFigures> {
    const held = mergePositions(this.positions(), extra);
    const marks = new Map<string, number>();
    const spots = new Map<string, number>();
    let value = 0;
    let longOptionValue = 0;
    let unrealized = 0;
    for (const p of held) {
      const mark = await market.mark(p.contract);
      marks.set(keyOf(p.contract), mark);
      if (!spots.has(p.contract.symbol)) spots.set(p.contract.symbol, await market.spot(p.contract.symbol));
      const m = multiplierOf(p.contract);
      value += p.quantity * mark * m;
      if (p.contract.kind === 'option' && p.quantity > 0) longOptionValue += p.quantity * mark * m;
      unrealized += p.quantity * (mark - p.averagePrice) * m;
    }
    const margin = marginRequirement(
      held,
      { spot: (s) => spots.get(s) ?? 0, mark: (c) => marks.get(keyOf(c)) ?? 0 },
      'margin',
    );
    const cash = this.book.cash + cashDelta;
    const netLiq = cash + value;
    const equityWithLoan = netLiq - longOptionValue;
    const available = equityWithLoan - margin.initial;
    return {
      NetLiquidation: round2(netLiq),
      TotalCashValue: round2(cash),
      EquityWithLoanValue: round2(equityWithLoan),
      InitMarginReq: round2(margin.initial),
      MaintMarginReq: round2(margin.maintenance),
      AvailableFunds: round2(available),
      ExcessLiquidity: round2(equityWithLoan - margin.maintenance),
      BuyingPower: round2(Math.max(0, available)),
      RealizedPnL: round2(this.realizedToday - this.commissionsToday),
      UnrealizedPnL: round2(unrealized),
    };
  }
}

function keyOf(c: Contract): string {
  return c.kind === 'stock' ? c.symbol : `${c.symbol}|${c.expiry}|${c.strike}|${c.right}|${c.multiplier}`;
}

/** Positions plus hypothetical changes (a what-if order), netted per contract. */
export function mergePositions(base: readonly Position[], extra: readonly Position[]): Position[] {
  const out = new Map<string, Position>();
  for (const p of [...base, ...extra]) {
    const k = keyOf(p.contract);
    const prev = out.get(k);
    out.set(k, prev ? { ...prev, quantity: prev.quantity + p.quantity } : p);
  }
  return [...out.values()].filter((p) => p.quantity !== 0);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
