/**
 * Payoff arithmetic for max loss, from the legs only. A holding set is valued at its first expiry E:
 * stock at S, options expiring at E at intrinsic, later-dated options at a lower bound of their worth
 * at E — intrinsic when they are all long (an American option is worth at least that), otherwise the
 * worst value of the later legs on their own (recursively). The result is piecewise linear in S with
 * kinks only at strikes, so its minimum is at 0, at a strike, or −∞ when the slope beyond the last
 * strike is negative (more short calls than long calls and stock).
 */
import { contractKey, multiplierOf, type Contract, type OptionContract } from '../../domain/index.js';

/** A signed holding in contracts (options) or shares (stock): + long, − short. */
export interface Holding {
  readonly contract: Contract;
  readonly quantity: number;
}

/** Holdings with what they cost: + paid, − received, dollars. NaN when a price is unknown. */
export interface Book {
  readonly holdings: readonly Holding[];
  readonly cost: number;
}

/** The most a book can lose, or unbounded (`slope`: shares lost per $1 rise beyond the last strike). */
export type MaxLoss =
  | { readonly bounded: true; readonly value: number }
  | { readonly bounded: false; readonly slope: number; readonly reason: 'short_calls' | 'unpriced' };

/** One piece of a payoff at expiry, in S: an option at intrinsic, stock, or a constant (dollars). */
export type Term =
  | { readonly kind: 'call' | 'put'; readonly strike: number; readonly shares: number }
  | { readonly kind: 'stock'; readonly shares: number }
  | { readonly kind: 'const'; readonly value: number };

type MinValue =
  { readonly bounded: true; readonly value: number } | { readonly bounded: false; readonly slope: number };

/** Signed shares a holding stands for (contracts × multiplier). */
export function sharesOf(h: Holding): number {
  return h.quantity * multiplierOf(h.contract);
}

/** Holdings netted per contract; zero lines dropped. */
export function netHoldings(holdings: readonly Holding[]): Holding[] {
  const byKey = new Map<string, { contract: Contract; quantity: number }>();
  for (const h of holdings) {
    const key = `${contractKey(h.contract)}x${multiplierOf(h.contract)}`;
    const seen = byKey.get(key);
    if (seen) seen.quantity += h.quantity;
    else byKey.set(key, { contract: h.contract, quantity: h.quantity });
  }
  return [...byKey.values()].filter((h) => Math.abs(h.quantity) > 1e-9);
}

function optionTerm(contract: OptionContract, shares: number): Term {
  return { kind: contract.right, strike: contract.strike, shares };
}

/** A holding at intrinsic (options) or at S (stock), as a term. */
export function termOf(h: Holding): Term {
  return h.contract.kind === 'stock'
    ? { kind: 'stock', shares: h.quantity }
    : optionTerm(h.contract, sharesOf(h));
}

/** Shares gained per $1 rise of S beyond the last strike (long calls and stock less short calls). */
export function slopeOf(terms: readonly Term[]): number {
  let slope = 0;
  for (const t of terms) if (t.kind === 'call' || t.kind === 'stock') slope += t.shares;
  return slope;
}

/** Worth of terms at spot `spot`, dollars. */
export function valueAt(terms: readonly Term[], spot: number): number {
  let v = 0;
  for (const t of terms) {
    if (t.kind === 'const') v += t.value;
    else if (t.kind === 'stock') v += t.shares * spot;
    else if (t.kind === 'call') v += t.shares * Math.max(0, spot - t.strike);
    else v += t.shares * Math.max(0, t.strike - spot);
  }
  return v;
}

function minimum(terms: readonly Term[]): MinValue {
  const slope = slopeOf(terms);
  const points = [0];
  for (const t of terms) if (t.kind === 'call' || t.kind === 'put') points.push(t.strike);
  if (slope < -1e-9) return { bounded: false, slope };
  let min = Infinity;
  for (const p of points) min = Math.min(min, valueAt(terms, p));
  return { bounded: true, value: min };
}

/** A lower bound of the holdings' worth at their first expiry, as terms in S; or unbounded. */
function lowerBound(holdings: readonly Holding[]): { terms: Term[] } | { unbounded: number } {
  const terms: Term[] = [];
  const options: { contract: OptionContract; shares: number }[] = [];
  for (const h of holdings) {
    if (h.contract.kind === 'stock') terms.push({ kind: 'stock', shares: h.quantity });
    else options.push({ contract: h.contract, shares: sharesOf(h) });
  }
  if (options.length === 0) return { terms };
  const first = options.reduce(
    (e, o) => (o.contract.expiry < e ? o.contract.expiry : e),
    options[0]!.contract.expiry,
  );
  const later = options.filter((o) => o.contract.expiry > first);
  for (const o of options) if (o.contract.expiry === first) terms.push(optionTerm(o.contract, o.shares));
  if (later.length > 0) {
    if (later.every((o) => o.shares > 0)) {
      for (const o of later) terms.push(optionTerm(o.contract, o.shares));
    } else {
      const sub = lowerBound(
        later.map((o) => ({ contract: o.contract, quantity: o.shares / o.contract.multiplier })),
      );
      if ('unbounded' in sub) return sub;
      const m = minimum(sub.terms);
      if (!m.bounded) return { unbounded: m.slope };
      terms.push({ kind: 'const', value: m.value });
    }
  }
  return { terms };
}

/** The worst loss of a book from its cost, holding every leg to expiry (see the module comment). */
export function maxLossOf(book: Book): MaxLoss {
  const lb = lowerBound(netHoldings(book.holdings));
  if ('unbounded' in lb) return { bounded: false, slope: lb.unbounded, reason: 'short_calls' };
  const m = minimum(lb.terms);
  if (!m.bounded) return { bounded: false, slope: m.slope, reason: 'short_calls' };
  if (Number.isNaN(book.cost)) return { bounded: false, slope: 0, reason: 'unpriced' };
  return { bounded: true, value: book.cost - m.value };
}

/** Max loss as a number: +∞ when unbounded. */
export function lossValue(loss: MaxLoss): number {
  return loss.bounded ? loss.value : Infinity;
}

/**
 * Short puts not covered by a long put on the same underlying with the same or a later expiry,
 * in shares, per short contract. Shares of cover are used once each.
 */
export function uncoveredShortPuts(
  holdings: readonly Holding[],
): { contract: OptionContract; shares: number }[] {
  const puts = netHoldings(holdings).flatMap((h) =>
    h.contract.kind === 'option' && h.contract.right === 'put'
      ? [{ contract: h.contract, shares: sharesOf(h) }]
      : [],
  );
  const shorts = puts
    .filter((p) => p.shares < 0)
    .sort((a, b) => b.contract.expiry.localeCompare(a.contract.expiry));
  const longs = puts.filter((p) => p.shares > 0).map((p) => ({ expiry: p.contract.expiry, left: p.shares }));
  const out: { contract: OptionContract; shares: number }[] = [];
  for (const s of shorts) {
    let need = -s.shares;
    // Shorts go latest first; any long that covers a later short also covers every earlier one.
    for (const l of longs) {
      if (need <= 0) break;
      if (l.expiry < s.contract.expiry || l.left <= 0) continue;
      const used = Math.min(l.left, need);
      l.left -= used;
      need -= used;
    }
    if (need > 1e-9) out.push({ contract: s.contract, shares: need });
  }
  return out;
}
