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
import { intentBook, scenariosFor, symbolsInPlay, type Scenario } from './book.js';
import { reducesExposure, type ExposureVerdict } from './exposure.js';
import { GREEK_NAMES, GreeksCalculator, type NetGreeks } from './greeks.js';
import { legQuotes, structureQuote, type LegQuote, type StructureQuote } from './leg-market.js';
import { lossValue, maxLossOf, uncoveredShortPuts, type Book, type MaxLoss } from './payoff.js';

/** Something the analysis could not compute, and why (always a rejection, never a pass). */
export interface Missing {
  readonly missing: string;
  /** The code a check rejects with when it needs this. */
  readonly code: SafetyCode;
}

export function isMissing(value: unknown): value is Missing {
  return typeof value === 'object' && value !== null && 'missing' in value;
}

/** Max-loss figures of the order in its underlying's book, worst over the working-order scenarios. */
export interface RiskFigures {
  readonly scenarios: readonly { readonly name: string; readonly before: MaxLoss; readonly after: MaxLoss }[];
  /** How much the order adds to the book's max loss (+∞ unbounded, −∞ removes unbounded risk). */
  readonly increase: number;
  /** Whether some scenario ends unbounded because of short calls the order adds to. */
  readonly addsUnboundedRisk: boolean;
  /** The underlying's max loss after the order, dollars, clamped at 0; +∞ unbounded. */
  readonly underlyingAfter: number;
  readonly underlyingBefore: number;
  /** Σ over every underlying in play, dollars; +∞ when one is unbounded. */
  readonly totalAfter: number;
  readonly totalBefore: number;
  /** Shares of short puts without a covering long put, on this underlying. */
  readonly uncoveredPutSharesBefore: number;
  readonly uncoveredPutSharesAfter: number;
  /** Cash that uncovered short puts on every underlying would need (strike × shares), after the order. */
  readonly cashSecuredNeededAfter: number;
}

export interface GreeksFigures {
  /** Per Greek, the value of largest magnitude over the scenarios. */
  readonly before: NetGreeks;
  readonly after: NetGreeks;
}

const EMPTY_BOOK: Book = { holdings: [], cost: 0 };
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

function worstAbs(values: readonly NetGreeks[]): NetGreeks {
  const pick = (name: (typeof GREEK_NAMES)[number]): number =>
    values.reduce((w, v) => (Math.abs(v[name]) > Math.abs(w) ? v[name] : w), 0);
  return { delta: pick('delta'), gamma: pick('gamma'), vega: pick('vega'), theta: pick('theta') };
}

function clampLoss(loss: MaxLoss): number {
  return Math.max(0, lossValue(loss));
}

function worstOf(losses: readonly MaxLoss[]): number {
  return losses.reduce((w, l) => Math.max(w, clampLoss(l)), 0);
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

  private scenarios(): Scenario[] | Missing {
    return this.once('scenarios', () => {
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
      return scenariosFor(symbol, positions, openOrders, this.orderBook);
    });
  }

  /** Max-loss figures in the book, or what is missing to compute them. */
  risk(): RiskFigures | Missing {
    return this.once('risk', () => {
      const scenarios = this.scenarios();
      if (isMissing(scenarios)) return scenarios;
      const { positions, openOrders } = this.ctx;
      const symbol = this.symbol!;
      const losses = scenarios.map((s) => ({
        name: s.name,
        before: maxLossOf(s.before),
        after: maxLossOf(s.after),
      }));
      const increase = losses.reduce(
        (w, l) => Math.max(w, riskIncrease(l.before, l.after, this.standalone)),
        -Infinity,
      );
      const addsUnboundedRisk = losses.some(
        (l) =>
          !l.after.bounded &&
          l.after.reason === 'short_calls' &&
          riskIncrease(l.before, l.after, this.standalone) === Infinity,
      );
      const underlyingAfter = worstOf(losses.map((l) => l.after));
      const underlyingBefore = worstOf(losses.map((l) => l.before));
      let othersTotal = 0;
      for (const other of symbolsInPlay(positions!, openOrders!)) {
        if (other === symbol) continue;
        othersTotal += worstOf(
          scenariosFor(other, positions!, openOrders!, EMPTY_BOOK).map((s) => maxLossOf(s.before)),
        );
      }
      const uncovered = (books: readonly Book[]): number =>
        books.reduce(
          (w, b) =>
            Math.max(
              w,
              uncoveredShortPuts(b.holdings).reduce((s, u) => s + u.shares, 0),
            ),
          0,
        );
      let cashSecuredNeededAfter = 0;
      for (const other of new Set([...symbolsInPlay(positions!, openOrders!), symbol])) {
        const books =
          other === symbol
            ? scenarios.map((s) => s.after)
            : scenariosFor(other, positions!, openOrders!, EMPTY_BOOK).map((s) => s.before);
        cashSecuredNeededAfter += books.reduce(
          (w, b) =>
            Math.max(
              w,
              uncoveredShortPuts(b.holdings).reduce((s, u) => s + u.shares * u.contract.strike, 0),
            ),
          0,
        );
      }
      return {
        scenarios: losses,
        increase,
        addsUnboundedRisk,
        underlyingAfter,
        underlyingBefore,
        totalAfter: othersTotal + underlyingAfter,
        totalBefore: othersTotal + underlyingBefore,
        uncoveredPutSharesBefore: uncovered(scenarios.map((s) => s.before)),
        uncoveredPutSharesAfter: uncovered(scenarios.map((s) => s.after)),
        cashSecuredNeededAfter,
      };
    });
  }

  /** Net Greeks of the underlying's book before and after, or what is missing. */
  greeks(): GreeksFigures | Missing {
    return this.once('greeks', () => {
      const scenarios = this.scenarios();
      if (isMissing(scenarios)) return scenarios;
      const calc = new GreeksCalculator(this.ctx.markets[this.symbol!], this.ctx.marketTime);
      const before: NetGreeks[] = [];
      const after: NetGreeks[] = [];
      for (const s of scenarios) {
        const b = calc.net(s.before.holdings);
        if ('missing' in b) return { missing: b.missing, code: 'GREEKS_UNAVAILABLE' } as const;
        const a = calc.net(s.after.holdings);
        if ('missing' in a) return { missing: a.missing, code: 'GREEKS_UNAVAILABLE' } as const;
        before.push(b);
        after.push(a);
      }
      return { before: worstAbs(before), after: worstAbs(after) };
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
