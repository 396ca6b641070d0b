/** Account figures, the buying-power check and the what-if preview, from a book and its quotes. */
import type { AccountSummary, OrderIntent } from '../../domain/index.js';
import type { MarginPreview } from '../broker.js';
import { BrokerError } from '../errors.js';
import type { Book } from './book.js';
import { commissionFor, unitsOf, type CommissionSchedule } from './commission.js';
import type { OrderRecord } from './records.js';
import { bookWithOrders, valueBook, type PriceSource, type Valuation } from './valuation.js';

export interface AccountContext {
  readonly book: Book;
  /** Orders still working: their margin is reserved as if they filled. */
  readonly openOrders: readonly OrderRecord[];
  readonly prices: PriceSource;
  readonly accountType: 'margin' | 'cash';
  readonly schedule: CommissionSchedule;
}

function fullCommission(schedule: CommissionSchedule, intent: OrderIntent, units: number): number {
  const u = unitsOf(intent.legs, units);
  return commissionFor(schedule, u.contracts, u.shares);
}

/** The book with every working order filled (what the broker reserves for). */
function reserved(ctx: AccountContext): Book {
  return bookWithOrders(
    ctx.book,
    ctx.openOrders.map((o) => {
      const remaining = o.intent.quantity - o.filledQuantity;
      const commission = fullCommission(ctx.schedule, o.intent, o.intent.quantity) - o.commissionPaid;
      return { intent: o.intent, remaining, commission: Math.max(0, commission) };
    }),
    ctx.prices,
  );
}

/** Valuations before and after an order fills in full, on top of the working orders. */
function beforeAfter(
  ctx: AccountContext,
  intent: OrderIntent,
): { before: Valuation; after: Valuation; commission: number } {
  const base = reserved(ctx);
  const commission = fullCommission(ctx.schedule, intent, intent.quantity);
  const withOrder = bookWithOrders(base, [{ intent, remaining: intent.quantity, commission }], ctx.prices);
  return {
    before: valueBook(base, ctx.prices, ctx.accountType),
    after: valueBook(withOrder, ctx.prices, ctx.accountType),
    commission,
  };
}

/** Why the account cannot take this order, or null. Orders that free buying power always pass. */
export function buyingPowerRefusal(ctx: AccountContext, intent: OrderIntent): BrokerError | null {
  const { before, after } = beforeAfter(ctx, intent);
  const id = intent.clientOrderId;
  if (ctx.accountType === 'cash') {
    if (after.margin.nakedCallContracts > before.margin.nakedCallContracts) {
      return new BrokerError('REJECTED', `order ${id}: a cash account cannot hold uncovered short calls`);
    }
    if (after.margin.shortShares > before.margin.shortShares) {
      return new BrokerError('REJECTED', `order ${id}: a cash account cannot sell stock short`);
    }
  }
  if (after.buyingPower < 0 && after.buyingPower < before.buyingPower - 1e-6) {
    const needed = before.buyingPower - after.buyingPower;
    return new BrokerError(
      'INSUFFICIENT_BUYING_POWER',
      `order ${id}: needs $${needed.toFixed(2)} of buying power, $${Math.max(0, before.buyingPower).toFixed(2)} is available (working orders reserved)`,
    );
  }
  return null;
}

/** A what-if: margin and commission the order would add, and buying power after it (working orders reserved). */
export function previewOf(ctx: AccountContext, intent: OrderIntent): MarginPreview {
  const { before, after, commission } = beforeAfter(ctx, intent);
  return {
    initialMarginChange: after.initialMargin - before.initialMargin,
    maintenanceMarginChange: after.maintenanceMargin - before.maintenanceMargin,
    commission,
    buyingPowerAfter: after.buyingPower,
    source: 'model',
  };
}

/** The account as the port reports it (working orders not reserved: the book as it stands). */
export function summaryOf(
  ctx: Pick<AccountContext, 'book' | 'prices' | 'accountType'>,
  accountId: string,
  dailyRealizedPnl: number,
  time: number,
): AccountSummary {
  const v = valueBook(ctx.book, ctx.prices, ctx.accountType);
  return {
    accountId,
    netLiquidation: v.netLiquidation,
    cash: ctx.book.cash,
    buyingPower: v.buyingPower,
    maintenanceMargin: v.maintenanceMargin,
    initialMargin: v.initialMargin,
    dailyRealizedPnl,
    unrealizedPnl: v.unrealizedPnl,
    time,
  };
}
