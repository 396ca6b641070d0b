/**
 * The limit families the gate race fires at one book: for each, the orders (one per process, each
 * fine alone, too much together), the limits (every other one wide open, so only the family's can
 * refuse), how many the bound admits, and the bound itself stated over the book afterwards.
 */
import {
  clientOrderId,
  contractKey,
  option,
  type ChainRow,
  type Leg,
  type OptionChain,
  type OrderIntent,
  type SafetyCode,
} from '../../domain/index.js';
import { createOrderGate } from '../create-gate.js';
import type { RiskLimits } from '../limits.js';
import { limits } from './fixtures.js';
import { monthlyExpiry } from './gate-setup.js';
import type { BookState, RaceBook } from './race-book.js';
import {
  largestTwinGroup,
  ordersAtBroker,
  worstContractExposure,
  worstMaxLoss,
  worstNetCalls,
} from './race-bounds.js';

export interface RaceFamily {
  readonly intents: readonly OrderIntent[];
  readonly risk: RiskLimits;
  /** The codes a refusal by this family's limit carries (one of them at least). */
  readonly codes: readonly SafetyCode[];
  /** How many of the intents fit the bound (when the gates take turns, exactly these pass). */
  readonly admits: number;
  /** What breaks the bound in the book after the trial; empty when it holds. */
  bound(state: BookState): string[];
}

/** Builds a family on a fresh book; `tag` makes the client order ids unique. */
export type FamilyBuilder = (book: RaceBook, tag: string) => Promise<RaceFamily>;

/** Every limit out of the way, so a family's own is the only one that can refuse. */
const WIDE: Partial<RiskLimits> = {
  maxContractsPerOrder: 1_000,
  maxPremiumPerOrder: 1e7,
  maxOpenOrders: 1_000,
  maxPositionPerContract: 10_000,
  maxContractsPerUnderlying: 100_000,
  maxConcentration: 1,
  maxLossPerTrade: 1e7,
  maxLossTotal: 1e8,
  maxNetDelta: 1e7,
  maxNetGamma: 1e7,
  maxNetVega: 1e8,
  maxNetTheta: 1e7,
  minBuyingPowerReserve: 0,
  maxDailyLoss: 1e8,
  maxDrawdown: 1,
  maxConsecutiveLosses: 1_000,
  maxOrdersPerMinute: 600,
  maxOrdersPerCycle: 1_000,
  maxWorkingOrdersPerContractSide: 20,
  duplicateWindow: 0,
};

export const wideLimits = (family: Partial<RiskLimits> = {}): RiskLimits => limits({ ...WIDE, ...family });

const SYMBOL = 'NVDA';

async function monthlyChain(book: RaceBook): Promise<OptionChain> {
  const expiry = await monthlyExpiry(book.market, SYMBOL);
  return book.market.chain(SYMBOL, { expiries: [expiry] });
}

const twoSided = (r: ChainRow) => r.quote.bid !== null && r.quote.ask !== null && r.quote.bid > 0;
const spotOf = (chain: OptionChain) => (chain.underlying.bid! + chain.underlying.ask!) / 2;

/** Out-of-the-money calls, nearest first. */
function otmCalls(chain: OptionChain): ChainRow[] {
  const spot = spotOf(chain);
  return chain.rows
    .filter((r) => r.contract.right === 'call' && r.contract.strike > spot && twoSided(r))
    .sort((a, b) => a.contract.strike - b.contract.strike);
}

/** Out-of-the-money puts, nearest first. */
function otmPuts(chain: OptionChain): ChainRow[] {
  const spot = spotOf(chain);
  return chain.rows
    .filter((r) => r.contract.right === 'put' && r.contract.strike < spot && twoSided(r))
    .sort((a, b) => b.contract.strike - a.contract.strike);
}

const leg = (r: ChainRow, side: Leg['side']): Leg => ({
  contract: option(SYMBOL, r.contract.expiry, r.contract.strike, r.contract.right),
  side,
  ratio: 1,
});
const cents = (x: number) => Math.round(x * 100) / 100;
const mid = (r: ChainRow) => (r.quote.bid! + r.quote.ask!) / 2;

function order(
  id: string,
  legs: Leg[],
  o: { quantity?: number; limitPrice: number; priceEffect: 'debit' | 'credit' },
): OrderIntent {
  return {
    clientOrderId: clientOrderId(id),
    legs,
    quantity: o.quantity ?? 1,
    orderType: 'limit',
    limitPrice: o.limitPrice,
    priceEffect: o.priceEffect,
    timeInForce: 'day',
    rationale: 'gate race',
    instanceIds: [],
    cycleId: null,
    origin: 'commander',
  };
}

/** A put credit spread one strike wide, sold at its mid, on the `i`-th pair of OTM puts. */
function putSpread(puts: readonly ChainRow[], i: number, id: string): OrderIntent {
  const [short, long] = [puts[2 * i]!, puts[2 * i + 1]!];
  return order(id, [leg(short, 'sell'), leg(long, 'buy')], {
    limitPrice: cents(mid(short) - mid(long)),
    priceEffect: 'credit',
  });
}

/** Max loss of a vertical from its limit: width × multiplier − credit. */
function verticalMaxLoss(i: OrderIntent): number {
  const [a, b] = i.legs.map((l) => l.contract);
  if (a?.kind !== 'option' || b?.kind !== 'option') throw new Error('a vertical has two option legs');
  return (Math.abs(a.strike - b.strike) - (i.limitPrice ?? 0)) * a.multiplier * i.quantity;
}

