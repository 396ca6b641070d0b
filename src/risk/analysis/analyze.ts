/**
 * Everything the checks derive from the intent and the context, computed once per evaluation and
 * shared (memoised per context and intent). Nothing here is taken from the caller: prices come
 * from the current quotes, max loss from the legs, Greeks from our quant.
 */
import {
  commonMultiplier,
  signedNetPrice,
  totalContracts,
  type OrderIntent,
  type SafetyCode,
} from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { fillBookFor, intentBook, symbolsInPlay, withOrder, type FillBook } from './book.js';
import { underlyingCapitalAtRisk } from './capital-at-risk.js';
import { reducesExposure, type ExposureVerdict } from './exposure.js';
import { GreeksCalculator, type NetGreeks } from './greeks.js';
import { legQuotes, structureQuote, type LegQuote, type StructureQuote } from './leg-market.js';
import { lossValue, maxLossOf, type Book, type MaxLoss } from './payoff.js';
import { addGreeks, worstGreeks } from './worst-greeks.js';
import { worstMaxLoss } from './worst-max-loss.js';
import { worstCashSecured, worstUncoveredPutShares } from './worst-short-puts.js';

/** Something the analysis could not compute, and why (always a rejection, never a pass). */
export interface Missing {
  readonly missing: string;
  /** The code a check rejects with when it needs this. */
  readonly code: SafetyCode;
}

export function isMissing(value: unknown): value is Missing {
  return typeof value === 'object' && value !== null && 'missing' in value;
}

/**
 * Max-loss figures of the order in its underlying's book. "Capital at risk" is a book's max loss at
 * its worst over every fill of its working orders (`worstMaxLoss`); the order always fills.
 */
export interface RiskFigures {
  /** The underlying's capital at risk without and with the order. */
  readonly capitalBefore: MaxLoss;
  readonly capitalAfter: MaxLoss;
  /**
   * What the order adds to its underlying's max loss (+∞ unbounded, −∞ removes unbounded risk): the
   * larger of what it adds to the capital at risk and what it adds to the positions alone, so an
   * offsetting order that may never fill cannot make room for it.
   */
  readonly increase: number;
  /** Whether the order raises its underlying's capital at risk (what the total and concentration refuse). */
  readonly raisesCapital: boolean;
  /** Whether the order leaves short calls uncovered in some fill: unbounded risk it adds. */
  readonly addsUnboundedRisk: boolean;
  /** The underlying's capital at risk after the order, dollars, clamped at 0; +∞ unbounded. */
  readonly underlyingAfter: number;
  readonly underlyingBefore: number;
  /** Σ over every underlying in play, dollars; +∞ when one is unbounded. */
  readonly totalAfter: number;
  readonly totalBefore: number;
  /** Shares of short puts without a covering long put on this underlying, worst fill. */
  readonly uncoveredPutSharesBefore: number;
  readonly uncoveredPutSharesAfter: number;
  /** Cash that uncovered short puts on every underlying would need (strike × shares), after the order, worst fill. */
  readonly cashSecuredNeededAfter: number;
}

export interface GreeksFigures {
  /** Per Greek, the signed value of largest magnitude over every fill of the working orders. */
  readonly before: NetGreeks;
  readonly after: NetGreeks;
}

const POSITIONS_MISSING: Missing = {
  missing: 'positions could not be had from the broker',
  code: 'ACCOUNT_DATA_MISSING',
};
const OPEN_ORDERS_MISSING: Missing = {
  missing: 'open orders could not be had from the broker',
  code: 'ACCOUNT_DATA_MISSING',
};

/** Change in max loss from `before` to `after`; see the decision record for unbounded books. */
export function riskIncrease(before: MaxLoss, after: MaxLoss, standalone: MaxLoss): number {
  if (before.bounded && after.bounded) return after.value - before.value;
  if (before.bounded) return Infinity;
  if (after.bounded) return -Infinity;
  if (after.slope < before.slope - 1e-9) return Infinity;
  if (after.slope > before.slope + 1e-9) return -Infinity;
  return standalone.bounded ? standalone.value : Infinity;
}

function clampLoss(loss: MaxLoss): number {
  return Math.max(0, lossValue(loss));
}

function addsUnbounded(after: MaxLoss, change: number): boolean {
  return !after.bounded && after.reason === 'short_calls' && change === Infinity;
}

/** The derived view of one intent in one context. Get it with `analyze`. */
export class OrderAnalysis {
  private memo = new Map<string, unknown>();

  constructor(
    readonly intent: OrderIntent,
    readonly ctx: GateContext,
  ) {}

  private once<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /** Distinct underlyings of the legs. */
  get symbols(): readonly string[] {
    return this.once('symbols', () => [...new Set(this.intent.legs.map((l) => l.contract.symbol))]);
  }

  /** The one underlying, or null when the legs span several. */
  get symbol(): string | null {
    return this.symbols.length === 1 ? this.symbols[0]! : null;
  }

  get multiplier(): number | null {
    return commonMultiplier(this.intent.legs);
  }

  get hasOption(): boolean {
    return this.intent.legs.some((l) => l.contract.kind === 'option');
  }

  get contracts(): number {
    return totalContracts(this.intent.legs, this.intent.quantity);
  }

  get legQuotes(): readonly LegQuote[] {
    return this.once('legQuotes', () => legQuotes(this.intent.legs, this.ctx));
  }

  get quote(): StructureQuote | null {
    return this.once('quote', () => structureQuote(this.legQuotes));
  }

