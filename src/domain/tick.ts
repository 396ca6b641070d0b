/**
 * US equity option tick sizes: $0.05 at or above $3.00 and $0.01 below for penny-program classes
 * ($0.10 / $0.05 for others); combos trade in $0.01. Stocks $0.01.
 */
export interface TickRule {
  /** Price at or above which the wide tick applies, dollars per share. */
  readonly threshold: number;
  readonly below: number;
  readonly atOrAbove: number;
}

export const PENNY_PROGRAM_TICKS: TickRule = { threshold: 3, below: 0.01, atOrAbove: 0.05 };
export const NON_PENNY_TICKS: TickRule = { threshold: 3, below: 0.05, atOrAbove: 0.1 };
export const COMBO_TICK = 0.01;
export const STOCK_TICK = 0.01;

export function tickFor(price: number, rule: TickRule = PENNY_PROGRAM_TICKS): number {
  return Math.abs(price) >= rule.threshold ? rule.atOrAbove : rule.below;
}

/** True when `price` is a whole number of `tick`s (to a tolerance far below a cent). */
export function isOnTick(price: number, tick: number): boolean {
  const units = price / tick;
  return Math.abs(units - Math.round(units)) < 1e-6;
}

/** Round to the nearest tick, or toward the passive side (`down` for bids, `up` for asks). */
export function roundToTick(
  price: number,
  tick: number,
  mode: 'nearest' | 'down' | 'up' = 'nearest',
): number {
  const units = price / tick;
  const eps = 1e-9;
  const n =
    mode === 'nearest'
      ? Math.round(units)
      : mode === 'down'
        ? Math.floor(units + eps)
        : Math.ceil(units - eps);
  return Number((n * tick).toFixed(4));
}
