import { daysBetween, type ChainRow, type OptionChain, type Right } from '../../domain/index.js';

/** Whole calendar days from `today` to `expiry` (both `YYYY-MM-DD`, New York). */
export function daysToExpiry(expiry: string, today: string): number {
  return daysBetween(today, expiry);
}

/** Expirations in a chain, ascending. */
export function chainExpiries(chain: OptionChain): string[] {
  return [...new Set(chain.rows.map((r) => r.contract.expiry))].sort();
}

/**
 * Up to `max` expirations whose days to expiry fall in `dte`, those nearest the middle of the range
 * first, returned in date order.
 */
export function pickExpiries(
  expiries: readonly string[],
  today: string,
  dte: readonly [number, number],
  max: number,
): string[] {
  const middle = (dte[0] + dte[1]) / 2;
  return expiries
    .map((expiry) => ({ expiry, days: daysToExpiry(expiry, today) }))
    .filter((e) => e.days >= dte[0] && e.days <= dte[1])
    .sort((a, b) => Math.abs(a.days - middle) - Math.abs(b.days - middle) || a.days - b.days)
    .slice(0, max)
    .map((e) => e.expiry)
    .sort();
}

/** The row of a right whose |delta| is nearest `target`; ties go to the further-from-money strike. */
export function nearestDelta(rows: readonly ChainRow[], right: Right, target: number): ChainRow | null {
  let best: ChainRow | null = null;
  let bestGap = Infinity;
  for (const row of rows) {
    if (row.contract.right !== right || row.greeks === null) continue;
    const gap = Math.abs(Math.abs(row.greeks.delta) - target);
    if (gap < bestGap - 1e-12) {
      best = row;
      bestGap = gap;
    }
  }
  return best;
}

/** At-the-money IV of one expiry: the mean IV of the call and the put nearest 50 delta. */
export function atmIv(rows: readonly ChainRow[]): number | null {
  const ivs = [nearestDelta(rows, 'call', 0.5)?.iv, nearestDelta(rows, 'put', 0.5)?.iv].filter(
    (v): v is number => typeof v === 'number',
  );
  return ivs.length ? ivs.reduce((a, b) => a + b, 0) / ivs.length : null;
}

/** 25-delta risk reversal: IV of the 25-delta call minus IV of the 25-delta put. */
export function riskReversal25(rows: readonly ChainRow[]): number | null {
  const call = nearestDelta(rows, 'call', 0.25)?.iv;
  const put = nearestDelta(rows, 'put', 0.25)?.iv;
  return typeof call === 'number' && typeof put === 'number' ? call - put : null;
}

/** Put skew: IV of the 25-delta put minus the at-the-money IV. */
export function putSkew25(rows: readonly ChainRow[]): number | null {
  const put = nearestDelta(rows, 'put', 0.25)?.iv;
  const atm = atmIv(rows);
  return typeof put === 'number' && atm !== null ? put - atm : null;
}

/** The expiry nearest `targetDays` among those at least `minDays` out, or null. */
export function expiryNear(
  expiries: readonly string[],
  today: string,
  targetDays: number,
  minDays = 1,
): string | null {
  let best: string | null = null;
  let bestGap = Infinity;
  for (const expiry of expiries) {
    const days = daysToExpiry(expiry, today);
    if (days < minDays) continue;
    const gap = Math.abs(days - targetDays);
    if (gap < bestGap) {
      best = expiry;
      bestGap = gap;
    }
  }
  return best;
}
