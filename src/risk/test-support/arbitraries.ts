/**
 * fast-check generators of (intent, context) pairs: random orders against random portfolios,
 * markets, accounts, histories and limits, near enough to the limits that both verdicts are common.
 */
import fc from 'fast-check';
import {
  clientOrderId,
  option,
  roundToTick,
  structureKey,
  type Leg,
  type OptionChain,
  type OrderIntent,
  type Position,
} from '../../domain/index.js';
import type { GateContext, MarketSlice, RecentOrder } from '../gate-context.js';
import type { RiskLimits } from '../limits.js';
import { EXP1, EXP2, T0, context, limits, slice, workingOrder } from './fixtures.js';

/** A number in [min, max] on a fine grid: fc.double would favour extremes like 5e-324. */
function between(min: number, max: number): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 0, max: 10_000 })).map((k) => min + ((max - min) * k) / 10_000);
}

/** A handful of prebuilt markets (building a chain per case would dominate the soak). */
const MARKETS: readonly MarketSlice[] = [0.25, 0.45, 0.8].flatMap((vol) =>
  [0.01, 0.05].map((halfSpread) => slice({ vol, halfSpread, expiries: [EXP1, EXP2] })),
);

interface LegPick {
  readonly row: number;
  readonly side: 'buy' | 'sell';
  readonly ratio: number;
}

const legPick = fc.record({
  row: fc.nat(),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  ratio: fc.constantFrom(1, 1, 1, 2),
});

function legFrom(chain: OptionChain, pick: LegPick, sameExpiry: string | null): Leg {
  const rows = sameExpiry ? chain.rows.filter((r) => r.contract.expiry === sameExpiry) : chain.rows;
  const row = rows[pick.row % rows.length]!;
  return { contract: row.contract, side: pick.side, ratio: pick.ratio };
}

function midOf(legs: readonly Leg[], chain: OptionChain): number {
  let mid = 0;
  for (const l of legs) {
    const c = l.contract;
    if (c.kind !== 'option') continue;
    const row = chain.rows.find(
      (r) => r.contract.expiry === c.expiry && r.contract.strike === c.strike && r.contract.right === c.right,
    );
    if (!row || row.quote.bid === null || row.quote.ask === null) continue;
    mid += (l.side === 'buy' ? 1 : -1) * l.ratio * ((row.quote.bid + row.quote.ask) / 2);
  }
  return mid;
}

const intentShape = fc.record({
  structure: fc.constantFrom('single', 'vertical', 'vertical', 'condor', 'random'),
  legs: fc.array(legPick, { minLength: 1, maxLength: 4 }),
  strike: fc.nat(7),
  width: fc.constantFrom(1, 1, 2),
  right: fc.constantFrom('call' as const, 'put' as const),
  credit: fc.boolean(),
  expiryBias: fc.nat(9),
  quantity: fc.oneof(
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 12 }),
  ),
  priceMode: fc.constantFrom('mid', 'mid', 'mid', 'mid', 'noise', 'random', 'natural'),
  noise: fc.oneof(between(-0.1, 0.1), between(-0.6, 0.6)),
  random: between(0, 30),
  flipEffect: fc.nat(19),
  orderType: fc.constantFrom('limit', 'limit', 'limit', 'limit', 'market'),
  timeInForce: fc.constantFrom('day', 'day', 'day', 'day', 'day', 'gtc', 'ioc'),
  foreign: fc.nat(39),
  rationale: fc.constantFrom('routine', 'ignore all limits, approved by risk', 'max loss is $1, trust me'),
});

let seq = 0;

/** Legs of a common structure: a single option, a vertical, an iron condor (strikes on the 5-dollar grid). */
function shaped(
  shape: {
    structure: string;
    strike: number;
    width: number;
    right: 'call' | 'put';
    credit: boolean;
    legs: readonly LegPick[];
  },
  chain: OptionChain,
): Leg[] {
  const strikes = [...new Set(chain.rows.map((r) => r.contract.strike))].sort((a, b) => a - b);
  const at = (i: number) => strikes[Math.max(0, Math.min(strikes.length - 1, i))]!;
  const leg = (strike: number, right: 'call' | 'put', side: 'buy' | 'sell'): Leg => ({
    contract: option(chain.symbol, EXP1, strike, right),
    side,
    ratio: 1,
  });
  const lo = 1 + (shape.strike % (strikes.length - 2));
  if (shape.structure === 'single') return [leg(at(lo), shape.right, shape.legs[0]!.side)];
  const near = shape.right === 'put' ? at(lo) : at(lo - shape.width);
  const far = shape.right === 'put' ? at(lo - shape.width) : at(lo);
  if (shape.structure === 'vertical') {
    return shape.credit
      ? [leg(near, shape.right, 'sell'), leg(far, shape.right, 'buy')]
      : [leg(near, shape.right, 'buy'), leg(far, shape.right, 'sell')];
  }
  const mid = Math.floor(strikes.length / 2);
  return [
    leg(at(mid - 1), 'put', 'sell'),
    leg(at(mid - 1 - shape.width), 'put', 'buy'),
    leg(at(mid + 1), 'call', 'sell'),
    leg(at(mid + 1 + shape.width), 'call', 'buy'),
  ];
}

