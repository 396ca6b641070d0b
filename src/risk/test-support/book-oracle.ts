/**
 * An independent statement of the book-dependent checks, for the worst-fill property: it ENUMERATES
 * every subset of working orders that fill (each wholly or not at all) and judges each subset by
 * brute force — loss over a grid of spots, Greeks straight from the quant, contracts counted line by
 * line — sharing no code with the gate's analysis. Books of one expiry only (what it can state
 * simply). Whole fills suffice: every measure here is, at a fixed spot, linear (loss, Greeks, net
 * shares of puts) or convex (|contracts|) in how much of each order fills, so no partial fill is
 * worse than the better of none and all; the unit tests of `analysis/worst-*` check that claim.
 *
 * `scenarios: 'three'` judges only "none fill", "all fill" and "each one alone fills" — the gate's
 * old logic — to show the property can tell the two apart.
 */
import {
  contractKey,
  findChainRow,
  yearsToExpiry,
  type Contract,
  type OrderIntent,
  type SafetyCode,
} from '../../domain/index.js';
import { calculateGreeks } from '../../quant/index.js';
import type { GateContext } from '../gate-context.js';

interface Line {
  readonly contract: Contract;
  readonly qty: number;
}

interface Piece {
  readonly lines: readonly Line[];
  /** Dollars, + paid; NaN when unknown (a market order). */
  readonly cost: number;
}

/** A max loss: a number of dollars, or unbounded with the payoff's slope past the last strike. */
type Loss =
  | { readonly finite: true; readonly value: number }
  | { readonly finite: false; readonly slope: number; readonly calls: boolean };

/** The codes of the book-dependent checks, which the oracle states. */
export const BOOK_CODES: readonly SafetyCode[] = [
  'BREAKER_REDUCING_ONLY',
  'SIZE_POSITION_PER_CONTRACT',
  'SIZE_POSITION_PER_UNDERLYING',
  'SIZE_CONCENTRATION',
  'RISK_NAKED_SHORT_CALL',
  'RISK_UNDEFINED',
  'RISK_NAKED_SHORT_PUT',
  'RISK_MAX_LOSS_PER_TRADE',
  'RISK_MAX_LOSS_TOTAL',
  'GREEKS_DELTA',
  'GREEKS_GAMMA',
  'GREEKS_VEGA',
  'GREEKS_THETA',
  'BUYING_POWER_INSUFFICIENT',
];

const mult = (c: Contract): number => (c.kind === 'option' ? c.multiplier : 1);
const sign = (side: 'buy' | 'sell'): number => (side === 'buy' ? 1 : -1);

function linesOf(intent: OrderIntent, units: number, symbol: string): Line[] {
  return intent.legs
    .filter((l) => l.contract.symbol === symbol)
    .map((l) => ({ contract: l.contract, qty: sign(l.side) * l.ratio * units }));
}

function held(ctx: GateContext, symbol: string): Piece {
  const on = (ctx.positions ?? []).filter((p) => p.contract.symbol === symbol);
  return {
    lines: on.map((p) => ({ contract: p.contract, qty: p.quantity })),
    cost: on.reduce((s, p) => s + p.quantity * p.averagePrice * mult(p.contract), 0),
  };
}

function working(ctx: GateContext, symbol: string): Piece[] {
  return (ctx.openOrders ?? [])
    .filter(
      (o) =>
        o.intent.quantity - o.filledQuantity > 0 && o.intent.legs.some((l) => l.contract.symbol === symbol),
    )
    .map((o) => {
      const units = o.intent.quantity - o.filledQuantity;
      const m = mult(o.intent.legs[0]!.contract);
      const price =
        o.intent.limitPrice === null
          ? NaN
          : o.intent.priceEffect === 'debit'
            ? o.intent.limitPrice
            : -o.intent.limitPrice;
      return { lines: linesOf(o.intent, units, symbol), cost: price * m * units };
    });
}

