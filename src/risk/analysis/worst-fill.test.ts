import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractKey, option, stock, type Contract } from '../../domain/index.js';
import { EXP1, EXP2 } from '../test-support/fixtures.js';
import type { FillBook } from './book.js';
import type { NetGreeks } from './greeks.js';
import { maxLossOf, uncoveredShortPuts, type Book, type Holding, type MaxLoss } from './payoff.js';
import { EXACT_GROUP, worstGrossContracts } from './worst-gross-contracts.js';
import { worstGreeks } from './worst-greeks.js';
import { worstMaxLoss } from './worst-max-loss.js';
import { worstCashSecured, worstUncoveredPutShares } from './worst-short-puts.js';

const SEED = 20_260_313;
const CONTRACTS: Contract[] = [
  stock('NVDA'),
  ...[EXP1, EXP2].flatMap((e) =>
    [90, 95, 100, 105, 110].flatMap((k) => [option('NVDA', e, k, 'call'), option('NVDA', e, k, 'put')]),
  ),
];

const holding = (oneExpiry: boolean) =>
  fc
    .record({ c: fc.nat(CONTRACTS.length - 1), q: fc.integer({ min: -3, max: 3 }) })
    .map(({ c, q }): Holding => {
      const contract = CONTRACTS[oneExpiry && c > 10 ? c - 10 : c]!;
      return { contract, quantity: contract.kind === 'stock' ? q * 100 : q };
    });
const book = (oneExpiry: boolean, maxLength: number, unpriced = false) =>
  fc.record({
    holdings: fc.array(holding(oneExpiry), { maxLength }),
    cost: unpriced
      ? fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -2_000, max: 2_000 }) }, fc.constant(NaN))
      : fc.integer({ min: -2_000, max: 2_000 }),
  });
const fillBook = (oneExpiry: boolean, unpriced = false): fc.Arbitrary<FillBook> =>
  fc.record({
    fixed: book(oneExpiry, 5),
    working: fc.array(book(oneExpiry, 3, unpriced), { maxLength: 5 }),
  });

/** `fixed` plus the fraction `f[i]` of each working order. */
function filled(b: FillBook, f: readonly number[]): Book {
  return {
    holdings: [
      ...b.fixed.holdings,
      ...b.working.flatMap((w, i) => w.holdings.map((h) => ({ ...h, quantity: h.quantity * f[i]! }))),
    ],
    cost: b.fixed.cost + b.working.reduce((s, w, i) => s + (f[i] === 0 ? 0 : w.cost * f[i]!), 0),
  };
}

function everySubset(b: FillBook): Book[] {
  const n = b.working.length;
  return Array.from({ length: 1 << n }, (_, mask) =>
    filled(
      b,
      b.working.map((_, i) => (mask & (1 << i) ? 1 : 0)),
    ),
  );
}

/**
 * `a` is at least as bad as `b`: unbounded beats bounded, and (`slopes`, for books of one expiry,
 * where the slope is the whole book's) a steeper unbounded beats a shallower one.
 */
function atLeast(a: MaxLoss, b: MaxLoss, slopes = true): boolean {
  if (!b.bounded && b.reason === 'short_calls')
    return !a.bounded && a.reason === 'short_calls' && (!slopes || a.slope <= b.slope + 1e-9);
  if (!b.bounded) return !a.bounded;
  return !a.bounded || a.value >= b.value - 1e-6;
}

