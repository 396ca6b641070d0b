/**
 * Builders for gate tests: a synthetic option chain priced by our quant, a healthy account, and a
 * context in which a plain put credit spread passes every check. Tests change one thing at a time.
 */
import { configSchema } from '../../config/index.js';
import {
  brokerOrderId,
  clientOrderId,
  option,
  roundToTick,
  sideSign,
  stock,
  type AccountSummary,
  type ChainRow,
  type Leg,
  type OptionChain,
  type Order,
  type OrderIntent,
  type Position,
  type Right,
  type Side,
  type UnderlyingQuote,
} from '../../domain/index.js';
import { blackScholesPrice, calculateGreeks } from '../../quant/index.js';
import type { GateContext, MarketSlice } from '../gate-context.js';
import type { RiskLimits } from '../limits.js';
import { tickOf } from '../checks/price-tick.js';

/** Tuesday 2026-03-10, 11:00 New York. */
export const T0 = Date.parse('2026-03-10T15:00:00Z');
/** 38 days out. */
export const EXP1 = '2026-04-17';
/** 66 days out. */
export const EXP2 = '2026-05-15';
export const SPOT = 100;
export const STRIKES = [80, 85, 90, 95, 100, 105, 110, 115, 120];

/** The config's defaults (what a fresh install enforces), with overrides. */
export function limits(overrides: Partial<RiskLimits> = {}): RiskLimits {
  return { ...configSchema.parse({}).risk, ...overrides };
}

export interface ChainOptions {
  readonly symbol?: string;
  readonly spot?: number;
  readonly time?: number;
  readonly expiries?: readonly string[];
  readonly strikes?: readonly number[];
  readonly vol?: number;
  readonly rate?: number;
  /** Half the bid-ask spread as a fraction of the mid (at least a cent). */
  readonly halfSpread?: number;
}

const cents = (x: number): number => Math.round(x * 100) / 100;

export function underlyingQuote(symbol = 'NVDA', spot = SPOT, time = T0): UnderlyingQuote {
  return {
    symbol,
    bid: cents(spot - 0.01),
    ask: cents(spot + 0.01),
    bidSize: 100,
    askSize: 100,
    last: spot,
    time,
    flags: [],
  };
}

/** A chain priced by Black-Scholes at one vol, two-sided, with our Greeks. */
export function syntheticChain(o: ChainOptions = {}): OptionChain {
  const symbol = o.symbol ?? 'NVDA';
  const spot = o.spot ?? SPOT;
  const time = o.time ?? T0;
  const vol = o.vol ?? 0.4;
  const rate = o.rate ?? 0.04;
  const rows: ChainRow[] = [];
  for (const expiry of o.expiries ?? [EXP1, EXP2]) {
    const timeYears = (Date.parse(`${expiry}T20:00:00Z`) - time) / (365 * 86_400_000);
    for (const strike of o.strikes ?? STRIKES) {
      for (const right of ['call', 'put'] as const) {
        const input = { spot, strike, timeYears, rate, dividendYield: 0, volatility: vol, right };
        const mid = blackScholesPrice(input);
        const half = Math.max(0.01, cents(mid * (o.halfSpread ?? 0.02)));
        const bid = Math.max(0, cents(mid - half));
        const ask = cents(Math.max(mid + half, bid + 0.01));
        const g = calculateGreeks(input);
        rows.push({
          contract: option(symbol, expiry, strike, right),
          quote: { bid, ask, bidSize: 10, askSize: 10, last: null, time },
          volume: 100,
          openInterest: 1000,
          iv: vol,
          greeks: { delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, rho: g.rho },
          flags: [],
        });
      }
    }
  }
  return { symbol, underlying: underlyingQuote(symbol, spot, time), time, rate, dividendYield: 0, rows };
}

export function slice(o: ChainOptions = {}): MarketSlice {
  const chain = syntheticChain(o);
  return { underlying: chain.underlying, chain };
}

export function account(overrides: Partial<AccountSummary> = {}): AccountSummary {
  return {
    accountId: 'DU0000001',
    netLiquidation: 100_000,
    cash: 100_000,
    buyingPower: 100_000,
    maintenanceMargin: 0,
    initialMargin: 0,
    dailyRealizedPnl: 0,
    unrealizedPnl: 0,
    time: T0,
    ...overrides,
  };
}

/** A context in which the standard spread passes every check. */
export function context(overrides: Partial<GateContext> = {}): GateContext {
  return {
    now: T0,
    marketTime: T0,
    limits: limits(),
    mode: { configured: 'paper', liveSwitch: false, accountKind: 'paper', portKind: 'paper' },
    breaker: 'ACTIVE',
    account: account(),
    positions: [],
    openOrders: [],
    markets: { NVDA: slice() },
    marginPreview: null,
    history: { recent: [], clientOrderIdSeen: false, ordersInCycle: 0 },
    pnl: { netLiquidation: 100_000, dailyPnl: 0, highWaterMark: 100_000, consecutiveLosses: 0 },
    cycleOrdersSoFar: 0,
    ...overrides,
  };
}

