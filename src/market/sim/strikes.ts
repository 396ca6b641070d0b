/**
 * Standard strike grids. The increment follows the strike's own price level ($0.50 under $60, $1
 * under $125, $2.50 under $300, $5 under $600, $10 above), longer-dated expiries list every second
 * one (and gain the others as they approach, as exchanges add them), and strikes far from any
 * price seen since the expiry was listed are every second again. A listed strike never
 * disappears: the range only widens with the prices seen since listing, and grids only get finer.
 */
import { daysBetween } from '../../domain/index.js';
import { expiryKind, LISTING_WINDOW_DAYS } from './expirations.js';

/** Strike levels at which the increment steps up, and the increment below each. */
const BANDS: readonly { readonly below: number; readonly increment: number }[] = [
  { below: 60, increment: 0.5 },
  { below: 125, increment: 1 },
  { below: 300, increment: 2.5 },
  { below: 600, increment: 5 },
  { below: Infinity, increment: 10 },
];

/** The standard increment for strikes around `level` dollars. */
export function baseIncrement(level: number): number {
  return BANDS.find((b) => level < b.below)!.increment;
}

export interface StrikeGridInput {
  /** Lowest and highest price seen since the expiry was listed. */
  readonly low: number;
  readonly high: number;
  /** Long-run ATM vol of the name (sets the range). */
  readonly vol: number;
  readonly expiry: string;
  /** Today, New York (`YYYY-MM-DD`). */
  readonly today: string;
  /** The simulation's first day (listing days before it do not matter). */
  readonly startDate: string;
}

/** The listed strikes of one expiry, ascending. */
export function strikeGrid(input: StrikeGridInput): number[] {
  const daysLeft = daysBetween(input.today, input.expiry);
  const multiple = daysLeft <= 60 ? 1 : 2;
  const kind = expiryKind(input.expiry) ?? 'weekly';
  const listedDays = Math.min(daysBetween(input.startDate, input.expiry), LISTING_WINDOW_DAYS[kind]);
  const width = input.vol * Math.sqrt(Math.max(listedDays, 30) / 365);
  const lowest = Math.max(input.low * Math.exp(-3.2 * width), input.low * 0.25);
  const highest = Math.min(input.high * Math.exp(2.8 * width), input.high * 2.5);
  // Within the band of prices seen (widened): every step; further out: every second one.
  const denseLow = input.low * 0.65;
  const denseHigh = input.high * 1.4;

  const out: number[] = [];
  let bandStart = 0;
  for (const band of BANDS) {
    const step = band.increment * multiple;
    const from = Math.max(lowest, bandStart);
    const to = Math.min(highest, band.below);
    bandStart = band.below;
    if (from > to) continue;
    for (
      let k = Math.ceil(from / step - 1e-9);
      k * step < to - 1e-9 || (to === highest && k * step <= to + 1e-9);
      k++
    ) {
      const strike = Number((k * step).toFixed(4));
      if (strike <= 0) continue;
      if ((strike >= denseLow && strike <= denseHigh) || k % 2 === 0) out.push(strike);
    }
  }
  return out;
}
