/**
 * An independent statement of every configured limit, for the property tests and the soak: given an
 * order the gate ACCEPTED and its context, list each limit the order would break. It shares no code
 * with the gate's analysis (max loss by brute force over spot, Greeks straight from the quant,
 * quotes read off the chain), so the two can disagree — which is what the property looks for.
 * Figures the oracle cannot state simply (multi-expiry books, working orders) are left to the unit
 * tests and to `book-oracle.ts`, which enumerates every subset of working-order fills.
 */
import {
  contractKey,
  daysBetween,
  findChainRow,
  nyDate,
  structureKey,
  yearsToExpiry,
  type Contract,
  type OrderIntent,
  type Quote,
} from '../../domain/index.js';
import { calculateGreeks } from '../../quant/index.js';
import type { GateContext } from '../gate-context.js';

interface Line {
  readonly contract: Contract;
  readonly qty: number;
}

const mult = (c: Contract): number => (c.kind === 'option' ? c.multiplier : 1);
const signOf = (side: 'buy' | 'sell'): number => (side === 'buy' ? 1 : -1);

function orderLines(intent: OrderIntent, units: number): Line[] {
  return intent.legs.map((l) => ({ contract: l.contract, qty: signOf(l.side) * l.ratio * units }));
}

function heldLines(ctx: GateContext, symbol: string): Line[] {
  return (ctx.positions ?? [])
    .filter((p) => p.contract.symbol === symbol)
    .map((p) => ({ contract: p.contract, qty: p.quantity }));
}

function heldCost(ctx: GateContext, symbol: string): number {
  return (ctx.positions ?? [])
    .filter((p) => p.contract.symbol === symbol)
    .reduce((s, p) => s + p.quantity * p.averagePrice * mult(p.contract), 0);
}

function valueAt(lines: readonly Line[], spot: number): number {
  let v = 0;
  for (const { contract: c, qty } of lines) {
    if (c.kind === 'stock') v += qty * spot;
    else
      v +=
        qty *
        c.multiplier *
        (c.right === 'call' ? Math.max(0, spot - c.strike) : Math.max(0, c.strike - spot));
  }
  return v;
}

/** Worst loss by brute force over spot; +∞ when the loss keeps growing with spot. */
function bruteMaxLoss(lines: readonly Line[], cost: number): number {
  const strikes = lines.flatMap((l) => (l.contract.kind === 'option' ? [l.contract.strike] : []));
  const top = Math.max(100, ...strikes);
  const grid = [0, ...strikes, top * 2, top * 10];
  const loss = (s: number) => cost - valueAt(lines, s);
  if (loss(top * 10) > loss(top * 2) + 1e-6) return Infinity;
  return Math.max(...grid.map(loss));
}

function singleExpiry(lines: readonly Line[]): boolean {
  return new Set(lines.flatMap((l) => (l.contract.kind === 'option' ? [l.contract.expiry] : []))).size <= 1;
}

function twoSided(q: Quote | null | undefined): q is Quote & { bid: number; ask: number } {
  return !!q && q.bid !== null && q.ask !== null && q.ask > 0 && q.bid >= 0;
}

function closesOnly(intent: OrderIntent, ctx: GateContext): boolean {
  return orderLines(intent, intent.quantity).every((l) => {
    const held = (ctx.positions ?? [])
      .filter((p) => contractKey(p.contract) === contractKey(l.contract))
      .reduce((s, p) => s + p.quantity, 0);
    const sameWay = (ctx.openOrders ?? [])
      .flatMap((o) => orderLines(o.intent, o.intent.quantity - o.filledQuantity))
      .filter(
        (w) => contractKey(w.contract) === contractKey(l.contract) && Math.sign(w.qty) === Math.sign(l.qty),
      )
      .reduce((s, w) => s + Math.abs(w.qty), 0);
    return held !== 0 && Math.sign(held) !== Math.sign(l.qty) && Math.abs(l.qty) + sameWay <= Math.abs(held);
  });
}

function tickFor(intent: OrderIntent, price: number, penny: boolean): number {
  if (intent.legs.length > 1 || intent.legs[0]!.contract.kind === 'stock') return 0.01;
  if (price >= 3) return penny ? 0.05 : 0.1;
  return penny ? 0.01 : 0.05;
}

function greekSums(lines: readonly Line[], ctx: GateContext, symbol: string): number[] | null {
  const slice = ctx.markets[symbol];
  const chain = slice?.chain;
  const u = slice?.underlying;
  if (!u || u.bid === null || u.ask === null || ctx.marketTime === null) return null;
  const spot = (u.bid + u.ask) / 2;
  const sums = [0, 0, 0, 0];
  for (const { contract: c, qty } of lines) {
    if (c.kind === 'stock') {
      sums[0]! += qty;
      continue;
    }
    const row = chain ? findChainRow(chain, c) : undefined;
    if (!row || row.iv === null || !chain) return null;
    const g = calculateGreeks({
      spot,
      strike: c.strike,
      timeYears: Math.max(1 / 8760, yearsToExpiry(c.expiry, ctx.marketTime)),
      rate: chain.rate,
      dividendYield: chain.dividendYield,
      volatility: row.iv,
      right: c.right,
    });
    const shares = qty * c.multiplier;
    sums[0]! += shares * g.delta;
    sums[1]! += shares * g.gamma;
    sums[2]! += (shares * g.vega) / 100;
    sums[3]! += (shares * g.theta) / 365;
  }
  return sums;
}

