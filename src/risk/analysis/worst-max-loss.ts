/**
 * Capital at risk: the worst max loss of a book over every way its working orders may fill — none,
 * all, any subset, and any partial fill — without enumerating them.
 *
 * Why it is exact for one expiry: at a fixed spot S the book's loss is the fixed part's loss plus
 * f × (each order's cost − its payoff at S) for the fraction f of it that fills, which is linear in
 * f; so at each S every order independently either fills wholly (when its own loss there is
 * positive) or not at all, and partial fills are never worse than those extremes. The worst over
 * fills at S is then `fixed loss + Σ max(0, each order's loss)`: a sum of convex pieces between
 * strikes, so its maximum is at 0 or a strike; beyond the last strike it grows without bound exactly
 * when the fixed slope plus every negative order slope is below zero.
 *
 * Later-dated legs (valued as in `payoff.ts`) keep that exactness while no later-dated contract can
 * end short in any fill state: then every leg counts at intrinsic at the first expiry any state can
 * have. Otherwise the later-dated legs of every part count as one constant, their own worst worth
 * over every fill state (recursively), whatever the fills and the spot: a lower bound of their
 * worth in each state, so the loss is over-estimated, never under. With no working orders the
 * result equals `maxLossOf`.
 */
import type { FillBook } from './book.js';
import { netHoldings, slopeOf, termOf, valueAt, type Holding, type MaxLoss, type Term } from './payoff.js';

interface Part {
  readonly holdings: readonly Holding[];
  readonly cost: number;
}

type Worst =
  { readonly bounded: true; readonly value: number } | { readonly bounded: false; readonly slope: number };

const EPS = 1e-9;

/** The first and the last expiry of the options in the parts (null when there are none). */
function expiries(fixed: Part, working: readonly Part[]): { first: string; last: string } | null {
  let first: string | null = null;
  let last = '';
  const see = (h: Holding): void => {
    if (h.contract.kind !== 'option') return;
    if (first === null || h.contract.expiry < first) first = h.contract.expiry;
    if (h.contract.expiry > last) last = h.contract.expiry;
  };
  for (const h of fixed.holdings) see(h);
  for (const w of working) for (const h of w.holdings) see(h);
  return first === null ? null : { first, last };
}

/** Whether some contract expiring after `first` is short in some fill state. */
function laterCanBeShort(fixed: Part, working: readonly Part[], first: string): boolean {
  const lowest = new Map<string, number>();
  const add = (h: Holding, q: number): void => {
    if (h.contract.kind !== 'option' || h.contract.expiry <= first) return;
    const c = h.contract;
    const key = `${c.expiry}|${c.strike}|${c.right}|${c.multiplier}`;
    lowest.set(key, (lowest.get(key) ?? 0) + q);
  };
  for (const h of fixed.holdings) add(h, h.quantity);
  for (const w of working) for (const h of w.holdings) add(h, Math.min(0, h.quantity));
  for (const q of lowest.values()) if (q < -EPS) return true;
  return false;
}

function strikes(terms: readonly Term[], into: number[]): void {
  for (const t of terms) if (t.kind === 'call' || t.kind === 'put') into.push(t.strike);
}

function worst(fixed: Part, working: readonly Part[]): Worst {
  const span = expiries(fixed, working);
  const split = span !== null && span.last > span.first && laterCanBeShort(fixed, working, span.first);
  const now = (h: Holding): boolean =>
    !split || h.contract.kind === 'stock' || h.contract.expiry === span.first;
  let floor = 0;
  if (split) {
    const later = (p: Part): Part => ({ holdings: p.holdings.filter((h) => !now(h)), cost: 0 });
    const sub = worst(later(fixed), working.map(later));
    if (!sub.bounded) return sub;
    floor = -sub.value;
  }
  const fixedTerms = fixed.holdings.filter(now).map(termOf);
  const workingTerms = working.map((w) => w.holdings.filter(now).map(termOf));
  let slope = slopeOf(fixedTerms);
  for (const t of workingTerms) slope += Math.min(0, slopeOf(t));
  if (slope < -EPS) return { bounded: false, slope };
  const points = [0];
  strikes(fixedTerms, points);
  for (const t of workingTerms) strikes(t, points);
  let value = -Infinity;
  for (const p of points) {
    let loss = fixed.cost - valueAt(fixedTerms, p) - floor;
    for (let i = 0; i < working.length; i++)
      loss += Math.max(0, working[i]!.cost - valueAt(workingTerms[i]!, p));
    if (loss > value) value = loss;
  }
  return { bounded: true, value };
}

/**
 * The most the book can lose from its cost, holding every leg to expiry, over every fill of its
 * working orders. Unbounded (`short_calls`) when some fill leaves more short calls than cover;
 * `unpriced` when a working order has no price (a market order), since its cost is unknown.
 */
export function worstMaxLoss(book: FillBook): MaxLoss {
  // Working orders are not netted: a contract an order both buys and sells can only make the
  // result more conservative, and the gate refuses such orders anyway.
  const w = worst({ holdings: netHoldings(book.fixed.holdings), cost: book.fixed.cost }, book.working);
  if (!w.bounded) return { bounded: false, slope: w.slope, reason: 'short_calls' };
  if (Number.isNaN(book.fixed.cost) || book.working.some((b) => Number.isNaN(b.cost)))
    return { bounded: false, slope: 0, reason: 'unpriced' };
  return { bounded: true, value: w.value };
}
