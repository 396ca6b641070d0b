/**
 * Reg-T-style requirements for a book of stock and options, per underlying:
 * - short calls covered by long stock: nothing beyond the stock's own margin;
 * - spreads (a short paired with a long of the same right expiring no earlier): the max loss,
 *   i.e. the strike difference when the long is further out of the money, else nothing; a put
 *   spread and a call spread of the same expiry (an iron condor) need only the larger of the two;
 * - naked short calls: premium + max(20 % of spot − OTM amount, 10 % of spot);
 * - naked short puts: premium + max(20 % of spot − OTM amount, 10 % of strike); in a cash
 *   account the strike in full (cash-secured);
 * - stock: 50 % initial, 25 % (long) / 30 % (short) maintenance; 100 % in a cash account;
 * - long options: paid in full, no loan value (they are left out of equity with loan value).
 * Dollars throughout.
 */
import { multiplierOf, type Contract, type OptionContract } from '../../domain/index.js';

export interface MarginPosition {
  readonly contract: Contract;
  readonly quantity: number;
}

export interface MarginMarks {
  /** Underlying price. */
  spot(symbol: string): number;
  /** Current price per share of a contract (an option's mark). */
  mark(contract: Contract): number;
}

export interface MarginResult {
  readonly initial: number;
  readonly maintenance: number;
  /** Short calls neither covered by stock nor spread (a cash account may not hold them). */
  readonly nakedCallContracts: number;
  /** Short stock shares (a cash account may not hold them). */
  readonly shortShares: number;
}

interface Lot {
  readonly contract: OptionContract;
  qty: number;
}

interface SpreadUnit {
  readonly expiry: string;
  readonly perUnit: number;
  qty: number;
}

export function marginRequirement(
  positions: readonly MarginPosition[],
  marks: MarginMarks,
  accountType: 'margin' | 'cash',
): MarginResult {
  const bySymbol = new Map<string, MarginPosition[]>();
  for (const p of positions) {
    if (p.quantity === 0) continue;
    const list = bySymbol.get(p.contract.symbol) ?? [];
    list.push(p);
    bySymbol.set(p.contract.symbol, list);
  }
  let initial = 0;
  let maintenance = 0;
  let nakedCallContracts = 0;
  let shortShares = 0;
  for (const [symbol, list] of bySymbol) {
    const r = underlyingRequirement(list, marks, marks.spot(symbol), accountType);
    initial += r.initial;
    maintenance += r.maintenance;
    nakedCallContracts += r.nakedCallContracts;
    shortShares += r.shortShares;
  }
  return { initial, maintenance, nakedCallContracts, shortShares };
}

function lots(list: readonly MarginPosition[], right: 'call' | 'put', long: boolean): Lot[] {
  const out: Lot[] = [];
  for (const p of list) {
    if (p.contract.kind !== 'option' || p.contract.right !== right) continue;
    if (long ? p.quantity > 0 : p.quantity < 0) out.push({ contract: p.contract, qty: Math.abs(p.quantity) });
  }
  return out;
}