  /** The price judged per unit, signed (+ debit): the limit, or the natural price of a market order. */
  get price(): number | null {
    return this.once('price', () =>
      this.intent.orderType === 'limit' ? signedNetPrice(this.intent) : (this.quote?.natural ?? null),
    );
  }

  /** |price| × multiplier × quantity, dollars; null without a price or a common multiplier. */
  get premium(): number | null {
    const m = this.multiplier;
    const p = this.price;
    return m === null || p === null ? null : Math.abs(p) * m * this.intent.quantity;
  }

  get orderBook(): Book {
    return this.once('orderBook', () => intentBook(this.intent, this.intent.quantity, this.price));
  }

  /** The order's own max loss, as if nothing else were held. */
  get standalone(): MaxLoss {
    return this.once('standalone', () => maxLossOf(this.orderBook));
  }

  /** The order's underlying's book without the order, or what is missing to build it. */
  private book(): FillBook | Missing {
    return this.once('book', () => {
      const { positions, openOrders } = this.ctx;
      if (positions === null) return POSITIONS_MISSING;
      if (openOrders === null) return OPEN_ORDERS_MISSING;
      const symbol = this.symbol;
      if (symbol === null) {
        return {
          missing: `the legs span several underlyings (${this.symbols.join(', ')})`,
          code: 'ORDER_STRUCTURE_UNSUPPORTED',
        } as const;
      }
      return fillBookFor(symbol, positions, openOrders);
    });
  }

  /** Max-loss figures in the book, or what is missing to compute them. */
  risk(): RiskFigures | Missing {
    return this.once('risk', () => {
      const before = this.book();
      if (isMissing(before)) return before;
      const after = withOrder(before, this.orderBook);
      const symbol = this.symbol!;
      const capitalBefore = worstMaxLoss(before);
      const capitalAfter = worstMaxLoss(after);
      const positionsOnly = before.working.length === 0;
      const heldBefore = positionsOnly ? capitalBefore : maxLossOf(before.fixed);
      const heldAfter = positionsOnly ? capitalAfter : maxLossOf(after.fixed);
      const capitalChange = riskIncrease(capitalBefore, capitalAfter, this.standalone);
      const heldChange = riskIncrease(heldBefore, heldAfter, this.standalone);
      const underlyingAfter = clampLoss(capitalAfter);
      const underlyingBefore = clampLoss(capitalBefore);
      const { positions, openOrders } = this.ctx;
      let othersUsed = 0;
      let othersCash = 0;
      for (const other of symbolsInPlay(positions!, openOrders!)) {
        if (other === symbol) continue;
        othersUsed += underlyingCapitalAtRisk(other, positions!, openOrders!);
        othersCash += worstCashSecured(fillBookFor(other, positions!, openOrders!));
      }
      return {
        capitalBefore,
        capitalAfter,
        increase: Math.max(capitalChange, heldChange),
        raisesCapital:
          Number.isFinite(underlyingAfter) && Number.isFinite(underlyingBefore)
            ? underlyingAfter > underlyingBefore + 1e-9
            : capitalChange > 0,
        addsUnboundedRisk: addsUnbounded(capitalAfter, capitalChange) || addsUnbounded(heldAfter, heldChange),
        underlyingAfter,
        underlyingBefore,
        totalAfter: othersUsed + underlyingAfter,
        totalBefore: othersUsed + underlyingBefore,
        uncoveredPutSharesBefore: worstUncoveredPutShares(before),
        uncoveredPutSharesAfter: worstUncoveredPutShares(after),
        cashSecuredNeededAfter: othersCash + worstCashSecured(after),
      };
    });
  }

  /** Net Greeks of the underlying's book before and after, worst over working-order fills, or what is missing. */
  greeks(): GreeksFigures | Missing {
    return this.once('greeks', () => {
      const book = this.book();
      if (isMissing(book)) return book;
      const calc = new GreeksCalculator(this.ctx.markets[this.symbol!], this.ctx.marketTime);
      const parts = [book.fixed, this.orderBook, ...book.working].map((b) => calc.net(b.holdings));
      const nets: NetGreeks[] = [];
      for (const p of parts) {
        if ('missing' in p) return { missing: p.missing, code: 'GREEKS_UNAVAILABLE' } as const;
        nets.push(p);
      }
      const [held, order, ...working] = nets as [NetGreeks, NetGreeks, ...NetGreeks[]];
      return { before: worstGreeks(held, working), after: worstGreeks(addGreeks(held, order), working) };
    });
  }

  /** Whether the order only reduces what is held (for REDUCING), or what is missing to tell. */
  exposure(): ExposureVerdict | Missing {
    return this.once('exposure', () => {
      const { positions, openOrders } = this.ctx;
      if (positions === null) return POSITIONS_MISSING;
      if (openOrders === null) return OPEN_ORDERS_MISSING;
      return reducesExposure(this.intent, positions, openOrders);
    });
  }
}

const cache = new WeakMap<GateContext, WeakMap<OrderIntent, OrderAnalysis>>();

/** The (shared, memoised) analysis of `intent` in `ctx`. Checks call this; it is computed once. */
export function analyze(intent: OrderIntent, ctx: GateContext): OrderAnalysis {
  let byIntent = cache.get(ctx);
  if (!byIntent) {
    byIntent = new WeakMap();
    cache.set(ctx, byIntent);
  }
  let a = byIntent.get(intent);
  if (!a) {
    a = new OrderAnalysis(intent, ctx);
    byIntent.set(intent, a);
  }
  return a;
}