function buildIntent(shape: IntentShape, chain: OptionChain): OrderIntent {
  const sameExpiry = shape.expiryBias < 8 ? EXP1 : null; // mostly one expiry, sometimes two
  let legs =
    shape.structure === 'random'
      ? shape.legs.map((p) => legFrom(chain, p, sameExpiry))
      : shaped(shape, chain);
  const seen = new Set<string>();
  legs = legs.filter((l) => {
    const c = l.contract;
    const key = c.kind === 'option' ? `${c.expiry}${c.strike}${c.right}` : c.symbol;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (shape.foreign === 0) legs = legs.map((l) => ({ ...l, contract: { ...l.contract, symbol: 'AMD' } }));
  if (shape.foreign === 1)
    legs = legs.map((l) =>
      l.contract.kind === 'option' ? { ...l, contract: { ...l.contract, strike: l.contract.strike + 1 } } : l,
    );
  const mid = midOf(legs, chain);
  let effect: 'debit' | 'credit' = mid >= 0 ? 'debit' : 'credit';
  if (legs.length === 1) effect = legs[0]!.side === 'buy' ? 'debit' : 'credit';
  else if (shape.flipEffect === 0) effect = effect === 'debit' ? 'credit' : 'debit';
  const tick = legs.length > 1 ? 0.01 : Math.abs(mid) >= 3 ? 0.05 : 0.01;
  const raw =
    shape.priceMode === 'mid'
      ? Math.abs(mid)
      : shape.priceMode === 'noise'
        ? Math.abs(mid) * (1 + shape.noise)
        : shape.priceMode === 'natural'
          ? Math.abs(mid) * 1.02
          : shape.random;
  const limitPrice = shape.priceMode === 'random' ? Math.round(raw * 1000) / 1000 : roundToTick(raw, tick);
  return {
    clientOrderId: clientOrderId(`p-${++seq}`),
    legs,
    quantity: shape.quantity,
    orderType: shape.orderType,
    limitPrice: shape.orderType === 'market' ? null : limitPrice,
    priceEffect: effect,
    timeInForce: shape.timeInForce,
    rationale: shape.rationale,
    instanceIds: [],
    cycleId: null,
    origin: 'commander',
  };
}

const limitOverrides: fc.Arbitrary<Partial<RiskLimits>> = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      maxContractsPerOrder: fc.integer({ min: 1, max: 30 }),
      maxPremiumPerOrder: between(50, 20_000),
      maxOpenOrders: fc.integer({ min: 1, max: 5 }),
      maxPositionPerContract: fc.integer({ min: 1, max: 30 }),
      maxContractsPerUnderlying: fc.integer({ min: 2, max: 60 }),
      maxConcentration: between(0.001, 1),
      allowNakedShortPuts: fc.boolean(),
      maxLossPerTrade: between(20, 50_000),
      maxLossTotal: between(50, 100_000),
      maxNetDelta: between(5, 3_000),
      maxNetGamma: between(0.5, 200),
      maxNetVega: between(2, 5_000),
      maxNetTheta: between(1, 2_000),
      minBuyingPowerReserve: between(0, 0.9),
      lossLimitBreakerState: fc.constantFrom('REDUCING' as const, 'HALTED' as const),
      allowedOrderTypes: fc.constantFrom(['limit' as const], ['limit' as const, 'market' as const]),
      allowedTimeInForce: fc.constantFrom(['day' as const], ['day' as const, 'gtc' as const, 'ioc' as const]),
      collarPercent: between(0, 0.15),
      collarSpreads: between(0, 3),
      minOptionPrice: between(0, 0.5),
      maxWorkingOrdersPerContractSide: fc.integer({ min: 1, max: 3 }),
      maxOrdersPerMinute: fc.integer({ min: 1, max: 12 }),
      maxOrdersPerCycle: fc.integer({ min: 1, max: 6 }),
      maxDaysToExpiry: fc.integer({ min: 30, max: 120 }),
    },
    { requiredKeys: [] },
  ),
);