describe('worstMaxLoss: capital at risk over every fill of the working orders', () => {
  it('is maxLossOf when nothing is working, one expiry or several', () => {
    fc.assert(
      fc.property(book(false, 6), (b) => {
        expect(worstMaxLoss({ fixed: b, working: [] })).toEqual(maxLossOf(b));
      }),
      { numRuns: 2_000, seed: SEED },
    );
  });

  it('is exactly the worst subset for books of one expiry, and no partial fill is worse', () => {
    let unbounded = 0;
    let bounded = 0;
    fc.assert(
      fc.property(
        fillBook(true, true),
        fc.array(fc.constantFrom(1 / 3, 1 / 2, 2 / 3), { minLength: 5 }),
        (b, f) => {
          const worst = worstMaxLoss(b);
          const subsets = everySubset(b).map(maxLossOf);
          expect(subsets.every((s) => atLeast(worst, s))).toBe(true);
          // …and some subset is that bad (the most negative slope, or the largest value).
          expect(subsets.some((s) => atLeast(s, worst))).toBe(true);
          expect(atLeast(worst, maxLossOf(filled(b, f)))).toBe(true);
          if (worst.bounded) bounded++;
          else unbounded++;
        },
      ),
      { numRuns: 1_500, seed: SEED + 1 },
    );
    expect(bounded).toBeGreaterThan(100);
    expect(unbounded).toBeGreaterThan(100);
  });

  it('never under-states the worst subset or partial fill when legs expire later', () => {
    let looser = 0;
    fc.assert(
      fc.property(
        fillBook(false),
        fc.array(fc.constantFrom(0, 1 / 3, 1 / 2, 1), { minLength: 5 }),
        (b, f) => {
          const worst = worstMaxLoss(b);
          const subsets = everySubset(b).map(maxLossOf);
          expect(subsets.every((s) => atLeast(worst, s, false))).toBe(true);
          expect(atLeast(worst, maxLossOf(filled(b, f)), false)).toBe(true);
          if (!subsets.some((s) => atLeast(s, worst, false))) looser++;
        },
      ),
      { numRuns: 1_500, seed: SEED + 2 },
    );
    // Conservative, not absurd: most books are judged exactly.
    expect(looser).toBeLessThan(1_500 * 0.2);
  });

  it('calls a book unpriced when a working order has no price, unless some fill is unbounded', () => {
    const call = (k: number, q: number): Holding => ({
      contract: option('NVDA', EXP1, k, 'call'),
      quantity: q,
    });
    expect(
      worstMaxLoss({
        fixed: { holdings: [call(100, 1)], cost: 300 },
        working: [{ holdings: [call(105, -1)], cost: NaN }],
      }),
    ).toEqual({ bounded: false, slope: 0, reason: 'unpriced' });
    expect(
      worstMaxLoss({
        fixed: { holdings: [call(100, 1)], cost: 300 },
        working: [{ holdings: [call(100, -2)], cost: NaN }],
      }),
    ).toMatchObject({ bounded: false, reason: 'short_calls', slope: -100 });
  });
});

describe('worstGrossContracts', () => {
  const gross = (b: Book) => {
    const net = new Map<string, number>();
    for (const h of b.holdings) {
      const key = contractKey(h.contract);
      net.set(key, (net.get(key) ?? 0) + h.quantity);
    }
    return [...net].reduce((s, [key, q]) => s + Math.abs(q) * (key === 'NVDA' ? 0.01 : 1), 0);
  };

  it('is the worst subset exactly, and no partial fill is worse', () => {
    fc.assert(
      fc.property(fillBook(false), fc.array(fc.constantFrom(1 / 3, 1 / 2), { minLength: 5 }), (b, f) => {
        const worst = worstGrossContracts(b);
        expect(worst).toBeCloseTo(Math.max(...everySubset(b).map(gross)), 9);
        expect(worst).toBeGreaterThanOrEqual(gross(filled(b, f)) - 1e-9);
      }),
      { numRuns: 1_000, seed: SEED + 3 },
    );
  });

  it('over-counts, never under-counts, a group of linked orders too large to enumerate', () => {
    const c = (k: number) => option('NVDA', EXP1, k, 'call');
    // One call held at each strike and a chain of rolls k → k + 1 between them: every order shares
    // a contract with the next. Whatever fills, the book keeps one call per strike on balance.
    const chain = (strikes: number): FillBook => {
      const ks = Array.from({ length: strikes }, (_, i) => 90 + i);
      return {
        fixed: { holdings: ks.map((k) => ({ contract: c(k), quantity: 1 })), cost: 0 },
        working: ks.slice(0, -1).map((k) => ({
          holdings: [
            { contract: c(k), quantity: -1 },
            { contract: c(k + 1), quantity: 1 },
          ],
          cost: 0,
        })),
      };
    };
    const small = chain(EXACT_GROUP + 1);
    expect(worstGrossContracts(small)).toBe(Math.max(...everySubset(small).map(gross)));
    const large = chain(EXACT_GROUP + 2);
    const exact = Math.max(...everySubset(large).map(gross));
    expect(exact).toBe(EXACT_GROUP + 2);
    // Each contract at its own worst: 1 for the first, 2 for every other.
    expect(worstGrossContracts(large)).toBe(1 + 2 * (EXACT_GROUP + 1));
  });
});