/** Every configured limit an order breaks in a context (empty: it keeps them all). */
export function limitViolations(intent: OrderIntent, ctx: GateContext): string[] {
  const v: string[] = [];
  const L = ctx.limits;
  const { account, positions, openOrders, pnl, history, marketTime } = ctx;
  if (!account || !positions || !openOrders || !pnl || !history || marketTime === null)
    return ['data missing'];
  if (ctx.breaker !== 'ACTIVE' && !(ctx.breaker === 'REDUCING' && closesOnly(intent, ctx))) v.push('breaker');
  if (ctx.mode.accountKind !== ctx.mode.configured) v.push('account kind');
  if (ctx.mode.portKind !== null && ctx.mode.portKind !== ctx.mode.configured) v.push('port kind');
  if (ctx.mode.configured === 'live' && !ctx.mode.liveSwitch) v.push('live switch');

  const symbols = [...new Set(intent.legs.map((l) => l.contract.symbol))];
  if (symbols.length !== 1) return [...v, 'several underlyings'];
  const symbol = symbols[0]!;
  const slice = ctx.markets[symbol];
  if (!L.allowedUnderlyings.includes(symbol)) v.push('underlying');
  if (intent.legs.some((l) => !L.allowedSecurityTypes.includes(l.contract.kind))) v.push('security type');
  if (!L.allowedOrderTypes.includes(intent.orderType)) v.push('order type');
  if (!L.allowedTimeInForce.includes(intent.timeInForce)) v.push('time in force');

  // quotes and instruments
  const quotes: (Quote | null)[] = [];
  for (const l of intent.legs) {
    const c = l.contract;
    if (c.kind === 'stock') {
      quotes.push(slice?.underlying ?? null);
      continue;
    }
    const days = daysBetween(nyDate(marketTime), c.expiry);
    if (days < L.minDaysToExpiry || days > L.maxDaysToExpiry) v.push('days to expiry');
    const row = slice?.chain ? findChainRow(slice.chain, c) : undefined;
    if (!row || row.contract.multiplier !== c.multiplier) {
      v.push('contract not listed');
      quotes.push(null);
    } else {
      if (row.flags.includes('halted') || row.flags.includes('stale')) v.push('flagged quote');
      quotes.push(row.quote);
    }
  }
  const u = slice?.underlying;
  if (
    !twoSided(u) ||
    u.bid > u.ask ||
    Math.abs(marketTime - u.time) > L.maxQuoteAge ||
    u.flags.includes('halted')
  ) {
    v.push('underlying quote');
  }
  let mid = 0;
  let spread = 0;
  let natural = 0;
  for (const [i, q] of quotes.entries()) {
    if (!twoSided(q)) return [...v, 'quote missing'];
    if (q.bid > q.ask) v.push('crossed');
    if (Math.abs(marketTime - q.time) > L.maxQuoteAge) v.push('stale');
    const leg = intent.legs[i]!;
    mid += signOf(leg.side) * leg.ratio * ((q.bid + q.ask) / 2);
    spread += leg.ratio * (q.ask - q.bid);
    natural += leg.side === 'buy' ? leg.ratio * q.ask : -leg.ratio * q.bid;
  }

  // price
  const m = mult(intent.legs[0]!.contract);
  let price: number;
  if (intent.orderType === 'limit') {
    const limit = intent.limitPrice ?? 0;
    if (!(limit > 0)) v.push('price not positive');
    const tick = tickFor(intent, limit, L.pennyTickUnderlyings.includes(symbol));
    if (Math.abs(limit / tick - Math.round(limit / tick)) > 1e-6) v.push('off tick');
    price = intent.priceEffect === 'debit' ? limit : -limit;
  } else {
    price = natural;
  }
  if (intent.legs.some((l) => l.contract.kind === 'option') && Math.abs(price) < L.minOptionPrice - 1e-9)
    v.push('price minimum');
  const allowance = Math.max(spread / 2, Math.min(L.collarPercent * Math.abs(mid), L.collarSpreads * spread));
  if (Math.abs(price - mid) > allowance + 1e-9) v.push('collar');

  // size
  const contracts = intent.legs.reduce((s, l) => s + l.ratio * intent.quantity, 0);
  if (contracts > L.maxContractsPerOrder) v.push('contracts per order');
  if (Math.abs(price) * m * intent.quantity > L.maxPremiumPerOrder + 1e-9) v.push('premium per order');
  if (openOrders.length + 1 > L.maxOpenOrders) v.push('open orders');
  const order = orderLines(intent, intent.quantity);
  const working = openOrders.flatMap((o) => orderLines(o.intent, o.intent.quantity - o.filledQuantity));
  for (const l of order) {
    const key = contractKey(l.contract);
    const held = positions.filter((p) => contractKey(p.contract) === key).reduce((s, p) => s + p.quantity, 0);
    const sameWay = working
      .filter((w) => contractKey(w.contract) === key && Math.sign(w.qty) === Math.sign(l.qty))
      .reduce((s, w) => s + w.qty, 0);
    const before = held + sameWay;
    if (Math.abs(before + l.qty) > L.maxPositionPerContract && Math.abs(before + l.qty) > Math.abs(before))
      v.push('position per contract');
  }

  // defined risk, Greeks, buying power: stated simply where nothing is working and one expiry is held
  const held = heldLines(ctx, symbol);
  const simple = working.length === 0 && singleExpiry([...held, ...order]);
  if (simple) {
    const cost = heldCost(ctx, symbol);
    const before = bruteMaxLoss(held, cost);
    const after = bruteMaxLoss([...held, ...order], cost + price * m * intent.quantity);
    const increase = !Number.isFinite(before) ? (Number.isFinite(after) ? -Infinity : NaN) : after - before;
    if (after === Infinity && before !== Infinity) v.push('unbounded');
    if (increase > L.maxLossPerTrade + 1e-6) v.push('max loss per trade');
    const othersSymbols = [...new Set(positions.map((p) => p.contract.symbol))].filter((s) => s !== symbol);
    const others = othersSymbols.reduce(
      (s, o) => s + Math.max(0, bruteMaxLoss(heldLines(ctx, o), heldCost(ctx, o))),
      0,
    );
    // The total and concentration refuse only orders that raise what the book can lose (clamped at 0).
    const raises =
      Number.isFinite(after) && Number.isFinite(before)
        ? Math.max(0, after) > Math.max(0, before) + 1e-9
        : increase > 0;
    if (others + Math.max(0, after) > L.maxLossTotal + 1e-6 && raises) v.push('max loss total');
    if (Math.max(0, after) / account.netLiquidation > L.maxConcentration + 1e-9 && raises)
      v.push('concentration');
    if (increase > 1e-9) {
      const bp = Math.min(account.buyingPower - increase, ctx.marginPreview?.buyingPowerAfter ?? Infinity);
      if (bp < L.minBuyingPowerReserve * account.netLiquidation - 1e-6) v.push('buying power');
    }
    const shortPuts = (lines: readonly Line[]) =>
      Math.max(
        0,
        -lines.reduce(
          (s, l) =>
            s +
            (l.contract.kind === 'option' && l.contract.right === 'put' ? l.qty * l.contract.multiplier : 0),
          0,
        ),
      );
    if (!L.allowNakedShortPuts && shortPuts([...held, ...order]) > shortPuts(held) + 1e-9)
      v.push('naked short put');
    const gBefore = greekSums(held, ctx, symbol);
    const gAfter = greekSums([...held, ...order], ctx, symbol);
    if (!gBefore || !gAfter) v.push('greeks unavailable');
    else {
      const bounds = [L.maxNetDelta, L.maxNetGamma, L.maxNetVega, L.maxNetTheta];
      bounds.forEach((b, i) => {
        const a = Math.abs(gAfter[i]!);
        if (a > b && a > Math.abs(gBefore[i]!) + 1e-6) v.push(['delta', 'gamma', 'vega', 'theta'][i]!);
      });
    }
  }

  // loss limits
  const crossed =
    -pnl.dailyPnl >= L.maxDailyLoss ||
    (pnl.highWaterMark > 0 &&
      (pnl.highWaterMark - pnl.netLiquidation) / pnl.highWaterMark >= L.maxDrawdown) ||
    pnl.consecutiveLosses >= L.maxConsecutiveLosses;
  if (crossed && !(L.lossLimitBreakerState === 'REDUCING' && closesOnly(intent, ctx))) v.push('loss limit');

  // throttles and duplicates
  if (history.recent.filter((o) => o.createdAt > ctx.now - 60_000).length + 1 > L.maxOrdersPerMinute)
    v.push('per minute');
  if (Math.max(ctx.cycleOrdersSoFar, history.ordersInCycle) + 1 > L.maxOrdersPerCycle) v.push('per cycle');
  for (const l of intent.legs) {
    const n = openOrders.filter((o) =>
      o.intent.legs.some((w) => w.side === l.side && contractKey(w.contract) === contractKey(l.contract)),
    ).length;
    if (n + 1 > L.maxWorkingOrdersPerContractSide) v.push('working per contract');
  }
  if (history.clientOrderIdSeen || openOrders.some((o) => o.clientOrderId === intent.clientOrderId))
    v.push('client order id');
  const structure = structureKey(intent.legs);
  const twin = history.recent.some(
    (o) =>
      o.createdAt > ctx.now - L.duplicateWindow &&
      o.structure === structure &&
      o.limitPrice === intent.limitPrice &&
      o.priceEffect === intent.priceEffect,
  );
  if (twin) v.push('duplicate in window');
  return v;
}