export function optLeg(
  side: Side,
  strike: number,
  right: Right,
  expiry = EXP1,
  ratio = 1,
  symbol = 'NVDA',
): Leg {
  return { contract: option(symbol, expiry, strike, right), side, ratio };
}

export function stockLeg(side: Side, symbol = 'NVDA'): Leg {
  return { contract: stock(symbol), side, ratio: 1 };
}

/** Net mid of legs in a chain, signed (+ debit). */
export function netMid(legs: readonly Leg[], chain: OptionChain): number {
  let sum = 0;
  for (const leg of legs) {
    const c = leg.contract;
    const q =
      c.kind === 'stock'
        ? chain.underlying
        : chain.rows.find(
            (r) =>
              r.contract.expiry === c.expiry &&
              r.contract.strike === c.strike &&
              r.contract.right === c.right,
          )!.quote;
    sum += sideSign(leg.side) * leg.ratio * ((q.bid! + q.ask!) / 2);
  }
  return sum;
}

let seq = 0;

export interface IntentOptions {
  readonly quantity?: number;
  /** Defaults to the net mid on the tick. */
  readonly limitPrice?: number | null;
  readonly priceEffect?: 'debit' | 'credit';
  readonly orderType?: 'limit' | 'market';
  readonly timeInForce?: 'day' | 'gtc' | 'ioc';
  readonly id?: string;
  readonly rationale?: string;
  readonly cycleId?: string | null;
  readonly chain?: OptionChain;
}

/** An intent for legs, priced at the mid of `chain` (the default synthetic one) unless told. */
export function intent(legs: readonly Leg[], o: IntentOptions = {}): OrderIntent {
  const mid = netMid(legs, o.chain ?? syntheticChain());
  const effect = o.priceEffect ?? (mid >= 0 ? 'debit' : 'credit');
  const draft = { legs, limitPrice: 0 } as unknown as OrderIntent;
  const price =
    o.limitPrice !== undefined
      ? o.limitPrice
      : roundToTick(Math.abs(mid), tickOf(draft, Math.abs(mid), ['NVDA']));
  return {
    clientOrderId: clientOrderId(o.id ?? `t-${++seq}`),
    legs,
    quantity: o.quantity ?? 1,
    orderType: o.orderType ?? 'limit',
    limitPrice: o.orderType === 'market' ? null : price,
    priceEffect: effect,
    timeInForce: o.timeInForce ?? 'day',
    rationale: o.rationale ?? 'test',
    instanceIds: [],
    cycleId: (o.cycleId ?? null) as OrderIntent['cycleId'],
    origin: 'commander',
  };
}

/** Sell the 95 put, buy the 90 put: a put credit spread with about $400 of max loss. */
export function putCreditSpread(o: IntentOptions = {}): OrderIntent {
  return intent([optLeg('sell', 95, 'put'), optLeg('buy', 90, 'put')], o);
}

export function position(
  leg: { contract: Position['contract'] },
  quantity: number,
  averagePrice: number,
): Position {
  return { contract: leg.contract, quantity, averagePrice, realizedPnl: 0 };
}

/** A working order at the broker for an intent. */
export function workingOrder(i: OrderIntent, filledQuantity = 0): Order {
  return {
    clientOrderId: i.clientOrderId,
    brokerOrderId: brokerOrderId(`b-${i.clientOrderId}`),
    intent: i,
    status: 'working',
    filledQuantity,
    averageFillPrice: null,
    submittedAt: T0 - 1_000,
    updatedAt: T0 - 1_000,
  };
}

/** The context with one option row's quote (and flags, iv) patched in NVDA's chain. */
export function withRow(
  ctx: GateContext,
  leg: Leg,
  patch: { quote?: Partial<ChainRow['quote']>; flags?: ChainRow['flags']; iv?: number | null },
  symbol = 'NVDA',
): GateContext {
  const s = ctx.markets[symbol]!;
  const c = leg.contract;
  if (c.kind !== 'option' || !s.chain) throw new Error('withRow needs an option leg and a chain');
  const rows = s.chain.rows.map((r) =>
    r.contract.expiry === c.expiry && r.contract.strike === c.strike && r.contract.right === c.right
      ? {
          ...r,
          quote: { ...r.quote, ...patch.quote },
          flags: patch.flags ?? r.flags,
          iv: patch.iv === undefined ? r.iv : patch.iv,
        }
      : r,
  );
  return { ...ctx, markets: { ...ctx.markets, [symbol]: { ...s, chain: { ...s.chain, rows } } } };
}

/** The context with NVDA's underlying quote patched (in the slice and in the chain). */
export function withUnderlying(
  ctx: GateContext,
  patch: Partial<UnderlyingQuote> | null,
  symbol = 'NVDA',
): GateContext {
  const s = ctx.markets[symbol]!;
  const underlying = patch === null ? null : { ...s.underlying!, ...patch };
  return {
    ...ctx,
    markets: {
      ...ctx.markets,
      [symbol]: { underlying, chain: s.chain && underlying ? { ...s.chain, underlying } : s.chain },
    },
  };
}
