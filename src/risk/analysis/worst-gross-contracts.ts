/**
 * Σ |contracts| on one underlying (stock per 100 shares) at its worst over every fill of the working
 * orders. Each |net| is convex in what fills, so the worst is at an extreme of every order (none or
 * all of it; partial fills never do worse) — but which extreme depends on the others that trade the
 * same contracts, so the orders are split into groups linked by a common contract and each group's
 * extremes are enumerated: exponential only in the largest group, one order in the usual case. A
 * group of more than `EXACT_GROUP` orders takes each contract at its own worst instead, which can
 * only over-count.
 */
import { contractKey, multiplierOf } from '../../domain/index.js';
import type { FillBook } from './book.js';
import type { Holding } from './payoff.js';

/** The largest group of linked working orders whose fills are enumerated (2^8 states). */
export const EXACT_GROUP = 8;

/** Contracts a holding counts as: options by multiplier / 100, stock per 100 shares. */
function weightOf(h: Holding): number {
  return h.contract.kind === 'stock' ? 1 / 100 : multiplierOf(h.contract) / 100;
}

interface Line {
  readonly weight: number;
  fixed: number;
  /** Working orders on this contract: index into the book's working orders, and quantity. */
  readonly working: { readonly order: number; quantity: number }[];
}

function linesOf(book: FillBook): Map<string, Line> {
  const lines = new Map<string, Line>();
  const line = (h: Holding): Line => {
    const key = `${contractKey(h.contract)}x${multiplierOf(h.contract)}`;
    let l = lines.get(key);
    if (!l) {
      l = { weight: weightOf(h), fixed: 0, working: [] };
      lines.set(key, l);
    }
    return l;
  };
  for (const h of book.fixed.holdings) line(h).fixed += h.quantity;
  book.working.forEach((w, i) => {
    for (const h of w.holdings) {
      const l = line(h);
      const seen = l.working.find((x) => x.order === i);
      if (seen) seen.quantity += h.quantity;
      else l.working.push({ order: i, quantity: h.quantity });
    }
  });
  return lines;
}

/** Groups of working orders linked by a common contract (union-find). */
function groups(count: number, lines: Iterable<Line>): number[][] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const l of lines) for (const w of l.working) parent[root(w.order)] = root(l.working[0]!.order);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < count; i++) byRoot.set(root(i), [...(byRoot.get(root(i)) ?? []), i]);
  return [...byRoot.values()];
}

/** Σ |contracts| of `lines` when the orders whose bit (`bitOf`) is set in `mask` fill. */
function gross(lines: readonly Line[], bitOf: ReadonlyMap<number, number>, mask: number): number {
  let sum = 0;
  for (const l of lines) {
    let q = l.fixed;
    for (const w of l.working) if (mask & bitOf.get(w.order)!) q += w.quantity;
    sum += l.weight * Math.abs(q);
  }
  return sum;
}

function eachAtWorst(lines: readonly Line[]): number {
  let sum = 0;
  for (const l of lines) {
    let up = l.fixed;
    let down = l.fixed;
    for (const { quantity } of l.working) {
      if (quantity > 0) up += quantity;
      else down += quantity;
    }
    sum += l.weight * Math.max(Math.abs(up), Math.abs(down));
  }
  return sum;
}

/** Σ |contracts| of the book's worst fill (see the module comment). */
export function worstGrossContracts(book: FillBook): number {
  const lines = linesOf(book);
  let total = 0;
  for (const l of lines.values()) if (l.working.length === 0) total += l.weight * Math.abs(l.fixed);
  if (book.working.length === 0) return total;
  for (const group of groups(book.working.length, lines.values())) {
    const members = new Set(group);
    const touched = [...lines.values()].filter((l) => l.working.some((w) => members.has(w.order)));
    if (group.length > EXACT_GROUP) {
      total += eachAtWorst(touched);
      continue;
    }
    const bitOf = new Map(group.map((order, j) => [order, 1 << j]));
    let worst = 0;
    for (let mask = 0; mask < 1 << group.length; mask++) worst = Math.max(worst, gross(touched, bitOf, mask));
    total += worst;
  }
  return total;
}