function underlyingRequirement(
  list: readonly MarginPosition[],
  marks: MarginMarks,
  spot: number,
  accountType: 'margin' | 'cash',
): MarginResult {
  let initial = 0;
  let maintenance = 0;
  let shares = 0;
  for (const p of list) if (p.contract.kind === 'stock') shares += p.quantity;
  const stockValue = Math.abs(shares) * spot;
  if (accountType === 'cash') {
    initial += stockValue;
    maintenance += stockValue;
  } else {
    initial += 0.5 * stockValue;
    maintenance += (shares > 0 ? 0.25 : 0.3) * stockValue;
  }

  const shortCalls = lots(list, 'call', false).sort((a, b) => a.contract.strike - b.contract.strike);
  const longCalls = lots(list, 'call', true).sort((a, b) => a.contract.strike - b.contract.strike);
  const shortPuts = lots(list, 'put', false).sort((a, b) => b.contract.strike - a.contract.strike);
  const longPuts = lots(list, 'put', true).sort((a, b) => b.contract.strike - a.contract.strike);

  // Covered calls: long stock covers the deepest short calls first.
  let coverShares = Math.max(0, shares);
  for (const lot of shortCalls) {
    const m = lot.contract.multiplier;
    const covered = Math.min(lot.qty, Math.floor(coverShares / m + 1e-9));
    lot.qty -= covered;
    coverShares -= covered * m;
  }

  const callUnits = pairSpreads(shortCalls, longCalls, (s, l) => Math.max(0, l.strike - s.strike));
  const putUnits = pairSpreads(shortPuts, longPuts, (s, l) => Math.max(0, s.strike - l.strike));
  const spreads = condorRequirement(callUnits, putUnits);
  initial += spreads;
  maintenance += spreads;

  let nakedCallContracts = 0;
  for (const lot of shortCalls) {
    if (lot.qty <= 0) continue;
    nakedCallContracts += lot.qty;
    const k = lot.contract.strike;
    const perShare = marks.mark(lot.contract) + Math.max(0.2 * spot - Math.max(0, k - spot), 0.1 * spot);
    initial += perShare * lot.contract.multiplier * lot.qty;
    maintenance += perShare * lot.contract.multiplier * lot.qty;
  }
  for (const lot of shortPuts) {
    if (lot.qty <= 0) continue;
    const k = lot.contract.strike;
    const perShare =
      accountType === 'cash'
        ? k
        : marks.mark(lot.contract) + Math.max(0.2 * spot - Math.max(0, spot - k), 0.1 * k);
    initial += perShare * lot.contract.multiplier * lot.qty;
    maintenance += perShare * lot.contract.multiplier * lot.qty;
  }
  return { initial, maintenance, nakedCallContracts, shortShares: Math.max(0, -shares) };
}

/**
 * Pairs each short with longs of the same right expiring no earlier, preferring the long that
 * needs the least; consumes the paired quantities. Returns the spreads' max loss per unit.
 */
function pairSpreads(
  shorts: Lot[],
  longs: Lot[],
  loss: (short: OptionContract, long: OptionContract) => number,
): SpreadUnit[] {
  const units: SpreadUnit[] = [];
  for (const s of shorts) {
    while (s.qty > 0) {
      let best: Lot | null = null;
      let bestLoss = Infinity;
      for (const l of longs) {
        if (
          l.qty <= 0 ||
          l.contract.expiry < s.contract.expiry ||
          l.contract.multiplier !== s.contract.multiplier
        )
          continue;
        const value = loss(s.contract, l.contract);
        if (value < bestLoss) {
          best = l;
          bestLoss = value;
        }
      }
      if (!best) break;
      const qty = Math.min(s.qty, best.qty);
      s.qty -= qty;
      best.qty -= qty;
      units.push({ expiry: s.contract.expiry, perUnit: bestLoss * multiplierOf(s.contract), qty });
    }
  }
  return units;
}

/** Call and put spreads of one expiry cannot both lose: each matched pair needs only the larger. */
function condorRequirement(calls: SpreadUnit[], puts: SpreadUnit[]): number {
  let total = 0;
  const expiries = new Set([...calls, ...puts].map((u) => u.expiry));
  for (const expiry of expiries) {
    const c = calls.filter((u) => u.expiry === expiry).sort((a, b) => b.perUnit - a.perUnit);
    const p = puts.filter((u) => u.expiry === expiry).sort((a, b) => b.perUnit - a.perUnit);
    let i = 0;
    let j = 0;
    while (i < c.length && j < p.length) {
      const qty = Math.min(c[i]!.qty, p[j]!.qty);
      total += Math.max(c[i]!.perUnit, p[j]!.perUnit) * qty;
      c[i]!.qty -= qty;
      p[j]!.qty -= qty;
      if (c[i]!.qty === 0) i++;
      if (p[j]!.qty === 0) j++;
    }
    for (const u of [...c.slice(i), ...p.slice(j)]) total += u.perUnit * u.qty;
  }
  return total;
}