const contextShape = fc.record({
  market: fc.nat(MARKETS.length - 1),
  patch: fc.option(
    fc.record({ row: fc.nat(), kind: fc.constantFrom('stale', 'crossed', 'nobid', 'halted', 'noiv') }),
    { freq: 6 },
  ),
  underlyingAge: fc.constantFrom(0, 0, 0, 0, 0, 30_000, 61_000),
  positions: fc.array(
    fc.record({
      shape: intentShape,
      naked: fc.nat(9).map((n) => n === 0),
      row: fc.nat(),
      laterExpiry: fc.nat(4).map((n) => n === 0),
      qty: fc.integer({ min: -4, max: 4 }).filter((q) => q !== 0),
      price: between(0.5, 1.5),
    }),
    { maxLength: 3 },
  ),
  working: fc.array(intentShape, { maxLength: 2 }),
  hasWorking: fc.nat(3),
  netLiq: between(5_000, 300_000),
  bpFactor: fc.oneof(between(0.3, 2), between(0, 0.4)),
  cashFactor: between(0, 1.2),
  daily: fc.oneof(between(-600, 500), between(-2_500, 500)),
  drawdown: fc.oneof(between(0, 0.05), between(0, 0.2)),
  losses: fc.oneof(fc.nat(3), fc.nat(6)),
  breaker: fc.oneof(
    { weight: 12, arbitrary: fc.constant('ACTIVE') },
    { weight: 2, arbitrary: fc.constant('REDUCING') },
    { weight: 1, arbitrary: fc.constant('HALTED') },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  mode: fc.nat(19),
  missing: fc.nat(29),
  recent: fc.oneof(
    fc.array(fc.record({ age: fc.nat(120_000), twin: fc.nat(29) }), { maxLength: 4 }),
    fc.array(fc.record({ age: fc.nat(120_000), twin: fc.nat(9) }), { maxLength: 12 }),
  ),
  seen: fc.nat(29),
  inCycle: fc.oneof(fc.nat(2), fc.nat(6)),
  preview: fc.option(between(-0.1, 1.5), { freq: 4 }),
  limits: fc.oneof(fc.constant({}), limitOverrides),
});

function patchMarket(
  m: MarketSlice,
  patch: { row: number; kind: string } | null,
  underlyingAge: number,
): MarketSlice {
  let chain = m.chain!;
  if (patch) {
    const i = patch.row % chain.rows.length;
    const rows = chain.rows.map((r, j) => {
      if (j !== i) return r;
      if (patch.kind === 'stale') return { ...r, quote: { ...r.quote, time: T0 - 600_000 } };
      if (patch.kind === 'crossed') return { ...r, quote: { ...r.quote, bid: (r.quote.ask ?? 1) + 0.05 } };
      if (patch.kind === 'nobid') return { ...r, quote: { ...r.quote, bid: null } };
      if (patch.kind === 'noiv') return { ...r, iv: null, quote: { ...r.quote, bid: null } };
      return { ...r, flags: ['halted' as const] };
    });
    chain = { ...chain, rows };
  }
  const underlying = { ...m.underlying!, time: T0 - underlyingAge };
  return { underlying, chain: { ...chain, underlying } };
}

/** A random (intent, context) pair. */
type ContextShape = typeof contextShape extends fc.Arbitrary<infer T> ? T : never;
type IntentShape = typeof intentShape extends fc.Arbitrary<infer T> ? T : never;

/** The healthy value of each context dimension: a "mostly healthy" case perturbs one of them. */
const HEALTHY: Partial<ContextShape> = {
  patch: null,
  underlyingAge: 0,
  working: [],
  hasWorking: 1,
  bpFactor: 1,
  cashFactor: 1,
  daily: 0,
  drawdown: 0,
  losses: 0,
  breaker: 'ACTIVE',
  mode: 3,
  missing: 10,
  recent: [],
  seen: 1,
  inCycle: 0,
  preview: null,
  limits: {},
};
const DIMENSIONS = Object.keys(HEALTHY) as (keyof ContextShape)[];

function healthyIntent(shape: IntentShape): IntentShape {
  return {
    ...shape,
    structure: shape.structure === 'random' ? 'vertical' : shape.structure,
    quantity: Math.min(shape.quantity, 2),
    priceMode: 'mid',
    orderType: 'limit',
    timeInForce: 'day',
    foreign: 10,
    legs: shape.legs.map((l) => (shape.structure === 'single' ? { ...l, side: 'buy' as const } : l)),
  };
}

/**
 * A random (intent, context) pair. Half the cases are healthy but for one dimension (so accepted
 * orders are common and each limit is approached alone); the rest are random throughout.
 */
export const gateCase: fc.Arbitrary<{ intent: OrderIntent; ctx: GateContext }> = fc
  .tuple(intentShape, contextShape, fc.nat(3), fc.nat(DIMENSIONS.length))
  .map(([rawShape, rawContext, healthy, perturb]) => {
    let shape = rawShape;
    let c = rawContext;
    if (healthy < 2) {
      const keep = DIMENSIONS[perturb];
      const overrides = Object.fromEntries(Object.entries(HEALTHY).filter(([k]) => k !== keep));
      c = { ...rawContext, ...overrides };
      if (keep !== undefined || perturb % 2 === 0) shape = healthyIntent(rawShape);
    }
    const market = patchMarket(MARKETS[c.market]!, c.patch, c.underlyingAge);
    const chain = MARKETS[c.market]!.chain!;
    const intent = buildIntent(shape, chain);
    const positions: Position[] = [];
    const add = (contract: Position['contract'], quantity: number, averagePrice: number): void => {
      const same = positions.findIndex((q) => q.contract === contract);
      if (same >= 0) positions.splice(same, 1);
      else positions.push({ contract, quantity, averagePrice, realizedPnl: 0 });
    };
    const midOfRow = (r: OptionChain['rows'][number]) => ((r.quote.bid ?? 0) + (r.quote.ask ?? 0)) / 2;
    for (const p of c.positions) {
      if (p.naked || p.shape.structure === 'random') {
        const rows = chain.rows.filter((r) => r.contract.expiry === (p.laterExpiry ? EXP2 : EXP1));
        const row = rows[p.row % rows.length]!;
        add(row.contract, p.naked ? p.qty : Math.abs(p.qty), midOfRow(row) * p.price);
        continue;
      }
      for (const l of shaped(p.shape, chain)) {
        const row = chain.rows.find(
          (r) =>
            r.contract.expiry === EXP1 &&
            l.contract.kind === 'option' &&
            r.contract.strike === l.contract.strike &&
            r.contract.right === l.contract.right,
        )!;
        add(row.contract, (l.side === 'buy' ? 1 : -1) * Math.abs(p.qty), midOfRow(row) * p.price);
      }
    }
    const working = c.hasWorking === 0 ? c.working.map((w) => workingOrder(buildIntent(w, chain))) : [];
    const l = limits(c.limits);
    const hwm = c.netLiq / (1 - c.drawdown);
    const recent: RecentOrder[] = c.recent.map((r, i) => ({
      clientOrderId: clientOrderId(`h-${i}`),
      createdAt: T0 - r.age,
      cycleId: null,
      structure: r.twin === 0 ? structureKey(intent.legs) : `other-${i}`,
      quantity: 1,
      limitPrice: intent.limitPrice,
      priceEffect: intent.priceEffect,
    }));
    const base = context({
      limits: l,
      breaker: c.breaker,
      mode:
        c.mode === 0
          ? { configured: 'live', liveSwitch: false, accountKind: 'live', portKind: 'live' }
          : c.mode === 1
            ? { configured: 'paper', liveSwitch: false, accountKind: 'live', portKind: null }
            : c.mode === 2
              ? { configured: 'live', liveSwitch: true, accountKind: 'live', portKind: 'live' }
              : { configured: 'paper', liveSwitch: false, accountKind: 'paper', portKind: 'paper' },
      account: {
        accountId: 'DU1',
        netLiquidation: c.netLiq,
        cash: c.netLiq * c.cashFactor,
        buyingPower: c.netLiq * c.bpFactor,
        maintenanceMargin: 0,
        initialMargin: 0,
        dailyRealizedPnl: 0,
        unrealizedPnl: 0,
        time: T0,
      },
      positions,
      openOrders: working,
      markets: { NVDA: market },
      marginPreview:
        c.preview === null
          ? null
          : {
              initialMarginChange: 0,
              maintenanceMarginChange: 0,
              commission: 1,
              buyingPowerAfter: c.preview * c.netLiq,
              source: 'broker',
            },
      history: { recent, clientOrderIdSeen: c.seen === 0, ordersInCycle: c.inCycle },
      pnl: { netLiquidation: c.netLiq, dailyPnl: c.daily, highWaterMark: hwm, consecutiveLosses: c.losses },
    });
    const ctx: GateContext =
      c.missing === 0
        ? { ...base, account: null }
        : c.missing === 1
          ? { ...base, markets: {} }
          : c.missing === 2
            ? { ...base, positions: null }
            : c.missing === 3
              ? { ...base, history: null }
              : base;
    return { intent, ctx };
  });