describe('worstUncoveredPutShares and worstCashSecured', () => {
  const uncovered = (b: Book) => uncoveredShortPuts(b.holdings).reduce((s, u) => s + u.shares, 0);
  const cash = (b: Book) =>
    uncoveredShortPuts(b.holdings).reduce((s, u) => s + u.shares * u.contract.strike, 0);

  it('are the worst subset exactly (shares) or above it (cash), over expiries, and no partial fill is worse', () => {
    let positive = 0;
    fc.assert(
      fc.property(fillBook(false), fc.array(fc.constantFrom(1 / 3, 1 / 2), { minLength: 5 }), (b, f) => {
        const subsets = everySubset(b);
        const shares = worstUncoveredPutShares(b);
        expect(shares).toBeCloseTo(Math.max(...subsets.map(uncovered)), 9);
        expect(shares).toBeGreaterThanOrEqual(uncovered(filled(b, f)) - 1e-9);
        const worstCash = worstCashSecured(b);
        expect(worstCash).toBeGreaterThanOrEqual(Math.max(...subsets.map(cash)) - 1e-6);
        if (shares > 0) positive++;
      }),
      { numRuns: 1_500, seed: SEED + 4 },
    );
    expect(positive).toBeGreaterThan(300);
  });

  it('asks strike × shares of cash for short puts of one strike, held or working', () => {
    const p = (k: number, q: number): Holding => ({ contract: option('NVDA', EXP1, k, 'put'), quantity: q });
    const b: FillBook = {
      fixed: { holdings: [p(90, -1), p(85, 1)], cost: 0 },
      working: [
        { holdings: [p(85, -1)], cost: 0 },
        { holdings: [p(90, -2)], cost: 0 },
      ],
    };
    // Worst: both fill; −3 × 90P and nothing covering it.
    expect(worstUncoveredPutShares(b)).toBe(300);
    expect(worstCashSecured(b)).toBe(300 * 90);
  });
});

describe('worstGreeks', () => {
  it('is the value of largest magnitude over every subset, per Greek', () => {
    const g = fc.record({
      delta: fc.integer({ min: -500, max: 500 }),
      gamma: fc.integer({ min: -50, max: 50 }),
      vega: fc.integer({ min: -900, max: 900 }),
      theta: fc.integer({ min: -90, max: 90 }),
    });
    fc.assert(
      fc.property(g, fc.array(g, { maxLength: 6 }), (fixed, working) => {
        const worst = worstGreeks(fixed, working);
        for (const name of ['delta', 'gamma', 'vega', 'theta'] as const) {
          const sums = Array.from({ length: 1 << working.length }, (_, mask) =>
            working.reduce((s, w, i) => (mask & (1 << i) ? s + w[name] : s), fixed[name]),
          );
          expect(Math.abs(worst[name])).toBe(Math.max(...sums.map(Math.abs)));
          expect(sums).toContain(worst[name]);
        }
      }),
      { numRuns: 500, seed: SEED + 5 },
    );
  });

  it('keeps the figures as they are with nothing working', () => {
    const fixed: NetGreeks = { delta: 12, gamma: -3, vega: 40, theta: -5 };
    expect(worstGreeks(fixed, [])).toEqual(fixed);
  });
});