function together(pieces: readonly Piece[]): Piece {
  return { lines: pieces.flatMap((p) => p.lines), cost: pieces.reduce((s, p) => s + p.cost, 0) };
}

/** Every subset of `n` orders as index lists, or the three old scenarios. */
function subsets(n: number, scenarios: 'every' | 'three'): number[][] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (scenarios === 'three') return n === 0 ? [[]] : n === 1 ? [[], all] : [[], all, ...all.map((i) => [i])];
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) out.push(all.filter((i) => mask & (1 << i)));
  return out;
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

/** Max loss by brute force over spot; unbounded when the value keeps falling as spot rises. */
function lossOf(p: Piece): Loss {
  const strikes = p.lines.flatMap((l) => (l.contract.kind === 'option' ? [l.contract.strike] : []));
  const top = Math.max(100, ...strikes);
  const slope = (valueAt(p.lines, top * 10) - valueAt(p.lines, top * 2)) / (top * 8);
  if (slope < -1e-6) return { finite: false, slope, calls: true };
  if (Number.isNaN(p.cost)) return { finite: false, slope: 0, calls: false };
  const grid = [0, ...strikes, top * 2, top * 10];
  return { finite: true, value: Math.max(...grid.map((s) => p.cost - valueAt(p.lines, s))) };
}

/** The worst loss over the subsets: the most negative slope if any is unbounded, else unknown if any is unpriced. */
function worstLoss(pieces: readonly Piece[]): Loss {
  const losses = pieces.map(lossOf);
  const unbounded = losses.filter((l) => !l.finite && l.calls) as { slope: number }[];
  if (unbounded.length > 0)
    return { finite: false, slope: Math.min(...unbounded.map((l) => l.slope)), calls: true };
  if (losses.some((l) => !l.finite)) return { finite: false, slope: 0, calls: false };
  return { finite: true, value: Math.max(...losses.map((l) => (l.finite ? l.value : 0))) };
}

/** What going from `before` to `after` adds, as the decision record defines it for unbounded books. */
function added(before: Loss, after: Loss, alone: Loss): number {
  if (before.finite && after.finite) return after.value - before.value;
  if (before.finite) return Infinity;
  if (after.finite) return -Infinity;
  if (after.slope < before.slope - 1e-9) return Infinity;
  if (after.slope > before.slope + 1e-9) return -Infinity;
  return alone.finite ? alone.value : Infinity;
}

const dollars = (l: Loss): number => (l.finite ? Math.max(0, l.value) : Infinity);

function shortPutShares(lines: readonly Line[]): number {
  let net = 0;
  for (const { contract: c, qty } of lines)
    if (c.kind === 'option' && c.right === 'put') net += qty * c.multiplier;
  return Math.max(0, -net);
}

function grossContracts(lines: readonly Line[]): number {
  const net = new Map<string, { qty: number; weight: number }>();
  for (const { contract: c, qty } of lines) {
    const key = contractKey(c);
    const seen = net.get(key) ?? { qty: 0, weight: c.kind === 'stock' ? 0.01 : c.multiplier / 100 };
    seen.qty += qty;
    net.set(key, seen);
  }
  let sum = 0;
  for (const { qty, weight } of net.values()) sum += Math.abs(qty) * weight;
  return sum;
}

/** Delta, gamma, vega (per vol point), theta (per day) of one share's worth of an option. */
type PerShare = (c: Contract & { kind: 'option' }) => readonly [number, number, number, number];

function perShareGreeks(ctx: GateContext, symbol: string): PerShare {
  const slice = ctx.markets[symbol]!;
  const u = slice.underlying!;
  const spot = (u.bid! + u.ask!) / 2;
  const seen = new Map<string, readonly [number, number, number, number]>();
  return (c) => {
    const key = contractKey(c);
    const known = seen.get(key);
    if (known) return known;
    const g = calculateGreeks({
      spot,
      strike: c.strike,
      timeYears: Math.max(1 / 8760, yearsToExpiry(c.expiry, ctx.marketTime!)),
      rate: slice.chain!.rate,
      dividendYield: slice.chain!.dividendYield,
      volatility: findChainRow(slice.chain!, c)!.iv!,
      right: c.right,
    });
    const out = [g.delta, g.gamma, g.vega / 100, g.theta / 365] as const;
    seen.set(key, out);
    return out;
  };
}

