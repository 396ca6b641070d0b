/**
 * fast-check generators of books with many working orders (up to 6), for the worst-fill property:
 * positions (options of one expiry, sometimes stock, sometimes another underlying), working orders
 * that often trade against what is held (selling cover, buying back shorts), partly filled
 * sometimes, and an order priced at its mid. Everything not about the book — quotes, price,
 * throttles, loss limits — is healthy, so the book decides the verdict.
 */
import fc from 'fast-check';
import {
  option,
  stock,
  type Leg,
  type OptionChain,
  type Order,
  type OrderIntent,
  type Position,
} from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import type { RiskLimits } from '../limits.js';
import { EXP1, account, context, intent, limits, position, slice, workingOrder } from './fixtures.js';

/** A number in [min, max] on a fine grid. */
function between(min: number, max: number): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 0, max: 10_000 })).map((k) => min + ((max - min) * k) / 10_000);
}

const MARKET = slice({ vol: 0.45, halfSpread: 0.02, expiries: [EXP1] });
const CHAIN: OptionChain = MARKET.chain!;
const ROWS = CHAIN.rows;

const legPick = fc.record({
  row: fc.nat(ROWS.length - 1),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  /** 0–1: trade against a held line (sell cover, buy back a short) instead of the row. */
  against: fc.nat(2),
  held: fc.nat(),
});

const orderShape = fc.record({
  legs: fc.array(legPick, { minLength: 1, maxLength: 3 }),
  quantity: fc.integer({ min: 1, max: 3 }),
  filled: fc.nat(3),
  market: fc.nat(14).map((n) => n === 0),
  noise: between(-0.3, 0.3),
  amd: fc.nat(9).map((n) => n === 0),
});

const bookShape = fc.record({
  held: fc.array(
    fc.record({ row: fc.nat(ROWS.length - 1), qty: fc.integer({ min: -3, max: 3 }).filter((q) => q !== 0) }),
    { maxLength: 4 },
  ),
  stock: fc.constantFrom(0, 0, 0, 100, 200, -100),
  amd: fc.nat(3).map((n) => n === 0),
  working: fc.array(orderShape, { maxLength: 6 }),
  order: fc.record({
    legs: fc.array(legPick, { minLength: 1, maxLength: 4 }),
    quantity: fc.integer({ min: 1, max: 4 }),
  }),
  breaker: fc.constantFrom('ACTIVE' as const, 'ACTIVE' as const, 'ACTIVE' as const, 'REDUCING' as const),
  netLiq: between(20_000, 200_000),
  bpFactor: between(0.1, 1.5),
  preview: fc.option(between(0, 1.2), { freq: 5 }),
  limits: fc.record({
    maxPositionPerContract: fc.integer({ min: 2, max: 12 }),
    maxContractsPerUnderlying: fc.integer({ min: 3, max: 30 }),
    maxConcentration: between(0.002, 0.2),
    maxLossPerTrade: between(100, 3_000),
    maxLossTotal: between(200, 20_000),
    maxNetDelta: between(50, 800),
    maxNetGamma: between(2, 60),
    maxNetVega: between(20, 600),
    maxNetTheta: between(5, 200),
    minBuyingPowerReserve: between(0, 0.9),
  }),
});

type BookShape = typeof bookShape extends fc.Arbitrary<infer T> ? T : never;
type LegPick = BookShape['order']['legs'][number];

/** Limits under which nothing but the book can refuse an order built here. */
const OPEN: Partial<RiskLimits> = {
  minOptionPrice: 0,
  maxContractsPerOrder: 1_000,
  maxPremiumPerOrder: 1e9,
  maxOpenOrders: 100,
  maxWorkingOrdersPerContractSide: 20,
  maxOrdersPerMinute: 600,
  maxOrdersPerCycle: 1_000,
  allowNakedShortPuts: false,
};

const midOf = (r: (typeof ROWS)[number]): number => (r.quote.bid! + r.quote.ask!) / 2;

function legsOf(picks: readonly LegPick[], held: readonly Position[]): Leg[] {
  const options = held.filter((p) => p.contract.kind === 'option');
  const legs: Leg[] = [];
  const seen = new Set<string>();
  for (const p of picks) {
    const against = p.against === 0 && options.length > 0 ? options[p.held % options.length]! : null;
    const contract = against?.contract ?? ROWS[p.row]!.contract;
    const side = against ? (against.quantity > 0 ? 'sell' : 'buy') : p.side;
    const key = contract.kind === 'option' ? `${contract.strike}${contract.right}` : 'stock';
    if (seen.has(key)) continue;
    seen.add(key);
    legs.push({ contract, side, ratio: 1 });
  }
  return legs;
}

function workingFrom(shape: BookShape['working'][number], held: readonly Position[], i: number): Order {
  const legs = legsOf(shape.legs, held);
  const base = intent(legs, { chain: CHAIN, quantity: shape.quantity, id: `w-${i}-${seq++}` });
  const noisy: OrderIntent = shape.market
    ? { ...base, orderType: 'market', limitPrice: null }
    : { ...base, limitPrice: Math.max(0.01, Math.round(base.limitPrice! * (1 + shape.noise) * 100) / 100) };
  const moved = shape.amd
    ? { ...noisy, legs: noisy.legs.map((l) => ({ ...l, contract: { ...l.contract, symbol: 'AMD' } })) }
    : noisy;
  return workingOrder(moved, Math.min(shape.filled, shape.quantity - 1));
}

let seq = 0;

function build(s: BookShape): { intent: OrderIntent; ctx: GateContext } {
  const positions: Position[] = [];
  for (const h of s.held) {
    const row = ROWS[h.row]!;
    if (positions.some((p) => p.contract === row.contract)) continue;
    positions.push(position(row, h.qty, midOf(row) * 0.9));
  }
  if (s.stock !== 0)
    positions.push({ contract: stock('NVDA'), quantity: s.stock, averagePrice: 100, realizedPnl: 0 });
  if (s.amd) {
    positions.push(position({ contract: option('AMD', EXP1, 95, 'put') }, -2, 1.5));
    positions.push(position({ contract: option('AMD', EXP1, 90, 'put') }, 2, 0.6));
  }
  const nvda = positions.filter((p) => p.contract.symbol === 'NVDA');
  const openOrders = s.working.map((w, i) => workingFrom(w, nvda, i));
  const order = intent(legsOf(s.order.legs, nvda), {
    chain: CHAIN,
    quantity: s.order.quantity,
    id: `o-${seq++}`,
  });
  const ctx = context({
    limits: limits({ ...OPEN, ...s.limits }),
    breaker: s.breaker,
    account: account({ netLiquidation: s.netLiq, buyingPower: s.netLiq * s.bpFactor, cash: s.netLiq }),
    positions,
    openOrders,
    markets: { NVDA: MARKET },
    marginPreview:
      s.preview === null
        ? null
        : {
            initialMarginChange: 0,
            maintenanceMarginChange: 0,
            commission: 1,
            buyingPowerAfter: s.preview * s.netLiq,
            source: 'broker',
          },
    pnl: { netLiquidation: s.netLiq, dailyPnl: 0, highWaterMark: s.netLiq, consecutiveLosses: 0 },
  });
  return { intent: order, ctx };
}

/** A random book with up to 6 working orders and an order to judge against it (priced above 0). */
export const bookCase: fc.Arbitrary<{ intent: OrderIntent; ctx: GateContext }> = bookShape
  .map(build)
  .filter(({ intent: i }) => (i.limitPrice ?? 0) > 0);
