/**
 * Short puts without cover, at their worst over every fill of the working orders. A short put is
 * covered by a long put of the same or a later expiry (cover used once), so by Hall's theorem the
 * uncovered shares are max(0, max over expiries e of Σ −(net shares) of the puts expiring on or after
 * e): a maximum of sums linear in what fills. At each e every order independently adds its positive
 * part or nothing, which is exact, and partial fills never do worse.
 */
import { contractKey, multiplierOf, type OptionContract } from '../../domain/index.js';
import type { FillBook } from './book.js';
import { sharesOf, type Holding } from './payoff.js';

function puts(holdings: readonly Holding[]): { contract: OptionContract; shares: number }[] {
  return holdings.flatMap((h) =>
    h.contract.kind === 'option' && h.contract.right === 'put'
      ? [{ contract: h.contract, shares: sharesOf(h) }]
      : [],
  );
}

/** Shares of short puts without a covering long put, in the worst fill of the working orders. */
export function worstUncoveredPutShares(book: FillBook): number {
  const fixed = puts(book.fixed.holdings);
  const working = book.working.map((w) => puts(w.holdings));
  const expiries = new Set<string>();
  for (const p of fixed) expiries.add(p.contract.expiry);
  for (const w of working) for (const p of w) expiries.add(p.contract.expiry);
  let worst = 0;
  for (const e of expiries) {
    const shortFrom = (ps: readonly { contract: OptionContract; shares: number }[]): number =>
      ps.reduce((s, p) => (p.contract.expiry >= e ? s - p.shares : s), 0);
    let uncovered = shortFrom(fixed);
    for (const w of working) uncovered += Math.max(0, shortFrom(w));
    worst = Math.max(worst, uncovered);
  }
  return worst;
}

/**
 * Cash that would secure the uncovered short puts (strike × shares), in the worst fill: the lower of
 * two upper bounds — every short put uncovered at its own worst size, and the worst uncovered shares
 * all at the highest strike that can be short. Exact for a book of one short strike or without long
 * puts; otherwise it may ask for more cash than one fill needs, never less.
 */
export function worstCashSecured(book: FillBook): number {
  const lowest = new Map<string, { strike: number; shares: number }>();
  const add = (h: Holding, shares: number): void => {
    if (h.contract.kind !== 'option' || h.contract.right !== 'put') return;
    const key = `${contractKey(h.contract)}x${multiplierOf(h.contract)}`;
    const seen = lowest.get(key);
    if (seen) seen.shares += shares;
    else lowest.set(key, { strike: h.contract.strike, shares });
  };
  for (const h of book.fixed.holdings) add(h, sharesOf(h));
  for (const w of book.working) for (const h of w.holdings) add(h, Math.min(0, sharesOf(h)));
  let eachAtWorst = 0;
  let highest = 0;
  for (const { strike, shares } of lowest.values()) {
    if (shares >= -1e-9) continue;
    eachAtWorst += strike * -shares;
    highest = Math.max(highest, strike);
  }
  return Math.min(eachAtWorst, worstUncoveredPutShares(book) * highest);
}