/** 3 processes each buy 8 of one call (marketable) against a cap of 20 per contract. */
export const perContractCap: FamilyBuilder = async (book, tag) => {
  const call = otmCalls(await monthlyChain(book))[4]!;
  const cap = 20;
  const intents = [0, 1, 2].map((p) =>
    order(`${tag}-p${p}`, [leg(call, 'buy')], {
      quantity: 8,
      limitPrice: call.quote.ask!,
      priceEffect: 'debit',
    }),
  );
  return {
    intents,
    risk: wideLimits({ maxPositionPerContract: cap }),
    codes: ['SIZE_POSITION_PER_CONTRACT'],
    admits: 2,
    bound(state) {
      const worst = worstContractExposure(state, call.contract);
      return worst > cap
        ? [`${contractKey(call.contract)}: ${worst} contracts held and working, cap ${cap}`]
        : [];
    },
  };
};

/**
 * The book holds one long call (K0). One process sells it, the others sell K1, K2 against it: each
 * alone is covered or closing; any two together leave a naked short call.
 */
export const nakedCoverage: FamilyBuilder = async (book, tag) => {
  const calls = otmCalls(await monthlyChain(book));
  const [k0, k1, k2] = [calls[0]!, calls[2]!, calls[4]!];
  const risk = wideLimits();
  const gate = createOrderGate({
    broker: book.broker,
    marketData: book.market,
    journal: book.journal,
    clock: book.clock,
    config: { mode: 'paper', risk, broker: { type: 'paper' } },
    env: {},
  });
  const seed = await gate.placeOrderWithGuard(
    order(`${tag}-seed`, [leg(k0, 'buy')], { limitPrice: k0.quote.ask!, priceEffect: 'debit' }),
  );
  if (!seed.accepted || seed.order?.status !== 'filled')
    throw new Error(
      `the seed long call did not fill: ${JSON.stringify(seed.accepted ? seed.order : seed.codes)}`,
    );
  const sell = (r: ChainRow, p: number) =>
    order(`${tag}-p${p}`, [leg(r, 'sell')], { limitPrice: r.quote.bid!, priceEffect: 'credit' });
  return {
    intents: [sell(k0, 0), sell(k1, 1), sell(k2, 2)],
    risk,
    codes: ['RISK_NAKED_SHORT_CALL', 'RISK_UNDEFINED'],
    admits: 1,
    bound(state) {
      const net = worstNetCalls(state, SYMBOL);
      return net < 0 ? [`${-net} short call(s) uncovered if the working sells fill`] : [];
    },
  };
};

/** N put credit spreads on disjoint strikes; the total max loss allows one. */
export const maxLossTotal =
  (n: number): FamilyBuilder =>
  async (book, tag) => {
    const puts = otmPuts(await monthlyChain(book));
    const intents = Array.from({ length: n }, (_, p) => putSpread(puts, p, `${tag}-p${p}`));
    const losses = intents.map(verticalMaxLoss);
    const [least, most] = [Math.min(...losses), Math.max(...losses)];
    // One fits under 1.5 × the largest; any two exceed it.
    if (2 * least <= 1.5 * most) throw new Error(`spreads too uneven for the family: ${losses.join(', ')}`);
    const max = 1.5 * most;
    return {
      intents,
      risk: wideLimits({ maxLossTotal: max }),
      codes: ['RISK_MAX_LOSS_TOTAL'],
      admits: 1,
      bound(state) {
        const worst = worstMaxLoss(state);
        return worst > max + 1e-6
          ? [`total max loss ${worst.toFixed(2)} > maxLossTotal ${max.toFixed(2)}`]
          : [];
      },
    };
  };

/** N orders on N different calls (resting, below the bid) against maxOrdersPerMinute 2. */
export const perMinuteThrottle =
  (n: number): FamilyBuilder =>
  async (book, tag) => {
    const calls = otmCalls(await monthlyChain(book));
    const max = 2;
    const intents = Array.from({ length: n }, (_, p) => {
      const r = calls[p]!;
      return order(`${tag}-p${p}`, [leg(r, 'buy')], { limitPrice: r.quote.bid!, priceEffect: 'debit' });
    });
    return {
      intents,
      risk: wideLimits({ maxOrdersPerMinute: max }),
      codes: ['THROTTLE_PER_MINUTE'],
      admits: max,
      bound(state) {
        const journaled = state.journalOrders.length;
        const sent = ordersAtBroker(state);
        return journaled > max || sent > max
          ? [`${journaled} orders journaled and ${sent} sent in the minute; maxOrdersPerMinute ${max}`]
          : [];
      },
    };
  };

/** N processes send the same spread at the same price (own client order ids) inside the window. */
export const duplicates =
  (n: number): FamilyBuilder =>
  async (book, tag) => {
    const puts = otmPuts(await monthlyChain(book));
    const intents = Array.from({ length: n }, (_, p) => putSpread(puts, 0, `${tag}-p${p}`));
    return {
      intents,
      risk: wideLimits({ duplicateWindow: 60_000 }),
      codes: ['DUPLICATE_ORDER_WINDOW'],
      admits: 1,
      bound(state) {
        const twins = largestTwinGroup(state);
        const sent = ordersAtBroker(state);
        return twins > 1 || sent > 1
          ? [`${twins} identical orders journaled, ${sent} sent, within the window`]
          : [];
      },
    };
  };