function greeks(lines: readonly Line[], perShare: PerShare): number[] {
  const sums = [0, 0, 0, 0];
  for (const { contract: c, qty } of lines) {
    if (c.kind === 'stock') {
      sums[0]! += qty;
      continue;
    }
    const g = perShare(c);
    for (let i = 0; i < 4; i++) sums[i]! += qty * c.multiplier * g[i]!;
  }
  return sums;
}

/** The value of largest magnitude (the first of equals). */
function largest(values: readonly number[]): number {
  return values.reduce((w, v) => (Math.abs(v) > Math.abs(w) ? v : w), 0);
}

function closesOnly(intent: OrderIntent, ctx: GateContext): boolean {
  const all = (ctx.openOrders ?? []).flatMap((o) =>
    o.intent.legs.map((l) => ({
      contract: l.contract,
      qty: sign(l.side) * l.ratio * (o.intent.quantity - o.filledQuantity),
    })),
  );
  return intent.legs.every((l) => {
    const q = sign(l.side) * l.ratio * intent.quantity;
    const key = contractKey(l.contract);
    const position = (ctx.positions ?? [])
      .filter((p) => contractKey(p.contract) === key)
      .reduce((s, p) => s + p.quantity, 0);
    const sameWay = all
      .filter((w) => contractKey(w.contract) === key && Math.sign(w.qty) === Math.sign(q))
      .reduce((s, w) => s + Math.abs(w.qty), 0);
    return (
      position !== 0 && Math.sign(position) !== Math.sign(q) && Math.abs(q) + sameWay <= Math.abs(position)
    );
  });
}

/**
 * The book-dependent codes an order gets (in `BOOK_CODES` order), judging every subset of working
 * orders (or only the three old scenarios). The order has one underlying; its legs and the book one
 * expiry; positions, open orders and the account are there.
 */
export function bookCodes(
  intent: OrderIntent,
  ctx: GateContext,
  scenarios: 'every' | 'three' = 'every',
): SafetyCode[] {
  const L = ctx.limits;
  const account = ctx.account!;
  const symbol = intent.legs[0]!.contract.symbol;
  const codes = new Set<SafetyCode>();
  const m = mult(intent.legs[0]!.contract);
  const price = intent.priceEffect === 'debit' ? intent.limitPrice! : -intent.limitPrice!;
  const order: Piece = { lines: linesOf(intent, intent.quantity, symbol), cost: price * m * intent.quantity };

  const bookOf = (sym: string) => {
    const h = held(ctx, sym);
    const w = working(ctx, sym);
    return subsets(w.length, scenarios).map((s) => together([h, ...s.map((i) => w[i]!)]));
  };
  const befores = bookOf(symbol);
  const afters = befores.map((b) => together([b, order]));

  if (ctx.breaker === 'REDUCING' && !closesOnly(intent, ctx)) codes.add('BREAKER_REDUCING_ONLY');

  // Per contract: held, every working order the same way, and the leg.
  for (const l of order.lines) {
    const key = contractKey(l.contract);
    const position = (ctx.positions ?? [])
      .filter((p) => contractKey(p.contract) === key)
      .reduce((s, p) => s + p.quantity, 0);
    const sameWay = (ctx.openOrders ?? [])
      .flatMap((o) => linesOf(o.intent, o.intent.quantity - o.filledQuantity, l.contract.symbol))
      .filter((w) => contractKey(w.contract) === key && Math.sign(w.qty) === Math.sign(l.qty))
      .reduce((s, w) => s + w.qty, 0);
    const before = position + sameWay;
    if (Math.abs(before + l.qty) > L.maxPositionPerContract && Math.abs(before + l.qty) > Math.abs(before))
      codes.add('SIZE_POSITION_PER_CONTRACT');
  }

  const grossBefore = Math.max(...befores.map((b) => grossContracts(b.lines)));
  const grossAfter = Math.max(...afters.map((b) => grossContracts(b.lines)));
  if (grossAfter > L.maxContractsPerUnderlying + 1e-9 && grossAfter > grossBefore + 1e-9)
    codes.add('SIZE_POSITION_PER_UNDERLYING');

  const capBefore = worstLoss(befores);
  const capAfter = worstLoss(afters);
  const heldBefore = lossOf(befores[0]!);
  const heldAfter = lossOf(afters[0]!);
  const alone = lossOf(order);
  const capChange = added(capBefore, capAfter, alone);
  const heldChange = added(heldBefore, heldAfter, alone);
  const increase = Math.max(capChange, heldChange);
  const raises =
    capBefore.finite && capAfter.finite ? dollars(capAfter) > dollars(capBefore) + 1e-9 : capChange > 0;
  const others = new Set([
    ...(ctx.positions ?? []).map((p) => p.contract.symbol),
    ...(ctx.openOrders ?? []).flatMap((o) => o.intent.legs.map((l) => l.contract.symbol)),
  ]);
  others.delete(symbol);
  const othersTotal = [...others].reduce((s, o) => s + dollars(worstLoss(bookOf(o))), 0);

  if (
    account.netLiquidation > 0 &&
    dollars(capAfter) / account.netLiquidation > L.maxConcentration + 1e-12 &&
    raises
  )
    codes.add('SIZE_CONCENTRATION');
  const unboundedBy = (after: Loss, change: number) => !after.finite && after.calls && change === Infinity;
  if (unboundedBy(capAfter, capChange) || unboundedBy(heldAfter, heldChange)) {
    const sellsCalls = intent.legs.some(
      (l) => l.side === 'sell' && l.contract.kind === 'option' && l.contract.right === 'call',
    );
    codes.add(sellsCalls ? 'RISK_NAKED_SHORT_CALL' : 'RISK_UNDEFINED');
  }
  const putsBefore = Math.max(...befores.map((b) => shortPutShares(b.lines)));
  const putsAfter = Math.max(...afters.map((b) => shortPutShares(b.lines)));
  if (!L.allowNakedShortPuts && putsAfter > putsBefore + 1e-9) codes.add('RISK_NAKED_SHORT_PUT');
  if (increase > L.maxLossPerTrade + 1e-9) codes.add('RISK_MAX_LOSS_PER_TRADE');
  if (othersTotal + dollars(capAfter) > L.maxLossTotal + 1e-9 && raises) codes.add('RISK_MAX_LOSS_TOTAL');

  const perShare = perShareGreeks(ctx, symbol);
  const gBefore = befores.map((b) => greeks(b.lines, perShare));
  const gAfter = afters.map((b) => greeks(b.lines, perShare));
  const bounds = [L.maxNetDelta, L.maxNetGamma, L.maxNetVega, L.maxNetTheta];
  const greekCodes: SafetyCode[] = ['GREEKS_DELTA', 'GREEKS_GAMMA', 'GREEKS_VEGA', 'GREEKS_THETA'];
  bounds.forEach((bound, i) => {
    const before = Math.abs(largest(gBefore.map((g) => g[i]!)));
    const after = Math.abs(largest(gAfter.map((g) => g[i]!)));
    if (after > bound && after > before + 1e-9) codes.add(greekCodes[i]!);
  });

  if (increase > 1e-9) {
    const preview = ctx.marginPreview?.buyingPowerAfter;
    const bp = Math.min(
      account.buyingPower - increase,
      preview !== undefined && Number.isFinite(preview) ? preview : Infinity,
    );
    if (!(bp >= L.minBuyingPowerReserve * account.netLiquidation - 1e-9))
      codes.add('BUYING_POWER_INSUFFICIENT');
  }
  return BOOK_CODES.filter((c) => codes.has(c));
}
